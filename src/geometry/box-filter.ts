/** Dropping boxes after a geometric step, with every row-aligned target dropped alongside. */
import { AuguryError } from '../core/errors.js';
import { selectBoxes, type Boxes } from '../targets/boxes.js';
import { selectInstanceMasks, type InstanceMasks } from '../targets/mask.js';
import { selectPolygons, type Polygons } from '../targets/polygons.js';

export interface BoxFilterOptions {
  /** Minimum box area in pixels²; default 0. */
  minArea?: number;
  /** Minimum visibility (share of the object in frame, multiplied over steps); default 0. */
  minVisibility?: number;
  /** Minimum box width in pixels; default 0. */
  minWidth?: number;
  /** Minimum box height in pixels; default 0. */
  minHeight?: number;
}

/**
 * Row indices (ascending) of the boxes that pass every threshold (each compared with >=). A box
 * with visibility 0, i.e. entirely out of frame, is always dropped, whatever the thresholds.
 * Pinned by test/geometry/box-filter.test.ts.
 * @example filterBoxes(boxes, { minVisibility: 0.3, minArea: 4 })
 */
export function filterBoxes(boxes: Boxes, opts: BoxFilterOptions = {}): Int32Array {
  const minArea = threshold(opts.minArea, 'minArea', Infinity);
  const minVisibility = threshold(opts.minVisibility, 'minVisibility', 1);
  const minWidth = threshold(opts.minWidth, 'minWidth', Infinity);
  const minHeight = threshold(opts.minHeight, 'minHeight', Infinity);
  const n = boxes.xyxy.length >> 2;
  const keep = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const w = boxes.xyxy[4 * i + 2]! - boxes.xyxy[4 * i]!;
    const h = boxes.xyxy[4 * i + 3]! - boxes.xyxy[4 * i + 1]!;
    const v = boxes.visibility[i]!;
    if (v > 0 && v >= minVisibility && w >= minWidth && h >= minHeight && Math.max(0, w) * Math.max(0, h) >= minArea) keep[k++] = i;
  }
  return keep.slice(0, k);
}

/** The targets that are row-aligned with boxes (any sample-like object). */
export interface BoxAligned {
  readonly boxes: Boxes;
  readonly polygons?: Polygons;
  readonly instanceMasks?: InstanceMasks;
}

/**
 * Keeps rows `indices` of the boxes and of the polygons and instance masks aligned with them;
 * every other property of `s` is passed through unchanged.
 */
export function applyBoxFilter<T extends BoxAligned>(s: T, indices: ArrayLike<number>): T {
  const n = s.boxes.xyxy.length >> 2;
  for (const [name, count] of [['polygons', s.polygons?.instances.length], ['instanceMasks', s.instanceMasks?.masks.length]] as const) {
    if (count !== undefined && count !== n) {
      throw new AuguryError({ code: 'validation', message: `${name} must be row-aligned with boxes`, key: name, expected: `${n} rows`, received: String(count), hint: 'give one entry per box (an empty one when a box has none)' });
    }
  }
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (!Number.isInteger(r) || r < 0 || r >= n) {
      throw new AuguryError({ code: 'validation', message: 'box filter index out of range', expected: `integers in [0, ${n})`, received: String(r), hint: 'pass the indices returned by filterBoxes for these boxes' });
    }
  }
  return {
    ...s,
    boxes: selectBoxes(s.boxes, indices),
    ...(s.polygons ? { polygons: selectPolygons(s.polygons, indices) } : {}),
    ...(s.instanceMasks ? { instanceMasks: selectInstanceMasks(s.instanceMasks, indices) } : {}),
  };
}

function threshold(v: number | undefined, key: string, max: number): number {
  if (v === undefined) return 0;
  if (!(v >= 0 && v <= max)) {
    throw new AuguryError({ code: 'validation', message: `box filter ${key} is out of range`, key, expected: max === 1 ? 'a number in [0, 1]' : 'a number >= 0', received: String(v), hint: `set ${key} to a non-negative number${max === 1 ? ' no larger than 1' : ''}` });
  }
  return v;
}
