/**
 * Pieces shared by the resizing transforms: the `size` option, the rounding of output sizes,
 * and the params and plan of a plain resize (Resize, LongestMaxSize, SmallestMaxSize).
 */
import { z } from 'zod';
import { roundHalfEven } from '../../functional/geometric/index.js';
import type { Interpolation } from '../../functional/types.js';
import type { PlanOf } from './crop-plan.js';

/** `size`: one number for a square, or [height, width] (torchvision's and Albumentations' order). */
export const sizeOption = (description: string) =>
  z
    .union([z.number().int().min(1), z.tuple([z.number().int().min(1), z.number().int().min(1)])])
    .describe(`${description}: one number for a square, or [height, width]`)
    .transform((v) => (typeof v === 'number' ? { height: v, width: v } : { height: v[0], width: v[1] }));

/**
 * Python's `int(round(x))` (half to even), the rounding Albumentations and Ultralytics apply to
 * scaled sizes; never below 1 pixel.
 */
export function roundSize(x: number): number {
  return Math.max(1, roundHalfEven(x));
}

/** Params of a plain resize: the output size and the filter. */
export type ResizeParams = { width: number; height: number; interpolation: Interpolation };

export const resizePlan: PlanOf<ResizeParams> = (p) => ({
  resize: { width: p.width, height: p.height, interpolation: p.interpolation },
  fill: 0,
  fillMask: 0,
});
