/**
 * The inscribed ellipse of a box under a map, solved in closed form for affine and projective
 * maps alike: the image of an ellipse under a homography is a conic, its tangent lines x = k
 * and y = k come from the dual conic, and the share of it inside the canvas is an area of a unit
 * disk cut by a parallelogram (affine maps keep area ratios). No sampling anywhere.
 */
import { applyToPoint, isAffine, type Mat3 } from './matrix.js';
import { areaRatio } from './polygons.js';
import { frameTolerance, horizonError, type Canvas } from './points.js';

/**
 * Maps the ellipse inscribed in box (x1, y1, x2, y2), writes its enclosing axis-aligned box to
 * `out` (4 values) and returns the share of the mapped ellipse inside `canvas` (area ratio in
 * [0, 1]). Throws when a perspective's horizon crosses the ellipse (its image is unbounded).
 */
export function mapEllipseBox(x1: number, y1: number, x2: number, y2: number, m: Mat3, canvas: Canvas, out: Float64Array, record = 'box'): number {
  const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2, a = (x2 - x1) / 2, b = (y2 - y1) / 2;
  const [px, py] = applyToPoint(m, cx, cy);
  // G = T(-p)·m·[[a,0,cx],[0,b,cy],[0,0,1]]; measuring from the mapped centre p keeps the
  // numbers small, so the dual conic below does not cancel catastrophically far from the origin.
  const wc = m[6]! * cx + m[7]! * cy + m[8]!;
  const r0 = [m[0]! - px * m[6]!, m[1]! - px * m[7]!] as const;
  const r1 = [m[3]! - py * m[6]!, m[4]! - py * m[7]!] as const;
  const g00 = a * r0[0], g01 = b * r0[1], g02 = m[0]! * cx + m[1]! * cy + m[2]! - px * wc;
  const g10 = a * r1[0], g11 = b * r1[1], g12 = m[3]! * cx + m[4]! * cy + m[5]! - py * wc;
  const g20 = a * m[6]!, g21 = b * m[7]!, g22 = wc;
  // Dual conic D = G·diag(1, 1, -1)·Gᵀ of the unit circle's image. D22 < 0 exactly when the
  // ellipse stays on one side of the horizon (its image is an ellipse, not a hyperbola).
  const d22 = g20 * g20 + g21 * g21 - g22 * g22;
  if (!(d22 < 0)) throw horizonError(m, record, 'use a milder perspective (smaller distortion scale), or use the corners box method');
  const k = -1 / d22;
  const d00 = (g00 * g00 + g01 * g01 - g02 * g02) * k;
  const d01 = (g00 * g10 + g01 * g11 - g02 * g12) * k;
  const d11 = (g10 * g10 + g11 * g11 - g12 * g12) * k;
  const d02 = (g00 * g20 + g01 * g21 - g02 * g22) * k;
  const d12 = (g10 * g20 + g11 * g21 - g12 * g22) * k;
  // Normalised D = [[S - c cᵀ, -c], [-cᵀ, -1]] for the ellipse {c + L u : |u| <= 1}, S = L Lᵀ.
  const ex = -d02, ey = -d12;
  const s00 = Math.max(0, d00 + ex * ex), s01 = d01 + ex * ey, s11 = Math.max(0, d11 + ey * ey);
  let hx = Math.sqrt(s00), hy = Math.sqrt(s11);
  let ox = px + ex, oy = py + ey;
  if (isAffine(m)) {
    // Same values, without squaring: tiny boxes must not underflow to a wrong extent.
    hx = Math.hypot(g00, g01) / Math.abs(wc);
    hy = Math.hypot(g10, g11) / Math.abs(wc);
    ox = px;
    oy = py;
  }
  out[0] = ox - hx; out[1] = oy - hy; out[2] = ox + hx; out[3] = oy + hy;

  const { width, height } = canvas;
  const l00 = hx;
  const l10 = l00 > 0 ? s01 / l00 : 0;
  const l11sq = s11 - l10 * l10;
  const full = l00 * Math.sqrt(Math.max(0, l11sq)); // = sqrt(det S); ellipse area / pi
  const tol = frameTolerance(width, height);
  const inside = out[0]! >= -tol && out[1]! >= -tol && out[2]! <= width + tol && out[3]! <= height + tol;
  if (inside) return 1;
  if (out[2]! < 0 || out[0]! > width || out[3]! < 0 || out[1]! > height) return 0;
  if (!(full > 0) || !(l11sq > 0)) return areaRatio(0, 0, false);
  const l11 = Math.sqrt(l11sq);
  // Canvas corners in the frame where the ellipse is the unit disk.
  const corners = [0, 0, width, 0, width, height, 0, height];
  const u = new Float64Array(8);
  for (let i = 0; i < 4; i++) {
    const u0 = (corners[2 * i]! - ox) / l00;
    u[2 * i] = u0;
    u[2 * i + 1] = (corners[2 * i + 1]! - oy - l10 * u0) / l11;
  }
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    area += diskTriangleArea(u[2 * i]!, u[2 * i + 1]!, u[2 * j]!, u[2 * j + 1]!);
  }
  return areaRatio(Math.abs(area), Math.PI, false);
}

/**
 * Signed area of the unit disk intersected with the triangle (origin, A, B). Summed over the
 * edges of a polygon it gives the signed area of disk ∩ polygon.
 */
export function diskTriangleArea(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const qa = dx * dx + dy * dy;
  if (qa === 0) return 0;
  const qb = ax * dx + ay * dy;
  const qc = ax * ax + ay * ay - 1;
  const disc = qb * qb - qa * qc;
  // Split the edge where it crosses the circle; each piece is either inside (a triangle) or
  // outside (a circular sector).
  let t1 = 1, t2 = 1;
  if (disc > 0) {
    const s = Math.sqrt(disc);
    t1 = Math.min(1, Math.max(0, (-qb - s) / qa));
    t2 = Math.min(1, Math.max(0, (-qb + s) / qa));
  }
  return piece(ax, ay, dx, dy, 0, t1) + piece(ax, ay, dx, dy, t1, t2) + piece(ax, ay, dx, dy, t2, 1);
}

function piece(ax: number, ay: number, dx: number, dy: number, s: number, t: number): number {
  if (t <= s) return 0;
  const px = ax + s * dx, py = ay + s * dy, qx = ax + t * dx, qy = ay + t * dy;
  const cross = px * qy - py * qx;
  const mx = ax + ((s + t) / 2) * dx, my = ay + ((s + t) / 2) * dy;
  if (mx * mx + my * my <= 1) return cross / 2;
  return Math.atan2(cross, px * qx + py * qy) / 2;
}
