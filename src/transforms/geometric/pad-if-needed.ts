/** PadIfNeeded: pad up to a minimum size and/or to a multiple of a divisor. */
import { z } from 'zod';
import { border, fill, fillMask, probability } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import { defineTransform } from '../../core/transform.js';
import { planKernels, planWarp } from './crop-plan.js';
import { padPlan, splitCentre, type PadParams } from './pad-options.js';

export const PAD_POSITIONS = ['center', 'top_left', 'top_right', 'bottom_left', 'bottom_right', 'random'] as const;
export type PadPosition = (typeof PAD_POSITIONS)[number];

/** Padding needed on one axis: up to `min`, then up to a multiple of `divisor`. */
export function padAmount(size: number, min: number | undefined, divisor: number | undefined): number {
  let target = Math.max(size, min ?? 0);
  if (divisor !== undefined && target % divisor !== 0) target += divisor - (target % divisor);
  return target - size;
}

/**
 * Where the padding goes (Albumentations' PadIfNeeded positions): 'center' splits it with the
 * odd pixel at the bottom/right; the corners put all of it on the opposite sides; 'random' draws
 * the top (left) share uniformly from 0 to all of it.
 */
export function placePadding(rng: Rng, position: PadPosition, h: number, w: number): [top: number, bottom: number, left: number, right: number] {
  // Drawn for every position, so a config change of position does not shift later streams.
  const top = rng.int(0, h);
  const left = rng.int(0, w);
  switch (position) {
    case 'center':
      return [...splitCentre(h), ...splitCentre(w)];
    case 'top_left':
      return [0, h, 0, w];
    case 'top_right':
      return [0, h, w, 0];
    case 'bottom_left':
      return [h, 0, 0, w];
    case 'bottom_right':
      return [h, 0, w, 0];
    case 'random':
      return [top, h - top, left, w - left];
  }
}

const size = z.number().int().min(1);

/**
 * PadIfNeeded: pads an image smaller than `minHeight` x `minWidth` up to that size, and/or up to
 * the next multiple of `padHeightDivisor` / `padWidthDivisor` (both may be given: the minimum
 * first, then the multiple). Each axis needs a minimum or a divisor. `position` says where the
 * padding goes; 'center' puts the odd pixel at the bottom/right, as Albumentations does.
 * The default border is constant (Albumentations defaults to reflect101, which paints mirrored
 * copies of objects that no label describes).
 *
 * Defaults: no minimum or divisor (give one per axis), position center, border constant, fill 0,
 * fillMask 0, p 1.
 * @example `- {name: PadIfNeeded, minHeight: 512, minWidth: 512}`
 */
export const PadIfNeeded = defineTransform({
  name: 'PadIfNeeded',
  family: 'geometric',
  description:
    'Pads the image up to `minHeight` x `minWidth` and/or to a multiple of `padHeightDivisor` / `padWidthDivisor`; `position` places the padding (centre: odd pixel at the bottom/right).',
  schema: z
    .object({
      minHeight: size.optional().describe('pad the height up to at least this'),
      minWidth: size.optional().describe('pad the width up to at least this'),
      padHeightDivisor: size.optional().describe('pad the height up to a multiple of this'),
      padWidthDivisor: size.optional().describe('pad the width up to a multiple of this'),
      position: z.enum(PAD_POSITIONS).default('center').describe('where the image sits in the padded canvas'),
      border: border('constant'),
      fill: fill(),
      fillMask: fillMask(),
      p: probability(1),
    })
    .strict()
    .refine((o) => o.minHeight !== undefined || o.padHeightDivisor !== undefined, { message: 'expected minHeight or padHeightDivisor (or both)', path: ['minHeight'] })
    .refine((o) => o.minWidth !== undefined || o.padWidthDivisor !== undefined, { message: 'expected minWidth or padWidthDivisor (or both)', path: ['minWidth'] }),
  sample: (rng, ctx, o): PadParams => {
    const h = padAmount(ctx.height, o.minHeight, o.padHeightDivisor);
    const w = padAmount(ctx.width, o.minWidth, o.padWidthDivisor);
    const [padTop, padBottom, padLeft, padRight] = placePadding(rng, o.position, h, w);
    return { padTop, padBottom, padLeft, padRight, border: o.border, fill: o.fill, fillMask: o.fillMask };
  },
  kernels: planKernels(padPlan),
  warp: planWarp(padPlan),
  conformance: {
    options: { minHeight: 64, minWidth: 80 },
    deterministic: true,
    edit: { param: 'padTop', value: 0 },
  },
});
