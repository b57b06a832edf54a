/**
 * Camera sensor noise (Albumentations ISONoise): Poisson luminance noise and Gaussian hue noise in
 * HLS space.
 */
import { AuguryError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { maxValueOf, type Image } from '../../targets/image.js';
import { checkNumber, checkSeed, emptyLike, storeFor } from './pixels.js';

/**
 * ISO noise, following Albumentations' iso_noise step by step on RGB scaled to [0, 1] by maxValue:
 * 1. convert to HLS (OpenCV's float formulas: H in degrees [0, 360), L and S in [0, 1]);
 * 2. lambda = (population std of L over the image) * intensity * 255;
 * 3. per pixel: H += N(0, (colorShift * 360 * intensity)^2), wrapped into [0, 360);
 *    L += (k / 255) * (1 - L) with k ~ Poisson(lambda);
 * 4. back to RGB, clamp to [0, 1], scale by maxValue (integers rounded half to even; Albumentations
 *    truncates instead).
 *
 * Draws per pixel, raster order, 3 u32 in all: first one `next()` for the Poisson count, by
 * inversion of a CDF table built once for the image (p_k = exp(-lambda + k ln lambda - ln k!),
 * cumulated in float64 from k = 0 up to ceil(lambda + 10 sqrt(lambda) + 10), divided by its total;
 * k is the first index whose cumulative value exceeds the uniform); then one `rng.normal` (2 u32)
 * for the hue.
 *
 * Simplifications: L is clamped to [0, 1] after the noise (Albumentations can push it past 1 when
 * k > 255); alpha of RGBA is copied; grayscale images are refused (there is no hue).
 * @example isoNoise(img, 0.03, 0.3, 42)
 */
export function isoNoise<I extends Image>(img: I, colorShift: number, intensity: number, seed: number): I {
  checkNumber('isoNoise.colorShift', colorShift, 0, Infinity, 'give the hue noise as a fraction of the hue circle, e.g. 0.01..0.05');
  checkNumber('isoNoise.intensity', intensity, 0, Infinity, 'give a noise intensity >= 0, e.g. 0.1..0.5');
  checkSeed('isoNoise.seed', seed);
  if (img.channels === 1) {
    throw new AuguryError({
      code: 'unsupported',
      message: 'ISO noise needs colour (it perturbs hue)',
      key: 'isoNoise',
      expected: 'an RGB or RGBA image',
      received: 'a 1-channel image',
      hint: 'use gaussNoise for grayscale images',
    });
  }
  const { width: w, height: h, channels: c } = img;
  const n = w * h;
  const max = maxValueOf(img);
  const src = img.data;
  const hls = new Float64Array(n * 3);
  let sum = 0;
  for (let p = 0; p < n; p++) {
    rgbToHls(src[p * c]! / max, src[p * c + 1]! / max, src[p * c + 2]! / max, hls, p * 3);
    sum += hls[p * 3 + 1]!;
  }
  const meanL = sum / n;
  let sq = 0;
  for (let p = 0; p < n; p++) sq += (hls[p * 3 + 1]! - meanL) ** 2;
  const lambda = Math.sqrt(sq / n) * intensity * 255;
  const cdf = poissonCdf(lambda);
  const hueStd = colorShift * 360 * intensity;

  const rng = new Rng(seed);
  const out = emptyLike(img);
  const store = storeFor(img, true);
  const rgb = new Float64Array(3);
  for (let p = 0; p < n; p++) {
    const k = sampleCdf(cdf, rng.next());
    const dh = rng.normal(0, hueStd);
    let hue = (hls[p * 3]! + dh) % 360;
    if (hue < 0) hue += 360;
    const l0 = hls[p * 3 + 1]!;
    const l = Math.min(1, Math.max(0, l0 + (k / 255) * (1 - l0)));
    hlsToRgb(hue, l, hls[p * 3 + 2]!, rgb);
    for (let ch = 0; ch < 3; ch++) store(out.data, p * c + ch, rgb[ch]! * max);
    if (c === 4) out.data[p * c + 3] = src[p * c + 3]!;
  }
  return out;
}

/** OpenCV compares against the float32 epsilon here; greys below it get hue 0 and saturation 0. */
const FLT_EPSILON = 1.1920928955078125e-7;

/** OpenCV's float RGB -> HLS: H in degrees [0, 360), L and S in [0, 1]. */
export function rgbToHls(r: number, g: number, b: number, out: Float64Array, at = 0): void {
  const vmax = Math.max(r, g, b);
  const vmin = Math.min(r, g, b);
  const diff = vmax - vmin;
  const l = (vmax + vmin) * 0.5;
  let h = 0;
  let s = 0;
  if (diff > FLT_EPSILON) {
    s = l < 0.5 ? diff / (vmax + vmin) : diff / (2 - vmax - vmin);
    const k = 60 / diff;
    if (vmax === r) h = (g - b) * k;
    else if (vmax === g) h = (b - r) * k + 120;
    else h = (r - g) * k + 240;
    if (h < 0) h += 360;
  }
  out[at] = h;
  out[at + 1] = l;
  out[at + 2] = s;
}

/** OpenCV's float HLS -> RGB (H in degrees, any real value; L and S in [0, 1]). */
export function hlsToRgb(h: number, l: number, s: number, out: Float64Array): void {
  if (s === 0) {
    out[0] = out[1] = out[2] = l;
    return;
  }
  const p2 = l <= 0.5 ? l * (1 + s) : l + s - l * s;
  const p1 = 2 * l - p2;
  let hh = (h / 60) % 6;
  if (hh < 0) hh += 6;
  const sector = Math.floor(hh);
  const f = hh - sector;
  const rising = p1 + (p2 - p1) * f;
  const falling = p1 + (p2 - p1) * (1 - f);
  // Sectors of 60 degrees: red -> yellow -> green -> cyan -> blue -> magenta. hh can reach 6 when
  // a tiny negative hue wraps; that is hue 0 (sector 0 with f = 0).
  let r: number;
  let g: number;
  let b: number;
  switch (sector) {
    case 1:
      [r, g, b] = [falling, p2, p1];
      break;
    case 2:
      [r, g, b] = [p1, p2, rising];
      break;
    case 3:
      [r, g, b] = [p1, falling, p2];
      break;
    case 4:
      [r, g, b] = [rising, p1, p2];
      break;
    case 5:
      [r, g, b] = [p2, p1, falling];
      break;
    default:
      [r, g, b] = [p2, rising, p1];
  }
  out[0] = r;
  out[1] = g;
  out[2] = b;
}

/** Cumulative Poisson(lambda) probabilities, normalized to end at exactly 1. */
export function poissonCdf(lambda: number): Float64Array {
  if (!(lambda > 0)) return Float64Array.of(1);
  const kMax = Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10);
  const cdf = new Float64Array(kMax + 1);
  const logLambda = Math.log(lambda);
  let logFact = 0;
  let acc = 0;
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) logFact += Math.log(k);
    acc += Math.exp(-lambda + k * logLambda - logFact);
    cdf[k] = acc;
  }
  for (let k = 0; k <= kMax; k++) cdf[k]! /= acc;
  cdf[kMax] = 1;
  return cdf;
}

/** The first k with cdf[k] > u (binary search); u in [0, 1). */
export function sampleCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
