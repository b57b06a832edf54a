/** Resize: to a fixed size. */
import { z } from 'zod';
import { interpolation, probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { resizePlan, type ResizeParams } from './resize-options.js';

/**
 * Resize: to `height` x `width` with the resize filter of `interpolation` ('area' averages the
 * pixels under each output pixel, the right choice for shrinking). Labels scale by
 * (width / W, height / H) exactly, with no half-pixel offset: box [x1, y1, x2, y2] becomes
 * [x1 * sx, y1 * sy, x2 * sx, y2 * sy]. Never fused with neighbouring warps, so the filter is
 * always the resize filter.
 *
 * Defaults: height and width required, interpolation bilinear, p 1.
 * @example `- {name: Resize, height: 320, width: 320, interpolation: area}`
 */
export const Resize = defineTransform({
  name: 'Resize',
  family: 'geometric',
  description: "Resizes to `height` x `width`; labels scale exactly by the size ratios. Use interpolation 'area' when shrinking to avoid aliasing.",
  schema: z
    .object({
      height: z.number().int().min(1).describe('output height in pixels'),
      width: z.number().int().min(1).describe('output width in pixels'),
      interpolation: interpolation('bilinear'),
      p: probability(1),
    })
    .strict(),
  sample: (_rng, _ctx, o): ResizeParams => ({ width: o.width, height: o.height, interpolation: o.interpolation }),
  kernels: planKernels(resizePlan),
  warp: planWarp(resizePlan),
  conformance: {
    options: { height: 24, width: 40 },
    deterministic: true,
    edit: { param: 'width', value: 20 },
  },
});
