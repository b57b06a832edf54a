/**
 * PIL `ImageOps` kernels used by AutoAugment-style policies (torchvision's posterize, solarize,
 * equalize, autocontrast and invert give the same uint8 bytes), plus timm's SolarizeAdd.
 * Parameters are in the image's own value scale: 0..255 for uint8, 0..maxValue for uint16,
 * 0..1 for float32. Alpha passes through.
 */
import { maxValueOf, type Image } from '../../targets/image.js';
import { ALL_DTYPES, ANY_CHANNELS, INTEGER_DTYPES, checkImage, checkInteger, checkNumber, clamp, colorChannels, like } from './common.js';
import { fastHistograms8 } from '../../backend/fast/color.js';
import { applyPointOp, lut } from './lut.js';

const SUPPORT = { dtypes: ALL_DTYPES, channels: ANY_CHANNELS };

/**
 * Keeps the `bits` (0..8) most significant bits of each sample: for uint8 exactly `v & ~(2^(8-bits)-1)`
 * (PIL `ImageOps.posterize`). uint16 keeps the top bits of its [0, maxValue] range; float32 maps to
 * the lower edge of its level `floor(v * 2^bits) / 2^bits`. Idempotent; bits 8 is the identity for uint8.
 */
export function posterize(img: Image, bits: number): Image {
  checkImage(img, 'posterize', SUPPORT);
  checkInteger('posterize', 'bits', bits, 0, 8);
  return applyPointOp(img, 'posterize', { bits });
}

/**
 * PIL `ImageOps.solarize`: samples `>= threshold` become `max - v`. A threshold above max is the
 * identity; 0 inverts everything.
 */
export function solarize(img: Image, threshold: number): Image {
  checkImage(img, 'solarize', SUPPORT);
  checkNumber('solarize', 'threshold', threshold);
  return applyPointOp(img, 'solarize', { threshold });
}

/**
 * timm `SolarizeAdd`: samples `< threshold` get `add` added, clipped to [0, max]; others are kept.
 * The default threshold is 128 on the uint8 scale (`128 / 255 * max` for other dtypes). Integer
 * images round a fractional `add` to the nearest integer result.
 */
export function solarizeAdd(img: Image, add: number, threshold?: number): Image {
  checkImage(img, 'solarizeAdd', SUPPORT);
  const max = maxValueOf(img);
  const t = threshold ?? (img.dtype === 'uint8' ? 128 : (128 / 255) * max);
  return applyPointOp(img, 'solarizeAdd', { add, threshold: t });
}

/** `max - v` for every color sample (PIL `ImageOps.invert`). An involution. */
export function invert(img: Image): Image {
  checkImage(img, 'invert', SUPPORT);
  return applyPointOp(img, 'invert', {});
}

/**
 * PIL `ImageOps.equalize`, per color channel. With `h` the channel histogram, `n` the pixel count
 * and `last` the count of the highest occupied bin, uint8 uses PIL's integer rule:
 * `step = floor((n - last) / 255)`; if the channel has one value or step is 0 it is unchanged, else
 * `lut[i] = min(255, floor((floor(step/2) + h[0] + ... + h[i-1]) / step))`.
 * uint16 uses the same rule with a real-valued `step = (n - last) / max` (an integer step would be
 * 0, hence a no-op, for any image under 65536 pixels): `lut[i] = floor(cdf_before(i) / step + 0.5)`.
 * Integer images only.
 */
export function equalize(img: Image): Image {
  checkImage(img, 'equalize', { dtypes: INTEGER_DTYPES, channels: ANY_CHANNELS });
  const max = maxValueOf(img);
  const hists = histograms(img);
  const tables = hists.map((h) => {
    const table = img.dtype === 'uint8' ? new Uint8Array(256) : new Uint16Array(65536);
    let total = 0;
    let last = 0;
    let occupied = 0;
    for (let i = 0; i < h.length; i++) {
      const c = h[i]!;
      if (c === 0) continue;
      total += c;
      last = c;
      occupied++;
    }
    const u8 = img.dtype === 'uint8';
    const step = u8 ? Math.floor((total - last) / 255) : (total - last) / max;
    if (occupied <= 1 || step === 0) {
      for (let i = 0; i < table.length; i++) table[i] = i;
      return table;
    }
    let n = u8 ? Math.floor(step / 2) : step / 2;
    for (let i = 0; i < table.length; i++) {
      table[i] = Math.min(Math.floor(n / step), max);
      n += h[i]!;
    }
    return table;
  });
  return lut(img, tables);
}

/**
 * PIL `ImageOps.autocontrast` with cutoff 0, per color channel: stretch [lo, hi] (the lowest and
 * highest values present) to [0, max]. Integers follow PIL: `scale = max / (hi - lo)`,
 * `lut[v] = clamp(int(v * scale - lo * scale))`, in doubles; float32 is stretched without rounding.
 * A channel with a single value is unchanged.
 */
export function autocontrast(img: Image): Image {
  checkImage(img, 'autocontrast', SUPPORT);
  const max = maxValueOf(img);
  const colors = colorChannels(img);
  const ch = img.channels;
  const src = img.data;
  const lo = new Array<number>(colors).fill(Infinity);
  const hi = new Array<number>(colors).fill(-Infinity);
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    if (c === 3) continue;
    const v = src[i]!;
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  if (img.dtype !== 'float32') {
    const tables = lo.map((l, c) => {
      const h = hi[c]!;
      const table = img.dtype === 'uint8' ? new Uint8Array(256) : new Uint16Array(65536);
      if (h <= l) {
        for (let i = 0; i < table.length; i++) table[i] = i;
        return table;
      }
      const scale = max / (h - l);
      const offset = -l * scale;
      for (let i = 0; i < table.length; i++) table[i] = clamp(Math.trunc(i * scale + offset), 0, max);
      return table;
    });
    return lut(img, tables);
  }
  const out = like(img);
  const dst = out.data;
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    const l = lo[c] ?? 0;
    const h = hi[c] ?? 0;
    dst[i] = c === 3 || h <= l ? src[i]! : clamp(((src[i]! - l) / (h - l)) * max, 0, max);
  }
  return out;
}

/** One histogram per color channel over all values the dtype can hold. */
function histograms(img: Image): Float64Array[] {
  const fast = fastHistograms8(img);
  if (fast) return fast;
  const colors = colorChannels(img);
  const size = img.dtype === 'uint8' ? 256 : 65536;
  const hists = Array.from({ length: colors }, () => new Float64Array(size));
  const ch = img.channels;
  const src = img.data;
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    if (c !== 3) hists[c]![src[i]!]!++;
  }
  return hists;
}
