/**
 * OpticalDistortion: radial lens distortion about a (shifted) image centre, as Albumentations'
 * OpticalDistortion (OpenCV's model with k1 = k2 = k, focal lengths W and H).
 *
 * Difference from Albumentations 1.3.1: its shift is `round(uniform(shift_limit))` pixels, so the
 * default 0.05 never shifts; here `shiftLimit` is a fraction of the width and height, unrounded.
 *
 * The default border is constant (Albumentations reflects), so no unlabelled mirrored copies
 * of objects appear in the corners that barrel distortion exposes.
 *
 * Defaults: distortLimit 0.05 ([-0.05, 0.05]), shiftLimit 0.05 ([-0.05, 0.05]), interpolation
 * bilinear, border constant, fill 0, fillMask 0, p 0.5.
 *
 * YAML: `- {name: OpticalDistortion, distortLimit: 0.3, shiftLimit: 0.05}`
 */
import { z } from 'zod';
import { probability, range, resamplingOptions, resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { opticalDistortionMaps } from '../../functional/geometric/index.js';
import { distortionKernels, type DistortionParams, type MapsOf } from './distortion-kernels.js';

export type OpticalDistortionParams = DistortionParams & {
  /** Radial coefficient: positive shows more of the input towards the edges (barrel-like). */
  k: number;
  /** Shift of the lens centre in pixels. */
  dx: number;
  dy: number;
};

const mapsOf: MapsOf<OpticalDistortionParams> = (p, width, height) => opticalDistortionMaps(width, height, p.k, p.dx, p.dy);

export const OpticalDistortion = defineTransform({
  name: 'OpticalDistortion',
  family: 'geometric',
  description:
    'Applies radial lens distortion with a random coefficient about a randomly shifted centre; masks follow the same maps, and boxes, polygons and keypoints follow their numerical inverse to within 1e-3 px.',
  schema: z
    .object({
      distortLimit: range({ scalar: 'symmetric', description: 'radial distortion coefficient k' }).prefault(0.05),
      shiftLimit: range({ scalar: 'symmetric', min: -1, max: 1, description: 'lens centre shift as a fraction of the width (x) and height (y)' }).prefault(0.05),
      ...resamplingOptions(),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, ctx, o): OpticalDistortionParams => ({
    k: rng.uniform(o.distortLimit[0], o.distortLimit[1]),
    dx: rng.uniform(o.shiftLimit[0], o.shiftLimit[1]) * ctx.width,
    dy: rng.uniform(o.shiftLimit[0], o.shiftLimit[1]) * ctx.height,
    ...resampling(o),
  }),
  kernels: distortionKernels(mapsOf),
  conformance: { options: { distortLimit: 0.3, shiftLimit: 0.05 }, covers: { param: 'k', range: [-0.3, 0.3] }, edit: { param: 'k', value: -0.6 } },
});
