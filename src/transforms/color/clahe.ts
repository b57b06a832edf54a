/** CLAHE: tiled, contrast limited histogram equalization. */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { clahe } from '../../functional/color/index.js';
import { colorKernels, imageKernel, INTEGER_IMAGES, type ColorSupport } from './common.js';

export type ClaheParams = { clipLimit: number; tileGridSize: [number, number] };

const SUPPORT: ColorSupport = {
  dtypes: INTEGER_IMAGES,
  channels: [1, 3, 4],
  dtypeHint: 'histograms need integer values: place CLAHE before ToFloat and Normalize in the pipeline',
};

// range() has no "[1, v]" reading of a scalar, which is what Albumentations users expect here.
const clipLimit = z
  .preprocess((v) => (typeof v === 'number' ? [Math.min(1, v), Math.max(1, v)] : v), range({ scalar: 'exact', min: 0, description: 'clip limit' }))
  .describe('histogram clip limit (0 disables clipping) [min, max]; a number v means [1, v]; within [0, inf]');

const tileGridSize = z
  .union([z.number().int().min(1).max(1024), z.tuple([z.number().int().min(1).max(1024), z.number().int().min(1).max(1024)])])
  .transform((v): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]))
  .describe('tiles as [columns, rows]; a number n means [n, n]');

/**
 * CLAHE (Albumentations, after OpenCV's algorithm): contrast limited adaptive histogram
 * equalization on a grid of tiles; gray images directly, RGB(A) on the L* channel of CIE Lab
 * (alpha kept). uint8 and uint16 only. `clipLimit` is drawn per call; one number v means [1, v]
 * as in Albumentations. `tileGridSize` is [columns, rows] (OpenCV's Size order).
 * Defaults: clipLimit [1, 4], tileGridSize [8, 8], p 0.5.
 * @example `- {name: CLAHE, clipLimit: 2, tileGridSize: [4, 4]}`
 */
export const CLAHE = defineTransform({
  name: 'CLAHE',
  family: 'color',
  description:
    'Contrast limited adaptive histogram equalization (OpenCV algorithm) on gray images or the L* channel of RGB, with a clip limit drawn from `clipLimit`. uint8 and uint16 only; labels are unchanged.',
  schema: z
    .object({
      clipLimit: clipLimit.prefault(4),
      tileGridSize: tileGridSize.prefault([8, 8]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): ClaheParams => ({ clipLimit: rng.uniform(o.clipLimit[0], o.clipLimit[1]), tileGridSize: o.tileGridSize }),
  kernels: colorKernels(imageKernel<ClaheParams>('CLAHE', SUPPORT, (img, p) => clahe(img, p.clipLimit, p.tileGridSize))),
  conformance: { options: { clipLimit: [1, 4], tileGridSize: [4, 4] }, covers: { param: 'clipLimit', range: [1, 4] }, edit: { param: 'tileGridSize', value: [1, 1] } },
});
