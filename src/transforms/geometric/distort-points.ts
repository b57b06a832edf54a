/**
 * Labels through coordinate maps (ElasticTransform, GridDistortion, OpticalDistortion). A
 * distortion bends straight lines, so mapping only the vertices of a polygon or the corners of a
 * box would cut or bloat the object. Instead outlines are sampled densely in the input, every
 * sample is moved by the numerical inverse of the maps (mapPointsThroughMaps, which solves
 * |M(q) - p| <= MAP_POINTS_TOLERANCE = 1e-3 input pixels), and the mapped outline is simplified
 * again within SIMPLIFY_TOLERANCE.
 */
import { evaluateMaps, mapPointsThroughMaps, type CoordinateMaps } from '../../functional/geometric/index.js';
import type { Canvas } from '../../geometry/points.js';
import { identity } from '../../geometry/matrix.js';
import { mapKeypoints } from '../../geometry/keypoints.js';
import type { Keypoints } from '../../targets/keypoints.js';
import type { Ring } from '../../targets/polygons.js';

/** Largest distance between outline samples, in input pixels. */
export const OUTLINE_STEP = 0.5;
/** Largest distance a dropped vertex may lie from the simplified ring, in output pixels. */
export const SIMPLIFY_TOLERANCE = 0.01;

/** A closed ring with extra vertices so that no edge is longer than `step`. */
export function densifyRing(ring: Ring, step = OUTLINE_STEP): Float64Array {
  const n = ring.length >> 1;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const x0 = ring[2 * k]!, y0 = ring[2 * k + 1]!;
    const j = (k + 1) % n;
    const x1 = ring[2 * j]!, y1 = ring[2 * j + 1]!;
    const parts = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let t = 0; t < parts; t++) out.push(x0 + ((x1 - x0) * t) / parts, y0 + ((y1 - y0) * t) / parts);
  }
  return Float64Array.from(out);
}

/** The outline of box (x1, y1, x2, y2), clockwise on screen from the top-left corner, densified. */
export function boxOutline(x1: number, y1: number, x2: number, y2: number, step = OUTLINE_STEP): Float64Array {
  return densifyRing(Float64Array.of(x1, y1, x2, y1, x2, y2, x1, y2), step);
}

/** The ellipse inscribed in box (x1, y1, x2, y2), sampled at most `step` apart (at least 16 samples). */
export function ellipseOutline(x1: number, y1: number, x2: number, y2: number, step = OUTLINE_STEP): Float64Array {
  const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2, a = (x2 - x1) / 2, b = (y2 - y1) / 2;
  // The perimeter is below 2π·max(a, b); sampling by that bound keeps samples at most `step` apart.
  const n = Math.max(16, Math.ceil((2 * Math.PI * Math.max(a, b)) / step));
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    out[2 * k] = cx + a * Math.cos(t);
    out[2 * k + 1] = cy + b * Math.sin(t);
  }
  return out;
}

/**
 * Moves the points of a (densified) ring through the maps and drops the samples that have no
 * image (NaN: the distortion pushed them out of every output pixel). Not simplified.
 */
export function mapOutline(xy: Float64Array, maps: CoordinateMaps): Float64Array {
  const q = mapPointsThroughMaps(xy, maps);
  const out: number[] = [];
  for (let k = 0; k < q.length; k += 2) if (Number.isFinite(q[k]!) && Number.isFinite(q[k + 1]!)) out.push(q[k]!, q[k + 1]!);
  return Float64Array.from(out);
}

/** A ring mapped through the maps: densified, moved, simplified. Empty if fewer than 3 vertices survive. */
export function mapRing(ring: Ring, maps: CoordinateMaps): Ring {
  const mapped = simplifyRing(mapOutline(densifyRing(ring), maps), SIMPLIFY_TOLERANCE);
  return mapped.length >= 6 ? mapped : new Float64Array(0);
}

/**
 * Douglas–Peucker on a closed ring: keeps a subset of vertices such that every dropped vertex
 * lies within `tol` of the kept ring. The ring is split at vertex 0 and the vertex farthest from
 * it, and each half is simplified as an open chain.
 */
