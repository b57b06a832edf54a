/**
 * BBoxOnlyEqualize: histogram equalization of each chosen box's pixels, from that box's own
 * histogram (Zoph et al. 2019, Equalize_Only_BBoxes). Moves no pixel, so every label is invariant.
 *
 * Defaults: `boxProbability: 0.5`, p 0.5. uint8 and uint16, 1, 3 or 4 channels (as Equalize).
 * @example `- {name: BBoxOnlyEqualize, boxProbability: 0.2}`
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { equalize } from '../../functional/color/index.js';
import { colorKernels, imageKernel, INTEGER_IMAGES } from '../color/common.js';
import { boxProbability, sampleRows } from './common.js';
import { mapImageRegions, regionsOf } from './regions.js';

export type BBoxOnlyEqualizeParams = { rows: number[] };

export const BBoxOnlyEqualize = defineTransform({
  name: 'BBoxOnlyEqualize',
  family: 'bbox-only',
  description: "Equalizes the histogram of the pixels inside each chosen box, from the box's own histogram (the detection policies' BBox-only equalize). uint8 and uint16; labels are unchanged.",
  schema: z.object({ boxProbability: boxProbability(), p: probability(0.5) }).strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlyEqualizeParams => ({ rows: sampleRows(rng, ctx, o.boxProbability) }),
  kernels: colorKernels(
    imageKernel<BBoxOnlyEqualizeParams>('BBoxOnlyEqualize', { dtypes: INTEGER_IMAGES, channels: [1, 3, 4], dtypeHint: 'histograms need integer values: place BBoxOnlyEqualize before ToFloat and Normalize' }, (img, p, env) =>
      mapImageRegions(img, regionsOf(p.rows, env), (patch) => equalize(patch)),
    ),
  ),
  conformance: { options: { boxProbability: 1 }, edit: { param: 'rows', value: [] } },
});
