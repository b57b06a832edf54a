/**
 * Resizing with half-pixel centres (OpenCV's cv2.resize and PIL): output pixel i on an axis of
 * `out` pixels covers input [i·in/out, (i+1)·in/out), and its centre i + 0.5 maps to input
 * (i + 0.5)·in/out. Positions are computed from whole numbers with one division, so they are as
 * exact as a double allows and an unchanged size is an exact copy.
 *
 * - nearest: input index floor((i + 0.5)·in/out), the pixel containing the centre (OpenCV's
 *   INTER_NEAREST_EXACT and PIL's NEAREST; plain INTER_NEAREST uses floor(i·in/out) and shifts
 *   the image by up to half a pixel). Integer up-then-down round trips are exact.
 * - bilinear, bicubic (a = -0.75), lanczos (Lanczos-4, 8 taps): OpenCV INTER_LINEAR / CUBIC /
 *   LANCZOS4, sampling at pixel-index (i + 0.5)·in/out - 0.5 with edge pixels replicated, no
 *   antialiasing when shrinking (use 'area' for that).
 * - area: the exact average of the input pixels under the output pixel, weighted by overlap,
 *   on each axis. That is OpenCV's INTER_AREA when both axes shrink or both grow; when one axis
 *   shrinks and the other grows OpenCV switches to a bilinear-like rule and we keep averaging.
 *   Overlaps are whole numbers (in units of 1/out), so integer images get exact means.
 *
 * Filtering is separable: rows first, then columns, in float64; integer results are rounded once
 * (half to even) and saturated. OpenCV's uint8 paths use fixed-point weights and may differ by 1.
 */
import type { Image } from '../../targets/image.js';
import type { Fill, Interpolation, MaskData } from '../types.js';
import type { MaskPlaneOf, PixelArray } from './common.js';
import { allocLike, checkImage, checkInt, checkInterpolation, checkMask, checkSize, fillPixel, storeFor, withData } from './common.js';
import { cropImage } from './crop-pad.js';
import { tapWeights, tapsOf } from './sampler.js';
import { fastCropResizeBilinear, fastResizeBilinear } from '../../backend/fast/resize.js';

/**
 * Resizes to `outWidth` x `outHeight` with `interpolation` (default 'bilinear').
 * @example resizeImage(img, 224, 224, 'area')
 */
export function resizeImage<I extends Image>(img: I, outWidth: number, outHeight: number, interpolation: Interpolation = 'bilinear'): I {
  checkImage(img, 'resizeImage');
  checkSize(outWidth, outHeight, 'resizeImage');
  checkInterpolation(interpolation, 'resizeImage');
  const { width: w, height: h, channels: ch } = img;
  if (w === outWidth && h === outHeight) return withData(img, w, h, img.data.slice() as I['data']);
  if (interpolation === 'bilinear') {
    const fast = fastResizeBilinear(img, outWidth, outHeight);
    if (fast) return withData(img, outWidth, outHeight, fast as I['data']);
  }
  if (interpolation === 'nearest') {
    return withData(img, outWidth, outHeight, resizeNearest(img.data, w, h, ch, outWidth, outHeight) as I['data']);
  }
  const tx = interpolation === 'area' ? areaTaps(w, outWidth) : filterTaps(w, outWidth, interpolation);
  const ty = interpolation === 'area' ? areaTaps(h, outHeight) : filterTaps(h, outHeight, interpolation);
  const out = allocLike(img.data, outWidth * outHeight * ch);
  separable(img.data, w, h, ch, tx, ty, out, storeFor(img));
  return withData(img, outWidth, outHeight, out as I['data']);
}

/**
 * The `width` x `height` window at (x, y) (cropImage, parts outside the image filled with
 * `fill`) resized to `outWidth` x `outHeight` (resizeImage): the same pixels as the two steps,
 * in one pass where a fast kernel can (bilinear uint8), so the window is never copied out.
 * @example cropResizeImage(img, 40, 30, 200, 150, 224, 224, 'bilinear')
 */
export function cropResizeImage<I extends Image>(img: I, x: number, y: number, width: number, height: number, outWidth: number, outHeight: number, interpolation: Interpolation = 'bilinear', fill: Fill = 0): I {
  checkImage(img, 'cropResizeImage');
  checkSize(outWidth, outHeight, 'cropResizeImage');
  checkInterpolation(interpolation, 'cropResizeImage');
  const hint = 'crop windows are whole pixels: round the window before cropping';
  checkInt(x, 'cropResizeImage.x', Number.MIN_SAFE_INTEGER, hint);
  checkInt(y, 'cropResizeImage.y', Number.MIN_SAFE_INTEGER, hint);
  checkInt(width, 'cropResizeImage.width', 1, hint);
  checkInt(height, 'cropResizeImage.height', 1, hint);
  if (interpolation === 'bilinear' && (width !== outWidth || height !== outHeight)) {
    const fast = fastCropResizeBilinear(img, x, y, width, height, outWidth, outHeight, fillPixel(img, fill, 'cropResizeImage'));
    if (fast) return withData(img, outWidth, outHeight, fast as I['data']);
  }
  return resizeImage(cropImage(img, x, y, width, height, fill), outWidth, outHeight, interpolation);
}

