/** Solarize: invert the values above a threshold. */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { solarize } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, fromUint8Scale, imageKernel, toneTable } from './common.js';

export type SolarizeParams = { threshold: number };

/**
 * Solarize (Albumentations, PIL ImageOps.solarize): values `>= threshold` become `max - v`.
 * The threshold is on the uint8 scale (0..255) for every dtype and scaled by maxValue / 255 for
 * uint16 and float32, so one config means the same on any image. 0 inverts everything; 256
 * leaves everything. Any dtype and channel count (alpha kept).
 * Defaults: threshold 128, p 0.5. A single number is that exact threshold.
 * @example `- {name: Solarize, threshold: [64, 192]}`
 */
export const Solarize = defineTransform({
  name: 'Solarize',
  family: 'color',
  description:
    'Inverts every color value at or above a threshold drawn from `threshold` (uint8 scale, scaled for other dtypes; PIL ImageOps.solarize). Any dtype and channel count; labels are unchanged.',
  schema: z
    .object({
      threshold: range({ scalar: 'exact', min: 0, max: 256, description: 'threshold on the uint8 scale (0 inverts all, 256 none)' }).prefault(128),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): SolarizeParams => ({ threshold: rng.uniform(o.threshold[0], o.threshold[1]) }),
  kernels: colorKernels(imageKernel<SolarizeParams>('Solarize', ANY_IMAGE, (img, p) => solarize(img, p.threshold * fromUint8Scale(img)))),
  lut: (p, img) => toneTable('solarize', { threshold: p.threshold * fromUint8Scale(img) }, img),
  conformance: { options: { threshold: [64, 192] }, covers: { param: 'threshold', range: [64, 192] }, edit: { param: 'threshold', value: 0 } },
});
