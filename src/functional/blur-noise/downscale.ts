/** Quality loss by resampling down and back up (Albumentations Downscale). */
import type { Image, ImageOf } from '../../targets/image.js';
import { resizeImage } from '../geometric/index.js';
import type { Interpolation } from '../types.js';
import { badOption, checkNumber, emptyLike, roundHalfEven, storeFor } from './pixels.js';

const FILTERS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];

/**
 * Resizes to `scale` times the size, then back to the original size, with `resizeImage` (the
 * resize the geometric transforms use, so Downscale and Resize resample alike); the output has
 * the input's size, dtype and channels. The small size is max(1, round(side * scale)) per axis
 * (ties to even, as cv2.resize with fx/fy).
 *
 * Integer images are resampled as float32 copies of their values (exact for uint8 and uint16), so
 * the low-resolution image is not quantized before coming back up (Albumentations casts uint8 to
 * float for non-nearest filters too); the result is clamped to [0, maxValue] and rounded half to
 * even once at the end. float32 images are resampled as they are. Albumentations' default pair is
 * nearest / nearest.
 * @example downscale(img, 0.25, 'area', 'bilinear')
 */
export function downscale<I extends Image>(img: I, scale: number, downInterpolation: Interpolation = 'nearest', upInterpolation: Interpolation = 'nearest'): I {
  checkNumber('downscale.scale', scale, Number.MIN_VALUE, 1, 'give a scale in (0, 1], e.g. 0.25 for a quarter of the resolution');
  checkFilter('downscale.downInterpolation', downInterpolation);
  checkFilter('downscale.upInterpolation', upInterpolation);
  const { width: w, height: h } = img;
  const sw = Math.max(1, roundHalfEven(w * scale));
  const sh = Math.max(1, roundHalfEven(h * scale));
  if (img.dtype === 'float32') return resizeImage(resizeImage(img, sw, sh, downInterpolation), w, h, upInterpolation);
  const asFloat: ImageOf<'float32'> = { width: w, height: h, channels: img.channels, dtype: 'float32', data: Float32Array.from(img.data) };
  const back = resizeImage(resizeImage(asFloat, sw, sh, downInterpolation), w, h, upInterpolation);
  const out = emptyLike(img);
  const store = storeFor(img, true);
  for (let i = 0; i < back.data.length; i++) store(out.data, i, back.data[i]!);
  return out;
}

function checkFilter(key: string, interp: Interpolation): void {
  if (!FILTERS.includes(interp)) badOption(key, FILTERS.join(' | '), interp, "use 'area' to go down and 'bilinear' or 'nearest' to come back up");
}
