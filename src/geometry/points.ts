/** Point arrays (flat x, y, x, y, ...) under a Mat3, and the in-frame rule. */
import { AuguryError } from '../core/errors.js';
import { isAffine, type Mat3 } from './matrix.js';

/** The output canvas a map lands on. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
}

/** Maps every point of `xy` (flat x, y pairs) into a new array, with projective division. */
export function mapPoints(xy: Float64Array, m: Mat3): Float64Array {
  const out = new Float64Array(xy.length);
  mapPointsInto(xy, m, out);
  return out;
}

/** `mapPoints` writing into `out` (same length as `xy`; may be `xy` itself). */
export function mapPointsInto(xy: Float64Array, m: Mat3, out: Float64Array): void {
  const a = m[0]!, b = m[1]!, c = m[2]!, d = m[3]!, e = m[4]!, f = m[5]!, g = m[6]!, h = m[7]!, i = m[8]!;
  const n = xy.length >> 1;
  if (isAffine(m) && i === 1) {
    for (let k = 0; k < n; k++) {
      const x = xy[2 * k]!, y = xy[2 * k + 1]!;
      out[2 * k] = a * x + b * y + c;
      out[2 * k + 1] = d * x + e * y + f;
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const x = xy[2 * k]!, y = xy[2 * k + 1]!;
    const w = g * x + h * y + i;
    out[2 * k] = (a * x + b * y + c) / w;
    out[2 * k + 1] = (d * x + e * y + f) / w;
  }
}

/** The frame rule of docs/coordinates.md: 0 <= x <= width and 0 <= y <= height (borders count). */
export function inFrame(x: number, y: number, width: number, height: number): boolean {
  return x >= 0 && x <= width && y >= 0 && y <= height;
}

/**
 * How far past the border a mapped point may land and still count as on it: 1e-9 of the canvas
 * size. A resize by newW / W does not always send W to newW exactly, and that last-bit error
 * must not push border points out of frame.
 */
export function frameTolerance(width: number, height: number): number {
  return 1e-9 * Math.max(1, width, height);
}

/**
 * Throws when a projective map sends some of these points to the other side of its horizon
 * (w <= 0 for some and w > 0 for others, or w = 0): the straight edges between them would then
 * map to rays through infinity, and no box or polygon can describe the result.
 */
export function assertSameSideOfHorizon(xy: Float64Array, m: Mat3, record: string): void {
  if (isAffine(m)) return;
  const g = m[6]!, h = m[7]!, i = m[8]!;
  let pos = 0, neg = 0;
  for (let k = 0; k < xy.length; k += 2) {
    const w = g * xy[k]! + h * xy[k + 1]! + i;
    if (w > 0) pos++;
    else if (w < 0) neg++;
    else { pos++; neg++; }
  }
  if (pos > 0 && neg > 0) throw horizonError(m, record, 'use a milder perspective (smaller distortion scale), or crop the object first');
}

/** The error for an object that a perspective map sends across its horizon (to infinity). */
export function horizonError(m: Mat3, record: string, hint: string): AuguryError {
  return new AuguryError({
    code: 'validation',
    message: 'the perspective map sends part of this object to infinity',
    record,
    expected: 'a perspective whose horizon does not cross the object',
    received: `matrix [${Array.from(m).join(', ')}]`,
    hint,
  });
}
