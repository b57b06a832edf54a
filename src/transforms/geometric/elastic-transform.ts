/**
 * ElasticTransform: a smooth random displacement field (Simard et al. 2003, as Albumentations
 * 1.3.1 with approximate=false): uniform(-1, 1) per pixel, Gaussian-smoothed with std `sigma`,
 * times `alpha` pixels. The field comes from a 32-bit sub-seed stored in the params, so a trace
 * stays small and still replays exactly.
 *
 * Not included: Albumentations' `alpha_affine` (a random affine warp it runs first, dropped in
 * its later versions); put an Affine step before this one instead.
 *
 * The default border is constant (Albumentations reflects): a reflected strip would show mirrored
 * copies of objects near the edge that no label describes.
 *
 * Defaults: alpha 1, sigma 50 (Albumentations'; a gentle field, try alpha 34, sigma 4 for a
 * visible one), interpolation bilinear, border constant, fill 0, fillMask 0, p 0.5.
 *
 * YAML: `- {name: ElasticTransform, alpha: 34, sigma: 4}`
 */
import { z } from 'zod';
import { probability, resamplingOptions, resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { displacementMaps, elasticField } from '../../functional/geometric/index.js';
import { distortionKernels, type DistortionParams, type MapsOf } from './distortion-kernels.js';

export type ElasticParams = DistortionParams & { alpha: number; sigma: number; seed: number };

const mapsOf: MapsOf<ElasticParams> = (p, width, height) => {
  const { dx, dy } = elasticField(width, height, p.alpha, p.sigma, p.seed);
  return displacementMaps(dx, dy, width, height);
};

export const ElasticTransform = defineTransform({
  name: 'ElasticTransform',
  family: 'geometric',
  description:
    'Bends the image with a smooth random displacement field (alpha: strength in pixels, sigma: smoothness); masks follow the same field, and boxes, polygons and keypoints follow its numerical inverse to within 1e-3 px.',
  schema: z
    .object({
      alpha: z.number().min(0).default(1).describe('displacement scale in pixels'),
      sigma: z.number().min(0).default(50).describe('standard deviation of the Gaussian that smooths the field, in pixels (0: no smoothing)'),
      ...resamplingOptions(),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): ElasticParams => ({
    alpha: o.alpha,
    sigma: o.sigma,
    seed: rng.subSeed(),
    ...resampling(o),
  }),
  kernels: distortionKernels(mapsOf),
  conformance: { options: { alpha: 30, sigma: 3 }, edit: { param: 'alpha', value: 0 } },
});
