/** Options every box-only transform shares: the per-box probability and, for geometric ones, resampling. */
import { z } from 'zod';
import { fill, fillMask, interpolation } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import type { SampleContext } from '../../core/transform.js';
import { drawRows } from './regions.js';

export const boxProbability = () =>
  z.number().min(0).max(1).default(0.5).describe('probability of applying the op inside each box (drawn per box; the detection policies use their op probability / 3)');

/** Resampling options of the geometric box-only ops: nearest by default (as the reference), constant border. */
export const regionResampling = () => ({ interpolation: interpolation('nearest'), fill: fill(), fillMask: fillMask() });

/** The rows a box-only op acts on, drawn from the boxes entering the step. */
export function sampleRows(rng: Rng, ctx: SampleContext, probability: number): number[] {
  const n = ctx.sample.boxes ? ctx.sample.boxes.xyxy.length / 4 : 0;
  return drawRows(rng, n, probability);
}
