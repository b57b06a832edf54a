/**
 * Dtype conversions: ToFloat / FromFloat and Normalize.
 *
 * Normalize produces values outside [0, 1] (zero mean, unit std per channel). The data model says
 * float32 means [0, 1] unless Normalize produced it; we mark that with `maxValue: Infinity`
 * (`NORMALIZED_MAX_VALUE`): there is no finite value meaning "full intensity" any more. Every color
 * kernel refuses such an image with a hint to move Normalize last, and `isNormalized` tells it apart.
 */
import { AuguryError, show } from '../../core/errors.js';
import { createImage, defaultMaxValue, maxValueOf, type Image, type ImageOf } from '../../targets/image.js';
import { fastNormalize } from '../../backend/fast/color.js';
import { ALL_DTYPES, ANY_CHANNELS, checkImage, checkNumber, clamp, f32 } from './common.js';

/** The `maxValue` of a normalized image: no intensity scale. */
export const NORMALIZED_MAX_VALUE = Number.POSITIVE_INFINITY;

/** True for the output of `normalize` (float32 with an unbounded value scale). */
export function isNormalized(img: Image): boolean {
  return img.dtype === 'float32' && maxValueOf(img) === NORMALIZED_MAX_VALUE;
}

/**
 * Albumentations Normalize: `out = (v - mean * maxPixelValue) / (std * maxPixelValue)` per color
 * channel, computed as Albumentations does in float32 (mean and std scaled in float32, then
 * multiplied by the float32 reciprocal of std). `mean`/`std` hold one value per color channel or a
 * single value for all. `maxPixelValue` defaults to the image's maxValue (255 for uint8, as in
 * Albumentations; 1 for float32). Alpha, if any, is converted to [0, 1] and not normalized.
 * Returns float32 with `maxValue: Infinity`.
 * @example normalize(img, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
 */
export function normalize(img: Image, mean: number | readonly number[], std: number | readonly number[], maxPixelValue?: number): Image {
  checkImage(img, 'normalize', { dtypes: ALL_DTYPES, channels: ANY_CHANNELS });
  const colors = img.channels === 1 ? 1 : 3;
  const means = perChannel('normalize', 'mean', mean, colors);
  const stds = perChannel('normalize', 'std', std, colors);
  const scale = maxPixelValue ?? maxValueOf(img);
  checkNumber('normalize', 'maxPixelValue', scale, Number.MIN_VALUE);
  const m32 = means.map((m) => f32(f32(m) * scale));
  const inv32 = stds.map((s, c) => {
    const s32 = f32(f32(s) * scale);
    if (s32 === 0) {
      throw new AuguryError({
        code: 'validation',
        key: `normalize.std[${c}]`,
        message: 'std must not be zero',
        expected: 'a non-zero standard deviation',
        received: show(s),
        hint: 'use the dataset statistics (for ImageNet: [0.229, 0.224, 0.225])',
      });
    }
    return f32(1 / s32);
  });
  const fast = fastNormalize(img, m32, inv32, maxValueOf(img));
  if (fast) return { width: img.width, height: img.height, channels: img.channels, dtype: 'float32', data: fast, maxValue: NORMALIZED_MAX_VALUE };
  const out = { ...createImage(img.width, img.height, img.channels, 'float32'), maxValue: NORMALIZED_MAX_VALUE };
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  const alphaScale = maxValueOf(img);
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    dst[i] = c === 3 ? src[i]! / alphaScale : f32(f32(src[i]! - m32[c]!) * inv32[c]!);
  }
  return out;
}

/**
 * The inverse of `normalize`: `v * std + mean`, which is the original sample divided by
 * `maxPixelValue`, returned as float32 in [0, 1] (clipped). Alpha is copied.
 */
