/**
 * BBoxOnlyShear: shears the content of chosen boxes about the box's top-left corner, clipped to
 * the box (Zoph et al. 2019, ShearX_Only_BBoxes / ShearY_Only_BBoxes).
 *
 * Defaults: `shearX: [-16.7, 16.7]`, `shearY: 0` (degrees, as Affine's `shear`: x' = x +
 * tan(shearX)·(y - y0), y' = y + tan(shearY)·(x - x0); 16.7° is the reference's largest
 * coefficient 0.3), `boxProbability: 0.5`, nearest, `fill: 0`, `fillMask: 0`, p 0.5. Labels as
 * BBoxOnlyTranslate (regions.ts): boxes re-fitted from polygons or instance masks, else kept.
 * @example `- {name: BBoxOnlyShear, shearX: 10, boxProbability: 0.3}`
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { shearing } from '../../geometry/matrix.js';
import { boxProbability, regionResampling, sampleRows } from './common.js';
import { regionWarpKernels, type RegionWarpParams } from './regions.js';

export type BBoxOnlyShearParams = RegionWarpParams & { shearX: number; shearY: number };

const degrees = (what: string) => range({ scalar: 'symmetric', min: -89, max: 89, description: `${what} shear angle in degrees` });

export const BBoxOnlyShear = defineTransform({
  name: 'BBoxOnlyShear',
  family: 'bbox-only',
  description:
    'Shears the pixels inside each chosen box about its top-left corner, clipped to the box (the detection policies\' BBox-only shear). Masks move with the pixels; boxes are re-fitted from polygons or instance masks, and stay as they were without them.',
  schema: z
    .object({
      shearX: degrees('horizontal').prefault(16.7),
      shearY: degrees('vertical').prefault(0),
      boxProbability: boxProbability(),
      ...regionResampling(),
      p: probability(0.5),
    })
    .strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlyShearParams => ({
    rows: sampleRows(rng, ctx, o.boxProbability),
    shearX: rng.uniform(o.shearX[0], o.shearX[1]),
    shearY: rng.uniform(o.shearY[0], o.shearY[1]),
    interpolation: o.interpolation,
    fill: o.fill,
    fillMask: o.fillMask,
  }),
  kernels: regionWarpKernels<BBoxOnlyShearParams>((p) => shearing(p.shearX, p.shearY)),
  conformance: { options: { shearX: [-20, 20], shearY: [-10, 10], boxProbability: 1 }, covers: { param: 'shearX', range: [-20, 20] }, edit: { param: 'shearX', value: 40 } },
});
