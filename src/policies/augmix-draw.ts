/**
 * AugMix's options and its draw (Hendrycks et al. 2020): `mixtureWidth` chains of 1..3 ops (or
 * `chainDepth`) at severities up to `severity`, blended with Dirichlet weights and mixed with the
 * original by a Beta/Dirichlet weight.
 *
 * With labels (boxes, polygons, masks, keypoints, or a detection/segmentation/keypoints task),
 * blending chains that move pixels differently would leave every label wrong. Chains then draw
 * only ops that move no pixel, plus at most one geometric op drawn once and shared by all chains
 * (and the original), so the labels follow that one op exactly: `mode: pixel-only` in the params.
 * `strict: true` refuses such samples instead.
 */
import { z } from 'zod';
import { AuguryError, show } from '../core/errors.js';
import type { PolicyOp } from '../core/policy.js';
import type { Rng } from '../core/rng.js';
import { probability } from '../core/schema.js';
import type { SampleContext } from '../core/transform.js';
import type { DomainRule } from '../domains/profile.js';
import { dirichlet, drawTimmOp, gamma, magnitudeScale, magnitudeStd, policyFill, policyInterpolation, resamplingFor } from './common.js';
import { OpCollector } from './domain.js';
import { torchvisionSpace } from './magnitudes.js';
import { GEOMETRIC_OPS, torchvisionOp } from './ops.js';
import { TIMM_AUGMIX_TRANSFORMS } from './tables.js';

export const augMixSchema = z
  .object({
    severity: z.number().int().min(0).default(3).describe('torchvision: bins 0..severity-1 of 10 are drawn (1..10); timm: the level of 10 (uniform below it by default)'),
    mixtureWidth: z.number().int().min(1).default(3).describe('number of chains'),
    chainDepth: z.number().int().min(-1).default(-1).describe('ops per chain; -1 draws 1 to 3 per chain'),
    alpha: z.number().positive().default(1).describe('concentration of the Dirichlet chain weights and of the Beta/Dirichlet mix with the original'),
    allOps: z.boolean().default(true).describe('torchvision: include Brightness, Color, Contrast and Sharpness'),
    blended: z.boolean().default(false).describe("timm: blend each chain into the result in turn (timm's `b` flag) instead of mixing the chains first"),
    magnitudeScale: magnitudeScale(),
    magnitudeStd: magnitudeStd(),
    magnitudeMax: z.number().positive().optional().describe('timm: upper bound of the level (default 10)'),
    strict: z.boolean().default(false).describe('with labels present, refuse the sample instead of restricting chains to pixel-value ops plus one shared geometric op'),
    interpolation: policyInterpolation(),
    fill: policyFill(),
    p: probability(1),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.chainDepth === 0) ctx.addIssue({ code: 'custom', path: ['chainDepth'], message: 'chainDepth is -1 (random 1..3) or at least 1' });
    if (o.magnitudeScale === 'torchvision') {
      if (o.severity < 1 || o.severity > 10) ctx.addIssue({ code: 'custom', path: ['severity'], message: 'on the torchvision scale severity is 1..10' });
      for (const k of ['magnitudeStd', 'magnitudeMax'] as const) if (o[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `${k} exists on the timm scale only: add magnitudeScale: timm` });
      if (o.blended) ctx.addIssue({ code: 'custom', path: ['blended'], message: 'blended exists on the timm scale only' });
    }
  });

export type AugMixOptions = z.output<typeof augMixSchema>;

/** The params of one AugMix draw (plain JSON): what the image kernel blends and the labels follow. */
export type AugMixParams = {
  magnitudeScale: 'torchvision' | 'timm';
  mode: 'all-ops' | 'pixel-only';
  /** The one geometric op every chain (and the original) shares in pixel-only mode, or null. */
  shared: PolicyOp | null;
  chains: PolicyOp[][];
  /** Chain weights (torchvision: already multiplied by the mix weight; timm blended: per-step blend factors). */
  weights: number[];
  /** Weight of the original image in the final mix. */
  original: number;
  blend: 'torchvision' | 'timm' | 'timm-blended';
};

const SPATIAL_TASKS = new Set(['detection', 'segmentation', 'keypoints']);

/** Whether a sample carries labels that blending moved pixels would break. */
export function hasSpatialLabels(s: SampleContext['sample'], task?: string): boolean {
  return Boolean(s.boxes || s.polygons || s.keypoints || s.mask || s.instanceMasks || (s.extraMasks && Object.keys(s.extraMasks).length > 0) || (task && SPATIAL_TASKS.has(task)));
}

