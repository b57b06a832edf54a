/**
 * Polygon rings under a map: exact vertex mapping (straight edges stay straight under affine and
 * projective maps), Sutherland–Hodgman clipping to the canvas, and the area share still in frame.
 */
import type { Polygons, Ring } from '../targets/polygons.js';
import { type Mat3 } from './matrix.js';
import { assertSameSideOfHorizon, frameTolerance, inFrame, mapPoints, type Canvas } from './points.js';

/**
 * Ratios this close to 1 are read as 1, and this close to 0 as 0: a resize by newW/W can land a
 * border vertex one ulp past the new border, and rounding noise must never read as occlusion
 * (nor as a visible sliver of an object that left the frame).
 */
const RATIO_SNAP = 1e-9;

/**
 * Clips a ring (flat x, y, ...) to the rectangle [x0, x1] x [y0, y1] with Sutherland–Hodgman.
 * Points on the border count as inside. Consecutive duplicate vertices are merged; a result with
 * fewer than 3 vertices is returned as an empty array. A concave ring that leaves and re-enters
 * the rectangle comes back as one ring joined along the border (zero-width bridges, which add no
 * area). Pinned by test/geometry/polygons.test.ts.
 */
export function clipRingToRect(ring: Ring, x0: number, y0: number, x1: number, y1: number): Ring {
  let n = ring.length >> 1;
  if (n < 3) return new Float64Array(0);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = ring[2 * k]!, y = ring[2 * k + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX >= x0 && maxX <= x1 && minY >= y0 && maxY <= y1) return dedupe(ring, n);
  if (maxX < x0 || minX > x1 || maxY < y0 || minY > y1) return new Float64Array(0);
  let cur: Float64Array = ring;
  // Each pass emits at most two vertices per input edge, hence buffers of 2n vertices.
  for (const [axis, bound, keepGreater] of [[0, x0, true], [0, x1, false], [1, y0, true], [1, y1, false]] as const) {
    const next = new Float64Array(4 * Math.max(n, 1));
    n = clipHalfPlane(cur, n, next, axis, bound, keepGreater);
    cur = next;
  }
  return dedupe(cur, n);
}

/**
 * One Sutherland–Hodgman pass against the half-plane v[axis] >= bound (`keepGreater`) or
 * v[axis] <= bound, reading `n` vertices of `s` and writing to `dst`; returns the vertex count.
 */
function clipHalfPlane(s: Float64Array, n: number, dst: Float64Array, axis: 0 | 1, bound: number, keepGreater: boolean): number {
  const other = 1 - axis;
  let out = 0;
  if (n === 0) return 0;
  let sx = s[2 * (n - 1)]!, sy = s[2 * (n - 1) + 1]!;
  let sIn = keepGreater ? (axis === 0 ? sx : sy) >= bound : (axis === 0 ? sx : sy) <= bound;
  for (let k = 0; k < n; k++) {
    const ex = s[2 * k]!, ey = s[2 * k + 1]!;
    const ev = axis === 0 ? ex : ey;
    const eIn = keepGreater ? ev >= bound : ev <= bound;
    if (eIn !== sIn) {
      // Interpolate from the endpoint with the smaller coordinate so that an edge gives the same
      // crossing whichever way it is walked (mirrored rings clip to mirrored results).
      const sv = axis === 0 ? sx : sy;
      const so = other === 0 ? sx : sy;
      const eo = other === 0 ? ex : ey;
      let cross: number;
      if (sv === bound) cross = so;
      else if (ev === bound) cross = eo;
      else {
        const [av, ao, bv, bo] = sv <= ev ? [sv, so, ev, eo] : [ev, eo, sv, so];
        cross = ao + ((bound - av) / (bv - av)) * (bo - ao);
      }
      dst[2 * out + axis] = bound;
      dst[2 * out + other] = cross;
      out++;
    }
    if (eIn) {
      dst[2 * out] = ex;
      dst[2 * out + 1] = ey;
      out++;
    }
    sx = ex; sy = ey; sIn = eIn;
  }
  return out;
}