/** Resizes a mask plane with the nearest rule of `resizeImage`, so labels stay aligned with pixels. */
export function resizeMask<T extends MaskData>(mask: MaskPlaneOf<T>, outWidth: number, outHeight: number): MaskPlaneOf<T> {
  checkMask(mask, 'resizeMask');
  checkSize(outWidth, outHeight, 'resizeMask');
  return { width: outWidth, height: outHeight, data: resizeNearest(mask.data, mask.width, mask.height, 1, outWidth, outHeight) };
}

/** Input index of each output index under the nearest rule, from whole numbers only. */
export function nearestIndices(inN: number, outN: number): Int32Array {
  const idx = new Int32Array(outN);
  // floor((2i + 1)·in / (2·out)): the quotient of two integers below 2^53 never rounds across an integer.
  for (let i = 0; i < outN; i++) idx[i] = Math.min(inN - 1, Math.floor(((2 * i + 1) * inN) / (2 * outN)));
  return idx;
}

function resizeNearest<T extends PixelArray>(src: T, w: number, h: number, ch: number, outW: number, outH: number): T {
  const out = allocLike(src, outW * outH * ch);
  const xs = nearestIndices(w, outW), ys = nearestIndices(h, outH);
  let o = 0;
  for (let i = 0; i < outH; i++) {
    const row = ys[i]! * w;
    for (let j = 0; j < outW; j++) {
      const s = (row + xs[j]!) * ch;
      for (let c = 0; c < ch; c++) out[o++] = src[s + c]!;
    }
  }
  return out;
}

/** Per output index: `taps` input indices and weights; values are divided by `divisor` at the end. */
interface AxisTaps {
  readonly taps: number;
  readonly index: Int32Array;
  readonly weight: Float64Array;
  readonly divisor: number;
}

function filterTaps(inN: number, outN: number, interp: Interpolation): AxisTaps {
  const { taps, first } = tapsOf(interp);
  const index = new Int32Array(outN * taps);
  const weight = new Float64Array(outN * taps);
  const w = new Float64Array(taps);
  for (let i = 0; i < outN; i++) {
    // Pixel-index position (i + 0.5)·in/out - 0.5 as one exact-operand division.
    const p = ((2 * i + 1) * inN - outN) / (2 * outN);
    const x0 = Math.floor(p);
    tapWeights(interp, p - x0, w);
    for (let k = 0; k < taps; k++) {
      const x = x0 + first + k;
      index[i * taps + k] = x < 0 ? 0 : x >= inN ? inN - 1 : x;
      weight[i * taps + k] = w[k]!;
    }
  }
  return { taps, index, weight, divisor: 1 };
}

/**
 * Overlap weights in units of 1/out: output i spans [i·in, (i+1)·in), input k spans
 * [k·out, (k+1)·out); the overlaps of one output index sum to `in`.
 */
function areaTaps(inN: number, outN: number): AxisTaps {
  const taps = Math.ceil(inN / outN) + 1;
  const index = new Int32Array(outN * taps);
  const weight = new Float64Array(outN * taps);
  for (let i = 0; i < outN; i++) {
    const a = i * inN, b = (i + 1) * inN;
    let t = 0;
    for (let k = Math.floor(a / outN); k * outN < b && k < inN; k++) {
      const overlap = Math.min(b, (k + 1) * outN) - Math.max(a, k * outN);
      if (overlap <= 0) continue;
      index[i * taps + t] = k;
      weight[i * taps + t] = overlap;
      t++;
    }
    // Unused slots repeat a used index with weight 0, so a non-finite float pixel outside the
    // window cannot leak in as 0 * Infinity.
    for (; t < taps; t++) index[i * taps + t] = index[i * taps]!;
  }
  return { taps, index, weight, divisor: inN };
}

/** Rows first into a float64 buffer, then columns; one rounding at the end. */
function separable(src: PixelArray, w: number, h: number, ch: number, tx: AxisTaps, ty: AxisTaps, out: PixelArray, store: (v: number) => number): void {
  const outW = tx.index.length / tx.taps;
  const outH = ty.index.length / ty.taps;
  const tmp = new Float64Array(h * outW * ch);
  for (let y = 0; y < h; y++) {
    const srow = y * w;
    for (let j = 0; j < outW; j++) {
      const t0 = j * tx.taps;
      const d = (y * outW + j) * ch;
      for (let c = 0; c < ch; c++) {
        let s = 0;
        for (let k = 0; k < tx.taps; k++) s += tx.weight[t0 + k]! * src[(srow + tx.index[t0 + k]!) * ch + c]!;
        tmp[d + c] = s;
      }
    }
  }
  const div = tx.divisor * ty.divisor;
  for (let i = 0; i < outH; i++) {
    const t0 = i * ty.taps;
    for (let j = 0; j < outW; j++) {
      const d = (i * outW + j) * ch;
      for (let c = 0; c < ch; c++) {
        let s = 0;
        for (let k = 0; k < ty.taps; k++) s += ty.weight[t0 + k]! * tmp[(ty.index[t0 + k]! * outW + j) * ch + c]!;
        out[d + c] = store(div === 1 ? s : s / div);
      }
    }
  }
}
