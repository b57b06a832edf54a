/** LongestMaxSize: scale so that the longer side has a given length. */
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { resizePlan } from './resize-options.js';
import { maxSizeParams, maxSizeSchema } from './resize-max-size.js';

/**
 * LongestMaxSize: scales the image, keeping its aspect ratio, so that its longer side is
 * `maxSize` (400x300 with 256 gives 256x192); the other side is rounded half to even as in
 * Albumentations. Labels scale by the exact per-axis ratios of the rounded output (boxes as in
 * Albumentations; its keypoints use the unrounded factor, up to half a pixel apart).
 *
 * Defaults: maxSize 1024, interpolation bilinear, p 1.
 * @example `- {name: LongestMaxSize, maxSize: 640, interpolation: area}`
 */
export const LongestMaxSize = defineTransform({
  name: 'LongestMaxSize',
  family: 'geometric',
  description: 'Scales the image, keeping its aspect ratio, so that its longer side is `maxSize` pixels (a list: one drawn per call).',
  schema: maxSizeSchema('longer'),
  sample: (rng, ctx, o) => maxSizeParams(rng, ctx, o, Math.max),
  kernels: planKernels(resizePlan),
  warp: planWarp(resizePlan),
  conformance: {
    options: { maxSize: 32 },
    deterministic: true,
    edit: { param: 'width', value: 20 },
  },
});
