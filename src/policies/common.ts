/**
 * What every policy shares: the magnitude-scale option and what it switches (interpolation,
 * fill, op probability), the per-draw resampling settings, and timm's op draw.
 */
import { z } from 'zod';
import type { PolicyOp } from '../core/policy.js';
import type { Rng } from '../core/rng.js';
import type { SampleContext } from '../core/transform.js';
import type { Fill, Interpolation } from '../functional/types.js';
import { maxValueOf, type Image } from '../targets/image.js';
import { LEVEL_DENOM, timmArg, timmNegatable, TIMM_HPARAMS, type TimmHparams } from './magnitudes.js';
import { timmOp, type OpResampling } from './ops.js';

export type MagnitudeScale = 'torchvision' | 'timm';

export const magnitudeScale = (def: MagnitudeScale = 'torchvision') =>
  z
    .enum(['torchvision', 'timm'])
    .default(def)
    .describe("'torchvision': magnitude is a bin index, every drawn op applies, fill 0, nearest; 'timm': magnitude is a level of 10, each op at p 0.5 (RandAugment), fill with the image mean, bilinear or bicubic at random (docs/policies.md)");

export const policyInterpolation = () =>
  z.enum(['nearest', 'bilinear', 'bicubic', 'random']).optional().describe("resampling of the geometric ops; default: nearest (torchvision; AugMix bilinear), 'random' (timm: bilinear or bicubic per op)");

export const policyFill = () =>
  z
    .union([z.number(), z.array(z.number()).min(1).max(4), z.literal('mean')])
    .optional()
    .describe("fill of pixels the geometric ops uncover, in the image value scale; 'mean' is the image's per-channel mean. Default 0 (torchvision) or 'mean' (timm)");

/** `'inf'` (timm's `mstd > 100`) samples the magnitude uniformly in [0, magnitude]. */
export const magnitudeStd = () =>
  z.union([z.number().min(0), z.literal('inf')]).optional().describe("timm: std of Gaussian noise on the magnitude per op, or 'inf' for uniform in [0, magnitude]");

/** Options that select how geometric ops resample. */
export interface ResamplingOptions {
  readonly magnitudeScale: MagnitudeScale;
  readonly interpolation?: Interpolation | 'random' | undefined;
  readonly fill?: Fill | 'mean' | undefined;
}

/** Per-channel mean of an image (rounded for integer images), as a fill value. */
export function imageMean(img: Image): number[] {
  const c = img.channels;
  const sums = new Array<number>(c).fill(0);
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) sums[k]! += img.data[i * c + k]!;
  const mean = sums.map((s) => (n > 0 ? s / n : 0));
  return img.dtype === 'float32' ? mean : mean.map((v) => Math.min(maxValueOf(img), Math.round(v)));
}

/**
 * The resampling of one draw: fill resolved once (the image mean is read from `ctx`), and a
 * function that gives each op its interpolation ('random' draws bilinear or bicubic per op, as timm).
 */
export function resamplingFor(o: ResamplingOptions, ctx: SampleContext, defaultInterpolation: Interpolation): (rng: Rng) => OpResampling {
  const fillOpt = o.fill ?? (o.magnitudeScale === 'timm' ? 'mean' : 0);
  const fill: Fill = fillOpt === 'mean' ? imageMean(ctx.sample.image) : fillOpt;
  const interp = o.interpolation ?? (o.magnitudeScale === 'timm' ? 'random' : defaultInterpolation);
  return (rng) => ({ interpolation: interp === 'random' ? (rng.bool(0.5) ? 'bilinear' : 'bicubic') : interp, fill });
}

/** What a policy reports about one op it drew (for the trace's `info`). */
export interface DrawnOp {
  readonly op: string;
  /** torchvision: the bin index; timm: the level after noise and clamping. */
  readonly magnitude?: number;
  /** The argument the op got (signed), when it has one. */
  readonly arg?: number;
  /** timm: the op's own probability said no. */
  readonly skipped?: boolean;
}

export interface TimmOpSettings {
  readonly prob: number;
  readonly magnitude: number;
  readonly std: number | 'inf';
  readonly max: number | undefined;
  readonly hparams?: TimmHparams;
}

/**
 * timm's AugmentOp.__call__: the op's own probability, magnitude noise, clamping to
 * [0, magnitudeMax or 10], the level function and its random sign, then the catalog op.
 */
export function drawTimmOp(rng: Rng, name: string, s: TimmOpSettings, res: (rng: Rng) => OpResampling, ctx: SampleContext): { ops: PolicyOp[]; drawn: DrawnOp } {
  if (s.prob < 1 && rng.next() > s.prob) return { ops: [], drawn: { op: name, skipped: true } };
  let m = s.magnitude;
  if (s.std === 'inf') m = rng.uniform(0, m);
  else if (s.std > 0) m = rng.normal(m, s.std);
  m = Math.max(0, Math.min(m, s.max || LEVEL_DENOM));
  const negate = timmNegatable(name) && rng.next() > 0.5;
  let arg = timmArg(name, m, negate, s.hparams ?? TIMM_HPARAMS);
  if (name === 'GaussianBlurRand' && arg !== null) arg = rng.uniform(0.1, 2.0 * arg);
  const r = res(rng);
  return { ops: timmOp(name, arg, r, ctx.width, ctx.height), drawn: { op: name, magnitude: m, ...(arg !== null ? { arg } : {}) } };
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted by u^(1/shape)). */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Dirichlet draw with every concentration equal to `alpha`. */
export function dirichlet(rng: Rng, alpha: number, n: number): number[] {
  const g = Array.from({ length: n }, () => gamma(rng, alpha));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / sum);
}
