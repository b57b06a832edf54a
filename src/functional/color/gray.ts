/**
 * Luma (gray) conversions, each with the exact integer rounding of its reference library:
 * PIL's 'L' mode (used by ImageEnhance) and OpenCV's RGB2GRAY (used by Albumentations ToGray).
 * Both weigh R, G, B as 0.299 / 0.587 / 0.114 but round differently.
 */
import { maxValueOf, type DType, type Image } from '../../targets/image.js';
import { fastPilLumaSum8 } from '../../backend/fast/color.js';
import { clamp, f32 } from './common.js';

/**
 * PIL `convert('L')`: `(R*19595 + G*38470 + B*7471 + 0x8000) >> 16`, i.e. the 299/587/114 weights
 * in 16-bit fixed point, rounded to nearest. uint16 uses the same fixed point (in doubles, so no
 * overflow); float32 uses the exact weights.
 */
export function pilLuma(r: number, g: number, b: number, dtype: DType): number {
  if (dtype === 'float32') return 0.299 * r + 0.587 * g + 0.114 * b;
  return Math.floor((r * 19595 + g * 38470 + b * 7471 + 0x8000) / 65536);
}

/**
 * OpenCV `COLOR_RGB2GRAY`: integers use 14-bit fixed point `(R*4899 + G*9617 + B*1868 + 8192) >> 14`
 * (the weights sum to 16384, so a gray pixel keeps its value); float32 uses float coefficients
 * 0.299f, 0.587f, 0.114f summed in float.
 */
export function cvLuma(r: number, g: number, b: number, dtype: DType): number {
  if (dtype === 'float32') return f32(f32(f32(r * CV_R) + f32(g * CV_G)) + f32(b * CV_B));
  return Math.floor((r * 4899 + g * 9617 + b * 1868 + 8192) / 16384);
}

const CV_R = f32(0.299);
const CV_G = f32(0.587);
const CV_B = f32(0.114);

/** One luma value per pixel (PIL rule); for 1-channel images the plane itself. */
export function pilLumaPlane(img: Image): Float64Array {
  const n = img.width * img.height;
  const out = new Float64Array(n);
  const d = img.data;
  const ch = img.channels;
  if (ch === 1) {
    for (let i = 0; i < n; i++) out[i] = d[i]!;
    return out;
  }
  for (let i = 0, j = 0; i < n; i++, j += ch) out[i] = pilLuma(d[j]!, d[j + 1]!, d[j + 2]!, img.dtype);
  return out;
}

/**
 * The mean PIL `ImageEnhance.Contrast` blends towards: the mean of the 'L' image, rounded as PIL
 * does (`int(mean + 0.5)`) for integer images; unrounded for float32. Alpha is ignored.
 */
export function grayMean(img: Image): number {
  // Integer lumas: the sum is exact in any order, so the wasm sum is the reference's.
  let sum = fastPilLumaSum8(img);
  const n = img.width * img.height;
  if (sum === null) {
    const plane = pilLumaPlane(img);
    sum = 0;
    for (let i = 0; i < plane.length; i++) sum += plane[i]!;
  }
  return roundedGrayMean(sum, n, img);
}

/** `grayMean` from the sum of the luma plane over `n` pixels: rounded as PIL does for integer images. */
export function roundedGrayMean(sum: number, n: number, img: Image): number {
  const mean = sum / n;
  return clamp(img.dtype === 'float32' ? mean : Math.trunc(mean + 0.5), 0, maxValueOf(img));
}
