/** RandomZoomOut: place the image at a random spot of a larger canvas (torchvision v2). */
import { z } from 'zod';
import { fill, fillMask, probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { padPlan, type PadParams } from './pad-options.js';

/**
 * RandomZoomOut (torchvision v2, the SSD "expand"): a canvas `int(W * r)` x `int(H * r)` with r
 * uniform in `sideRange`, filled with `fill`, and the image at a uniform position on it
 * (`left = int((canvasW - W) * u)`). Objects get smaller relative to the frame; labels shift by
 * (left, top) and keep their visibility. Params are the four paddings.
 *
 * Defaults: sideRange [1, 4], fill 0, fillMask 0, p 0.5.
 * @example `- {name: RandomZoomOut, sideRange: [1, 2], fill: 114}`
 */
export const RandomZoomOut = defineTransform({
  name: 'RandomZoomOut',
  family: 'geometric',
  description:
    'Places the image at a random position on a canvas whose sides are `sideRange` times larger, filled with `fill` (torchvision v2); objects shrink relative to the frame.',
  schema: z
    .object({
      sideRange: range({ scalar: 'exact', min: 1, description: 'canvas side as a multiple of the image side' }).prefault([1, 4]),
      fill: fill(),
      fillMask: fillMask(),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, ctx, o): PadParams => {
    const r = rng.uniform(o.sideRange[0], o.sideRange[1]);
    const cw = Math.floor(ctx.width * r), ch = Math.floor(ctx.height * r);
    const left = Math.floor((cw - ctx.width) * rng.next());
    const top = Math.floor((ch - ctx.height) * rng.next());
    return { padTop: top, padBottom: ch - ctx.height - top, padLeft: left, padRight: cw - ctx.width - left, border: 'constant', fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(padPlan),
  warp: planWarp(padPlan),
  conformance: {
    options: { sideRange: [2, 2] },
    covers: { param: 'padLeft', range: [0, 63] },
    edit: { param: 'padLeft', value: 70 },
  },
});
