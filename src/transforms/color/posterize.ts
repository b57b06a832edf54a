/** Posterize: fewer bits per value. */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { posterize } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel, toneTable } from './common.js';

export type PosterizeParams = { numBits: number };

/**
 * Posterize (Albumentations, PIL ImageOps.posterize): keeps the `numBits` most significant bits
 * of each color value (uint8: `v & ~(2^(8 - numBits) - 1)`; uint16: the top bits of its
 * [0, maxValue] range; float32: the lower edge of its level). 8 bits is the identity for uint8,
 * 0 bits gives black. Any dtype and channel count (alpha kept).
 * Defaults: numBits 4, p 0.5. A single number is that exact bit count.
 * @example `- {name: Posterize, numBits: [4, 8]}`
 */
export const Posterize = defineTransform({
  name: 'Posterize',
  family: 'color',
  description:
    'Keeps the `numBits` most significant bits of every color value (PIL ImageOps.posterize); a bit count is drawn from `numBits` per call. Any dtype and channel count; labels are unchanged.',
  schema: z
    .object({
      numBits: range({ scalar: 'exact', integer: true, min: 0, max: 8, description: 'bits kept per value' }).prefault(4),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): PosterizeParams => ({ numBits: rng.int(o.numBits[0], o.numBits[1]) }),
  kernels: colorKernels(imageKernel<PosterizeParams>('Posterize', ANY_IMAGE, (img, p) => posterize(img, p.numBits))),
  lut: (p, img) => toneTable('posterize', { bits: p.numBits }, img),
  conformance: { options: { numBits: [1, 7] }, covers: { param: 'numBits', range: [1, 7] }, edit: { param: 'numBits', value: 0 } },
});
