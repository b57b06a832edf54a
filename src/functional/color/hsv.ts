/**
 * Albumentations HueSaturationValue (`shift_hsv`) on OpenCV's HSV.
 *
 * Units (the same for every dtype, so a sampled parameter means the same change everywhere):
 * hueShift in OpenCV uint8 hue units (hue lives in [0, 180), one unit = 2 degrees), satShift and
 * valShift in uint8 units (out of 255).
 *
 * uint8 follows Albumentations + OpenCV step by step:
 * 1. RGB -> HSV with OpenCV's integer `RGB2HSV_b` (hsv_shift 12 fixed point, rounding tables
 *    `round(255*4096/i)` and `round(180*4096/(6i))`, H in [0, 180], S and V in [0, 255]).
 * 2. Tables: `H = trunc((H + hueShift) mod 180)` (floored mod), `S = trunc(clip(S + satShift, 0, 255))`,
 *    `V` likewise; a zero shift skips its table, as Albumentations does.
 * 3. HSV -> RGB with OpenCV's `HSV2RGB_b`: S and V scaled by 1/255 in float32, H by 6/180, sector
 *    formula in float32, each channel `round_half_even(x * 255)`.
 * uint16 and float32 use the same model in double precision: h in degrees += 2 * hueShift,
 * s += satShift / 255, v += valShift / 255 (both clipped to [0, 1]), uint16 rounded to nearest.
 * This differs on purpose from Albumentations' float path, which adds the raw shifts to S and V in [0, 1].
 * Gray (1-channel) images only take valShift (a gray pixel has no hue or saturation). All shifts 0
 * returns a copy. Alpha passes through.
 */
import { maxValueOf, type DType, type Image, type ImageOf } from '../../targets/image.js';
import { ALL_DTYPES, ANY_CHANNELS, checkImage, checkNumber, clamp, copyOf, f32, like } from './common.js';

const HSV_SHIFT = 12;
const SDIV = new Int32Array(256);
const HDIV180 = new Int32Array(256);
for (let i = 1; i < 256; i++) {
  SDIV[i] = roundHalfEven((255 << HSV_SHIFT) / i);
  HDIV180[i] = roundHalfEven((180 << HSV_SHIFT) / (6 * i));
}

/** OpenCV's `cvRound`: to nearest, ties to even (the FPU default). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Shifts hue, saturation and value. See the module comment for units and rounding.
 * @example shiftHsv(img, 10, -20, 0) // hue +20 degrees, a little less saturated
 */
export function shiftHsv(img: Image, hueShift: number, satShift: number, valShift: number): Image {
  checkImage(img, 'shiftHsv', { dtypes: ALL_DTYPES, channels: ANY_CHANNELS });
  checkNumber('shiftHsv', 'hueShift', hueShift, -180, 180);
  checkNumber('shiftHsv', 'satShift', satShift, -255, 255);
  checkNumber('shiftHsv', 'valShift', valShift, -255, 255);
  if (img.channels === 1 ? valShift === 0 : hueShift === 0 && satShift === 0 && valShift === 0) return copyOf(img);
  const max = maxValueOf(img);
  const out = like(img as ImageOf<DType>) as Image;
  const src = img.data;
  const dst = out.data;
  if (img.channels === 1) {
    for (let i = 0; i < src.length; i++) {
      const v = src[i]!;
      if (img.dtype === 'uint8') dst[i] = Math.trunc(clamp(v + valShift, 0, 255));
      else if (img.dtype === 'uint16') dst[i] = clamp(Math.round(v + (valShift / 255) * max), 0, max);
      else dst[i] = clamp(v + (valShift / 255) * max, 0, max);
    }
    return out;
  }
  const ch = img.channels;
  const rgb = new Float64Array(3);
  if (img.dtype === 'uint8') {
    const hueLut = new Uint8Array(256);
    const satLut = new Uint8Array(256);
    const valLut = new Uint8Array(256);
    for (let i = 0; i < 256; i++) {
      hueLut[i] = hueShift === 0 ? i : Math.trunc(floorMod(i + hueShift, 180));
      satLut[i] = satShift === 0 ? i : Math.trunc(clamp(i + satShift, 0, 255));
      valLut[i] = valShift === 0 ? i : Math.trunc(clamp(i + valShift, 0, 255));
    }
    const hsv = new Int32Array(3);
    for (let j = 0; j < src.length; j += ch) {
      rgbToHsv8(src[j]!, src[j + 1]!, src[j + 2]!, hsv);
      hsvToRgb8(hueLut[hsv[0]!]!, satLut[hsv[1]!]!, valLut[hsv[2]!]!, rgb);
      dst[j] = rgb[0]!;
      dst[j + 1] = rgb[1]!;
      dst[j + 2] = rgb[2]!;
      if (ch === 4) dst[j + 3] = src[j + 3]!;
    }
    return out;
  }
  const hsv = new Float64Array(3);
  for (let j = 0; j < src.length; j += ch) {
    rgbToHsv(src[j]! / max, src[j + 1]! / max, src[j + 2]! / max, hsv);
    const h = floorMod(hsv[0]! + 2 * hueShift, 360);
    const s = clamp(hsv[1]! + satShift / 255, 0, 1);
    const v = clamp(hsv[2]! + valShift / 255, 0, 1);
    hsvToRgb(h, s, v, rgb);
    for (let c = 0; c < 3; c++) {
      const x = rgb[c]! * max;
      dst[j + c] = img.dtype === 'uint16' ? clamp(Math.round(x), 0, max) : clamp(x, 0, max);
    }
    if (ch === 4) dst[j + 3] = src[j + 3]!;
  }
  return out;
}

