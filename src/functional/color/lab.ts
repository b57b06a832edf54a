/**
 * sRGB <-> CIE L*a*b* (D65) in double precision, with OpenCV's RGB->XYZ matrix and white point.
 * Used by CLAHE, which equalizes lightness only. The inverse matrix is computed from the forward
 * one so that a round trip is exact up to floating point.
 */

const M = [
  [0.412453, 0.35758, 0.180423],
  [0.212671, 0.71516, 0.072169],
  [0.019334, 0.119193, 0.950227],
] as const;
const XN = 0.950456;
const ZN = 1.088754;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;
const M_INV = invert3(M);

function invert3(m: readonly (readonly number[])[]): number[][] {
  const [a, b, c] = m[0]! as [number, number, number];
  const [d, e, f] = m[1]! as [number, number, number];
  const [g, h, i] = m[2]! as [number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

function toLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

function toGamma(c: number): number {
  const v = c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function labF(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInv(f: number): number {
  return f > 6 / 29 ? f * f * f : (116 * f - 16) / KAPPA;
}

/** r, g, b in [0, 1] -> [L in [0, 100], a, b] written into `out`. */
export function rgbToLab(r: number, g: number, b: number, out: Float64Array): void {
  const R = toLinear(r);
  const G = toLinear(g);
  const B = toLinear(b);
  const x = (M[0][0] * R + M[0][1] * G + M[0][2] * B) / XN;
  const y = M[1][0] * R + M[1][1] * G + M[1][2] * B;
  const z = (M[2][0] * R + M[2][1] * G + M[2][2] * B) / ZN;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  out[0] = 116 * fy - 16;
  out[1] = 500 * (fx - fy);
  out[2] = 200 * (fy - fz);
}

/** [L, a, b] -> r, g, b in [0, 1] (clipped) written into `out`. */
export function labToRgb(l: number, a: number, b: number, out: Float64Array): void {
  const fy = (l + 16) / 116;
  const x = labFInv(fy + a / 500) * XN;
  const y = labFInv(fy);
  const z = labFInv(fy - b / 200) * ZN;
  for (let c = 0; c < 3; c++) {
    const row = M_INV[c]!;
    out[c] = toGamma(row[0]! * x + row[1]! * y + row[2]! * z);
  }
}
