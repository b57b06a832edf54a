/**
 * Integer crops and pads: both copy a window of the source, reading outside it through a border
 * rule. Exact for every dtype. A crop at (x, y) is the map (u, v) -> (u - x, v - y); a pad by
 * (top, left) is (u, v) -> (u + left, v + top).
 */
import type { Image } from '../../targets/image.js';
import type { BorderMode, Fill, MaskData } from '../types.js';
import type { MaskPlaneOf, PixelArray } from './common.js';
import { allocLike, borderIndex, checkBorder, checkImage, checkInt, checkMask, checkMaskFill, fillPixel, withData } from './common.js';

/**
 * The `width` x `height` window whose top-left pixel is (x, y). Parts of the window outside the
 * image are filled with `fill` (default 0); x and y may be negative.
 * @example cropImage(img, 10, 20, 64, 64) // pixels x in [10, 74), y in [20, 84)
 */
export function cropImage<I extends Image>(img: I, x: number, y: number, width: number, height: number, fill: Fill = 0): I {
  checkImage(img, 'cropImage');
  checkWindow(x, y, width, height, 'cropImage');
  const f = fillPixel(img, fill, 'cropImage');
  const data = copyWindow(img.data, img.width, img.height, img.channels, x, y, width, height, 'constant', f);
  return withData(img, width, height, data as I['data']);
}

/**
 * Adds `top`, `bottom`, `left`, `right` pixels around the image, filled by `border` (default
 * 'constant' with `fill`, default 0).
 */
export function padImage<I extends Image>(img: I, top: number, bottom: number, left: number, right: number, border: BorderMode = 'constant', fill: Fill = 0): I {
  checkImage(img, 'padImage');
  checkPads(top, bottom, left, right, 'padImage');
  checkBorder(border, 'padImage');
  const f = fillPixel(img, fill, 'padImage');
  const w = img.width + left + right;
  const h = img.height + top + bottom;
  const data = copyWindow(img.data, img.width, img.height, img.channels, -left, -top, w, h, border, f);
  return withData(img, w, h, data as I['data']);
}

/** `cropImage` for a mask plane; outside pixels get the label `fill` (default 0). */
export function cropMask<T extends MaskData>(mask: MaskPlaneOf<T>, x: number, y: number, width: number, height: number, fill = 0): MaskPlaneOf<T> {
  checkMask(mask, 'cropMask');
  checkWindow(x, y, width, height, 'cropMask');
  checkMaskFill(mask.data, fill, 'cropMask');
  return { width, height, data: copyWindow(mask.data, mask.width, mask.height, 1, x, y, width, height, 'constant', [fill]) };
}

/** `padImage` for a mask plane; constant borders use the label `fill` (default 0). */
export function padMask<T extends MaskData>(mask: MaskPlaneOf<T>, top: number, bottom: number, left: number, right: number, border: BorderMode = 'constant', fill = 0): MaskPlaneOf<T> {
  checkMask(mask, 'padMask');
  checkPads(top, bottom, left, right, 'padMask');
  checkBorder(border, 'padMask');
  checkMaskFill(mask.data, fill, 'padMask');
  const w = mask.width + left + right;
  const h = mask.height + top + bottom;
  return { width: w, height: h, data: copyWindow(mask.data, mask.width, mask.height, 1, -left, -top, w, h, border, [fill]) };
}

function checkWindow(x: number, y: number, w: number, h: number, fn: string): void {
  const hint = 'crop windows are whole pixels: round the window before cropping';
  checkInt(x, `${fn}.x`, Number.MIN_SAFE_INTEGER, hint);
  checkInt(y, `${fn}.y`, Number.MIN_SAFE_INTEGER, hint);
  checkInt(w, `${fn}.width`, 1, hint);
  checkInt(h, `${fn}.height`, 1, hint);
}

function checkPads(top: number, bottom: number, left: number, right: number, fn: string): void {
  const hint = 'pads are whole pixels >= 0; to remove pixels, crop instead';
  checkInt(top, `${fn}.top`, 0, hint);
  checkInt(bottom, `${fn}.bottom`, 0, hint);
  checkInt(left, `${fn}.left`, 0, hint);
  checkInt(right, `${fn}.right`, 0, hint);
}

/**
 * Output pixel (j, i) reads source pixel (x0 + j, y0 + i), resolved by `border`. Rows are copied
 * in runs where the source is contiguous.
 */
function copyWindow<T extends PixelArray>(
  src: T, w: number, h: number, ch: number, x0: number, y0: number, outW: number, outH: number, border: BorderMode, fill: ArrayLike<number>,
): T {
  const out = allocLike(src, outW * outH * ch);
  const cols = new Int32Array(outW);
  for (let j = 0; j < outW; j++) cols[j] = borderIndex(x0 + j, w, border);
  // The columns that land inside the source in order form one run we can copy with `set`.
  const runStart = Math.max(0, -x0);
  const runEnd = Math.min(outW, w - x0);
  for (let i = 0; i < outH; i++) {
    const sy = borderIndex(y0 + i, h, border);
    const drow = i * outW * ch;
    if (sy < 0) {
      for (let j = 0; j < outW; j++) for (let c = 0; c < ch; c++) out[drow + j * ch + c] = fill[c]!;
      continue;
    }
    const srow = sy * w * ch;
    if (runEnd > runStart) out.set(src.subarray(srow + (x0 + runStart) * ch, srow + (x0 + runEnd) * ch), drow + runStart * ch);
    for (let j = 0; j < outW; j++) {
      if (j >= runStart && j < runEnd) continue;
      const sx = cols[j]!;
      const d = drow + j * ch;
      if (sx < 0) for (let c = 0; c < ch; c++) out[d + c] = fill[c]!;
      else for (let c = 0; c < ch; c++) out[d + c] = src[srow + sx * ch + c]!;
    }
  }
  return out;
}