function floorMod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

/** OpenCV `RGB2HSV_b` with hrange 180: integer H in [0, 180], S, V in [0, 255]. */
export function rgbToHsv8(r: number, g: number, b: number, out: Int32Array): void {
  const v = Math.max(r, g, b);
  const vmin = Math.min(r, g, b);
  const diff = v - vmin;
  const vr = v === r;
  const vg = v === g;
  const s = (diff * SDIV[v]! + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
  let h = vr ? g - b : vg ? b - r + 2 * diff : r - g + 4 * diff;
  h = (h * HDIV180[diff]! + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
  if (h < 0) h += 180;
  out[0] = h;
  out[1] = s;
  out[2] = v;
}

const INV255 = f32(1 / 255);
const HSCALE = f32(6 / 180);
// OpenCV's sector table: indices into [v, p, q, t]-like tab for (b, g, r).
const SECTOR = [
  [1, 3, 0],
  [1, 0, 2],
  [3, 0, 1],
  [0, 2, 1],
  [0, 1, 3],
  [2, 1, 0],
] as const;

/** OpenCV `HSV2RGB_b` with hrange 180, float32 arithmetic; writes rounded r, g, b into `out`. */
export function hsvToRgb8(h8: number, s8: number, v8: number, out: Float64Array): void {
  const s = f32(s8 * INV255);
  const v = f32(v8 * INV255);
  let r: number;
  let g: number;
  let b: number;
  if (s === 0) {
    r = g = b = v;
  } else {
    let h = f32(h8 * HSCALE);
    h = f32(h % 6);
    let sector = Math.floor(h);
    h = f32(h - sector);
    if (sector < 0 || sector >= 6) {
      sector = 0;
      h = 0;
    }
    const tab = [v, f32(v * f32(1 - s)), f32(v * f32(1 - f32(s * h))), f32(v * f32(1 - f32(s * f32(1 - h))))];
    const sd = SECTOR[sector]!;
    b = tab[sd[0]]!;
    g = tab[sd[1]]!;
    r = tab[sd[2]]!;
  }
  out[0] = clamp(roundHalfEven(f32(r * 255)), 0, 255);
  out[1] = clamp(roundHalfEven(f32(g * 255)), 0, 255);
  out[2] = clamp(roundHalfEven(f32(b * 255)), 0, 255);
}

/** RGB in [0, 1] to HSV with h in degrees [0, 360), s, v in [0, 1] (double precision). */
export function rgbToHsv(r: number, g: number, b: number, out: Float64Array): void {
  const v = Math.max(r, g, b);
  const d = v - Math.min(r, g, b);
  const s = v > 0 ? d / v : 0;
  let h = 0;
  if (d > 0) {
    if (v === r) h = (60 * (g - b)) / d;
    else if (v === g) h = 120 + (60 * (b - r)) / d;
    else h = 240 + (60 * (r - g)) / d;
    if (h < 0) h += 360;
  }
  out[0] = h;
  out[1] = s;
  out[2] = v;
}

/** HSV (h in degrees) to RGB in [0, 1], double precision. */
export function hsvToRgb(h: number, s: number, v: number, out: Float64Array): void {
  const h6 = floorMod(h, 360) / 60;
  const sector = Math.min(Math.floor(h6), 5);
  const f = h6 - sector;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const tab = [v, p, q, t];
  const sd = SECTOR[sector]!;
  out[2] = tab[sd[0]]!;
  out[1] = tab[sd[1]]!;
  out[0] = tab[sd[2]]!;
}