export function simplifyRing(ring: Float64Array, tol: number): Float64Array {
  const n = ring.length >> 1;
  if (n <= 3) return ring.slice();
  const x = (i: number) => ring[2 * (i % n)]!, y = (i: number) => ring[2 * (i % n) + 1]!;
  let far = 0, best = -1;
  for (let i = 1; i < n; i++) {
    const d = (x(i) - x(0)) ** 2 + (y(i) - y(0)) ** 2;
    if (d > best) { best = d; far = i; }
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[far] = 1;
  // Chains [0, far] and [far, n] (index n is vertex 0 again).
  const stack: [number, number][] = [[0, far], [far, n]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    const ax = x(a), ay = y(a), bx = x(b), by = y(b);
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const px = x(i) - ax, py = y(i) - ay;
      // Distance to the segment (to the nearer end past either end).
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
      const d = Math.hypot(px - t * dx, py - t * dy);
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > tol) {
      keep[at % n] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(x(i), y(i));
  return Float64Array.from(out);
}

/** Bounding box [x1, y1, x2, y2] of flat points, or null when there are none. */
export function enclosingBox(xy: Float64Array): Float64Array | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k + 1 < xy.length; k += 2) {
    minX = Math.min(minX, xy[k]!); maxX = Math.max(maxX, xy[k]!);
    minY = Math.min(minY, xy[k + 1]!); maxY = Math.max(maxY, xy[k + 1]!);
  }
  return minX <= maxX ? Float64Array.of(minX, minY, maxX, maxY) : null;
}

/** Far outside any canvas: marks keypoints without an image, so the frame rule drops them. */
const NOWHERE = -1e300;

/**
 * Keypoints through the maps. Positions come from the inverse (tolerance as above); angle and
 * scale follow the local Jacobian of the forward map, the inverse of the maps' own Jacobian
 * (central differences half a pixel apart). Then the frame rule of mapKeypoints applies
 * (visibility 0 out of frame, `removeInvisible`). A keypoint that no output pixel shows (NaN
 * from the solver) is out of frame: visibility 0, and it keeps its input position and angle
 * (or is dropped with `removeInvisible`). A distortion never mirrors, so flip pairs stay.
 */
export function distortKeypoints(kp: Keypoints, maps: CoordinateMaps, canvas: Canvas, removeInvisible: boolean): Keypoints {
  const n = kp.xy.length >> 1;
  const q = mapPointsThroughMaps(kp.xy, maps);
  const lost: number[] = [];
  const angle = kp.angle ? new Float64Array(n) : undefined;
  const scale = kp.scale ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const qx = q[2 * i]!, qy = q[2 * i + 1]!;
    if (!Number.isFinite(qx) || !Number.isFinite(qy)) {
      lost.push(i);
      q[2 * i] = NOWHERE;
      q[2 * i + 1] = NOWHERE;
      if (angle) angle[i] = kp.angle![i]!;
      if (scale) scale[i] = kp.scale![i]!;
      continue;
    }
    if (!angle && !scale) continue;
    const [a, b, c, d] = forwardJacobian(maps, qx, qy);
    if (angle) {
      const t = (kp.angle![i]! * Math.PI) / 180;
      const deg = (Math.atan2(c * Math.cos(t) + d * Math.sin(t), a * Math.cos(t) + b * Math.sin(t)) * 180) / Math.PI;
      angle[i] = deg < 0 ? deg + 360 : deg;
    }
    if (scale) scale[i] = kp.scale![i]! * Math.sqrt(Math.abs(a * d - b * c));
  }
  const moved: Keypoints = { ...kp, xy: q, ...(angle ? { angle } : {}), ...(scale ? { scale } : {}) };
  // The identity map applies the frame rule only (and refuses removeInvisible on skeletons).
  const out = mapKeypoints(moved, identity(), canvas, { removeInvisible });
  if (removeInvisible || lost.length === 0) return out;
  const xy = out.xy.slice();
  for (const i of lost) {
    xy[2 * i] = kp.xy[2 * i]!;
    xy[2 * i + 1] = kp.xy[2 * i + 1]!;
  }
  return { ...out, xy };
}

/** [dx'/dx, dx'/dy, dy'/dx, dy'/dy] of the forward map at output point q. */
function forwardJacobian(maps: CoordinateMaps, qx: number, qy: number): [number, number, number, number] {
  const h = 0.5;
  const [x1, y1] = evaluateMaps(maps, qx + h, qy), [x0, y0] = evaluateMaps(maps, qx - h, qy);
  const [x3, y3] = evaluateMaps(maps, qx, qy + h), [x2, y2] = evaluateMaps(maps, qx, qy - h);
  // Jacobian of M (output -> input), then its inverse.
  const m00 = (x1 - x0) / (2 * h), m01 = (x3 - x2) / (2 * h), m10 = (y1 - y0) / (2 * h), m11 = (y3 - y2) / (2 * h);
  const det = m00 * m11 - m01 * m10;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return [1, 0, 0, 1];
  return [m11 / det, -m01 / det, -m10 / det, m00 / det];
}
