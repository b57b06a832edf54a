/**
 * torchvision tensor semantics (`torchvision.transforms.functional` on uint8 or float tensors):
 * ColorJitter's hue step and adjust_gamma. All arithmetic is float32, emulated with `Math.fround`
 * after every operation, so uint8 results follow torchvision's rounding.
 */
import { maxValueOf, type Image, type ImageOf } from '../../targets/image.js';
import { fastHue8 } from '../../backend/fast/color.js';
import { ALL_DTYPES, ANY_CHANNELS, checkImage, checkNumber, clamp, copyOf, f32, like, withData } from './common.js';
import { applyPointOp } from './lut.js';

/**
 * torchvision `adjust_hue(img, hueFactor)`, hueFactor in [-0.5, 0.5] (a fraction of the hue
 * circle; ±0.5 is the complementary hue). Algorithm, all in float32:
 * 1. x = v / max (uint8: v / 255).
 * 2. RGB -> HSV as torchvision `_rgb2hsv`: V = max(r,g,b), C = V - min; S = C / V (0 if C = 0);
 *    H = (g-b)/C if V = r, 2 + (b-r)/C if V = g (and not r), 4 + (r-g)/C otherwise (each term
 *    computed as (V-x)/C differences like torchvision); h = fmod(H/6 + 1, 1).
 * 3. h = (h + hueFactor) mod 1 (floored modulo, result in [0, 1)).
 * 4. HSV -> RGB as `_hsv2rgb`: i = floor(6h), f = 6h - i, p = clamp(V(1-S)), q = clamp(V(1-Sf)),
 *    t = clamp(V(1-S(1-f))), sector i mod 6 picks (V,t,p), (q,V,p), (p,V,t), (p,q,V), (t,p,V), (V,p,q).
 * 5. uint8: out = trunc(x * 255) (torchvision's `.to(uint8)`); uint16: round(x * max); float32: x.
 * Gray images are returned unchanged, as torchvision does. Alpha passes through.
 * hueFactor 0 returns a copy: the float32 round trip through HSV followed by truncation would
 * lower about 28% of uint8 samples by 1 (measured over all 2^24 RGB triplets), and torchvision's
 * ColorJitter never runs the hue step with a zero range either.
 */
export function adjustHue(img: Image, hueFactor: number): Image {
  checkImage(img, 'adjustHue', { dtypes: ALL_DTYPES, channels: ANY_CHANNELS });
  checkNumber('adjustHue', 'hueFactor', hueFactor, -0.5, 0.5);
  if (img.channels === 1 || hueFactor === 0) return copyOf(img);
  const fast = fastHue8(img, hueFactor);
  if (fast) return withData(img, 'uint8', fast);
  const out = like(img as ImageOf<'uint8'>) as Image;
  const max = maxValueOf(img);
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  const shift = f32(hueFactor);
  const rgb = new Float64Array(3);
  const scale = img.dtype === 'uint8' ? 255 : max;
  for (let j = 0; j < src.length; j += ch) {
    shiftHueF32(f32(src[j]! / scale), f32(src[j + 1]! / scale), f32(src[j + 2]! / scale), shift, rgb);
    for (let c = 0; c < 3; c++) {
      const x = rgb[c]!;
      if (img.dtype === 'uint8') dst[j + c] = clamp(Math.trunc(f32(x * 255)), 0, 255);
      else if (img.dtype === 'uint16') dst[j + c] = clamp(Math.round(x * max), 0, max);
      else dst[j + c] = x * max;
    }
    if (ch === 4) dst[j + 3] = src[j + 3]!;
  }
  return out;
}

/** One pixel through torchvision's rgb2hsv, hue shift and hsv2rgb, in float32. Writes r, g, b into `out`. */
function shiftHueF32(r: number, g: number, b: number, shift: number, out: Float64Array): void {
  const maxc = Math.max(r, g, b);
  const minc = Math.min(r, g, b);
  const eqc = maxc === minc;
  const cr = f32(maxc - minc);
  const s = f32(cr / (eqc ? 1 : maxc));
  const div = eqc ? 1 : cr;
  const rc = f32(f32(maxc - r) / div);
  const gc = f32(f32(maxc - g) / div);
  const bc = f32(f32(maxc - b) / div);
  // torchvision sums the three masked branches; exactly one is non-zero (or none when gray).
  let hh: number;
  if (maxc === r) hh = f32(bc - gc);
  else if (maxc === g) hh = f32(f32(2 + rc) - bc);
  else hh = f32(f32(4 + gc) - rc);
  let h = fmod1(f32(f32(hh / 6) + 1));
  h = floorMod1(f32(h + shift));
  const v = maxc;
  const h6 = f32(h * 6);
  const i = Math.floor(h6);
  const f = f32(h6 - i);
  const p = clamp(f32(v * f32(1 - s)), 0, 1);
  const q = clamp(f32(v * f32(1 - f32(s * f))), 0, 1);
  const t = clamp(f32(v * f32(1 - f32(s * f32(1 - f)))), 0, 1);
  switch (((i % 6) + 6) % 6) {
    case 0: out[0] = v; out[1] = t; out[2] = p; break;
    case 1: out[0] = q; out[1] = v; out[2] = p; break;
    case 2: out[0] = p; out[1] = v; out[2] = t; break;
    case 3: out[0] = p; out[1] = q; out[2] = v; break;
    case 4: out[0] = t; out[1] = p; out[2] = v; break;
    default: out[0] = v; out[1] = p; out[2] = q; break;
  }
}

/** `torch.fmod(x, 1)` for x >= 0 (C fmod, exact in any precision). */
function fmod1(x: number): number {
  return x % 1;
}

/** `x % 1.0` on a tensor (floored modulo, result in [0, 1)), rounded to float32. */
function floorMod1(x: number): number {
  const m = f32(x - Math.floor(x));
  return m >= 1 ? 0 : m;
}

/**
 * torchvision `adjust_gamma(img, gamma, gain)`: `out = clamp(gain * (v / max) ^ gamma, 0, 1)` in
 * float32, converted back like `convert_image_dtype` (uint8: `trunc(x * 255.999)`; uint16:
 * `trunc(x * (max + 0.999))`). gamma >= 0; gamma 1 with gain 1 is the identity.
 * Supports all dtypes and channel counts; alpha passes through.
 */
export function adjustGamma(img: Image, gamma: number, gain = 1): Image {
  checkImage(img, 'adjustGamma', { dtypes: ALL_DTYPES, channels: ANY_CHANNELS });
  checkNumber('adjustGamma', 'gamma', gamma, 0);
  checkNumber('adjustGamma', 'gain', gain);
  return applyPointOp(img, 'adjustGamma', { gamma, gain });
}
