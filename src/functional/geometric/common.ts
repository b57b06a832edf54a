/**
 * Shared pieces of the geometric kernels: argument checks, border index rules, how a computed
 * value is stored in each dtype, and fill values. See README.md in this folder for the
 * conventions every kernel follows.
 */
import { AuguryError, show } from '../../core/errors.js';
import type { Image } from '../../targets/image.js';
import { maxValueOf } from '../../targets/image.js';
import type { BorderMode, Fill, Interpolation, MaskData } from '../types.js';

/** Any pixel buffer a geometric kernel moves around: image data or a mask plane. */
export type PixelArray = Uint8Array | Uint16Array | Float32Array | Int32Array;

/** A mask plane whose data type is known, so kernels return the same array type they got. */
export interface MaskPlaneOf<T extends MaskData> {
  readonly width: number;
  readonly height: number;
  readonly data: T;
}

/** A zeroed array of the same type as `like`. */
export function allocLike<T extends PixelArray>(like: T, length: number): T {
  const Ctor = like.constructor as new (n: number) => T;
  return new Ctor(length);
}

/** An image with new size and data, keeping dtype, channels and maxValue. */
export function withData<I extends Image>(img: I, width: number, height: number, data: I['data']): I {
  return { ...img, width, height, data } as I;
}

export function invalid(key: string, message: string, expected: string, received: unknown, hint: string): AuguryError {
  return new AuguryError({ code: 'validation', key, message, expected, received: show(received), hint });
}

/** Checks an integer argument within [min, max]. */
export function checkInt(value: number, key: string, min: number, hint: string, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw invalid(key, 'expected a whole number in range', range, value, hint);
  }
}

export function checkFinite(value: number, key: string, hint: string): void {
  if (!Number.isFinite(value)) throw invalid(key, 'expected a finite number', 'a finite number', value, hint);
}

/** Output sizes must be positive integers: an empty image is never a valid result. */
export function checkSize(width: number, height: number, fn: string): void {
  checkInt(width, `${fn}.outWidth`, 1, 'pass the output width in whole pixels, at least 1');
  checkInt(height, `${fn}.outHeight`, 1, 'pass the output height in whole pixels, at least 1');
}

/** Catches images whose buffer does not match their declared size before any index goes wrong. */
export function checkImage(img: Image, fn: string): void {
  const n = img.width * img.height * img.channels;
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1 || img.data.length !== n) {
    throw invalid(`${fn}.img`, 'image data does not match its size', `${img.width}x${img.height}x${img.channels} = ${n} values`, img.data.length, 'build images with createImage or imageFrom');
  }
}

export function checkMask(mask: { width: number; height: number; data: MaskData }, fn: string): void {
  const n = mask.width * mask.height;
  if (!Number.isInteger(mask.width) || !Number.isInteger(mask.height) || mask.width < 1 || mask.height < 1 || mask.data.length !== n) {
    throw invalid(`${fn}.mask`, 'mask data does not match its size', `${mask.width}x${mask.height} = ${n} values`, mask.data.length, 'build masks with createLabelMap');
  }
}

/**
 * Where integer index `i` on an axis of `n` pixels reads from under `mode`; -1 means "outside,
 * use the fill value" (constant mode only). The periodic forms equal OpenCV's
 * borderInterpolate for any distance, without its loop.
 */
export function borderIndex(i: number, n: number, mode: BorderMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'reflect': {
      const m = mod(i, 2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
    case 'reflect101': {
      if (n === 1) return 0;
      const m = mod(i, 2 * n - 2);
      return m < n ? m : 2 * n - 2 - m;
    }
    case 'wrap':
      return mod(i, n);
  }
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/**
 * Round half to even, the rule of OpenCV's saturate_cast from floating point (cvRound/lrint) and
 * of wasm's f64.nearest, so the wasm backend reproduces it with one instruction.
 */
export function roundHalfEven(v: number): number {
  const r = Math.round(v); // ties go up here
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Turns a computed value into what is stored: float32 as is, integers rounded and saturated. */
export type Store = (v: number) => number;

/**
 * Integer images saturate to [0, maxValue] (so a 12-bit uint16 image stays 12-bit after a
 * bicubic overshoot); NaN stores as 0. float32 values are stored unclamped (as OpenCV does),
 * because float images may legitimately leave [0, 1] after Normalize.
 */
export function storeFor(img: Image): Store {
  if (img.dtype === 'float32') return (v) => v;
  const hi = Math.min(maxValueOf(img), img.dtype === 'uint8' ? 255 : 65535);
  return (v) => (v > 0 ? (v >= hi ? hi : roundHalfEven(v)) : 0);
}

/** The fill value per channel, already stored as the image's dtype stores it. */
export function fillPixel(img: Image, fill: Fill, fn: string): Float64Array {
  const out = new Float64Array(img.channels);
  const values = typeof fill === 'number' ? null : fill;
  if (values !== null && values.length !== 1 && values.length !== img.channels) {
    throw invalid(`${fn}.fill`, 'fill has the wrong number of values', `1 or ${img.channels} values (one per channel)`, fill, 'give one number for all channels or one per channel');
  }
  const store = storeFor(img);
  for (let c = 0; c < img.channels; c++) {
    const v = values === null ? (fill as number) : values.length === 1 ? values[0]! : values[c]!;
    if (!Number.isFinite(v)) throw invalid(`${fn}.fill`, 'fill must be finite', 'finite numbers in the image value scale', fill, 'use 0..255 for uint8, 0..65535 for uint16, 0..1 for float32');
    out[c] = img.dtype === 'float32' ? Math.fround(v) : store(v);
  }
  return out;
}

const MASK_RANGE: Record<string, [number, number]> = {
  Uint8Array: [0, 255],
  Uint16Array: [0, 65535],
  Int32Array: [-2147483648, 2147483647],
};

/** Mask fills are label values: they must be integers the mask's array type can hold. */
export function checkMaskFill(data: MaskData, fill: number, fn: string): void {
  const [lo, hi] = MASK_RANGE[data.constructor.name] ?? [-Infinity, Infinity];
  if (!Number.isInteger(fill) || fill < lo || fill > hi) {
    throw invalid(`${fn}.fill`, 'a mask fill must be a label value the mask can hold', `an integer in [${lo}, ${hi}]`, fill, 'use 0 (background) or the label your dataset uses for "ignore"');
  }
}

const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];
const BORDERS: readonly BorderMode[] = ['constant', 'replicate', 'reflect', 'reflect101', 'wrap'];

/** Options come from configs and traces too, so their strings are checked at run time. */
export function checkInterpolation(interp: Interpolation, fn: string): void {
  if (!INTERPOLATIONS.includes(interp)) {
    throw invalid(`${fn}.interpolation`, 'unknown interpolation', INTERPOLATIONS.join(' | '), interp, `use one of ${INTERPOLATIONS.join(', ')}`);
  }
}

export function checkBorder(border: BorderMode, fn: string): void {
  if (!BORDERS.includes(border)) {
    throw invalid(`${fn}.border`, 'unknown border mode', BORDERS.join(' | '), border, `use one of ${BORDERS.join(', ')}`);
  }
}
