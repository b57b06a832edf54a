/** Motion blur: a straight line kernel (Albumentations MotionBlur), applied by correlation. */
import type { Image } from '../../targets/image.js';
import type { BorderMode } from '../types.js';
import { convolve2d } from './convolve.js';
import { badOption, checkInt, checkNumber } from './pixels.js';

/**
 * A `ksize` x `ksize` line kernel, row by row, normalized to sum 1.
 *
 * How the line is drawn: with centre c = floor(ksize / 2) and unit vector
 * u = (cos angle, sin angle) in image axes (x right, y down, so positive angles turn clockwise on
 * screen; 90 is vertical), the segment is c + t * u for t in [-c * (1 - max(0, direction)),
 * c * (1 - max(0, -direction))]: direction 0 is centred, 1 runs only forward from the centre, -1
 * only backward, values between shorten one side linearly. The length is Euclidean, as in
 * Albumentations: at 45 degrees a 5x5 kernel gets 3 diagonal cells, not 5. The segment is sampled at
 * n = ceil(4 * length) + 1 evenly spaced t (spacing <= 1/4 pixel, so the cells form a connected
 * 8-neighbour line); each sample's offset from the centre is rounded per axis half away from zero
 * (so direction 0 gives a kernel symmetric under a half turn); each cell hit gets weight 1, then the
 * weights are divided by their count.
 *
 * Differences from Albumentations: its `direction` only stretches a centred line that is then
 * clipped, so it never makes the blur one-sided; here it does. Its random `allow_shifted` offset is
 * not part of the kernel (shift the kernel in the transform if needed).
 * @example motionBlurKernel(5, 0, 0) // the middle row, five taps of 0.2
 */
export function motionBlurKernel(ksize: number, angleDeg: number, direction = 0): Float64Array {
  checkInt('motionBlurKernel.ksize', ksize, 1, Infinity, 'use an odd kernel size >= 3, e.g. 7');
  if (ksize % 2 === 0) badOption('motionBlurKernel.ksize', 'an odd kernel size', ksize, `use ${ksize - 1} or ${ksize + 1}`);
  checkNumber('motionBlurKernel.angle', angleDeg, -Infinity, Infinity, 'give the angle in degrees');
  checkNumber('motionBlurKernel.direction', direction, -1, 1, 'use -1 (backward only), 0 (centred) or 1 (forward only), or a value between');
  const c = ksize >> 1;
  const kernel = new Float64Array(ksize * ksize);
  const tLo = -c * (1 - Math.max(0, direction));
  const tHi = c * (1 - Math.max(0, -direction));
  const mid = (tLo + tHi) / 2;
  const half = (tHi - tLo) / 2;
  const n = Math.ceil(4 * (tHi - tLo)) + 1;
  const rad = (angleDeg * Math.PI) / 180;
  const ux = Math.cos(rad);
  const uy = Math.sin(rad);
  let count = 0;
  for (let i = 0; i < n; i++) {
    // (2i - (n - 1)) is an exact integer that changes sign between mirrored samples, so
    // t(n - 1 - i) = -t(i) bit for bit when the segment is centred.
    const t = n === 1 ? mid : mid + (half * (2 * i - (n - 1))) / (n - 1);
    const x = c + roundAway(ux * t);
    const y = c + roundAway(uy * t);
    if (x < 0 || y < 0 || x >= ksize || y >= ksize) continue;
    const k = y * ksize + x;
    if (kernel[k] === 0) {
      kernel[k] = 1;
      count++;
    }
  }
  if (count === 0) {
    kernel[c * ksize + c] = 1;
    count = 1;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k]! /= count;
  return kernel;
}

/**
 * Albumentations MotionBlur: correlation with {@link motionBlurKernel} (OpenCV filter2D, default
 * border reflect101). Output(p) averages the source along p + t * u, so with direction 1 a bright
 * point streaks backward (towards -u) from where it was.
 * @example motionBlur(img, 9, 30, 0)
 */
export function motionBlur<I extends Image>(img: I, ksize: number, angleDeg: number, direction = 0, border: BorderMode = 'reflect101'): I {
  return convolve2d(img, motionBlurKernel(ksize, angleDeg, direction), ksize, ksize, border);
}

function roundAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}
