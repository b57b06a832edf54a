/**
 * Flips, transpose and quarter turns: pure index permutations, exact for every dtype, with the
 * same code for images (HWC, any channel count) and mask planes (one channel).
 *
 * Each equals a warp by its matrix (docs/coordinates.md): hflip x -> W - x, vflip y -> H - y,
 * transpose (x, y) -> (y, x), one counter-clockwise quarter turn (x, y) -> (y, W - x) onto an
 * H-wide, W-high canvas (np.rot90 with k = 1). Pinned by test/functional/geometric/flip.test.ts.
 */
import type { Image } from '../../targets/image.js';
import type { MaskData } from '../types.js';
import type { MaskPlaneOf, PixelArray } from './common.js';
import { allocLike, checkImage, checkInt, checkMask, withData } from './common.js';
import { fastFlip } from '../../backend/fast/flip.js';

/** Mirrors left and right: x -> width - x. */
export function hflipImage<I extends Image>(img: I): I {
  checkImage(img, 'hflipImage');
  return withData(img, img.width, img.height, hflipPlane(img.data, img.width, img.height, img.channels) as I['data']);
}

/** Mirrors top and bottom: y -> height - y. */
export function vflipImage<I extends Image>(img: I): I {
  checkImage(img, 'vflipImage');
  return withData(img, img.width, img.height, vflipPlane(img.data, img.width, img.height, img.channels) as I['data']);
}

/** Swaps the axes: (x, y) -> (y, x); the result is height wide and width high. */
export function transposeImage<I extends Image>(img: I): I {
  checkImage(img, 'transposeImage');
  return withData(img, img.height, img.width, transposePlane(img.data, img.width, img.height, img.channels) as I['data']);
}

/**
 * Turns by `k` counter-clockwise quarter turns (negative k turns clockwise), like np.rot90.
 * Odd k swaps width and height.
 */
export function rot90Image<I extends Image>(img: I, k: number): I {
  checkImage(img, 'rot90Image');
  checkInt(k, 'rot90Image.k', Number.MIN_SAFE_INTEGER, 'pass the number of quarter turns as a whole number');
  const { data, width, height } = rot90Plane(img.data, img.width, img.height, img.channels, k);
  return withData(img, width, height, data as I['data']);
}

/** `hflipImage` for a mask plane. */
export function hflipMask<T extends MaskData>(mask: MaskPlaneOf<T>): MaskPlaneOf<T> {
  checkMask(mask, 'hflipMask');
  return { width: mask.width, height: mask.height, data: hflipPlane(mask.data, mask.width, mask.height, 1) };
}

/** `vflipImage` for a mask plane. */
export function vflipMask<T extends MaskData>(mask: MaskPlaneOf<T>): MaskPlaneOf<T> {
  checkMask(mask, 'vflipMask');
  return { width: mask.width, height: mask.height, data: vflipPlane(mask.data, mask.width, mask.height, 1) };
}

/** `transposeImage` for a mask plane. */
export function transposeMask<T extends MaskData>(mask: MaskPlaneOf<T>): MaskPlaneOf<T> {
  checkMask(mask, 'transposeMask');
  return { width: mask.height, height: mask.width, data: transposePlane(mask.data, mask.width, mask.height, 1) };
}

/** `rot90Image` for a mask plane. */
export function rot90Mask<T extends MaskData>(mask: MaskPlaneOf<T>, k: number): MaskPlaneOf<T> {
  checkMask(mask, 'rot90Mask');
  checkInt(k, 'rot90Mask.k', Number.MIN_SAFE_INTEGER, 'pass the number of quarter turns as a whole number');
  return rot90Plane(mask.data, mask.width, mask.height, 1, k);
}

function hflipPlane<T extends PixelArray>(src: T, w: number, h: number, ch: number): T {
  const fast = fastFlip('hflip', src, w, h, ch);
  if (fast) return fast;
  const out = allocLike(src, src.length);
  for (let y = 0; y < h; y++) {
    const row = y * w * ch;
    for (let x = 0; x < w; x++) {
      const s = row + x * ch;
      const d = row + (w - 1 - x) * ch;
      for (let c = 0; c < ch; c++) out[d + c] = src[s + c]!;
    }
  }
  return out;
}

function vflipPlane<T extends PixelArray>(src: T, w: number, h: number, ch: number): T {
  const out = allocLike(src, src.length);
  const stride = w * ch;
  for (let y = 0; y < h; y++) out.set(src.subarray(y * stride, (y + 1) * stride), (h - 1 - y) * stride);
  return out;
}

function transposePlane<T extends PixelArray>(src: T, w: number, h: number, ch: number): T {
  const out = allocLike(src, src.length);
  // Output is h wide: out(x' = y, y' = x) = in(x, y).
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * ch;
      const d = (x * h + y) * ch;
      for (let c = 0; c < ch; c++) out[d + c] = src[s + c]!;
    }
  }
  return out;
}

function rot90Plane<T extends PixelArray>(src: T, w: number, h: number, ch: number, k: number): { width: number; height: number; data: T } {
  const turns = ((k % 4) + 4) % 4;
  if (turns === 0) return { width: w, height: h, data: src.slice() as T };
  if (turns === 2) {
    // A half turn is both flips; reversing pixel order does both at once.
    const out = allocLike(src, src.length);
    const n = w * h;
    for (let p = 0; p < n; p++) {
      const s = p * ch;
      const d = (n - 1 - p) * ch;
      for (let c = 0; c < ch; c++) out[d + c] = src[s + c]!;
    }
    return { width: w, height: h, data: out };
  }
  const out = allocLike(src, src.length);
  // Output is h wide and w high. Counter-clockwise: out[i][j] = in[j][w-1-i];
  // clockwise (three turns): out[i][j] = in[h-1-j][i].
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < h; j++) {
      const s = turns === 1 ? (j * w + (w - 1 - i)) * ch : ((h - 1 - j) * w + i) * ch;
      const d = (i * h + j) * ch;
      for (let c = 0; c < ch; c++) out[d + c] = src[s + c]!;
    }
  }
  return { width: h, height: w, data: out };
}
