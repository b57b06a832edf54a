/**
 * 3x3 homogeneous matrices for planar maps (affine and projective), in augury's continuous
 * coordinates (docs/coordinates.md): (0, 0) is the top-left corner of the top-left pixel, y
 * points down.
 *
 * A `Mat3` is row-major and acts on column vectors [x, y, 1]:
 * x' = (m0 x + m1 y + m2) / w, y' = (m3 x + m4 y + m5) / w, w = m6 x + m7 y + m8.
 */
import { AuguryError } from '../core/errors.js';

/** Row-major 3x3 matrix, 9 values. */
export type Mat3 = Float64Array;

/** The identity map. */
export function identity(): Mat3 {
  return mat3(1, 0, 0, 0, 1, 0, 0, 0, 1);
}

/** A matrix from its nine values, row by row. */
export function mat3(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number): Mat3 {
  const m = new Float64Array(9);
  m[0] = a; m[1] = b; m[2] = c;
  m[3] = d; m[4] = e; m[5] = f;
  m[6] = g; m[7] = h; m[8] = i;
  return m;
}

/** The product a·b: the map that applies `b` first, then `a`. */
export function multiply(a: Mat3, b: Mat3): Mat3 {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    const a0 = a[r * 3]!, a1 = a[r * 3 + 1]!, a2 = a[r * 3 + 2]!;
    for (let c = 0; c < 3; c++) out[r * 3 + c] = a0 * b[c]! + a1 * b[3 + c]! + a2 * b[6 + c]!;
  }
  return out;
}

/**
 * One map that applies the given maps in the order given: `compose(m1, m2)` applies m1 first,
 * then m2 (it equals `multiply(m2, m1)`). With no argument it is the identity.
 */
export function compose(...ms: Mat3[]): Mat3 {
  let out = identity();
  for (const m of ms) out = multiply(m, out);
  return out;
}

