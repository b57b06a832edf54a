/**
 * ISONoise: camera sensor noise (Albumentations ISONoise): Poisson noise on lightness and
 * Gaussian noise on hue, in HLS space.
 *
 * Defaults: `colorShift: [0.01, 0.05]`, `intensity: [0.1, 0.5]`, `p: 0.5`. Needs an RGB or RGBA
 * image (alpha is kept); a grayscale image has no hue and is refused (use GaussNoise).
 * Randomness: the params hold a 32-bit `seed` that drives the per-pixel noise.
 * Labels: no pixel moves, so every target is invariant.
 * @example {name: ISONoise, colorShift: [0.01, 0.05], intensity: [0.1, 0.5], p: 0.3}
 */
import { z } from 'zod';
import { AuguryError } from '../../core/errors.js';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { isoNoise } from '../../functional/blur-noise/index.js';
import { pixelOnlyKernels } from './common.js';

type IsoNoiseParams = { colorShift: number; intensity: number; seed: number };

export const ISONoise = defineTransform({
  name: 'ISONoise',
  family: 'blur-noise',
  description:
    'Simulates camera sensor noise: lightness gets Poisson noise scaled by `intensity`, hue gets Gaussian noise of `colorShift` (share of the hue circle) times intensity. Colour images only. Labels are unchanged.',
  schema: z
    .object({
      colorShift: range({ scalar: 'exact', min: 0, max: 1, description: 'hue noise as a share of the hue circle' }).prefault([0.01, 0.05]),
      intensity: range({ scalar: 'exact', min: 0, description: 'strength of the lightness and hue noise' }).prefault([0.1, 0.5]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): IsoNoiseParams => ({
    colorShift: rng.uniform(o.colorShift[0], o.colorShift[1]),
    intensity: rng.uniform(o.intensity[0], o.intensity[1]),
    seed: rng.subSeed(),
  }),
  kernels: pixelOnlyKernels<IsoNoiseParams>((img, p) => {
    if (img.channels === 1) {
      throw new AuguryError({
        code: 'unsupported',
        message: 'ISONoise needs a colour image: it perturbs hue, which a grayscale image does not have',
        key: 'ISONoise',
        expected: 'an RGB or RGBA image',
        received: 'a 1-channel image',
        hint: 'use GaussNoise for grayscale images',
      });
    }
    return isoNoise(img, p.colorShift, p.intensity, p.seed);
  }),
  conformance: { options: { colorShift: [0.02, 0.08], intensity: [0.2, 0.6] }, covers: { param: 'intensity', range: [0.2, 0.6] }, edit: { param: 'seed', value: 12345 } },
});
