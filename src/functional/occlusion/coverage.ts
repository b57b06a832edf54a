/**
 * Geometry of holes (axis-aligned rectangles in continuous pixel coordinates): which points they
 * hide and how much of a box they cover. The transform layer uses these to update keypoint and box
 * visibility under CoarseDropout / RandomErasing.
 *
 * Rule: a hole {x1, y1, x2, y2} is the half-open set [x1, x2) x [y1, y2). A point is hidden when it
 * lies in it (Albumentations' keypoint test), and a pixel is filled when its centre does (see
 * fill.ts), so a keypoint at a pixel centre is hidden exactly when that pixel is filled.
 */
import { AuguryError } from '../../core/errors.js';

/** An axis-aligned rectangle, corners in continuous pixel coordinates. */
export interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Checks that every rect has finite corners with x1 <= x2 and y1 <= y2 (empty rects are allowed). */
export function checkRects(rects: readonly Rect[], key: string): void {
  if (!Array.isArray(rects)) {
    throw new AuguryError({ code: 'validation', message: 'rects must be an array', key, expected: 'an array of {x1, y1, x2, y2}', received: typeof rects, hint: 'pass the holes as [{ x1, y1, x2, y2 }, ...]' });
  }
  rects.forEach((r, i) => {
    const ok = r !== null && typeof r === 'object' && [r.x1, r.y1, r.x2, r.y2].every((v) => typeof v === 'number' && Number.isFinite(v)) && r.x1 <= r.x2 && r.y1 <= r.y2;
    if (!ok) {
      throw new AuguryError({
        code: 'validation',
        message: 'a hole rectangle is malformed',
        key,
        record: `rects[${i}]`,
        expected: 'finite x1 <= x2 and y1 <= y2',
        received: JSON.stringify(r) ?? String(r),
        hint: 'give holes as { x1, y1, x2, y2 } in pixels with the top-left corner first',
      });
    }
  });
}

/** True when (x, y) lies in some rect, each taken as [x1, x2) x [y1, y2). */
export function pointInRects(x: number, y: number, rects: readonly Rect[]): boolean {
  for (const r of rects) if (x >= r.x1 && x < r.x2 && y >= r.y1 && y < r.y2) return true;
  return false;
}

/**
 * The exact area of (union of `rects`) intersected with the window [x1, x2] x [y1, y2], by
 * coordinate compression: the window is cut into vertical slabs at every rect edge, and in each
 * slab the y-intervals of the rects spanning it are merged. O(n^2 log n) for n rects.
 */
export function unionAreaIn(rects: readonly Rect[], x1: number, y1: number, x2: number, y2: number): number {
  const clipped: Rect[] = [];
  for (const r of rects) {
    const c = { x1: Math.max(r.x1, x1), y1: Math.max(r.y1, y1), x2: Math.min(r.x2, x2), y2: Math.min(r.y2, y2) };
    if (c.x2 > c.x1 && c.y2 > c.y1) clipped.push(c);
  }
  if (clipped.length === 0) return 0;
  const xs = [...new Set(clipped.flatMap((r) => [r.x1, r.x2]))].sort((a, b) => a - b);
  let area = 0;
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i]!;
    const b = xs[i + 1]!;
    spans.length = 0;
    for (const r of clipped) if (r.x1 <= a && r.x2 >= b) spans.push([r.y1, r.y2]);
    if (spans.length === 0) continue;
    spans.sort((p, q) => p[0] - q[0]);
    let covered = 0;
    let [lo, hi] = spans[0]!;
    for (let k = 1; k < spans.length; k++) {
      const [s, e] = spans[k]!;
      if (s > hi) {
        covered += hi - lo;
        lo = s;
        hi = e;
      } else if (e > hi) hi = e;
    }
    covered += hi - lo;
    area += covered * (b - a);
  }
  return area;
}

/**
 * The fraction of the window [x1, x2] x [y1, y2] covered by the union of `rects`, in [0, 1]. A
 * window of zero area counts as covered (1) when its centre lies in a rect, else 0.
 */
export function rectsCoverage(rects: readonly Rect[], x1: number, y1: number, x2: number, y2: number): number {
  const area = (x2 - x1) * (y2 - y1);
  if (!(area > 0)) return pointInRects((x1 + x2) / 2, (y1 + y2) / 2, rects) ? 1 : 0;
  return Math.min(1, Math.max(0, unionAreaIn(rects, x1, y1, x2, y2) / area));
}

/**
 * The fraction of `box`'s area NOT covered by the holes: 1 with no overlap, 0 when fully hidden.
 * @example visibleFractionOfBox({ x1: 0, y1: 0, x2: 10, y2: 10 }, [{ x1: 5, y1: 0, x2: 20, y2: 10 }]) // 0.5
 */
export function visibleFractionOfBox(box: Rect, rects: readonly Rect[]): number {
  return 1 - rectsCoverage(rects, box.x1, box.y1, box.x2, box.y2);
}

/**
 * {@link visibleFractionOfBox} for N boxes stored as N x 4 xyxy rows (the library's `Boxes`
 * layout), one fraction per box.
 */
export function visibleFractions(boxes: ArrayLike<number>, rects: readonly Rect[]): Float64Array {
  if (boxes.length % 4 !== 0) {
    throw new AuguryError({ code: 'validation', message: 'boxes must hold 4 numbers per box', key: 'visibleFractions.boxes', expected: 'a length divisible by 4 (x1, y1, x2, y2 per box)', received: String(boxes.length), hint: 'pass the N x 4 xyxy array of a Boxes target' });
  }
  const out = new Float64Array(boxes.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = 1 - rectsCoverage(rects, boxes[4 * i]!, boxes[4 * i + 1]!, boxes[4 * i + 2]!, boxes[4 * i + 3]!);
  }
  return out;
}