export function denormalize(img: Image, mean: number | readonly number[], std: number | readonly number[]): ImageOf<'float32'> {
  if (img.dtype !== 'float32') {
    throw new AuguryError({
      code: 'unsupported',
      key: 'denormalize',
      message: 'denormalize expects the float32 output of normalize',
      received: img.dtype,
      hint: 'call denormalize only on images returned by normalize',
    });
  }
  const colors = img.channels === 1 ? 1 : 3;
  const means = perChannel('denormalize', 'mean', mean, colors);
  const stds = perChannel('denormalize', 'std', std, colors);
  const out = createImage(img.width, img.height, img.channels, 'float32');
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    dst[i] = c === 3 ? src[i]! : clamp(src[i]! * stds[c]! + means[c]!, 0, 1);
  }
  return out;
}

function perChannel(op: string, name: string, value: number | readonly number[], colors: number): number[] {
  const list = typeof value === 'number' ? new Array<number>(colors).fill(value) : [...value];
  if (list.length !== colors || list.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new AuguryError({
      code: 'validation',
      key: `${op}.${name}`,
      message: `${name} must give one finite number per color channel`,
      expected: `a number or ${colors} numbers`,
      received: show(value),
      hint: colors === 3 ? `pass [r, g, b] values, e.g. ${name} ${name === 'mean' ? '[0.485, 0.456, 0.406]' : '[0.229, 0.224, 0.225]'}` : `pass a single number for a gray image`,
    });
  }
  return list;
}

/**
 * ToFloat: float32 in [0, 1] as `v / maxValue` (default: the image's maxValue). Samples above
 * maxValue (a 12-bit image with stray values) clip to 1 so the [0, 1] contract holds. All channels,
 * alpha included, are converted (float32 input is only clipped to [0, 1] with the default scale).
 */
export function toFloat(img: Image, maxValue?: number): ImageOf<'float32'> {
  checkImage(img, 'toFloat', { dtypes: ALL_DTYPES, channels: ANY_CHANNELS });
  const scale = maxValue ?? maxValueOf(img);
  checkNumber('toFloat', 'maxValue', scale, Number.MIN_VALUE);
  const out = createImage(img.width, img.height, img.channels, 'float32');
  const src = img.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = clamp(src[i]! / scale, 0, 1);
  return out;
}

/**
 * FromFloat: float32 in [0, 1] to uint8 or uint16, `round(v * maxValue)` clipped to [0, maxValue]
 * (default: the dtype's full scale; a custom maxValue, e.g. 4095, is kept on the image).
 * Albumentations truncates instead; rounding makes `fromFloat(toFloat(img))` an exact round trip.
 */
export function fromFloat<D extends 'uint8' | 'uint16'>(img: Image, dtype: D, maxValue?: number): ImageOf<D> {
  checkImage(img, 'fromFloat', { dtypes: ['float32'], channels: ANY_CHANNELS });
  if (dtype !== 'uint8' && dtype !== 'uint16') {
    throw new AuguryError({
      code: 'validation',
      key: 'fromFloat.dtype',
      message: 'fromFloat converts to an integer dtype',
      expected: "'uint8' or 'uint16'",
      received: show(dtype),
      hint: "use toFloat for float32 output; pick 'uint8' for 8-bit images or 'uint16' for 16-bit",
    });
  }
  const full = defaultMaxValue(dtype);
  const target = maxValue ?? full;
  checkInteger01(target, full);
  const srcScale = maxValueOf(img);
  const base = createImage(img.width, img.height, img.channels, dtype);
  const out: ImageOf<D> = target === full ? base : { ...base, maxValue: target };
  const src = img.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = clamp(Math.round((src[i]! / srcScale) * target), 0, target);
  return out;
}

function checkInteger01(target: number, full: number): void {
  if (!Number.isInteger(target) || target < 1 || target > full) {
    throw new AuguryError({
      code: 'validation',
      key: 'fromFloat.maxValue',
      message: 'maxValue must be a whole number within the dtype',
      expected: `an integer in [1, ${full}]`,
      received: show(target),
      hint: 'use e.g. 4095 for 12-bit data stored as uint16, or leave maxValue out for full scale',
    });
  }
}
