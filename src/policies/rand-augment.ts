/**
 * RandAugment (Cubuk et al. 2020): `numOps` ops drawn uniformly, all at one magnitude.
 *
 * torchvision scale (default): `magnitude` is a bin index of `numMagnitudeBins` (31); every drawn
 * op applies; signed ops get a random sign; nearest interpolation, fill 0; ops include Identity.
 * timm scale: `magnitude` is a level of 10; ops drawn with replacement from timm's list (or,
 * with `ops: weights | 3aw`, by weight without replacement), each applied with `opProbability`
 * (0.5), magnitude noise `magnitudeStd` clamped to [0, magnitudeMax or 10], `increasing` picks
 * the ops whose severity grows with the level; random bilinear/bicubic, fill the image mean.
 * Defaults: numOps 2, magnitude 9, p 1.
 * YAML: `- {name: RandAugment, numOps: 2, magnitude: 9, magnitudeScale: torchvision}` or `- {policy: rand-m9-n2-mstd0.5}`.
 */
import { z } from 'zod';
import type { PolicyDef } from '../core/policy.js';
import type { Rng } from '../core/rng.js';
import { probability } from '../core/schema.js';
import { drawTimmOp, magnitudeScale, magnitudeStd, policyFill, policyInterpolation, resamplingFor, type DrawnOp } from './common.js';
import { domainRules, OpCollector } from './domain.js';
import { drawInfo } from './info.js';
import { torchvisionSpace } from './magnitudes.js';
import { torchvisionOp } from './ops.js';
import { TIMM_RAND_3A, TIMM_RAND_INCREASING_TRANSFORMS, TIMM_RAND_TRANSFORMS, TIMM_RAND_WEIGHTED_0, TIMM_RAND_WEIGHTED_3A } from './tables.js';

const TIMM_ONLY = ['magnitudeStd', 'magnitudeMax', 'increasing', 'opProbability', 'ops'] as const;

const schema = z
  .object({
    numOps: z.number().int().min(0).default(2).describe('ops drawn per call'),
    magnitude: z.number().min(0).default(9).describe('torchvision: bin index below numMagnitudeBins; timm: level of 10'),
    magnitudeScale: magnitudeScale(),
    numMagnitudeBins: z.number().int().min(2).optional().describe('torchvision: number of magnitude bins (default 31)'),
    magnitudeStd: magnitudeStd(),
    magnitudeMax: z.number().positive().optional().describe('timm: upper bound of the (noisy) level, default 10'),
    increasing: z.boolean().optional().describe("timm: use the ops whose severity increases with the level (timm's `inc1`)"),
    opProbability: z.number().min(0).max(1).optional().describe('timm: probability of applying each drawn op (default 0.5)'),
    ops: z.enum(['default', 'weights', '3a', '3aw']).optional().describe("timm's transform set (`t` key): weights and 3aw draw by weight without replacement"),
    interpolation: policyInterpolation(),
    fill: policyFill(),
    p: probability(1),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.magnitudeScale === 'torchvision') {
      const bins = o.numMagnitudeBins ?? 31;
      if (!Number.isInteger(o.magnitude) || o.magnitude >= bins) ctx.addIssue({ code: 'custom', path: ['magnitude'], message: `on the torchvision scale magnitude is a whole bin index below numMagnitudeBins (${bins})` });
      for (const k of TIMM_ONLY) if (o[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `${k} exists on the timm scale only: add magnitudeScale: timm` });
    } else if (o.numMagnitudeBins !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['numMagnitudeBins'], message: 'numMagnitudeBins exists on the torchvision scale only (timm levels run from 0 to 10)' });
    }
  });

type Options = z.output<typeof schema>;

/** timm's op list and choice weights for these options (rand_augment_choices). */
export function timmRandOps(o: Pick<Options, 'ops' | 'increasing'>): { names: string[]; weights: number[] | null } {
  const table = o.ops === 'weights' ? TIMM_RAND_WEIGHTED_0 : o.ops === '3aw' ? TIMM_RAND_WEIGHTED_3A : null;
  if (table) return { names: Object.keys(table), weights: Object.values(table) };
  if (o.ops === '3a') return { names: [...TIMM_RAND_3A], weights: null };
  return { names: [...(o.increasing ? TIMM_RAND_INCREASING_TRANSFORMS : TIMM_RAND_TRANSFORMS)], weights: null };
}

/** numpy's choice: with replacement when unweighted, by weight without replacement otherwise. */
function pick(rng: Rng, n: number, weights: number[] | null, count: number): number[] {
  if (!weights) return Array.from({ length: count }, () => rng.int(0, n - 1));
  const w = weights.slice();
  const out: number[] = [];
  for (let k = 0; k < count && w.some((x) => x > 0); k++) {
    const i = rng.weightedIndex(w);
    out.push(i);
    w[i] = 0;
  }
  return out;
}

/** RandAugment over the catalog; every geometric op moves every target. */
export const RandAugment: PolicyDef<typeof schema> = {
  name: 'RandAugment',
  description: 'RandAugment: numOps ops drawn uniformly at one magnitude, on the torchvision or the timm magnitude scale, with labels moved by the geometric ops.',
  schema,
  samplesFromTargets: true,
  choose(rng, ctx, o) {
    const res = resamplingFor(o, ctx, 'nearest');
    const c = new OpCollector(domainRules(ctx.domain));
    const drawn: DrawnOp[] = [];
    if (o.magnitudeScale === 'torchvision') {
      const all = torchvisionSpace('RandAugment', o.numMagnitudeBins ?? 31, ctx.width, ctx.height);
      const { kept, removed } = c.allowed(all.map((s) => s.name));
      const space = all.filter((s) => kept.includes(s.name));
      for (let k = 0; k < o.numOps && space.length > 0; k++) {
        const meta = space[rng.int(0, space.length - 1)]!;
        let m = meta.magnitudes ? meta.magnitudes[o.magnitude]! : 0;
        if (meta.signed && rng.bool(0.5)) m = -m;
        drawn.push({ op: meta.name, ...(meta.magnitudes ? { magnitude: o.magnitude, arg: m } : {}) });
        c.add(meta.name, torchvisionOp(meta.name, m, res(rng)));
      }
      return { ops: c.ops, info: drawInfo('torchvision', ctx, drawn, c, { numOps: o.numOps, magnitude: o.magnitude }, removed) };
    }
    const list = timmRandOps(o);
    const { kept, removed } = c.allowed(list.names);
    const weights = list.weights ? list.names.map((n, i) => (kept.includes(n) ? list.weights![i]! : 0)) : null;
    const names = weights ? list.names : kept;
    const chosen = names.length > 0 ? pick(rng, names.length, weights, o.numOps) : [];
    for (const i of chosen) {
      const name = names[i]!;
      const d = drawTimmOp(rng, name, { prob: o.opProbability ?? 0.5, magnitude: o.magnitude, std: o.magnitudeStd ?? 0, max: o.magnitudeMax }, res, ctx);
      drawn.push(d.drawn);
      if (!d.drawn.skipped) c.add(name, d.ops);
    }
    return { ops: c.ops, info: drawInfo('timm', ctx, drawn, c, { numOps: o.numOps, magnitude: o.magnitude }, removed) };
  },
};