function dedupe(a: Float64Array, n: number): Ring {
  const out = new Float64Array(2 * n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const x = a[2 * k]!, y = a[2 * k + 1]!;
    if (m > 0 && out[2 * m - 2] === x && out[2 * m - 1] === y) continue;
    out[2 * m] = x;
    out[2 * m + 1] = y;
    m++;
  }
  while (m > 1 && out[0] === out[2 * m - 2] && out[1] === out[2 * m - 1]) m--;
  return m < 3 ? new Float64Array(0) : out.slice(0, 2 * m);
}

/** Area enclosed by a ring (shoelace formula), always >= 0 whatever the orientation. */
export function ringArea(ring: Ring): number {
  const n = ring.length >> 1;
  if (n < 3) return 0;
  // Measured relative to the first vertex: far from the origin this keeps the products small.
  const ox = ring[0]!, oy = ring[1]!;
  let s = 0;
  let px = 0, py = 0;
  for (let k = 1; k < n; k++) {
    const x = ring[2 * k]! - ox, y = ring[2 * k + 1]! - oy;
    s += px * y - x * py;
    px = x; py = y;
  }
  return Math.abs(s) / 2;
}

/**
 * Areas below this (square pixels) are treated as zero: there the products of coordinates reach
 * the subnormal range and a ratio of two such areas is noise (fast-check found a box 1e-296 px
 * high whose "pure scaling" lost 8% of its visibility).
 */
const MIN_AREA = 1e-12;

/**
 * clipped / unclipped, kept inside [0, 1] (within 1e-9 of either end it snaps to that end). For
 * a (numerically) zero-area object the share is 1 when it lies in frame (`inside`) and 0 otherwise.
 */
export function areaRatio(clipped: number, unclipped: number, inside: boolean): number {
  if (!(unclipped > MIN_AREA)) return inside ? 1 : 0;
  const r = clipped / unclipped;
  if (!(r > RATIO_SNAP)) return 0;
  return r >= 1 - RATIO_SNAP ? 1 : r;
}

export interface MappedPolygons {
  /** Rings mapped and clipped to the canvas; an instance whose rings all vanished has no ring. */
  readonly polygons: Polygons;
  /** Per instance: clipped area / unclipped mapped area, in [0, 1]. */
  readonly visibility: Float64Array;
}

/**
 * Maps every ring through `m` and clips it to the canvas. A ring that vanishes (fewer than three
 * vertices left, or no area left where the border cut it) is dropped; an instance keeps its row even when
 * no ring is left, so polygons stay row-aligned with boxes. Rings of one instance are separate
 * parts (COCO's meaning), so their areas add. The visibility of an instance is its clipped area
 * over its unclipped mapped area; an instance without rings gets 1 (nothing to measure).
 * Throws when a perspective sends part of a ring past its horizon.
 */
export function mapPolygons(p: Polygons, m: Mat3, canvas: Canvas): MappedPolygons {
  const { width, height } = canvas;
  const visibility = new Float64Array(p.instances.length);
  const instances: Ring[][] = [];
  for (let i = 0; i < p.instances.length; i++) {
    const rings = p.instances[i]!;
    let full = 0, kept = 0, allInside = true;
    const out: Ring[] = [];
    for (const ring of rings) {
      if (ring.length === 0) continue;
      assertSameSideOfHorizon(ring, m, `polygon ${i}`);
      const mapped = mapPoints(ring, m);
      full += ringArea(mapped);
      const inside = everyInFrame(mapped, width, height);
      allInside &&= inside;
      const clipped = clipRingToRect(mapped, 0, 0, width, height);
      const a = ringArea(clipped);
      if (clipped.length >= 6 && (a > 0 || inside)) {
        out.push(clipped);
        kept += a;
      }
    }
    instances.push(out);
    visibility[i] = areaRatio(kept, full, allInside);
  }
  return { polygons: { ...p, instances }, visibility };
}

/** True when every point of a flat x, y array is in frame, up to `frameTolerance`. */
export function everyInFrame(xy: Float64Array, width: number, height: number): boolean {
  const t = frameTolerance(width, height);
  for (let k = 0; k < xy.length; k += 2) if (!inFrame(xy[k]! + t, xy[k + 1]! + t, width + 2 * t, height + 2 * t)) return false;
  return true;
}
