/**
 * Transpose: swap the axes, (x, y) -> (y, x), so a W x H image becomes H x W. It is a mirror
 * about the main diagonal, so keypoint flip pairs swap.
 *
 * Defaults: p 0.5. YAML: `- {name: Transpose, p: 0.5}`
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { transposeImage, transposeMask } from '../../functional/geometric/index.js';
import { mat3 } from '../../geometry/matrix.js';
import { exactWarp, warpKernels, type WarpOf } from './warp-kernels.js';

type TransposeParams = Record<string, never>;

const warp: WarpOf<TransposeParams> = (_p, width, height) => exactWarp(mat3(0, 1, 0, 1, 0, 0, 0, 0, 1), height, width);

export const Transpose = defineTransform({
  name: 'Transpose',
  family: 'geometric',
  description: 'Swaps rows and columns (a mirror about the main diagonal), so the output is height wide and width high; every target follows and keypoint flip pairs swap.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): TransposeParams => ({}),
  kernels: warpKernels(warp, { image: (img) => transposeImage(img), mask: (m) => transposeMask(m) }),
  warp,
  conformance: { options: {}, deterministic: true },
});
