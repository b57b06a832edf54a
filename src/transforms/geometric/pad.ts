/** Pad: add a fixed number of pixels on each side. */
import { z } from 'zod';
import { border, fill, fillMask, probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { padPlan, type PadParams } from './pad-options.js';

const px = z.number().int().min(0);

/**
 * Pad: adds pixels around the image. `padding` is one number for every side, [x, y] for
 * left/right and top/bottom, or [left, top, right, bottom] (torchvision's order). Boxes,
 * polygons and keypoints shift by (left, top). With a non-constant `border` the new pixels
 * repeat image content that no label describes; torchvision's 'edge' is 'replicate' here,
 * its 'reflect' is 'reflect101' and its 'symmetric' is 'reflect'.
 *
 * Defaults: padding required, border constant, fill 0, fillMask 0, p 1.
 * @example `- {name: Pad, padding: [10, 20]}`
 */
export const Pad = defineTransform({
  name: 'Pad',
  family: 'geometric',
  description:
    'Adds pixels around the image: `padding` is one number for every side, [x, y], or [left, top, right, bottom] (torchvision order); labels shift by (left, top).',
  schema: z
    .object({
      padding: z
        .union([px, z.tuple([px, px]), z.tuple([px, px, px, px])])
        .describe('pixels to add: n on every side, [x, y] (left/right, top/bottom), or [left, top, right, bottom]'),
      border: border('constant'),
      fill: fill(),
      fillMask: fillMask(),
      p: probability(1),
    })
    .strict(),
  sample: (_rng, _ctx, o): PadParams => {
    const q = o.padding;
    const [left, top, right, bottom] = typeof q === 'number' ? [q, q, q, q] : q.length === 2 ? [q[0], q[1], q[0], q[1]] : q;
    return { padTop: top, padBottom: bottom, padLeft: left, padRight: right, border: o.border, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(padPlan),
  warp: planWarp(padPlan),
  conformance: {
    options: { padding: [4, 2, 6, 8] },
    deterministic: true,
    edit: { param: 'padLeft', value: 0 },
  },
});
