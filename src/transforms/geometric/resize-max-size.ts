/** LongestMaxSize and SmallestMaxSize share everything but which side they measure. */
import { z } from 'zod';
import { interpolation, probability } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import type { SampleContext } from '../../core/transform.js';
import { roundSize, type ResizeParams } from './resize-options.js';

export const maxSizeSchema = (side: string) =>
  z
    .object({
      maxSize: z
        .union([z.number().int().min(1), z.array(z.number().int().min(1)).min(1)])
        .default(1024)
        .describe(`target length of the ${side} side in pixels; a list means one drawn at random each time`),
      interpolation: interpolation('bilinear'),
      p: probability(1),
    })
    .strict();

/**
 * Output size when the `pick` side (max or min of width and height) becomes `maxSize`: both
 * sides scale by maxSize / side and are rounded as Albumentations does (`round`, half to even).
 */
export function maxSizeParams(rng: Rng, ctx: SampleContext, o: z.output<ReturnType<typeof maxSizeSchema>>, pick: (a: number, b: number) => number): ResizeParams {
  const target = typeof o.maxSize === 'number' ? o.maxSize : rng.choice(o.maxSize);
  const scale = target / pick(ctx.width, ctx.height);
  return { width: roundSize(ctx.width * scale), height: roundSize(ctx.height * scale), interpolation: o.interpolation };
}
