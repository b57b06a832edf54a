/** Median filter with OpenCV medianBlur semantics. */
import type { Image } from '../../targets/image.js';
import { borderTable } from './border.js';
import { badOption, checkInt, emptyLike } from './pixels.js';
import { fastMedian } from '../../backend/fast/blur.js';

/**
 * Per-channel median over a `ksize` x `ksize` window with a replicate border (OpenCV medianBlur).
 * `ksize` must be odd; 1 returns a copy. The median of an odd count is one of the inputs, so no
 * rounding happens. Unlike OpenCV (8-bit only above 5), every dtype works at every size.
 * @example medianBlur(img, 3) // removes isolated salt-and-pepper pixels
 */
export function medianBlur<I extends Image>(img: I, ksize: number): I {
  checkInt('medianBlur.ksize', ksize, 1, Infinity, 'use an odd kernel size such as 3, 5 or 7');
  if (ksize % 2 === 0) badOption('medianBlur.ksize', 'an odd kernel size', ksize, `use ${ksize - 1} or ${ksize + 1}`);
  if ((ksize === 3 || ksize === 5) && img.dtype === 'uint8') {
    const r = ksize >> 1;
    const fast = fastMedian(img.data, img.width, img.height, img.channels, ksize, borderTable(img.width, r, r, 'replicate'), borderTable(img.height, r, r, 'replicate'));
    if (fast) return { ...img, data: fast };
  }
  const out = emptyLike(img);
  if (ksize === 1) {
    out.data.set(img.data);
    return out;
  }
  const { width: w, height: h, channels: c } = img;
  const r = ksize >> 1;
  const xt = borderTable(w, r, r, 'replicate');
  const yt = borderTable(h, r, r, 'replicate');
  if (img.dtype === 'uint8') {
    medianU8(img.data, out.data as Uint8Array, w, h, c, ksize, xt, yt);
    return out;
  }
  const src = img.data;
  const n = ksize * ksize;
  const mid = n >> 1;
  const buf = new Float64Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let m = 0;
        for (let j = 0; j < ksize; j++) {
          const row = yt[y + j]! * w;
          for (let i = 0; i < ksize; i++) buf[m++] = src[(row + xt[x + i]!) * c + ch]!;
        }
        out.data[(y * w + x) * c + ch] = select(buf, mid);
      }
    }
  }
  return out;
}

/**
 * 8-bit fast path (Huang's sliding histogram): per row and channel, the window's histogram is
 * updated by one column out and one in, and the median is walked from the previous one. Same
 * result as selecting the middle of the sorted window, at O(ksize) per pixel instead of O(ksize^2).
 */
function medianU8(src: Uint8Array, dst: Uint8Array, w: number, h: number, c: number, k: number, xt: Int32Array, yt: Int32Array): void {
  const mid = (k * k) >> 1;
  const hist = new Int32Array(256);
  for (let y = 0; y < h; y++) {
    for (let ch = 0; ch < c; ch++) {
      hist.fill(0);
      for (let j = 0; j < k; j++) {
        const row = yt[y + j]! * w;
        for (let i = 0; i < k; i++) hist[src[(row + xt[i]!) * c + ch]!]!++;
      }
      // med: the value with lt <= mid < lt + hist[med], lt = count of values below med.
      let med = 0;
      let lt = 0;
      while (lt + hist[med]! <= mid) lt += hist[med++]!;
      dst[y * w * c + ch] = med;
      for (let x = 1; x < w; x++) {
        const xOut = xt[x - 1]!;
        const xIn = xt[x - 1 + k]!;
        for (let j = 0; j < k; j++) {
          const row = yt[y + j]! * w;
          const vo = src[(row + xOut) * c + ch]!;
          hist[vo]!--;
          if (vo < med) lt--;
          const vi = src[(row + xIn) * c + ch]!;
          hist[vi]!++;
          if (vi < med) lt++;
        }
        while (lt > mid) lt -= hist[--med]!;
        while (lt + hist[med]! <= mid) lt += hist[med++]!;
        dst[(y * w + x) * c + ch] = med;
      }
    }
  }
}

/** The k-th smallest value of `a` (Hoare's quickselect, middle pivot); reorders `a`. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
