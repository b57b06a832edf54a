/**
 * BBoxOnlyRotate: rotates the content of chosen boxes about the box centre, clipped to the box
 * (Zoph et al. 2019, Rotate_Only_BBoxes).
 *
 * Defaults: `limit: 30` (degrees, positive = counter-clockwise, as Rotate), `boxProbability: 0.5`,
 * nearest, `fill: 0`, `fillMask: 0`, p 0.5. Labels as BBoxOnlyTranslate (regions.ts).
 * @example `- {name: BBoxOnlyRotate, limit: 20, boxProbability: 0.3}`
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { rotation } from '../../geometry/matrix.js';
import { boxProbability, regionResampling, sampleRows } from './common.js';
import { regionWarpKernels, type RegionWarpParams } from './regions.js';

export type BBoxOnlyRotateParams = RegionWarpParams & { angle: number };

export const BBoxOnlyRotate = defineTransform({
  name: 'BBoxOnlyRotate',
  family: 'bbox-only',
  description:
    'Rotates the pixels inside each chosen box about the box centre, clipped to the box (the detection policies\' BBox-only rotate). Masks move with the pixels; boxes are re-fitted from polygons or instance masks, and stay as they were without them.',
  schema: z
    .object({
      limit: range({ scalar: 'symmetric', description: 'rotation angle in degrees' }).prefault(30),
      boxProbability: boxProbability(),
      ...regionResampling(),
      p: probability(0.5),
    })
    .strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlyRotateParams => ({
    rows: sampleRows(rng, ctx, o.boxProbability),
    angle: rng.uniform(o.limit[0], o.limit[1]),
    interpolation: o.interpolation,
    fill: o.fill,
    fillMask: o.fillMask,
  }),
  kernels: regionWarpKernels<BBoxOnlyRotateParams>((p, w, h) => rotation(p.angle, w / 2, h / 2)),
  conformance: { options: { limit: 30, boxProbability: 1 }, covers: { param: 'angle', range: [-30, 30] }, edit: { param: 'angle', value: 90 } },
});
