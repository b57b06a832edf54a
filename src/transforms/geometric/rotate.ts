/** Rotate: by a random angle about the image centre, keeping the image size. */
import { z } from 'zod';
import { probability, range, resamplingOptions, resampling, type Resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { rotation } from '../../geometry/matrix.js';
import { warpKernels, type WarpOf } from './warp-kernels.js';

type RotateParams = { angle: number } & Resampling;

const warp: WarpOf<RotateParams> = (p, width, height) => ({
  matrix: rotation(p.angle, width / 2, height / 2),
  width,
  height,
  ...resampling(p),
});

export const Rotate = defineTransform({
  name: 'Rotate',
  family: 'geometric',
  description:
    "Rotates by an angle drawn from `limit` (degrees, positive = counter-clockwise) about the image centre, keeping the size. The default border is constant: a reflected border would paint mirrored copies of objects that no label describes.",
  schema: z
    .object({
      limit: range({ scalar: 'symmetric', description: 'rotation angle in degrees' }).prefault(90),
      ...resamplingOptions(),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): RotateParams => ({
    angle: rng.uniform(o.limit[0], o.limit[1]),
    ...resampling(o),
  }),
  kernels: warpKernels(warp),
  warp,
  conformance: { options: { limit: [-30, 30] }, covers: { param: 'angle', range: [-30, 30] }, edit: { param: 'angle', value: 90 } },
});