interface Candidate {
  readonly name: string;
  draw(rng: Rng): PolicyOp[];
}

/** One AugMix draw. `rules` (a domain's) remove forbidden ops; `task` marks samples with spatial labels. */
export function drawAugMix(rng: Rng, ctx: SampleContext, o: AugMixOptions, extra: { task?: string; rules?: readonly DomainRule[] } = {}): { params: AugMixParams; removed: OpCollector } {
  const labels = hasSpatialLabels(ctx.sample, extra.task);
  if (labels && o.strict) {
    throw new AuguryError({
      code: 'unsupported',
      message: 'AugMix (strict) refuses samples with boxes, polygons, masks or keypoints: blending chains that move pixels differently would leave the labels wrong',
      ...(ctx.sample.source?.file ? { file: ctx.sample.source.file } : {}),
      record: `sample ${show(ctx.sample.id)}`,
      key: 'AugMix.strict',
      hint: 'set strict: false to restrict chains to pixel-value ops plus one shared geometric op, or use RandAugment/TrivialAugmentWide, whose ops move labels exactly',
    });
  }
  const res = resamplingFor(o, ctx, 'bilinear');
  const c = new OpCollector(extra.rules);
  let all: Candidate[];
  if (o.magnitudeScale === 'torchvision') {
    all = torchvisionSpace('AugMix', 10, ctx.width, ctx.height, o.allOps).map((meta) => ({
      name: meta.name,
      draw: (r: Rng) => {
        let m = meta.magnitudes ? meta.magnitudes[r.int(0, o.severity - 1)]! : 0;
        if (meta.signed && r.bool(0.5)) m = -m;
        return torchvisionOp(meta.name, m, res(r));
      },
    }));
  } else {
    const settings = { prob: 1, magnitude: o.severity, std: o.magnitudeStd ?? 'inf', max: o.magnitudeMax } as const;
    all = TIMM_AUGMIX_TRANSFORMS.map((name) => ({ name, draw: (r: Rng) => drawTimmOp(r, name, settings, res, ctx).ops }));
  }
  const allowed = new Set(c.allowed(all.map((x) => x.name)).kept);
  all = all.filter((x) => allowed.has(x.name));
  let shared: PolicyOp | null = null;
  let pool = all;
  if (labels) {
    pool = all.filter((x) => !GEOMETRIC_OPS.has(x.name));
    // One draw from the full list decides the shared op: geometric ops keep their share of draws.
    const first = all.length > 0 ? all[rng.int(0, all.length - 1)]! : undefined;
    if (first && GEOMETRIC_OPS.has(first.name)) {
      const ops = first.draw(rng);
      if (c.add(first.name, ops)) shared = ops[0] ?? null;
    }
  }
  const chains: PolicyOp[][] = [];
  for (let k = 0; k < o.mixtureWidth; k++) {
    const depth = o.chainDepth > 0 ? o.chainDepth : rng.int(1, 3);
    const chain: PolicyOp[] = [];
    for (let d = 0; d < depth && pool.length > 0; d++) {
      const cand = pool[rng.int(0, pool.length - 1)]!;
      const ops = cand.draw(rng);
      const probe = new OpCollector(extra.rules);
      if (probe.add(cand.name, ops)) chain.push(...ops);
      else c.removed.push(...probe.removed);
    }
    chains.push(chain);
  }
  let weights: number[];
  let original: number;
  let blend: AugMixParams['blend'];
  if (o.magnitudeScale === 'torchvision') {
    const [m0, m1] = dirichlet(rng, o.alpha, 2) as [number, number];
    weights = dirichlet(rng, o.alpha, o.mixtureWidth).map((w) => w * m1);
    original = m0;
    blend = 'torchvision';
  } else {
    const ws = dirichlet(rng, o.alpha, o.mixtureWidth);
    const g1 = gamma(rng, o.alpha), g2 = gamma(rng, o.alpha);
    const m = g1 / (g1 + g2);
    original = 1 - m;
    if (o.blended) {
      // timm's _calc_blended_weights: sequential blend factors giving each chain weight ws·m.
      let cump = 1;
      const rws: number[] = [];
      for (const w of ws.map((x) => x * m).reverse()) {
        const a = w / cump;
        cump *= 1 - a;
        rws.push(a);
      }
      weights = rws.reverse();
      blend = 'timm-blended';
    } else {
      weights = ws;
      blend = 'timm';
    }
  }
  return { params: { magnitudeScale: o.magnitudeScale, mode: labels ? 'pixel-only' : 'all-ops', shared, chains, weights, original, blend }, removed: c };
}