/** Determinant of the full 3x3 matrix. */
export function determinant(m: Mat3): number {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as [number, number, number, number, number, number, number, number, number];
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

/**
 * The inverse map. Throws an AuguryError ('validation') when the matrix is singular, i.e. the
 * map collapses the plane onto a line or a point (a zero scale, or shears with tan·tan = 1).
 */
export function invert(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as [number, number, number, number, number, number, number, number, number];
  const c00 = e * i - f * h, c01 = c * h - b * i, c02 = b * f - c * e;
  const c10 = f * g - d * i, c11 = a * i - c * g, c12 = c * d - a * f;
  const c20 = d * h - e * g, c21 = b * g - a * h, c22 = a * e - b * d;
  const det = a * c00 + b * c10 + c * c20;
  // Scale-aware threshold: a determinant that is tiny relative to the entries' magnitude means
  // the rows are numerically dependent, whatever units the matrix is in.
  let norm = 0;
  for (let k = 0; k < 9; k++) norm = Math.max(norm, Math.abs(m[k]!));
  if (!Number.isFinite(det) || det === 0 || Math.abs(det) <= 1e-14 * norm * norm * norm) {
    throw new AuguryError({
      code: 'validation',
      message: 'the geometric map is singular and cannot be inverted',
      expected: 'a matrix with a non-zero determinant',
      received: `determinant ${det} for [${Array.from(m).join(', ')}]`,
      hint: 'check for a zero scale, or shear angles whose tangents multiply to 1',
    });
  }
  const out = mat3(c00 / det, c01 / det, c02 / det, c10 / det, c11 / det, c12 / det, c20 / det, c21 / det, c22 / det);
  if (isAffine(m)) {
    // Keep affine maps exactly affine so later fast paths still apply.
    out[6] = 0; out[7] = 0; out[8] = 1 / m[8]!;
  }
  return out;
}

/** Maps one point, with the projective division. */
export function applyToPoint(m: Mat3, x: number, y: number): [number, number] {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
}

/** Translation by (tx, ty). */
export function translation(tx: number, ty: number): Mat3 {
  return mat3(1, 0, tx, 0, 1, ty, 0, 0, 1);
}

/** Scaling by (sx, sy) about the point (cx, cy) (default the origin, the top-left corner). */
export function scaling(sx: number, sy: number, cx = 0, cy = 0): Mat3 {
  return mat3(sx, 0, cx - sx * cx, 0, sy, cy - sy * cy, 0, 0, 1);
}

/**
 * Rotation by `deg` degrees about (cx, cy). A positive angle turns the image counter-clockwise
 * as seen on screen (as torchvision, PIL and Albumentations `rotate` do); since y points down,
 * this is x' = cx + cos·(x-cx) + sin·(y-cy), y' = cy - sin·(x-cx) + cos·(y-cy).
 * Multiples of 90 degrees use exact sines and cosines, so quarter turns move pixel grids exactly.
 * Pinned by test/geometry/matrix.test.ts.
 */
export function rotation(deg: number, cx: number, cy: number): Mat3 {
  const [c, s] = cosSinDeg(deg);
  return mat3(c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy, 0, 0, 1);
}

/**
 * Shear by angles in degrees about (cx, cy): x' = x + tan(shx)·(y-cy), y' = y + tan(shy)·(x-cx).
 * A positive `shxDeg` pushes lower rows (larger y) to the right.
 */
export function shearing(shxDeg: number, shyDeg: number, cx = 0, cy = 0): Mat3 {
  const tx = Math.tan((shxDeg * Math.PI) / 180);
  const ty = Math.tan((shyDeg * Math.PI) / 180);
  return mat3(1, tx, -tx * cy, ty, 1, -ty * cx, 0, 0, 1);
}

/** Horizontal flip of a canvas `width` wide: x -> width - x. */
export function hflip(width: number): Mat3 {
  return mat3(-1, 0, width, 0, 1, 0, 0, 0, 1);
}

/** Vertical flip of a canvas `height` high: y -> height - y. */
export function vflip(height: number): Mat3 {
  return mat3(1, 0, 0, 0, -1, height, 0, 0, 1);
}

/** True when the bottom row is [0, 0, c] with c != 0: straight lines and ratios are preserved. */
export function isAffine(m: Mat3): boolean {
  return m[6] === 0 && m[7] === 0 && m[8] !== 0;
}

/**
 * The 2x2 Jacobian of the map at (x, y), row-major [dx'/dx, dx'/dy, dy'/dx, dy'/dy]. Constant
 * for affine maps; varies with the point for projective ones.
 */
export function jacobianAt(m: Mat3, x: number, y: number): Float64Array {
  const out = new Float64Array(4);
  jacobianInto(m, x, y, out);
  return out;
}

/** `jacobianAt` writing into `out` (4 values), for loops that must not allocate. */
export function jacobianInto(m: Mat3, x: number, y: number, out: Float64Array): void {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  const px = (m[0]! * x + m[1]! * y + m[2]!) / w;
  const py = (m[3]! * x + m[4]! * y + m[5]!) / w;
  // Quotient rule on x' = u / w: dx'/dx = (u_x - x' w_x) / w.
  out[0] = (m[0]! - m[6]! * px) / w;
  out[1] = (m[1]! - m[7]! * px) / w;
  out[2] = (m[3]! - m[6]! * py) / w;
  out[3] = (m[4]! - m[7]! * py) / w;
}

/**
 * True when the map mirrors the plane (a flip; orientation reverses). Judged at the origin,
 * which is exact for affine maps and for projective maps that do not fold the canvas over
 * their horizon (every perspective used for augmentation).
 */
export function isMirroring(m: Mat3): boolean {
  const w0 = m[8]!;
  const det = determinant(m);
  // det(J) = det(M) / w^3, so its sign is sign(det) * sign(w).
  return w0 === 0 ? det < 0 : det * w0 < 0;
}

function cosSinDeg(deg: number): [number, number] {
  const r = ((deg % 360) + 360) % 360;
  if (r === 0) return [1, 0];
  if (r === 90) return [0, 1];
  if (r === 180) return [-1, 0];
  if (r === 270) return [0, -1];
  const rad = (deg * Math.PI) / 180;
  return [Math.cos(rad), Math.sin(rad)];
}
