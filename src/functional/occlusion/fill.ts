/**
 * Filling rectangular holes in images and masks (Albumentations CoarseDropout, torchvision
 * RandomErasing).
 *
 * Which pixels a hole fills: pixel (i, j) covers [i, i+1) x [j, j+1) and is filled when its centre
 * (i + 0.5, j + 0.5) lies in [x1, x2) x [y1, y2). So an integer hole {x1: 2, x2: 5} fills columns
 * 2, 3, 4; holes that share an edge neither overlap nor leave a gap; parts outside the image are
 * ignored. Holes are filled in order, later ones over earlier ones.
 */
import { AuguryError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { maxValueOf, type Image } from '../../targets/image.js';
import type { Fill, MaskPlane } from '../types.js';
import { badOption, checkSeed, colorChannels, emptyLike, fillValues, storeFor } from '../blur-noise/pixels.js';
import { checkRects, type Rect } from './coverage.js';

/** Per-pixel Gaussian fill: value = mean + std * z per colour channel, z ~ N(0, 1). */
export interface RandomNormalFill {
  readonly kind: 'random_normal';
  readonly mean: Fill;
  readonly std: Fill;
}

/**
 * What goes into a hole:
 * - a number (all channels, alpha included) or one number per channel, in the image value scale;
 * - 'random': a uniform value per pixel and colour channel in [0, maxValue] (Albumentations
 *   CoarseDropout fill="random");
 * - 'random_uniform': one uniform colour per hole (Albumentations fill="random_uniform");
 * - { kind: 'random_normal', mean, std }: per-pixel Gaussian noise. torchvision RandomErasing
 *   value='random' draws N(0, 1) on the normalized tensor; on raw pixels that is mean = the
 *   normalization mean and std = its std (e.g. ImageNet's, times 255 for uint8), which the
 *   transform passes here.
 */
export type HoleFill = Fill | 'random' | 'random_uniform' | RandomNormalFill;

/** Pixel index ranges [x0, x1) x [y0, y1) that a rect fills on a width x height grid (may be empty). */
export function rectPixels(rect: Rect, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  const clamp = (v: number, n: number): number => (v < 0 ? 0 : v > n ? n : v);
  return {
    x0: clamp(Math.ceil(rect.x1 - 0.5), width),
    x1: clamp(Math.ceil(rect.x2 - 0.5), width),
    y0: clamp(Math.ceil(rect.y1 - 0.5), height),
    y1: clamp(Math.ceil(rect.y2 - 0.5), height),
  };
}

/**
 * Fills the holes of an image; returns a new image.
 *
 * Random fills use one `new Rng(seed)` for the call and leave the alpha of RGBA alone (no draws).
 * Draw order, hole by hole in the given order:
 * - 'random': per filled pixel in raster order, one u32 per colour channel; integer dtypes take
 *   floor(u32 * (M + 1) / 2^32) with M = floor(maxValue) (one draw each, no rejection), float32
 *   takes u32 / 2^32 * maxValue;
 * - 'random_uniform': one u32 per colour channel for each hole, mapped the same way, drawn even when
 *   the hole is empty or outside the image, so later holes keep their colours;
 * - 'random_normal': per filled pixel in raster order, one `rng.normal()` (2 u32, Box-Muller) per
 *   colour channel.
 * Stored values: integers rounded half to even and saturated ('random_normal' clamps to
 * [0, maxValue]); float32 as given (normalized images may hold negatives).
 * @example fillRects(img, [{ x1: 10, y1: 10, x2: 30, y2: 20 }], 0)
 * @example fillRects(img, holes, 'random', 1234)
 */
export function fillRects<I extends Image>(img: I, rects: readonly Rect[], fill: HoleFill, seed = 0): I {
  checkRects(rects, 'fillRects.rects');
  const { width: w, height: h, channels: c } = img;
  const out = emptyLike(img);
  out.data.set(img.data);
  const dst = out.data;
  const cc = colorChannels(img);
  const max = maxValueOf(img);

  if (typeof fill === 'number' || Array.isArray(fill)) {
    const values = fillValues('fillRects.fill', fill as Fill, c);
    const store = storeFor(img);
    forEachPixel(rects, w, h, (p) => {
      for (let ch = 0; ch < c; ch++) store(dst, p * c + ch, values[ch]!);
    });
    return out;
  }

  checkSeed('fillRects.seed', seed);
  const rng = new Rng(seed);
  const uniform = uniformDraw(img, max);
  if (fill === 'random') {
    forEachPixel(rects, w, h, (p) => {
      for (let ch = 0; ch < cc; ch++) dst[p * c + ch] = uniform(rng.nextU32());
    });
    return out;
  }
  if (fill === 'random_uniform') {
    const colour = new Float64Array(cc);
    for (const r of rects) {
      for (let ch = 0; ch < cc; ch++) colour[ch] = uniform(rng.nextU32());
      forEachPixel([r], w, h, (p) => {
        for (let ch = 0; ch < cc; ch++) dst[p * c + ch] = colour[ch]!;
      });
    }
    return out;
  }
  if (isNormalFill(fill)) {
    const mean = fillValues('fillRects.fill.mean', fill.mean, cc);
    const std = fillValues('fillRects.fill.std', fill.std, cc);
    const store = storeFor(img, img.dtype !== 'float32');
    forEachPixel(rects, w, h, (p) => {
      for (let ch = 0; ch < cc; ch++) store(dst, p * c + ch, mean[ch]! + std[ch]! * rng.normal());
    });
    return out;
  }
  return badOption('fillRects.fill', "a number, one number per channel, 'random', 'random_uniform' or { kind: 'random_normal', mean, std }", fill, "use 0 for black holes or 'random' for noise");
}

/**
 * Fills the holes of a mask plane (label map or one instance mask) with `value`, by the same
 * pixel-centre rule as {@link fillRects}; returns a new mask of the same array type.
 * @example fillMaskRects(labelMap, holes, 0)
 */
export function fillMaskRects<M extends MaskPlane>(mask: M, rects: readonly Rect[], value: number): M {
  checkRects(rects, 'fillMaskRects.rects');
  const [lo, hi] = mask.data instanceof Uint8Array ? [0, 255] : mask.data instanceof Uint16Array ? [0, 65535] : [-2147483648, 2147483647];
  if (!Number.isInteger(value) || value < lo || value > hi) {
    throw new AuguryError({
      code: 'validation',
      message: 'the mask fill value does not fit the mask',
      key: 'fillMaskRects.value',
      expected: `an integer in [${lo}, ${hi}]`,
      received: String(value),
      hint: 'use 0 (background) or the ignore index of your dataset, e.g. 255',
    });
  }
  const data = mask.data.slice();
  forEachPixel(rects, mask.width, mask.height, (p) => {
    data[p] = value;
  });
  return { ...mask, data };
}

function forEachPixel(rects: readonly Rect[], w: number, h: number, f: (p: number) => void): void {
  for (const r of rects) {
    const { x0, x1, y0, y1 } = rectPixels(r, w, h);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) f(y * w + x);
  }
}

/** Maps a u32 to a uniform value in the image's range with one draw (see fillRects). */
function uniformDraw(img: Image, max: number): (u: number) => number {
  if (img.dtype === 'float32') return (u) => (u / 4294967296) * max;
  const levels = Math.floor(max) + 1;
  return (u) => Math.floor((u * levels) / 4294967296);
}

function isNormalFill(fill: unknown): fill is RandomNormalFill {
  return typeof fill === 'object' && fill !== null && (fill as { kind?: unknown }).kind === 'random_normal';
}
