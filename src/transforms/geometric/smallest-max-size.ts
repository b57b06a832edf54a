/** SmallestMaxSize: scale so that the shorter side has a given length. */
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { resizePlan } from './resize-options.js';
import { maxSizeParams, maxSizeSchema } from './resize-max-size.js';

/**
 * SmallestMaxSize: scales the image, keeping its aspect ratio, so that its shorter side is
 * `maxSize` (400x300 with 256 gives 341x256); the other side is rounded half to even as in
 * Albumentations. Labels scale by the exact per-axis ratios of the rounded output.
 *
 * Defaults: maxSize 1024, interpolation bilinear, p 1.
 * @example `- {name: SmallestMaxSize, maxSize: 256}`
 */
export const SmallestMaxSize = defineTransform({
  name: 'SmallestMaxSize',
  family: 'geometric',
  description: 'Scales the image, keeping its aspect ratio, so that its shorter side is `maxSize` pixels (a list: one drawn per call).',
  schema: maxSizeSchema('shorter'),
  sample: (rng, ctx, o) => maxSizeParams(rng, ctx, o, Math.min),
  kernels: planKernels(resizePlan),
  warp: planWarp(resizePlan),
  conformance: {
    options: { maxSize: 32 },
    deterministic: true,
    edit: { param: 'width', value: 20 },
  },
});
