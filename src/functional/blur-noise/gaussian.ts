/**
 * Gaussian blur with OpenCV's semantics (getGaussianKernel, GaussianBlur), so that configs written
 * against cv2 / Albumentations mean the same blur here.
 */
import type { DType, Image } from '../../targets/image.js';
import type { BorderMode } from '../types.js';
import { sepFilter } from './convolve.js';
import { badOption, checkInt, checkNumber, roundHalfEven } from './pixels.js';

/**
 * OpenCV's hard-coded kernels for odd sizes up to 7 when sigma <= 0. They are binomial-like, not
 * samples of the formula below (for size 3 the formula would give 0.239, 0.522, 0.239).
 */
const SMALL_KERNELS: readonly (readonly number[])[] = [
  [1],
  [0.25, 0.5, 0.25],
  [0.0625, 0.25, 0.375, 0.25, 0.0625],
  [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
];

/**
 * The kernel size OpenCV's GaussianBlur derives from sigma when ksize is 0:
 * `cvRound(sigma * (uint8 ? 3 : 4) * 2 + 1) | 1` (3 sigmas each side for 8-bit images, 4 for
 * deeper ones). cvRound ties to even; with the final `| 1` that gives the same size as rounding
 * ties up would.
 * @example gaussianKsize(1.5) // 11; gaussianKsize(1.5, 'float32') // 13
 */
export function gaussianKsize(sigma: number, dtype: DType = 'uint8'): number {
  checkNumber('gaussianKsize.sigma', sigma, Number.MIN_VALUE, Infinity, 'give sigma > 0 to derive a kernel size from it');
  return roundHalfEven(sigma * (dtype === 'uint8' ? 3 : 4) * 2 + 1) | 1;
}

/**
 * A normalized 1-D Gaussian kernel with OpenCV getGaussianKernel semantics:
 * - `sigma <= 0` with odd `ksize <= 7`: OpenCV's fixed table (3 -> [0.25, 0.5, 0.25]);
 * - `sigma <= 0` otherwise: sigma = 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;
 * - taps exp(-x^2 / (2 sigma^2)) at x = i - (ksize - 1) / 2, divided by their sum.
 * `ksize` 0 derives the size from sigma by the 8-bit rule of {@link gaussianKsize}.
 * @example gaussianKernel1d(5, 1.1)
 */
export function gaussianKernel1d(ksize: number, sigma: number): Float64Array {
  checkNumber('gaussianKernel1d.sigma', sigma, -Infinity, Infinity, 'give sigma > 0, or 0 to derive it from ksize');
  if (ksize === 0) {
    if (!(sigma > 0)) badOption('gaussianKernel1d.ksize', 'a positive odd size, or 0 with sigma > 0', ksize, 'give an odd ksize such as 3, or a sigma > 0 with ksize 0');
    ksize = gaussianKsize(sigma);
  }
  checkOddSize('gaussianKernel1d.ksize', ksize);
  const fixed = sigma <= 0 && ksize <= 7 ? SMALL_KERNELS[ksize >> 1] : undefined;
  if (fixed) return Float64Array.from(fixed);
  const s = sigma > 0 ? sigma : 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;
  const scale = -0.5 / (s * s);
  const k = new Float64Array(ksize);
  let sum = 0;
  for (let i = 0; i < ksize; i++) {
    const x = i - (ksize - 1) * 0.5;
    k[i] = Math.exp(scale * x * x);
    sum += k[i]!;
  }
  for (let i = 0; i < ksize; i++) k[i]! /= sum;
  return k;
}

/**
 * Separable Gaussian blur with OpenCV GaussianBlur semantics: a ksize of 0 is derived from its
 * sigma ({@link gaussianKsize}, by the image's dtype), `sigmaY <= 0` takes `sigmaX`, a sigma of 0
 * is derived from its ksize. Border default reflect101 (OpenCV's default); 'constant' pads with 0.
 * @example gaussianBlur(img, 5, 5, 0, 0) // sigma 1.1 each way
 * @example gaussianBlur(img, 0, 0, 2, 2) // ksize 13 for uint8, 17 otherwise
 */
export function gaussianBlur<I extends Image>(img: I, ksizeX: number, ksizeY: number, sigmaX: number, sigmaY = 0, border: BorderMode = 'reflect101'): I {
  checkNumber('gaussianBlur.sigmaX', sigmaX, 0, Infinity, 'give sigma >= 0 (0 derives it from the kernel size)');
  checkNumber('gaussianBlur.sigmaY', sigmaY, 0, Infinity, 'give sigma >= 0 (0 takes sigmaX)');
  if (sigmaY <= 0) sigmaY = sigmaX;
  const kx = kernelFor('gaussianBlur.ksizeX', ksizeX, sigmaX, img.dtype);
  const ky = kernelFor('gaussianBlur.ksizeY', ksizeY, sigmaY, img.dtype);
  return sepFilter(img, kx, ky, border);
}

function kernelFor(key: string, ksize: number, sigma: number, dtype: DType): Float64Array {
  if (ksize === 0) {
    if (!(sigma > 0)) badOption(key, 'a positive odd size, or 0 with sigma > 0', ksize, 'give an odd kernel size such as 5, or a sigma > 0 to derive the size from');
    ksize = gaussianKsize(sigma, dtype);
  }
  checkOddSize(key, ksize);
  return gaussianKernel1d(ksize, sigma);
}

function checkOddSize(key: string, ksize: number): void {
  checkInt(key, ksize, 1, Infinity, 'use an odd kernel size such as 3, 5 or 7');
  if (ksize % 2 === 0) badOption(key, 'an odd kernel size', ksize, `use ${ksize - 1} or ${ksize + 1}`);
}
