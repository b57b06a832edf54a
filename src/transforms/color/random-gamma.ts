/** RandomGamma: a power curve on the values (Albumentations). */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { gamma } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel, toneTable } from './common.js';

export type GammaParams = { gamma: number };

/**
 * RandomGamma (Albumentations): `out = max * (v / max) ^ gamma` with gamma = a draw from
 * `gammaLimit` divided by 100; integers truncate. gamma 1 (gammaLimit 100) is an exact identity
 * (Albumentations' own uint8 table is off by one in 24 entries there). Any dtype, 1, 3 or 4
 * channels (alpha kept). Defaults: gammaLimit [80, 120], p 0.5.
 * @example `- {name: RandomGamma, gammaLimit: [70, 150]}`
 */
export const RandomGamma = defineTransform({
  name: 'RandomGamma',
  family: 'color',
  description:
    'Albumentations RandomGamma: raises values (relative to the full scale) to a power gamma = a draw from `gammaLimit` / 100; above 100 darkens, below brightens. Any dtype and channel count; labels are unchanged.',
  schema: z
    .object({
      // Albumentations reads one number v as [-v, v], which is no valid gamma; here it means exactly v.
      gammaLimit: range({ scalar: 'exact', min: 0, description: 'gamma times 100 (100 is the identity)' }).prefault([80, 120]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): GammaParams => ({ gamma: rng.uniform(o.gammaLimit[0], o.gammaLimit[1]) / 100 }),
  kernels: colorKernels(imageKernel<GammaParams>('RandomGamma', ANY_IMAGE, (img, p) => gamma(img, p.gamma))),
  lut: (p, img) => toneTable('gamma', { gamma: p.gamma }, img),
  conformance: { options: { gammaLimit: [80, 120] }, covers: { param: 'gamma', range: [0.8, 1.2] }, edit: { param: 'gamma', value: 3 } },
});
