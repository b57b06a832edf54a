/**
 * BBoxOnlyHorizontalFlip: mirrors the content of chosen boxes left to right inside the box
 * (Zoph et al. 2019, Flip_Only_BBoxes). The region maps onto itself, so a chosen box stays exact;
 * its polygon, instance mask and keypoints are mirrored with the pixels (a keypoint keeps its
 * name: the object is mirrored in place, not the scene, so no flip pairs are swapped).
 *
 * Defaults: `boxProbability: 0.5`, p 0.5 (nearest and exact: pixels are permuted, never blended).
 * @example `- {name: BBoxOnlyHorizontalFlip, boxProbability: 0.3}`
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { hflip } from '../../geometry/matrix.js';
import { boxProbability, sampleRows } from './common.js';
import { regionWarpKernels, type RegionWarpParams } from './regions.js';

export const BBoxOnlyHorizontalFlip = defineTransform({
  name: 'BBoxOnlyHorizontalFlip',
  family: 'bbox-only',
  description:
    'Mirrors the pixels inside each chosen box left to right (the detection policies\' BBox-only flip). The box maps onto itself and stays exact; polygons, masks and keypoints inside it are mirrored with the pixels.',
  schema: z.object({ boxProbability: boxProbability(), p: probability(0.5) }).strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): RegionWarpParams => ({ rows: sampleRows(rng, ctx, o.boxProbability), interpolation: 'nearest', fill: 0, fillMask: 0 }),
  kernels: regionWarpKernels<RegionWarpParams>((_p, w) => hflip(w)),
  conformance: { options: { boxProbability: 0.7 }, edit: { param: 'rows', value: [0, 1, 2] } },
});
