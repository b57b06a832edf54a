/**
 * GridDistortion: cuts each axis into `numSteps` cells and stretches or squeezes each cell by a
 * random factor 1 + d, d drawn from `distortLimit` (Albumentations' GridDistortion). The factors
 * are stored in the params.
 *
 * Differences from Albumentations 1.3.1: cells are interpolated in continuous coordinates, so
 * unit factors are an exact identity (1.3.1's per-cell linspace repeats each knot); 1.3.1 draws
 * numSteps + 1 factors per axis, of which the last applies only to the remainder pixels, while
 * here the last of numSteps cells takes the remainder. `normalized` is the option of later
 * Albumentations versions that rescales the steps so the image edge stays the edge.
 *
 * The default border is constant (Albumentations reflects), so no unlabelled mirrored copies
 * of objects appear where a squeezed grid exposes the outside.
 *
 * Defaults: numSteps 5, distortLimit 0.3 ([-0.3, 0.3]), normalized false, interpolation
 * bilinear, border constant, fill 0, fillMask 0, p 0.5.
 *
 * YAML: `- {name: GridDistortion, numSteps: 5, distortLimit: 0.3}`
 */
import { z } from 'zod';
import { AuguryError } from '../../core/errors.js';
import { probability, range, resamplingOptions } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { gridDistortionMaps } from '../../functional/geometric/index.js';
import { distortionKernels, type DistortionParams, type MapsOf } from './distortion-kernels.js';

export type GridDistortionParams = DistortionParams & { numSteps: number; xSteps: number[]; ySteps: number[]; normalized: boolean };

const mapsOf: MapsOf<GridDistortionParams> = (p, width, height) => gridDistortionMaps(width, height, p.numSteps, p.xSteps, p.ySteps, p.normalized);

export const GridDistortion = defineTransform({
  name: 'GridDistortion',
  family: 'geometric',
  description:
    'Stretches or squeezes each cell of a numSteps x numSteps grid by a random factor per column and per row; masks follow the same maps, and boxes, polygons and keypoints follow their numerical inverse to within 1e-3 px.',
  schema: z
    .object({
      numSteps: z.number().int().min(1).default(5).describe('grid cells per axis'),
      distortLimit: range({ scalar: 'symmetric', description: 'cell stretch d (each cell becomes 1 + d times as long)' })
        .refine((r) => r[0] > -1, { message: 'distortLimit must stay above -1: a cell of 1 + d <= 0 times its length would fold the grid' })
        .prefault(0.3),
      normalized: z.boolean().default(false).describe('rescale the steps so the image edges stay in place'),
      ...resamplingOptions(),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, ctx, o): GridDistortionParams => {
    if (o.numSteps > Math.min(ctx.width, ctx.height)) {
      throw new AuguryError({
        code: 'validation',
        message: 'the grid has more cells than the image has pixels along an axis',
        key: 'GridDistortion.numSteps',
        record: `sample ${ctx.sample.id}`,
        expected: `numSteps <= ${Math.min(ctx.width, ctx.height)} for a ${ctx.width}x${ctx.height} image`,
        received: String(o.numSteps),
        hint: 'use fewer steps, or resize small images before this step',
      });
    }
    const steps = () => Array.from({ length: o.numSteps }, () => 1 + rng.uniform(o.distortLimit[0], o.distortLimit[1]));
    const xSteps = steps();
    const ySteps = steps();
    return { numSteps: o.numSteps, xSteps, ySteps, normalized: o.normalized, interpolation: o.interpolation, border: o.border, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: distortionKernels(mapsOf),
  conformance: { options: { numSteps: 5, distortLimit: 0.3 }, edit: { param: 'xSteps', value: [1.3, 0.7, 1.3, 0.7, 1.3] } },
});
