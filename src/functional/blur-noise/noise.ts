/**
 * Additive and multiplicative per-pixel noise.
 *
 * Reproducibility contract (a wasm backend must match it bit for bit): one `new Rng(seed)` per
 * call (xoshiro128** seeded as in core/rng.ts); pixels are visited in raster order (rows top to
 * bottom, left to right); the draws of each pixel are listed on each kernel. The alpha channel of
 * a 4-channel image is copied, never noised, and consumes no draws. Results are clamped to
 * [0, maxValue] for every dtype (Albumentations clips float32 to [0, 1] likewise), and integer
 * dtypes are rounded half to even.
 */
import { Rng } from '../../core/rng.js';
import { maxValueOf, type Image } from '../../targets/image.js';
import { fastNoise } from '../../backend/fast/noise.js';
import { checkNumber, checkSeed, colorChannels, emptyLike, storeFor } from './pixels.js';

/**
 * Adds Gaussian noise N(mean, std^2), `std` and `mean` in the image's value scale (0..255 for
 * uint8, 0..1 for float32).
 *
 * Draws per pixel: with `perChannel`, one `rng.normal(mean, std)` per colour channel in channel
 * order; without, one normal shared by the colour channels. `rng.normal` is Box-Muller's cosine
 * branch on two `next()` uniforms, so a pixel consumes 2 u32 per colour channel, or 2 in all when
 * shared.
 * @example gaussNoise(img, 10, 0, 42) // std 10 grey levels on uint8
 */
export function gaussNoise<I extends Image>(img: I, std: number, mean: number, seed: number, perChannel = true): I {
  checkNumber('gaussNoise.std', std, 0, Infinity, 'give the standard deviation in the image value scale, e.g. 10 for uint8');
  checkNumber('gaussNoise.mean', mean, -Infinity, Infinity, 'give the mean in the image value scale, usually 0');
  checkSeed('gaussNoise.seed', seed);
  const fast = fastNoise(img.data, img.dtype, img.width * img.height, img.channels, perChannel, 'gauss', mean, std, maxValueOf(img), seed);
  if (fast) return { ...img, data: fast };
  const rng = new Rng(seed);
  return perPixel(img, perChannel, () => rng.normal(mean, std), (v, n) => v + n);
}

/**
 * Multiplies by uniform factors in [lo, hi) (Albumentations MultiplicativeNoise with
 * elementwise=true; a per-image or per-channel factor needs no kernel of its own).
 *
 * Draws per pixel: with `perChannel`, one u32 per colour channel, factor = lo + (hi - lo) * u32 / 2^32;
 * without, one shared by the colour channels.
 * @example multiplicativeNoise(img, 0.9, 1.1, 7)
 */
export function multiplicativeNoise<I extends Image>(img: I, lo: number, hi: number, seed: number, perChannel = true): I {
  checkNumber('multiplicativeNoise.lo', lo, 0, Infinity, 'give factors >= 0, e.g. [0.9, 1.1]');
  checkNumber('multiplicativeNoise.hi', hi, lo, Infinity, 'give hi >= lo, e.g. [0.9, 1.1]');
  checkSeed('multiplicativeNoise.seed', seed);
  const fast = fastNoise(img.data, img.dtype, img.width * img.height, img.channels, perChannel, 'multiply', lo, hi, maxValueOf(img), seed);
  if (fast) return { ...img, data: fast };
  const rng = new Rng(seed);
  return perPixel(img, perChannel, () => rng.uniform(lo, hi), (v, m) => v * m);
}

function perPixel<I extends Image>(img: I, perChannel: boolean, draw: () => number, apply: (v: number, n: number) => number): I {
  const out = emptyLike(img);
  const store = storeFor(img, true);
  const { channels: c } = img;
  const cc = colorChannels(img);
  const src = img.data;
  const dst = out.data;
  const pixels = img.width * img.height;
  for (let p = 0, i = 0; p < pixels; p++, i += c) {
    let n = perChannel ? 0 : draw();
    for (let ch = 0; ch < cc; ch++) {
      if (perChannel) n = draw();
      store(dst, i + ch, apply(src[i + ch]!, n));
    }
    if (c === 4) dst[i + 3] = src[i + 3]!;
  }
  return out;
}
