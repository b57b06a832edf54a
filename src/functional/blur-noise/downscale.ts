/** Quality loss by resampling down and back up (Albumentations Downscale). */
import { AuguryError } from '../../core/errors.js';
import type { Image } from '../../targets/image.js';
import type { Interpolation } from '../types.js';
import { checkNumber, emptyLike, roundHalfEven, storeFor } from './pixels.js';
import { resizePlane, type ResizeFilter } from './resize.js';

const FILTERS: readonly Interpolation[] = ['nearest', 'bilinear', 'area'];

/**
 * Resizes to `scale` times the size, then back to the original size; the output has the input's
 * size, dtype and channels. The small size is max(1, round(side * scale)) per axis (ties to even, as
 * cv2.resize with fx/fy), and both passes map by the actual size ratio with half-pixel centres.
 * The low-resolution image stays in float64 (Albumentations casts uint8 to float for non-nearest
 * filters too); the result is rounded half to even once at the end. Filters: 'nearest',
 * 'bilinear', 'area' (Albumentations' default pair is nearest / nearest).
 * @example downscale(img, 0.25, 'area', 'bilinear')
 */
export function downscale<I extends Image>(img: I, scale: number, downInterpolation: Interpolation = 'nearest', upInterpolation: Interpolation = 'nearest'): I {
  checkNumber('downscale.scale', scale, Number.MIN_VALUE, 1, 'give a scale in (0, 1], e.g. 0.25 for a quarter of the resolution');
  const down = filterOf('downscale.downInterpolation', downInterpolation);
  const up = filterOf('downscale.upInterpolation', upInterpolation);
  const { width: w, height: h, channels: c } = img;
  const sw = Math.max(1, roundHalfEven(w * scale));
  const sh = Math.max(1, roundHalfEven(h * scale));
  const src = Float64Array.from(img.data);
  const small = resizePlane(src, w, h, c, sw, sh, down);
  const back = resizePlane(small, sw, sh, c, w, h, up);
  const out = emptyLike(img);
  const store = storeFor(img);
  for (let i = 0; i < back.length; i++) store(out.data, i, back[i]!);
  return out;
}

function filterOf(key: string, interp: Interpolation): ResizeFilter {
  if (FILTERS.includes(interp)) return interp as ResizeFilter;
  throw new AuguryError({
    code: 'unsupported',
    message: `downscale does not implement '${String(interp)}' resampling`,
    key,
    expected: FILTERS.join(' | '),
    received: String(interp),
    hint: "use 'area' to go down and 'bilinear' or 'nearest' to come back up",
  });
}
