/**
 * BBoxOnlySolarize: solarizes the pixels of each chosen box (Zoph et al. 2019,
 * Solarize_Only_BBoxes). Moves no pixel, so every label is invariant.
 *
 * Defaults: `threshold: 128` (uint8 scale, scaled for other dtypes, as Solarize),
 * `boxProbability: 0.5`, p 0.5.
 * @example `- {name: BBoxOnlySolarize, threshold: [64, 192]}`
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { solarize } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, fromUint8Scale, imageKernel } from '../color/common.js';
import { boxProbability, sampleRows } from './common.js';
import { mapImageRegions, regionsOf } from './regions.js';

export type BBoxOnlySolarizeParams = { rows: number[]; threshold: number };

export const BBoxOnlySolarize = defineTransform({
  name: 'BBoxOnlySolarize',
  family: 'bbox-only',
  description: "Inverts the color values at or above a threshold inside each chosen box (the detection policies' BBox-only solarize). Any dtype; labels are unchanged.",
  schema: z
    .object({
      threshold: range({ scalar: 'exact', min: 0, max: 256, description: 'threshold on the uint8 scale (0 inverts all, 256 none)' }).prefault(128),
      boxProbability: boxProbability(),
      p: probability(0.5),
    })
    .strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlySolarizeParams => ({ rows: sampleRows(rng, ctx, o.boxProbability), threshold: rng.uniform(o.threshold[0], o.threshold[1]) }),
  kernels: colorKernels(
    imageKernel<BBoxOnlySolarizeParams>('BBoxOnlySolarize', ANY_IMAGE, (img, p, env) =>
      mapImageRegions(img, regionsOf(p.rows, env), (patch) => solarize(patch, p.threshold * fromUint8Scale(patch))),
    ),
  ),
  conformance: { options: { threshold: [64, 192], boxProbability: 1 }, covers: { param: 'threshold', range: [64, 192] }, edit: { param: 'threshold', value: 0 } },
});
