/** Crop: cut a fixed window out of the image. */
import { z } from 'zod';
import { AuguryError } from '../../core/errors.js';
import { fill, fillMask, probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { sampleLocation, windowPlan, type WindowParams } from './crop-window.js';

const coord = (description: string) => z.number().int().describe(description);

/**
 * Crop: keeps the pixels in [xMin, xMax) x [yMin, yMax) (continuous coordinates, so box
 * [20, 10, 30, 20] becomes [10, 5, 20, 15] under Crop [10, 5, 50, 40]). Boxes that cross the
 * window edge are clipped and their visibility multiplied by the share left inside.
 *
 * A window that reaches past the image is refused unless `padIfNeeded: true`, which fills the
 * missing part with `fill` / `fillMask` (as if the image had been padded first). Albumentations
 * 1.3.1 raises there too; refusing by default catches windows written for another image size.
 *
 * Defaults: xMin 0, yMin 0 (xMax and yMax are required), padIfNeeded false, fill 0, fillMask 0, p 1.
 * @example `- {name: Crop, xMin: 10, yMin: 5, xMax: 50, yMax: 40}`
 */
export const Crop = defineTransform({
  name: 'Crop',
  family: 'geometric',
  description:
    'Cuts the window [xMin, xMax) x [yMin, yMax) out of the image; boxes crossing its edge are clipped and lose visibility by the share cut off. A window past the image is refused unless `padIfNeeded` is set.',
  schema: z
    .object({
      xMin: coord('left edge of the window in pixels').default(0),
      yMin: coord('top edge of the window in pixels').default(0),
      xMax: coord('right edge of the window (exclusive) in pixels'),
      yMax: coord('bottom edge of the window (exclusive) in pixels'),
      padIfNeeded: z.boolean().default(false).describe('allow a window past the image; the missing part takes `fill` / `fillMask`'),
      fill: fill(),
      fillMask: fillMask(),
      p: probability(1),
    })
    .strict()
    .refine((o) => o.xMax > o.xMin, { message: 'expected xMax > xMin', path: ['xMax'] })
    .refine((o) => o.yMax > o.yMin, { message: 'expected yMax > yMin', path: ['yMax'] }),
  sample: (_rng, ctx, o): WindowParams => {
    const outside = o.xMin < 0 || o.yMin < 0 || o.xMax > ctx.width || o.yMax > ctx.height;
    if (outside && !o.padIfNeeded) {
      throw new AuguryError({
        code: 'size-mismatch',
        message: 'the crop window reaches past the image',
        ...sampleLocation(ctx),
        key: 'Crop',
        expected: `a window inside [0, 0, ${ctx.width}, ${ctx.height}]`,
        received: `[${o.xMin}, ${o.yMin}, ${o.xMax}, ${o.yMax}]`,
        hint: 'fix the window for this image size, or set padIfNeeded: true to fill the part outside the image with fill / fillMask',
      });
    }
    return { xMin: o.xMin, yMin: o.yMin, xMax: o.xMax, yMax: o.yMax, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(windowPlan),
  warp: planWarp(windowPlan),
  conformance: {
    options: { xMin: 4, yMin: 2, xMax: 40, yMax: 36, padIfNeeded: true },
    deterministic: true,
    edit: { param: 'xMin', value: 0 },
  },
});
