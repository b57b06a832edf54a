/** RandomCrop: a window of fixed size at a random position. */
import { z } from 'zod';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { centredOffset, cropTooLarge, randomOffset, windowCropOptions, windowPlan, type WindowParams } from './crop-window.js';

/**
 * RandomCrop: a `height` x `width` window, each position equally likely (Albumentations:
 * `x = int((W - width + 1) * u)`). An image smaller than the crop is refused with an error
 * that names PadIfNeeded, unless `padIfNeeded: true`: then, on each axis where the image is
 * smaller, it is centred in the window (odd pixel of padding at the bottom/right) and the rest
 * takes `fill` / `fillMask`. Params are the window, as Crop's options.
 *
 * Defaults: height and width required, padIfNeeded false, fill 0, fillMask 0, p 1.
 * @example `- {name: RandomCrop, height: 256, width: 256}`
 */
export const RandomCrop = defineTransform({
  name: 'RandomCrop',
  family: 'geometric',
  description:
    'Cuts a `height` x `width` window at a random position. An image smaller than the window is refused (put PadIfNeeded first) unless `padIfNeeded` is set.',
  schema: z
    .object({
      ...windowCropOptions(),
    })
    .strict(),
  sample: (rng, ctx, o): WindowParams => {
    if ((ctx.width < o.width || ctx.height < o.height) && !o.padIfNeeded) {
      throw cropTooLarge('RandomCrop', ctx, o, 'set padIfNeeded: true');
    }
    // Both numbers are drawn whatever the sizes, so streams stay aligned across image sizes.
    const uy = randomOffset(rng, ctx.height, o.height);
    const ux = randomOffset(rng, ctx.width, o.width);
    const yMin = ctx.height >= o.height ? uy : centredOffset(ctx.height, o.height);
    const xMin = ctx.width >= o.width ? ux : centredOffset(ctx.width, o.width);
    return { xMin, yMin, xMax: xMin + o.width, yMax: yMin + o.height, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(windowPlan),
  warp: planWarp(windowPlan),
  conformance: {
    options: { height: 32, width: 40, padIfNeeded: true },
    covers: { param: 'xMin', range: [0, 24] },
    edit: { param: 'xMin', value: -4 },
  },
});
