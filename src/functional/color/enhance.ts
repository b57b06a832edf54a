/**
 * PIL `ImageEnhance` (what torchvision's adjust_brightness/contrast/saturation/sharpness do on PIL
 * images, and what AutoAugment-style policies call): each blends the image with a "degenerate"
 * version of itself, `out = degenerate + factor * (img - degenerate)`, with PIL's float32 blend and
 * truncation (see `blendFunction`). uint8 output is byte-identical to Pillow 9.4 on the golden set.
 *
 * All four support uint8, uint16 and float32 with 1, 3 or 4 channels; alpha passes through.
 */
import { maxValueOf, type DType, type Image, type ImageOf } from '../../targets/image.js';
import { fastSaturate8 } from '../../backend/fast/color.js';
import { ALL_DTYPES, ANY_CHANNELS, checkImage, checkNumber, clamp, copyOf, f32, like, withData } from './common.js';
import { grayMean, pilLumaPlane } from './gray.js';
import { applyPointOp } from './lut.js';
import { blendSample } from './point.js';

const SUPPORT = { dtypes: ALL_DTYPES, channels: ANY_CHANNELS };

/**
 * PIL `ImageEnhance.Brightness(img).enhance(factor)`: blend with black. factor 1 is the identity,
 * 0 gives black; results above max are clipped.
 */
export function adjustBrightness(img: Image, factor: number): Image {
  checkImage(img, 'adjustBrightness', SUPPORT);
  checkNumber('adjustBrightness', 'factor', factor, 0);
  return applyPointOp(img, 'brightness', { factor });
}

/**
 * PIL `ImageEnhance.Contrast(img).enhance(factor)`: blend with a flat image at the mean of the
 * grayscale ('L') image, that mean rounded with `int(mean + 0.5)` (see `grayMean`). Not a pure
 * point op: the table depends on the image mean.
 */
export function adjustContrast(img: Image, factor: number): Image {
  checkImage(img, 'adjustContrast', SUPPORT);
  checkNumber('adjustContrast', 'factor', factor, 0);
  return applyPointOp(img, 'contrast', { factor, mean: grayMean(img) });
}

/**
 * PIL `ImageEnhance.Color(img).enhance(factor)`: blend each pixel with its own luma (PIL 'L'
 * conversion, 16-bit fixed point, rounded). 0 gives grayscale; gray (1-channel) images are returned
 * unchanged (a copy).
 */
export function adjustSaturation(img: Image, factor: number): Image {
  checkImage(img, 'adjustSaturation', SUPPORT);
  checkNumber('adjustSaturation', 'factor', factor, 0);
  if (img.channels === 1) return copyOf(img);
  const fast = fastSaturate8(img, factor);
  if (fast) return withData(img, 'uint8', fast);
  const luma = pilLumaPlane(img);
  const out = like(img as ImageOf<DType>) as Image;
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  const max = maxValueOf(img);
  for (let p = 0, j = 0; p < luma.length; p++, j += ch) {
    const d = luma[p]!;
    dst[j] = blendSample(d, src[j]!, factor, img.dtype, max);
    dst[j + 1] = blendSample(d, src[j + 1]!, factor, img.dtype, max);
    dst[j + 2] = blendSample(d, src[j + 2]!, factor, img.dtype, max);
    if (ch === 4) dst[j + 3] = src[j + 3]!;
  }
  return out;
}

/**
 * PIL `ImageEnhance.Sharpness(img).enhance(factor)`: blend with PIL's SMOOTH filter (3x3 kernel
 * [1 1 1; 1 5 1; 1 1 1] / 13). The smoothed image keeps the one-pixel border of the input, so the
 * border is unchanged for every factor; factor 0 gives the smoothed image, > 1 sharpens.
 */
export function adjustSharpness(img: Image, factor: number): Image {
  checkImage(img, 'adjustSharpness', SUPPORT);
  checkNumber('adjustSharpness', 'factor', factor, 0);
  const smooth = smoothPil(img);
  const out = like(img as ImageOf<DType>) as Image;
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  const max = maxValueOf(img);
  for (let i = 0; i < src.length; i++) {
    dst[i] = i % ch === 3 ? src[i]! : blendSample(smooth[i]!, src[i]!, factor, img.dtype, max);
  }
  return out;
}

/**
 * PIL's `ImageFilter.SMOOTH` (Filter.c, 3x3 path). For uint8 the weights are float32 (1/13, 5/13),
 * each row is summed in float in the order (y+1, y, y-1), a 0.5 rounding offset starts the sum, and
 * the result is clipped and truncated. uint16 uses the same rule in doubles; float32 is unrounded.
 * Border pixels (and alpha) are copied.
 */
function smoothPil(img: Image): Float64Array {
  const { width: w, height: h, channels: ch, dtype } = img;
  const src = img.data;
  const out = Float64Array.from(src);
  if (w < 3 || h < 3) return out;
  const max = maxValueOf(img);
  const k1 = f32(1 / 13);
  const k5 = f32(5 / 13);
  const colors = ch === 1 ? 1 : 3;
  const row = w * ch;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      for (let c = 0; c < colors; c++) {
        const i = y * row + x * ch + c;
        const below = i + row;
        const above = i - row;
        if (dtype === 'uint8') {
          // The centre row uses the 5/13 weight in the middle; rows are accumulated below, centre, above.
          let ss = f32(0.5);
          ss = f32(ss + f32(f32(f32(src[below - ch]! * k1) + f32(src[below]! * k1)) + f32(src[below + ch]! * k1)));
          ss = f32(ss + f32(f32(f32(src[i - ch]! * k1) + f32(src[i]! * k5)) + f32(src[i + ch]! * k1)));
          ss = f32(ss + f32(f32(f32(src[above - ch]! * k1) + f32(src[above]! * k1)) + f32(src[above + ch]! * k1)));
          out[i] = Math.trunc(clamp(ss, 0, 255));
        } else {
          const sum =
            src[below - ch]! + src[below]! + src[below + ch]! +
            src[i - ch]! + 5 * src[i]! + src[i + ch]! +
            src[above - ch]! + src[above]! + src[above + ch]!;
          out[i] = dtype === 'uint16' ? Math.trunc(clamp(sum / 13 + 0.5, 0, max)) : sum / 13;
        }
      }
    }
  }
  return out;
}
