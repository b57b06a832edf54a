/** CenterCrop: a window of fixed size in the middle of the image. */
import { z } from 'zod';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { centredOffset, cropTooLarge, windowCropOptions, windowPlan, type WindowParams } from './crop-window.js';

/**
 * CenterCrop: the `height` x `width` window at `((W - width) // 2, (H - height) // 2)`, as
 * Albumentations places it (an odd leftover pixel stays at the bottom/right). An image smaller
 * than the crop is refused unless `padIfNeeded: true`, which centres it in the window as
 * PadIfNeeded would (odd padding pixel at the bottom/right) and fills the rest.
 *
 * Defaults: height and width required, padIfNeeded false, fill 0, fillMask 0, p 1.
 * @example `- {name: CenterCrop, height: 224, width: 224}`
 */
export const CenterCrop = defineTransform({
  name: 'CenterCrop',
  family: 'geometric',
  description:
    'Cuts the `height` x `width` window in the middle of the image (an odd leftover pixel stays at the bottom/right). An image smaller than the window is refused unless `padIfNeeded` is set.',
  schema: z
    .object({
      ...windowCropOptions(),
    })
    .strict(),
  sample: (_rng, ctx, o): WindowParams => {
    if ((ctx.width < o.width || ctx.height < o.height) && !o.padIfNeeded) {
      throw cropTooLarge('CenterCrop', ctx, o, 'set padIfNeeded: true');
    }
    const xMin = centredOffset(ctx.width, o.width);
    const yMin = centredOffset(ctx.height, o.height);
    return { xMin, yMin, xMax: xMin + o.width, yMax: yMin + o.height, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(windowPlan),
  warp: planWarp(windowPlan),
  conformance: {
    options: { height: 32, width: 40, padIfNeeded: true },
    deterministic: true,
    edit: { param: 'xMin', value: 0 },
  },
});
