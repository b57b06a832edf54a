/**
 * Point operations: each output sample depends only on the input sample, so for integer images
 * an op is a lookup table and consecutive ops fuse into one table (`composeTables`).
 *
 * Every op is written once as a sample function `(v) => out` per dtype. Integer dtypes get the
 * reference library's exact arithmetic (float32 where the reference computes in C `float`,
 * truncation where it casts); float32 images get the same formula without rounding, clamped to
 * [0, max] where the reference clips.
 */
import type { DType } from '../../targets/image.js';
import { checkInteger, checkNumber, clamp, f32 } from './common.js';

/** Parameters of each point op, in the image's own value scale (0..255 for uint8, 0..1 for float32). */
export interface PointOpParams {
  /** PIL `ImageEnhance.Brightness`: blend with black; factor >= 0. */
  brightness: { readonly factor: number };
  /**
   * PIL `ImageEnhance.Contrast`: blend with a constant gray image of value `mean`. Not a pure
   * point op: `mean` is a statistic of the whole image (see `grayMean`), so compute it first.
   */
  contrast: { readonly factor: number; readonly mean: number };
  /**
   * Albumentations `RandomBrightnessContrast`: `alpha * v + beta * max` (or `+ alpha * beta * mean`
   * when `byMax` is false, which again needs the image mean first), clipped.
   */
  brightnessContrast: { readonly alpha: number; readonly beta: number; readonly byMax?: boolean; readonly mean?: number };
  /** Albumentations `RandomGamma`: `max * (v / max) ^ gamma`, truncated. */
  gamma: { readonly gamma: number };
  /** torchvision `adjust_gamma`: `gain * (v / max) ^ gamma`, clamped, converted back as torchvision does. */
  adjustGamma: { readonly gamma: number; readonly gain?: number };
  /** Keep the `bits` most significant bits (0..8), as PIL/torchvision `posterize`. */
  posterize: { readonly bits: number };
  /** `v >= threshold ? max - v : v`. */
  solarize: { readonly threshold: number };
  /** timm `SolarizeAdd`: `v < threshold ? min(max, v + add) : v`. */
  solarizeAdd: { readonly add: number; readonly threshold: number };
  /** `max - v`. */
  invert: Record<string, never>;
}

export type PointOpKind = keyof PointOpParams;

/**
 * The sample function of a point op for one dtype and full-scale value `max`. Integer results are
 * already rounded and clamped to [0, max]; float32 results are clamped where the op clips.
 */
