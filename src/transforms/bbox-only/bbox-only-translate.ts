/**
 * BBoxOnlyTranslate: shifts the content of chosen boxes inside their own box (Zoph et al. 2019,
 * TranslateX_Only_BBoxes / TranslateY_Only_BBoxes).
 *
 * Defaults: `translateX: 0`, `translateY: [-12, 12]` (whole pixels, one shift for every chosen
 * box), `boxProbability: 0.5`, nearest, `fill: 0`, `fillMask: 0`, p 0.5. Content shifted past the
 * box edge is cut off, the uncovered strip gets `fill`. Labels follow regions.ts: masks move
 * with the pixels; a chosen box's polygon is shifted and clipped to the box, and the box becomes
 * its tight box (or the tight box of its instance mask); without either the box stays as it was.
 * @example `- {name: BBoxOnlyTranslate, translateY: [-20, 20], boxProbability: 0.3}`
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { translation } from '../../geometry/matrix.js';
import { boxProbability, regionResampling, sampleRows } from './common.js';
import { regionWarpKernels, type RegionWarpParams } from './regions.js';

export type BBoxOnlyTranslateParams = RegionWarpParams & { dx: number; dy: number };

export const BBoxOnlyTranslate = defineTransform({
  name: 'BBoxOnlyTranslate',
  family: 'bbox-only',
  description:
    'Shifts the pixels inside each chosen box by whole pixels, clipped to the box (the detection policies\' BBox-only translate). Masks move with the pixels; boxes are re-fitted from polygons or instance masks, and stay as they were without them.',
  schema: z
    .object({
      translateX: range({ scalar: 'symmetric', integer: true, description: 'horizontal shift in pixels' }).prefault(0),
      translateY: range({ scalar: 'symmetric', integer: true, description: 'vertical shift in pixels' }).prefault(12),
      boxProbability: boxProbability(),
      ...regionResampling(),
      p: probability(0.5),
    })
    .strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlyTranslateParams => ({
    rows: sampleRows(rng, ctx, o.boxProbability),
    dx: rng.int(o.translateX[0], o.translateX[1]),
    dy: rng.int(o.translateY[0], o.translateY[1]),
    interpolation: o.interpolation,
    fill: o.fill,
    fillMask: o.fillMask,
  }),
  kernels: regionWarpKernels<BBoxOnlyTranslateParams>((p) => translation(p.dx, p.dy)),
  conformance: { options: { translateX: [-6, 6], translateY: [-6, 6], boxProbability: 1 }, covers: { param: 'dy', range: [-6, 6] }, edit: { param: 'dx', value: 5 } },
});
