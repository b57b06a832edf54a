/** RandomBrightnessContrast: a linear value change (Albumentations). */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { brightnessContrast } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel, toneTable } from './common.js';

export type BrightnessContrastParams = { alpha: number; beta: number; brightnessByMax: boolean };

/**
 * RandomBrightnessContrast (Albumentations): `out = alpha * v + beta * max` with
 * `alpha = 1 + c`, c drawn from `contrastLimit`, and beta drawn from `brightnessLimit`; with
 * `brightnessByMax: false` the offset is `alpha * beta * mean` (mean of the image's color values)
 * instead. Clipped; float32 arithmetic and truncation as Albumentations. Any dtype, 1, 3 or 4
 * channels (alpha kept).
 * Defaults: brightnessLimit 0.2, contrastLimit 0.2, brightnessByMax true, p 0.5.
 * @example `- {name: RandomBrightnessContrast, brightnessLimit: 0.3, contrastLimit: [-0.1, 0.4]}`
 */
export const RandomBrightnessContrast = defineTransform({
  name: 'RandomBrightnessContrast',
  family: 'color',
  description:
    'Albumentations RandomBrightnessContrast: scales values by 1 + a draw from `contrastLimit` and adds a draw from `brightnessLimit` times the full scale (or times the image mean). Any dtype and channel count; labels are unchanged.',
  schema: z
    .object({
      brightnessLimit: range({ scalar: 'symmetric', description: 'brightness offset as a fraction of the full scale (or of the mean)' }).prefault(0.2),
      contrastLimit: range({ scalar: 'symmetric', min: -1, description: 'contrast change; the scale factor is 1 + this' }).prefault(0.2),
      brightnessByMax: z.boolean().default(true).describe('offset relative to the full scale (true) or to the image mean (false)'),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): BrightnessContrastParams => ({
    alpha: 1 + rng.uniform(o.contrastLimit[0], o.contrastLimit[1]),
    beta: rng.uniform(o.brightnessLimit[0], o.brightnessLimit[1]),
    brightnessByMax: o.brightnessByMax,
  }),
  kernels: colorKernels(
    imageKernel<BrightnessContrastParams>('RandomBrightnessContrast', ANY_IMAGE, (img, p) => brightnessContrast(img, p.alpha, p.beta, p.brightnessByMax)),
  ),
  // An offset relative to the image mean is no pure map of the value: not fused.
  lut: (p, img) => (!p.brightnessByMax && p.beta !== 0 ? null : toneTable('brightnessContrast', { alpha: p.alpha, beta: p.beta, byMax: p.brightnessByMax }, img)),
  conformance: { options: { brightnessLimit: 0.2, contrastLimit: 0.2 }, covers: { param: 'beta', range: [-0.2, 0.2] }, edit: { param: 'alpha', value: 0 } },
});
