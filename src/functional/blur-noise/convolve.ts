/**
 * Linear filters: separable (Gaussian, box) and general 2-D kernels.
 *
 * Both are correlations, as OpenCV's filter2D and sepFilter2D: the kernel is not flipped, and its
 * anchor is its centre tap `floor(k / 2)`, so output(x) = sum_k K[k] * src(x + k - floor(K / 2)).
 * Sums run in float64; the result is stored once (see pixels.ts: integers rounded half to even and
 * saturated to the dtype's range, float32 as computed). Every channel is filtered, alpha included,
 * as OpenCV does.
 */
import type { Image } from '../../targets/image.js';
import type { BorderMode, Fill } from '../types.js';
import { borderTable, checkBorder } from './border.js';
import { badOption, checkInt, emptyLike, fillValues, storeFor } from './pixels.js';
import { fastConvolve2d, fastSepFilter } from '../../backend/fast/blur.js';

/**
 * Separable correlation: `kx` along rows, then `ky` along columns. The intermediate stays in
 * float64, so the result equals the 2-D correlation with the outer product `ky * kx^T`.
 * `fill` is the constant border value (image value scale; default 0 as in OpenCV).
 */
export function sepFilter<I extends Image>(img: I, kx: ArrayLike<number>, ky: ArrayLike<number>, border: BorderMode = 'reflect101', fill: Fill = 0): I {
  checkBorder('sepFilter.border', border);
  checkKernel('sepFilter.kx', kx, kx.length, 1);
  checkKernel('sepFilter.ky', ky, ky.length, 1);
  const { width: w, height: h, channels: c } = img;
  const src = img.data;
  const fills = fillValues('sepFilter.fill', fill, c);
  const kw = kx.length;
  const kh = ky.length;
  const ax = kw >> 1;
  const ay = kh >> 1;
  let sumKx = 0;
  for (let k = 0; k < kw; k++) sumKx += kx[k]!;

  const xt = borderTable(w, ax, kw - 1 - ax, border);
  const yt = borderTable(h, ay, kh - 1 - ay, border);
  const fast = fastSepFilter(src, img.dtype, w, h, c, kx, ky, border, xt, yt, fills, sumKx);
  if (fast) return { ...img, data: fast };
  const tmp = new Float64Array(w * h * c);
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let k = 0; k < kw; k++) {
          const sx = xt[x + k]!;
          s += kx[k]! * (sx < 0 ? fills[ch]! : src[row + sx * c + ch]!);
        }
        tmp[row + x * c + ch] = s;
      }
    }
  }

  const out = emptyLike(img);
  const store = storeFor(img);
  const stride = w * c;
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < stride; i++) {
      let s = 0;
      for (let k = 0; k < kh; k++) {
        const sy = yt[y + k]!;
        // A row outside a constant border is all `fill`; its row pass is fill * sum(kx).
        s += ky[k]! * (sy < 0 ? fills[i % c]! * sumKx : tmp[sy * stride + i]!);
      }
      store(out.data, y * stride + i, s);
    }
  }
  return out;
}

/**
 * General 2-D correlation with a `kw` x `kh` kernel given row by row (OpenCV filter2D semantics,
 * anchor at the centre tap). Zero taps are skipped, so sparse kernels (motion blur) are cheap.
 * @example convolve2d(img, [0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3) // identity
 */
export function convolve2d<I extends Image>(img: I, kernel: ArrayLike<number>, kw: number, kh: number, border: BorderMode = 'reflect101', fill: Fill = 0): I {
  checkInt('convolve2d.kw', kw, 1, Infinity, 'give the kernel width in taps');
  checkInt('convolve2d.kh', kh, 1, Infinity, 'give the kernel height in taps');
  checkKernel('convolve2d.kernel', kernel, kw * kh, kw * kh);
  checkBorder('convolve2d.border', border);
  const { width: w, height: h, channels: c } = img;
  const fills = fillValues('convolve2d.fill', fill, c);
  const ax = kw >> 1;
  const ay = kh >> 1;
  const taps: { dx: number; dy: number; v: number }[] = [];
  for (let j = 0; j < kh; j++) for (let i = 0; i < kw; i++) if (kernel[j * kw + i] !== 0) taps.push({ dx: i, dy: j, v: kernel[j * kw + i]! });

  const xt = borderTable(w, ax, kw - 1 - ax, border);
  const yt = borderTable(h, ay, kh - 1 - ay, border);
  const fast = fastConvolve2d(img.data, img.dtype, w, h, c, taps, kw, kh, border, xt, yt, fills);
  if (fast) return { ...img, data: fast };
  const src = img.data;
  const out = emptyLike(img);
  const store = storeFor(img);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (const t of taps) {
          const sx = xt[x + t.dx]!;
          const sy = yt[y + t.dy]!;
          s += t.v * (sx < 0 || sy < 0 ? fills[ch]! : src[(sy * w + sx) * c + ch]!);
        }
        store(out.data, (y * w + x) * c + ch, s);
      }
    }
  }
  return out;
}

/**
 * Normalized box filter (OpenCV `blur`): the mean over a `ksizeX` x `ksizeY` window, anchor at
 * `floor(ksize / 2)`, so even sizes reach one pixel further left/up than right/down.
 * @example boxBlur(img, 5) // 5x5 mean, reflect101 border
 */
export function boxBlur<I extends Image>(img: I, ksizeX: number, ksizeY: number = ksizeX, border: BorderMode = 'reflect101'): I {
  checkInt('boxBlur.ksizeX', ksizeX, 1, Infinity, 'use a window size of at least 1 pixel, e.g. 3');
  checkInt('boxBlur.ksizeY', ksizeY, 1, Infinity, 'use a window size of at least 1 pixel, e.g. 3');
  return sepFilter(img, new Float64Array(ksizeX).fill(1 / ksizeX), new Float64Array(ksizeY).fill(1 / ksizeY), border);
}

/**
 * Albumentations `Blur`: a square box filter with OpenCV's default border (reflect101).
 * @example blur(img, 3)
 */
export function blur<I extends Image>(img: I, ksize: number): I {
  return boxBlur(img, ksize, ksize, 'reflect101');
}

function checkKernel(key: string, k: ArrayLike<number>, length: number, minLength: number): void {
  if (k.length < minLength || k.length !== length) badOption(key, `${length} taps (at least ${minLength})`, k.length, 'give the kernel as a flat array, row by row');
  for (let i = 0; i < k.length; i++) {
    if (!Number.isFinite(k[i])) badOption(`${key}[${i}]`, 'a finite number', k[i], 'kernel taps must be finite numbers');
  }
}
