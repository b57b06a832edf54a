/**
 * Pixel storage rules shared by the blur, noise, quality and occlusion kernels.
 *
 * Kernels compute in float64 and store once at the end:
 * - uint8 / uint16: clamp to [0, dtype max] (or [0, maxValue] where a kernel says so), then round
 *   half to even. Half-to-even is what OpenCV's saturate_cast (cvRound) and wasm's `f64.nearest`
 *   do, so a wasm backend reproduces it with one instruction.
 * - float32: the float64 result rounded to the nearest float32 (the typed array store), clamped only
 *   where a kernel says so.
 */
import { AuguryError, show } from '../../core/errors.js';
import { createImage, defaultMaxValue, maxValueOf, type Image } from '../../targets/image.js';

/** Rounds to the nearest integer, ties to even (2.5 -> 2, 3.5 -> 4), as OpenCV and wasm do. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  // Math.round sends ties up; an odd result reached from a tie is one too far.
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/** A zero-filled image with the size, channels, dtype and maxValue of `img`. */
export function emptyLike<I extends Image>(img: I): I {
  const out = createImage(img.width, img.height, img.channels, img.dtype);
  return (img.maxValue === undefined ? out : { ...out, maxValue: img.maxValue }) as I;
}

/** Writes float64 results into an image's typed array by the storage rules above. */
export type Store = (data: Image['data'], index: number, value: number) => void;

/**
 * The store for `img`'s dtype. With `clampToMax`, results are clamped to [0, maxValueOf(img)] for
 * every dtype (noise kernels: the noise must not leave the value range); without it, integer dtypes
 * saturate at their type limits and float32 is stored as is (filters: a convex combination cannot
 * leave the range, and arbitrary kernels may legitimately do so in float).
 */
export function storeFor(img: Image, clampToMax = false): Store {
  const hi = clampToMax ? maxValueOf(img) : img.dtype === 'float32' ? Infinity : defaultMaxValue(img.dtype);
  const lo = clampToMax || img.dtype !== 'float32' ? 0 : -Infinity;
  if (img.dtype === 'float32') {
    return (data, i, v) => {
      data[i] = v < lo ? lo : v > hi ? hi : v;
    };
  }
  return (data, i, v) => {
    // NaN fails both tests and would store as 0; clamping first keeps roundHalfEven in int range.
    data[i] = roundHalfEven(v < lo ? lo : v > hi ? hi : v);
  };
}

/** Number of channels that carry colour: a 4th channel is alpha and random kernels leave it alone. */
export function colorChannels(img: Image): number {
  return img.channels === 4 ? 3 : img.channels;
}

/** Throws a validation error for a kernel option. */
export function badOption(key: string, expected: string, received: unknown, hint: string): never {
  throw new AuguryError({ code: 'validation', message: `${key} is invalid`, key, expected, received: show(received), hint });
}

/** Checks an integer option within [min, max]. */
export function checkInt(key: string, value: number, min: number, max: number, hint: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    badOption(key, max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`, value, hint);
  }
  return value;
}

/** Checks a finite number option within [min, max] (inclusive). */
export function checkNumber(key: string, value: number, min: number, max: number, hint: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? (min === -Infinity ? 'a finite number' : `a finite number >= ${min}`) : `a number in [${min}, ${max}]`;
    badOption(key, range, value, hint);
  }
  return value;
}

/** Checks a 32-bit seed: per-pixel randomness is reproducible from (seed, image size) only. */
export function checkSeed(key: string, seed: number): number {
  return checkInt(key, seed, 0, 0xffffffff, 'pass a 32-bit unsigned integer, e.g. from Rng.subSeed() in the transform');
}

/** Expands a number or per-channel list to exactly `channels` values. */
export function fillValues(key: string, fill: number | readonly number[], channels: number): number[] {
  if (typeof fill === 'number') {
    checkNumber(key, fill, -Infinity, Infinity, 'give a finite number in the image value scale');
    return new Array<number>(channels).fill(fill);
  }
  if (!Array.isArray(fill) || fill.length !== channels || fill.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    badOption(key, `one number or ${channels} finite numbers (one per channel)`, fill, 'give one value for all channels or one per channel of the image');
  }
  return fill.slice();
}
