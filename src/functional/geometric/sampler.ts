/**
 * Point samplers shared by warp and remap: read the source at a continuous input point (u, v)
 * and write one output pixel, with no allocation per call.
 *
 * Convention: the point (u, v) is in continuous coordinates (pixel i covers [i, i+1)). Nearest
 * takes the pixel that contains it, (floor(u), floor(v)), so a point exactly on a pixel edge
 * belongs to the pixel to its right / below, as [i, i+1) says. The filters sample at pixel-index
 * coordinates (u - 0.5, v - 0.5), so a pixel centre reads that pixel exactly, with zero weight on
 * its neighbours.
 *
 * Filters: bilinear (2 taps); bicubic, OpenCV's cubic convolution with a = -0.75 (4 taps);
 * lanczos, OpenCV's Lanczos-4 (8 taps, weights normalized to sum 1). 'area' has no meaning for
 * a point sample and uses bilinear, as OpenCV's warpAffine/remap do. Taps outside the source
 * follow the border mode; in 'constant' mode they read the fill value, so edges blend into the
 * fill as in OpenCV. A point that is not finite (a NaN map entry, the horizon of a perspective)
 * writes the fill value whatever the border mode.
 */
import type { Image } from '../../targets/image.js';
import type { BorderMode, Interpolation } from '../types.js';
import type { PixelArray, Store } from './common.js';
import { borderIndex } from './common.js';

/** Samples the source at continuous point (u, v) and writes the pixel at offset `o` of the output. */
export type PointSampler = (u: number, v: number, o: number) => void;

const CUBIC_A = -0.75;
const S45 = Math.SQRT1_2;
/** cos(πk/4) and sin(πk/4) for k = 0..7, exact where they are 0 or ±1. */
const QUARTER_COS = [1, S45, 0, -S45, -1, -S45, 0, S45];
const QUARTER_SIN = [0, S45, 1, S45, 0, -S45, -1, -S45];
/** lanczos4Weight(d) = LANCZOS_SCALE · sin(πd) · sin(πd/4) / d². */
const LANCZOS_SCALE = 4 / (Math.PI * Math.PI);

/** OpenCV's cubic convolution kernel (a = -0.75); exactly 1 at 0 and 0 at +-1 and +-2. */
export function cubicWeight(t: number): number {
  const x = Math.abs(t);
  if (x <= 1) return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
  if (x < 2) return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
  return 0;
}

/** Lanczos kernel with 4 lobes, unnormalized; exactly 1 at 0 and 0 at other integers. */
export function lanczos4Weight(t: number): number {
  if (t === 0) return 1;
  if (Math.abs(t) >= 4 || Number.isInteger(t)) return 0;
  const a = Math.PI * t;
  // Near 0 the quotient underflows; there the series sinc(t)·sinc(t/4) = 1 - (17/96)(πt)² + O(t⁴)
  // is exact to double precision.
  if (Math.abs(t) < 1e-6) return 1 - (17 / 96) * a * a;
  return (4 * Math.sin(a) * Math.sin(a / 4)) / (a * a);
}

/** Number of taps per axis, and the offset of the first tap from floor(p). */
export function tapsOf(interp: Interpolation): { taps: number; first: number } {
  switch (interp) {
    case 'nearest':
      return { taps: 1, first: 0 };
    case 'bicubic':
      return { taps: 4, first: -1 };
    case 'lanczos':
      return { taps: 8, first: -3 };
    default:
      return { taps: 2, first: 0 };
  }
}

/**
 * Weights of the taps at floor(p) + first + k for fractional part f in [0, 1). Bicubic fills the
 * last weight as 1 minus the others (as OpenCV does), so the weights sum to 1 and f = 0 gives
 * exactly [0, 1, 0, 0].
 */
export function tapWeights(interp: Interpolation, f: number, out: Float64Array): void {
  switch (interp) {
    case 'bicubic': {
      const w0 = cubicWeight(f + 1), w1 = cubicWeight(f), w2 = cubicWeight(1 - f);
      out[0] = w0; out[1] = w1; out[2] = w2; out[3] = 1 - w0 - w1 - w2;
      return;
    }
    case 'lanczos': {
      if (f === 0) {
        out.fill(0);
        out[3] = 1;
        return;
      }
      // The outer taps use OpenCV's trick to save trig calls: sin(π(f + m)) = ±sin(πf), and
      // sin(π(f + 3 - k)/4) expands by angle subtraction. The two inner taps (|d| < 1) use the
      // direct formula, since the expansion cancels badly there when f is tiny. The factor
      // 16/π² that the expansion drops is put back so both kinds share one scale.
      const sf = Math.sin(Math.PI * f);
      const a = (Math.PI * (f + 3)) / 4;
      const sa = Math.sin(a), ca = Math.cos(a);
      let sum = 0;
      for (let k = 0; k < 8; k++) {
        const d = f + (3 - k);
        const w = k === 3 || k === 4
          ? lanczos4Weight(d)
          : (LANCZOS_SCALE * (k % 2 === 1 ? sf : -sf) * (sa * QUARTER_COS[k]! - ca * QUARTER_SIN[k]!)) / (d * d);
        out[k] = w;
        sum += w;
      }
      for (let k = 0; k < 8; k++) out[k] = out[k]! / sum;
      return;
    }
    default:
      out[0] = 1 - f;
      out[1] = f;
  }
}

