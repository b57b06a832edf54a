/**
 * Matrices of the affine-family transforms (Affine, ShiftScaleRotate) and the canvas fit shared
 * with Perspective, in augury's continuous coordinates (docs/coordinates.md): they map INPUT
 * points to OUTPUT points, and the image centre is (W/2, H/2). Albumentations 1.3.1 builds the
 * same maps in pixel-index coordinates with its centre at (W/2 - 0.5, H/2 - 0.5); conjugating by
 * that half-pixel shift gives exactly these matrices (pinned against its recorded matrices in
 * test/transforms/geometric/affine.test.ts).
 */
import { applyToPoint, mat3, multiply, translation, type Mat3 } from '../../geometry/matrix.js';

/** The parts of an affine map; angles in degrees, translation and centre in pixels. */
export interface AffineParts {
  readonly scaleX: number;
  readonly scaleY: number;
  /** Positive turns counter-clockwise on screen. */
  readonly rotate: number;
  /** Tilts the vertical axis: positive moves lower rows right. */
  readonly shearX: number;
  /** Tilts the horizontal axis: positive moves right columns up. */
  readonly shearY: number;
  readonly translateX: number;
  readonly translateY: number;
  /** The fixed point of scale, rotation and shear. */
  readonly centerX: number;
  readonly centerY: number;
}

const RAD = Math.PI / 180;

/**
 * The map p -> L·Sy·(p - c) + c + t of Albumentations' Affine (which builds it with skimage):
 * Sy = [[cos shy, 0], [-sin shy, 1]] and
 * L = [[sx·cos r, sy·sin(r + shx)], [-sx·sin r, sy·cos(r + shx)]].
 * Its shears rotate one axis by the angle and keep that axis's length (so a shear also scales
 * the other axis by its cosine); torchvision's tangent shear does not. We keep Albumentations'
 * form so that its users get the same images.
 */
export function affineMatrix(a: AffineParts): Mat3 {
  const cr = exactCos(a.rotate), sr = exactSin(a.rotate);
  const ct = exactCos(a.rotate + a.shearX), st = exactSin(a.rotate + a.shearX);
  const l00 = a.scaleX * cr, l01 = a.scaleY * st;
  const l10 = -a.scaleX * sr, l11 = a.scaleY * ct;
  const s00 = exactCos(a.shearY), s10 = -exactSin(a.shearY);
  // L·Sy with Sy = [[s00, 0], [s10, 1]].
  const m00 = l00 * s00 + l01 * s10, m01 = l01;
  const m10 = l10 * s00 + l11 * s10, m11 = l11;
  const cx = a.centerX, cy = a.centerY;
  return mat3(
    m00, m01, cx + a.translateX - m00 * cx - m01 * cy,
    m10, m11, cy + a.translateY - m10 * cx - m11 * cy,
    0, 0, 1,
  );
}

/** cos and sin of whole quarter turns are exact, so rotate 90 moves pixel grids exactly. */
function exactCos(deg: number): number {
  const q = quarter(deg);
  return q === undefined ? Math.cos(deg * RAD) : [1, 0, -1, 0][q]!;
}
function exactSin(deg: number): number {
  const q = quarter(deg);
  return q === undefined ? Math.sin(deg * RAD) : [0, 1, 0, -1][q]!;
}
function quarter(deg: number): number | undefined {
  const r = ((deg % 360) + 360) % 360;
  return r % 90 === 0 ? r / 90 : undefined;
}

/**
 * Grows (or shrinks) the canvas to the extent of the mapped image, the smallest whole-pixel
 * canvas that cuts nothing off, and centres the mapped image in it. Works for projective maps
 * whose horizon stays off the image (the image of a rectangle is then the convex hull of its
 * mapped corners). Albumentations instead measures between pixel centres and puts the minimum
 * at 0, which can cut up to half a pixel; an integer extent (an identity, a half turn) is kept
 * exactly, with no shift.
 */
export function fitCanvas(m: Mat3, width: number, height: number): { matrix: Mat3; width: number; height: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of [[0, 0], [width, 0], [width, height], [0, height]] as const) {
    const [u, v] = applyToPoint(m, x, y);
    minX = Math.min(minX, u); maxX = Math.max(maxX, u);
    minY = Math.min(minY, v); maxY = Math.max(maxY, v);
  }
  const ew = maxX - minX, eh = maxY - minY;
  // Rounding noise must not add a whole column: 400 * cos(0) style extents stay 400.
  const w = Math.max(1, Math.ceil(ew - 1e-9 * Math.max(1, ew)));
  const h = Math.max(1, Math.ceil(eh - 1e-9 * Math.max(1, eh)));
  const shift = translation((w - ew) / 2 - minX, (h - eh) / 2 - minY);
  return { matrix: multiply(shift, m), width: w, height: h };
}
