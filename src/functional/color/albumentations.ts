/**
 * Albumentations (1.3.1) semantics: RandomBrightnessContrast, RandomGamma, ToGray, ChannelShuffle.
 * Parameters are the sampled values the transform's `apply` receives.
 */
import { AuguryError, show } from '../../core/errors.js';
import { createImage, type DType, type Image, type ImageOf } from '../../targets/image.js';
import { fastColorSum8, fastGrayCv8 } from '../../backend/fast/color.js';
import { ALL_DTYPES, ANY_CHANNELS, checkImage, checkNumber, colorChannels, copyOf, like, withData } from './common.js';
import { cvLuma } from './gray.js';
import { applyPointOp } from './lut.js';

const SUPPORT = { dtypes: ALL_DTYPES, channels: ANY_CHANNELS };

/**
 * `out = alpha * v + beta * max` (byMax, the default) or `out = alpha * v + alpha * beta * mean`
 * (byMax false; mean of all color samples, alpha channel excluded), clipped to [0, max]. As in
 * Albumentations the arithmetic is float32 (alpha and the offset cast to float32) and integer
 * results are truncated. alpha 1, beta 0 is the identity.
 */
export function brightnessContrast(img: Image, alpha: number, beta: number, byMax = true): Image {
  checkImage(img, 'brightnessContrast', SUPPORT);
  checkNumber('brightnessContrast', 'alpha', alpha, 0);
  checkNumber('brightnessContrast', 'beta', beta);
  const mean = byMax || beta === 0 ? undefined : colorMean(img);
  return applyPointOp(img, 'brightnessContrast', mean === undefined ? { alpha, beta, byMax } : { alpha, beta, byMax, mean });
}

/** Mean of the color samples (alpha excluded), in double precision. */
function colorMean(img: Image): number {
  const ch = img.channels;
  // uint8 sums are integers, exact in any order: the wasm sum is the reference's.
  const fast = fastColorSum8(img);
  if (fast !== null) return fast / ((img.data.length / ch) * (ch === 1 ? 1 : 3));
  const d = img.data;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    if (i % ch === 3) continue;
    sum += d[i]!;
    n++;
  }
  return sum / n;
}

/**
 * RandomGamma: `out = max * (v / max) ^ gamma`; integers truncate (uint8 through a 256-entry table
 * as Albumentations). One deliberate difference: Albumentations builds its table from
 * `np.arange(0, 256/255, 1/255)`, whose accumulated step error lowers 24 entries by one even at
 * gamma 1; we use `i / 255`, so gamma 1 is an exact identity. gamma >= 0.
 */
export function gamma(img: Image, gammaValue: number): Image {
  checkImage(img, 'gamma', SUPPORT);
  checkNumber('gamma', 'gamma', gammaValue, 0);
  return applyPointOp(img, 'gamma', { gamma: gammaValue });
}

/**
 * ToGray with OpenCV's RGB2GRAY (see `cvLuma`: 14-bit fixed point for integers, so a gray pixel
 * keeps its exact value). `numOutputChannels` 1 gives a 1-channel image (alpha is dropped: there is
 * no gray+alpha layout); 3 replicates the gray value into R, G and B and keeps alpha (4 channels out
 * for RGBA in). A 1-channel input is copied or replicated.
 */
export function toGray(img: Image, numOutputChannels: 1 | 3 = 3): Image {
  checkImage(img, 'toGray', SUPPORT);
  if (numOutputChannels !== 1 && numOutputChannels !== 3) {
    throw new AuguryError({
      code: 'validation',
      key: 'toGray.numOutputChannels',
      message: 'invalid numOutputChannels for toGray',
      expected: '1 or 3',
      received: show(numOutputChannels),
      hint: 'use 1 for a single gray plane or 3 to keep an RGB layout',
    });
  }
  const outChannels = numOutputChannels === 1 ? 1 : img.channels === 4 ? 4 : 3;
  const fast = fastGrayCv8(img, outChannels);
  if (fast) return withData(img, 'uint8', fast, outChannels);
  const out = createImage(img.width, img.height, outChannels, img.dtype as DType) as Image;
  const result = img.maxValue === undefined ? out : ({ ...out, maxValue: img.maxValue } as Image);
  const src = img.data;
  const dst = result.data;
  const ch = img.channels;
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    const j = p * ch;
    const g = ch === 1 ? src[j]! : cvLuma(src[j]!, src[j + 1]!, src[j + 2]!, img.dtype);
    const k = p * outChannels;
    dst[k] = g;
    if (outChannels === 1) continue;
    dst[k + 1] = g;
    dst[k + 2] = g;
    if (outChannels === 4) dst[k + 3] = src[j + 3]!;
  }
  return result;
}

/**
 * ChannelShuffle: output color channel c is input channel `order[c]`. `order` must be a
 * permutation of the color channels (0, 1, 2; just [0] for gray). Alpha stays in place.
 */
export function channelShuffle(img: Image, order: readonly number[]): Image {
  checkImage(img, 'channelShuffle', SUPPORT);
  const colors = colorChannels(img);
  const sorted = [...order].sort((a, b) => a - b);
  if (order.length !== colors || sorted.some((v, i) => v !== i)) {
    throw new AuguryError({
      code: 'validation',
      key: 'channelShuffle.order',
      message: 'channel order is not a permutation of the color channels',
      expected: colors === 3 ? 'a permutation of [0, 1, 2]' : '[0]',
      received: show(order),
      hint: 'list every color channel index exactly once; alpha (index 3) always stays in place',
    });
  }
  if (colors === 1) return copyOf(img);
  const out = like(img as ImageOf<DType>) as Image;
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  const [o0, o1, o2] = order as [number, number, number];
  for (let j = 0; j < src.length; j += ch) {
    dst[j] = src[j + o0]!;
    dst[j + 1] = src[j + o1]!;
    dst[j + 2] = src[j + o2]!;
    if (ch === 4) dst[j + 3] = src[j + 3]!;
  }
  return out;
}