export interface SourcePlane {
  readonly data: PixelArray;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** The sampler for an image and interpolation; `fill` is per channel, already stored. */
export function makeSampler(src: SourcePlane, out: PixelArray, interp: Interpolation, border: BorderMode, fill: ArrayLike<number>, store: Store): PointSampler {
  if (interp === 'nearest') return nearestSampler(src, out, border, fill);
  if (interp === 'bilinear' || interp === 'area') return bilinearSampler(src, out, border, fill, store);
  return kernelSampler(src, out, interp, border, fill, store);
}

/** Nearest neighbour: copies values untouched, so it serves masks and integer labels too. */
export function nearestSampler(src: SourcePlane, out: PixelArray, border: BorderMode, fill: ArrayLike<number>): PointSampler {
  const { data, width: w, height: h, channels: ch } = src;
  return (u, v, o) => {
    const sx = Number.isFinite(u) ? borderIndex(Math.floor(u), w, border) : -1;
    const sy = Number.isFinite(v) ? borderIndex(Math.floor(v), h, border) : -1;
    if (sx < 0 || sy < 0) {
      for (let c = 0; c < ch; c++) out[o + c] = fill[c]!;
      return;
    }
    const s = (sy * w + sx) * ch;
    for (let c = 0; c < ch; c++) out[o + c] = data[s + c]!;
  };
}

function writeFill(out: PixelArray, o: number, ch: number, fill: ArrayLike<number>): void {
  for (let c = 0; c < ch; c++) out[o + c] = fill[c]!;
}

/**
 * Bilinear, written out for speed. It sums in the same order as the generic sampler (each row
 * across, then down). A point with no tap inside the source takes the fill value exactly.
 */
function bilinearSampler(src: SourcePlane, out: PixelArray, border: BorderMode, fill: ArrayLike<number>, store: Store): PointSampler {
  const { data, width: w, height: h, channels: ch } = src;
  return (u, v, o) => {
    if (!Number.isFinite(u) || !Number.isFinite(v)) return writeFill(out, o, ch, fill);
    const px = u - 0.5, py = v - 0.5;
    const x0 = Math.floor(px), y0 = Math.floor(py);
    const fx = px - x0, fy = py - y0;
    const ax = 1 - fx, ay = 1 - fy;
    const xa = borderIndex(x0, w, border), xb = borderIndex(x0 + 1, w, border);
    const ya = borderIndex(y0, h, border), yb = borderIndex(y0 + 1, h, border);
    if ((ya < 0 && yb < 0) || (xa < 0 && xb < 0)) return writeFill(out, o, ch, fill);
    const ra = ya * w, rb = yb * w;
    for (let c = 0; c < ch; c++) {
      const f = fill[c]!;
      const p00 = ya < 0 || xa < 0 ? f : data[(ra + xa) * ch + c]!;
      const p01 = ya < 0 || xb < 0 ? f : data[(ra + xb) * ch + c]!;
      const p10 = yb < 0 || xa < 0 ? f : data[(rb + xa) * ch + c]!;
      const p11 = yb < 0 || xb < 0 ? f : data[(rb + xb) * ch + c]!;
      out[o + c] = store(ay * (ax * p00 + fx * p01) + fy * (ax * p10 + fx * p11));
    }
  };
}

/** Separable kernels with 4 or 8 taps per axis (bicubic, lanczos). */
function kernelSampler(src: SourcePlane, out: PixelArray, interp: Interpolation, border: BorderMode, fill: ArrayLike<number>, store: Store): PointSampler {
  const { data, width: w, height: h, channels: ch } = src;
  const { taps, first } = tapsOf(interp);
  const wx = new Float64Array(taps), wy = new Float64Array(taps);
  const ix = new Int32Array(taps), iy = new Int32Array(taps);
  return (u, v, o) => {
    if (!Number.isFinite(u) || !Number.isFinite(v)) return writeFill(out, o, ch, fill);
    const px = u - 0.5, py = v - 0.5;
    const x0 = Math.floor(px), y0 = Math.floor(py);
    tapWeights(interp, px - x0, wx);
    tapWeights(interp, py - y0, wy);
    for (let k = 0; k < taps; k++) {
      ix[k] = borderIndex(x0 + first + k, w, border);
      iy[k] = borderIndex(y0 + first + k, h, border);
    }
    for (let c = 0; c < ch; c++) {
      const f = fill[c]!;
      let acc = 0;
      for (let j = 0; j < taps; j++) {
        const row = iy[j]!;
        let s = 0;
        for (let i = 0; i < taps; i++) {
          const col = ix[i]!;
          s += wx[i]! * (row < 0 || col < 0 ? f : data[(row * w + col) * ch + c]!);
        }
        acc += wy[j]! * s;
      }
      out[o + c] = store(acc);
    }
  };
}

/** Source plane view of an image. */
export function planeOf(img: Image): SourcePlane {
  return { data: img.data, width: img.width, height: img.height, channels: img.channels };
}
