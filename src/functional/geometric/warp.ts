/**
 * Affine and projective warps by a forward matrix (src/geometry/matrix.ts: INPUT continuous
 * coordinates to OUTPUT continuous coordinates).
 *
 * Sampling convention: output pixel (i, j) (row i, column j) has centre (j + 0.5, i + 0.5); the
 * inverse matrix maps that centre to the continuous input point (u, v), which is sampled as
 * sampler.ts describes (nearest: the pixel containing (u, v); filters: pixel-index coordinates
 * (u - 0.5, v - 0.5)). So the identity reproduces the image exactly for every interpolation, and
 * a flip matrix (x -> W - x) or a quarter-turn matrix equals the index permutations of flip.ts.
 * Pinned by test/functional/geometric/warp.test.ts.
 *
 * Perspective: the projective division follows OpenCV's warpPerspective; an output pixel whose
 * preimage is at infinity (w = 0) gets the fill value.
 */
import { AuguryError } from '../../core/errors.js';
import type { Mat3 } from '../../geometry/matrix.js';
import { invert } from '../../geometry/matrix.js';
import type { Image } from '../../targets/image.js';
import type { BorderMode, MaskData, WarpOptions } from '../types.js';
import type { MaskPlaneOf } from './common.js';
import { allocLike, checkBorder, checkImage, checkInterpolation, checkMask, checkMaskFill, checkSize, fillPixel, invalid, storeFor, withData } from './common.js';
import type { PointSampler } from './sampler.js';
import { makeSampler, nearestSampler, planeOf } from './sampler.js';
import { fastWarp, saturationOf } from '../../backend/fast/warp.js';

/** Options of the mask kernels: masks always use nearest neighbour. */
export interface MaskWarpOptions {
  /** Default 'constant'. */
  readonly border?: BorderMode;
  /** Label written where the border is constant; default 0. */
  readonly fill?: number;
}

/**
 * Warps `img` by the forward map `m` onto an `outWidth` x `outHeight` canvas.
 * @example warpImage(img, rotation(15, w / 2, h / 2), w, h, { interpolation: 'bilinear', border: 'constant', fill: 0 })
 */
export function warpImage<I extends Image>(img: I, m: Mat3, outWidth: number, outHeight: number, opts: WarpOptions): I {
  checkImage(img, 'warpImage');
  checkSize(outWidth, outHeight, 'warpImage');
  checkInterpolation(opts.interpolation, 'warpImage');
  checkBorder(opts.border, 'warpImage');
  const inv = inverseOf(m, 'warpImage');
  const fill = fillPixel(img, opts.fill, 'warpImage');
  const fast = fastWarp(img, { inverse: inv }, outWidth, outHeight, { interpolation: opts.interpolation, border: opts.border, fill, hi: saturationOf(img) });
  if (fast) return withData(img, outWidth, outHeight, fast);
  const out = allocLike(img.data, outWidth * outHeight * img.channels);
  const sample = makeSampler(planeOf(img), out, opts.interpolation, opts.border, fill, storeFor(img));
  driveMatrix(inv, outWidth, outHeight, img.channels, sample);
  return withData(img, outWidth, outHeight, out as I['data']);
}

/** `warpImage` for a mask plane, always nearest neighbour, so labels are never blended. */
export function warpMask<T extends MaskData>(mask: MaskPlaneOf<T>, m: Mat3, outWidth: number, outHeight: number, opts: MaskWarpOptions = {}): MaskPlaneOf<T> {
  checkMask(mask, 'warpMask');
  checkSize(outWidth, outHeight, 'warpMask');
  const border = opts.border ?? 'constant';
  const fill = opts.fill ?? 0;
  checkBorder(border, 'warpMask');
  checkMaskFill(mask.data, fill, 'warpMask');
  const inv = inverseOf(m, 'warpMask');
  const fast = fastWarp({ data: mask.data, width: mask.width, height: mask.height, channels: 1 }, { inverse: inv }, outWidth, outHeight, { interpolation: 'nearest', border, fill: [fill], hi: 0 });
  if (fast) return { width: outWidth, height: outHeight, data: fast };
  const out = allocLike(mask.data, outWidth * outHeight);
  const sample = nearestSampler({ data: mask.data, width: mask.width, height: mask.height, channels: 1 }, out, border, [fill]);
  driveMatrix(inv, outWidth, outHeight, 1, sample);
  return { width: outWidth, height: outHeight, data: out };
}

function inverseOf(m: Mat3, fn: string): Mat3 {
  if (m.length !== 9 || !Array.from(m).every(Number.isFinite)) {
    throw invalid(`${fn}.m`, 'the matrix must have 9 finite values', 'a Mat3 (row-major Float64Array of 9)', Array.from(m), 'build matrices with the helpers in geometry/matrix');
  }
  try {
    return invert(m);
  } catch (e) {
    throw e instanceof AuguryError ? e.at({ key: `${fn}.m` }) : e;
  }
}

/** Runs the sampler over every output pixel centre mapped through the inverse matrix. */
function driveMatrix(inv: Mat3, outW: number, outH: number, ch: number, sample: PointSampler): void {
  const a = inv[0]!, b = inv[1]!, c = inv[2]!, d = inv[3]!, e = inv[4]!, f = inv[5]!;
  const g = inv[6]!, h = inv[7]!, k = inv[8]!;
  const affine = g === 0 && h === 0;
  let o = 0;
  for (let i = 0; i < outH; i++) {
    const y = i + 0.5;
    // Per-pixel products (no running sums), so each point is as exact as one matrix product.
    const rowU = b * y + c, rowV = e * y + f, rowW = h * y + k;
    for (let j = 0; j < outW; j++, o += ch) {
      const x = j + 0.5;
      if (affine) {
        if (k === 1) sample(a * x + rowU, d * x + rowV, o);
        else sample((a * x + rowU) / k, (d * x + rowV) / k, o);
      } else {
        const w = g * x + rowW;
        sample((a * x + rowU) / w, (d * x + rowV) / w, o);
      }
    }
  }
}
