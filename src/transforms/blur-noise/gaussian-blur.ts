/**
 * GaussianBlur: separable Gaussian blur with OpenCV's kernel rules (as Albumentations).
 *
 * Defaults: `blurLimit: [3, 7]`, `sigmaLimit: 0` (sigma derived from the kernel size), `p: 0.5`.
 * Labels: no pixel moves, so every target is invariant.
 * @example {name: GaussianBlur, blurLimit: [3, 7], sigmaLimit: [0.5, 2], p: 0.5}
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { gaussianBlur } from '../../functional/blur-noise/index.js';
import { blurLimit, drawKernelSize, pixelOnlyKernels } from './common.js';

type GaussianBlurParams = { ksize: number; sigma: number };

export const GaussianBlur = defineTransform({
  name: 'GaussianBlur',
  family: 'blur-noise',
  description:
    'Blurs with a Gaussian kernel whose odd size is drawn from `blurLimit` and sigma from `sigmaLimit`; a size of 0 is derived from sigma and a sigma of 0 from the size, as in OpenCV. Labels are unchanged.',
  schema: z
    .object({
      blurLimit: blurLimit({ scalarFrom: 0, min: 0, description: 'Gaussian kernel size in pixels (0: derived from sigma)' }).prefault([3, 7]),
      sigmaLimit: range({ scalar: 'zero-to', min: 0, description: 'Gaussian sigma in pixels (0: derived from the kernel size)' }).prefault(0),
      p: probability(0.5),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (o.blurLimit[0] === 0 && o.sigmaLimit[0] <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['blurLimit'],
          message: 'a blurLimit starting at 0 takes the kernel size from sigma, so sigmaLimit must start above 0: give sigmaLimit e.g. [0.5, 2], or start blurLimit at 3',
        });
      }
    }),
  sample: (rng, _ctx, o): GaussianBlurParams => ({
    ksize: drawKernelSize(rng, o.blurLimit, true),
    sigma: rng.uniform(o.sigmaLimit[0], o.sigmaLimit[1]),
  }),
  kernels: pixelOnlyKernels<GaussianBlurParams>((img, p) => gaussianBlur(img, p.ksize, p.ksize, p.sigma, p.sigma)),
  conformance: {
    options: { blurLimit: [3, 7], sigmaLimit: [0.5, 2] },
    covers: { param: 'sigma', range: [0.5, 2] },
    edit: { param: 'ksize', value: 1 },
  },
});
