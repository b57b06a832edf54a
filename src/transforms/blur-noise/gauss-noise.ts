/**
 * GaussNoise: additive Gaussian noise, per pixel and (by default) per channel.
 *
 * The spread is a standard deviation in the image value scale (0..255 for uint8, 0..1 for
 * float32, 0..maxValue for uint16): `stdRange`. `varLimit` is accepted instead, with the meaning of
 * Albumentations 1.3's `var_limit` (a variance drawn uniformly, std = its square root), so that its
 * configs carry over. Without either, std is drawn from [3, 7] on uint8 images and from the same
 * share of the range (1.2%..2.7% of maxValue) on others, close to Albumentations 1.3's default
 * var_limit [10, 50] (std 3.2..7.1).
 *
 * Defaults: std as above, `mean: 0`, `perChannel: true`, `p: 0.5`.
 * Randomness: the params hold `std`, `mean` and a 32-bit `seed`; the per-pixel noise is drawn from
 * that seed by the kernel (see gaussNoise), so a trace stays small and replays bit for bit.
 * Labels: no pixel moves, so every target is invariant.
 * @example {name: GaussNoise, stdRange: [5, 15], perChannel: true, p: 0.5}
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { gaussNoise } from '../../functional/blur-noise/index.js';
import { maxValueOf } from '../../targets/image.js';
import { pixelOnlyKernels } from './common.js';

type GaussNoiseParams = { std: number; mean: number; perChannel: boolean; seed: number };

/** The default std range on uint8 images; other dtypes take the same share of their range. */
const DEFAULT_STD_U8: readonly [number, number] = [3, 7];

export const GaussNoise = defineTransform({
  name: 'GaussNoise',
  family: 'blur-noise',
  description:
    'Adds Gaussian noise with a standard deviation drawn from `stdRange` (image value scale; or a variance from `varLimit`, as Albumentations 1.3), independently per channel unless `perChannel` is false. Labels are unchanged.',
  schema: z
    .object({
      stdRange: range({ scalar: 'zero-to', min: 0, description: 'noise standard deviation in the image value scale (255 = full range for uint8); unset: [3, 7] on uint8, the same share of maxValue on other dtypes' }).optional(),
      varLimit: range({ scalar: 'zero-to', min: 0, description: 'noise variance in the image value scale squared (Albumentations 1.3 var_limit); std = sqrt(variance)' }).optional(),
      mean: range({ scalar: 'exact', description: 'noise mean in the image value scale' }).prefault(0),
      perChannel: z.boolean().default(true).describe('draw the noise per channel (true) or once per pixel for all colour channels (false)'),
      p: probability(0.5),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (o.stdRange && o.varLimit) {
        ctx.addIssue({ code: 'custom', path: ['varLimit'], message: 'give stdRange or varLimit, not both (stdRange is the standard deviation, varLimit its square)' });
      }
    }),
  sample: (rng, ctx, o): GaussNoiseParams => {
    let std: number;
    if (o.varLimit) std = Math.sqrt(rng.uniform(o.varLimit[0], o.varLimit[1]));
    else if (o.stdRange) std = rng.uniform(o.stdRange[0], o.stdRange[1]);
    else std = (rng.uniform(DEFAULT_STD_U8[0], DEFAULT_STD_U8[1]) * maxValueOf(ctx.sample.image)) / 255;
    return { std, mean: rng.uniform(o.mean[0], o.mean[1]), perChannel: o.perChannel, seed: rng.subSeed() };
  },
  kernels: pixelOnlyKernels<GaussNoiseParams>((img, p) => gaussNoise(img, p.std, p.mean, p.seed, p.perChannel)),
  conformance: { options: { stdRange: [5, 20] }, covers: { param: 'std', range: [5, 20] }, edit: { param: 'std', value: 40 } },
});