export function pointFunction<K extends PointOpKind>(kind: K, params: PointOpParams[K], dtype: DType, max: number): (v: number) => number {
  const p = params as PointOpParams[PointOpKind];
  const int = dtype !== 'float32';
  const u8 = dtype === 'uint8';
  switch (kind) {
    case 'brightness': {
      const { factor } = p as PointOpParams['brightness'];
      checkNumber('brightness', 'factor', factor, 0);
      return blendFunction(() => 0, factor, dtype, max);
    }
    case 'contrast': {
      const { factor, mean } = p as PointOpParams['contrast'];
      checkNumber('contrast', 'factor', factor, 0);
      checkNumber('contrast', 'mean', mean, 0, max);
      return blendFunction(() => mean, factor, dtype, max);
    }
    case 'brightnessContrast': {
      const { alpha, beta, byMax = true, mean } = p as PointOpParams['brightnessContrast'];
      checkNumber('brightnessContrast', 'alpha', alpha, 0);
      checkNumber('brightnessContrast', 'beta', beta);
      if (!byMax && beta !== 0) checkNumber('brightnessContrast', 'mean', mean ?? NaN, 0, max);
      // Albumentations works on a float32 copy: scale, then add the offset cast to float32.
      const a32 = f32(alpha);
      const offset = beta === 0 ? 0 : f32(byMax ? beta * max : alpha * beta * (mean ?? 0));
      return (v) => {
        let x = alpha === 1 ? v : f32(v * a32);
        if (beta !== 0) x = f32(x + offset);
        x = clamp(x, 0, max);
        return int ? Math.trunc(x) : x;
      };
    }
    case 'gamma': {
      const { gamma } = p as PointOpParams['gamma'];
      checkNumber('gamma', 'gamma', gamma, 0);
      // Albumentations truncates its uint8 table; float32 images go through numpy's float32 power.
      if (int) return (v) => clamp(Math.trunc(gammaScaled(clamp(v, 0, max) / max, gamma, max)), 0, max);
      return (v) => f32(Math.pow(f32(clamp(v, 0, max) / max), gamma)) * max;
    }
    case 'adjustGamma': {
      const { gamma, gain = 1 } = p as PointOpParams['adjustGamma'];
      checkNumber('adjustGamma', 'gamma', gamma, 0);
      checkNumber('adjustGamma', 'gain', gain);
      const g32 = f32(gain);
      if (u8) {
        // torchvision: uint8 -> float32 /255, gain * x^gamma clamped to [0, 1], then *255.999 truncated.
        const scale = f32(255.999);
        return (v) => Math.trunc(f32(clamp(f32(g32 * f32(Math.pow(f32(v / 255), gamma))), 0, 1) * scale));
      }
      if (int) return (v) => Math.trunc(clamp(gain * Math.pow(clamp(v, 0, max) / max, gamma), 0, 1) * (max + 1 - 1e-3));
      return (v) => clamp(f32(g32 * f32(Math.pow(f32(clamp(v, 0, max) / max), gamma))), 0, 1) * max;
    }
    case 'posterize': {
      const { bits } = p as PointOpParams['posterize'];
      checkInteger('posterize', 'bits', bits, 0, 8);
      const levels = 2 ** bits;
      // Integers: keep the top `bits` bits of the [0, max] range (for uint8 exactly `v & mask`).
      // Floats: the lower edge of the level, the same staircase on a continuous scale.
      const span = int ? max + 1 : max;
      return (v) => {
        const level = clamp(Math.floor((v * levels) / span), 0, levels - 1);
        return int ? Math.floor((level * span) / levels) : (level * span) / levels;
      };
    }
    case 'solarize': {
      const { threshold } = p as PointOpParams['solarize'];
      checkNumber('solarize', 'threshold', threshold);
      return (v) => (v >= threshold ? clamp(max - v, 0, max) : v);
    }
    case 'solarizeAdd': {
      const { add, threshold } = p as PointOpParams['solarizeAdd'];
      checkNumber('solarizeAdd', 'add', add, -max, max);
      checkNumber('solarizeAdd', 'threshold', threshold);
      return (v) => (v < threshold ? clamp(int ? Math.round(v + add) : v + add, 0, max) : v);
    }
    case 'invert':
      return (v) => clamp(max - v, 0, max);
    default:
      throw new Error(`unknown point op ${String(kind)}`);
  }
}

/**
 * PIL `Image.blend(degenerate, img, factor)` per sample: `d + factor * (v - d)`. For uint8 the C
 * code computes in float (factor is a C float) and casts to UINT8, i.e. truncates; outside
 * [0, 1] it clips first. uint16 uses the same rule in double precision; float32 only clamps.
 */
export function blendFunction(degenerate: (v: number) => number, factor: number, dtype: DType, max: number): (v: number) => number {
  if (dtype === 'uint8') {
    const a = f32(factor);
    return (v) => {
      const d = degenerate(v);
      return clamp(Math.trunc(f32(d + f32(a * (v - d)))), 0, 255);
    };
  }
  if (dtype === 'uint16') {
    return (v) => {
      const d = degenerate(v);
      return clamp(Math.trunc(d + factor * (v - d)), 0, max);
    };
  }
  return (v) => {
    const d = degenerate(v);
    return clamp(d + factor * (v - d), 0, max);
  };
}

/** PIL blend of two samples (degenerate `d`, original `v`), for kernels whose degenerate image varies per pixel. */
export function blendSample(d: number, v: number, factor: number, dtype: DType, max: number): number {
  if (dtype === 'uint8') return clamp(Math.trunc(f32(d + f32(f32(factor) * (v - d)))), 0, 255);
  if (dtype === 'uint16') return clamp(Math.trunc(d + factor * (v - d)), 0, max);
  return clamp(d + factor * (v - d), 0, max);
}

/**
 * `Math.pow(x, g) * max` as far as truncation can tell, about 1.4x faster (10 vs 14 us per 256-entry
 * table, BENCHMARKS.md; tables are built per call, a sizeable part of RandomGamma at 224x224). exp(g ln x) is within ~1e-14
 * (relative) of the power for x in (0, 1) and g <= 1e3, so only a product within 1e-6 of an
 * integer could truncate differently, and those take Math.pow. test/backend/color.test.ts
 * compares whole tables with the plain formula.
 */
function gammaScaled(x: number, g: number, max: number): number {
  if (x <= 0 || x >= 1 || g === 0 || g > 1e3) return Math.pow(x, g) * max;
  const s = Math.exp(g * Math.log(x)) * max;
  return Math.abs(s - Math.round(s)) < 1e-6 ? Math.pow(x, g) * max : s;
}
