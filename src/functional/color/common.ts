/**
 * Shared plumbing of the color kernels: input checks with actionable errors, output allocation
 * that keeps `maxValue`, and the float32 rounding helper used to reproduce PIL, torchvision and
 * OpenCV bit for bit.
 */
import { AuguryError, show } from '../../core/errors.js';
import { createImage, maxValueOf, type Channels, type DataOf, type DType, type Image, type ImageOf } from '../../targets/image.js';

/** Rounds a double to the nearest float32: C `float` arithmetic is emulated by rounding after every operation. */
export const f32 = Math.fround;

export type ChannelCount = 1 | 3 | 4;

export interface Support {
  readonly dtypes: readonly DType[];
  readonly channels: readonly ChannelCount[];
}

export const ALL_DTYPES: readonly DType[] = ['uint8', 'uint16', 'float32'];
export const INTEGER_DTYPES: readonly DType[] = ['uint8', 'uint16'];
export const ANY_CHANNELS: readonly ChannelCount[] = [1, 3, 4];

/**
 * Checks that `op` supports this image. Normalized images (maxValue = Infinity, see `normalize`)
 * have no intensity scale left, so no color kernel accepts them.
 */
export function checkImage(img: Image, op: string, support: Support): void {
  if (!Number.isFinite(maxValueOf(img))) {
    throw new AuguryError({
      code: 'unsupported',
      key: op,
      message: `${op} cannot run on a normalized image`,
      expected: 'an image with a finite maxValue',
      received: 'maxValue Infinity (output of normalize)',
      hint: 'move Normalize to the end of the pipeline, after every color transform',
    });
  }
  if (!support.dtypes.includes(img.dtype)) {
    const convert = support.dtypes.includes('uint8') ? " convert it first with fromFloat(img, 'uint8')" : ' convert it first with toFloat(img)';
    throw new AuguryError({
      code: 'unsupported',
      key: op,
      message: `${op} does not support ${img.dtype} images`,
      expected: support.dtypes.join(' or '),
      received: img.dtype,
      hint: `${convert.trim()}, or move ${op} to a point in the pipeline where the image has a supported dtype`,
    });
  }
  if (!support.channels.includes(img.channels)) {
    throw new AuguryError({
      code: 'unsupported',
      key: op,
      message: `${op} does not support images with ${img.channels} channel(s)`,
      expected: `${support.channels.join(' or ')} channels`,
      received: String(img.channels),
      hint:
        img.channels === 1
          ? `${op} needs color; convert the gray image to RGB first (toGray(img, 3) replicates it)`
          : `${op} works on one channel; apply toGray(img, 1) first`,
    });
  }
}

/** Throws a validation error for a kernel parameter. */
export function badParam(op: string, name: string, expected: string, received: unknown, hint: string): never {
  throw new AuguryError({
    code: 'validation',
    key: `${op}.${name}`,
    message: `invalid ${name} for ${op}`,
    expected,
    received: show(received),
    hint,
  });
}

/** Requires a finite number, optionally within [min, max]. */
export function checkNumber(op: string, name: string, value: number, min = -Infinity, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      min === -Infinity && max === Infinity
        ? 'a finite number'
        : max === Infinity
          ? `a finite number >= ${min}`
          : min === -Infinity
            ? `a finite number <= ${max}`
            : `a number in [${min}, ${max}]`;
    badParam(op, name, range, value, `pass ${range} as ${name}`);
  }
}

/** Requires an integer within [min, max]. */
export function checkInteger(op: string, name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    badParam(op, name, `an integer in [${min}, ${max}]`, value, `pass a whole number between ${min} and ${max} as ${name}`);
  }
}

/** Number of channels a color op changes: alpha (the 4th) is never touched. */
export function colorChannels(img: Image): 1 | 3 {
  return img.channels === 1 ? 1 : 3;
}

/** A new image of the same size, channels and dtype, keeping a custom maxValue. */
export function like<D extends DType>(img: ImageOf<D>): ImageOf<D> {
  const out = createImage(img.width, img.height, img.channels, img.dtype);
  return img.maxValue === undefined ? out : { ...out, maxValue: img.maxValue };
}

/** An image of the same size and channels as `img`, keeping a custom maxValue, over `data` (a fast kernel's output). */
export function withData<D extends DType>(img: Image, dtype: D, data: DataOf[D], channels: Channels = img.channels): ImageOf<D> {
  const base = { width: img.width, height: img.height, channels, dtype, data };
  return img.maxValue === undefined ? base : { ...base, maxValue: img.maxValue };
}

/** A copy of the image (kernels never return their input, so callers may mutate results). */
export function copyOf<I extends Image>(img: I): I {
  return { ...img, data: img.data.slice() } as I;
}

/** Clamps to [lo, hi]; NaN becomes lo so that no NaN ever reaches an integer buffer. */
export function clamp(v: number, lo: number, hi: number): number {
  return v >= lo ? (v <= hi ? v : hi) : lo;
}
