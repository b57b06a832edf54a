/**
 * MixUpCutMix: timm's `Mixup` as one step. With probability `p` the sample is mixed; CutMix is
 * chosen with probability `switchProb` when both are enabled (an alpha of 0 disables one).
 */
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';
import { registerMix, type MixDef } from '../core/mix.js';
import { probability } from '../core/schema.js';
import { isOff, labelOptions, offAfterEpoch, r9 } from './common.js';
import { applyCutMix, sampleCutMix } from './cutmix.js';
import type { Rect } from './layer.js';
import { MIX_MODES, MixUp } from './mixup.js';
import { beta } from './random.js';

const schema = z
  .object({
    p: probability(1),
    mixupAlpha: z.number().min(0).default(1).describe('MixUp lambda ~ Beta(a, a); 0 disables MixUp'),
    cutmixAlpha: z.number().min(0).default(0).describe('CutMix 1 - area share ~ Beta(a, a); 0 disables CutMix unless cutmixMinMax is set'),
    cutmixMinMax: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).refine(([a, b]) => a <= b, { message: 'min must be <= max' }).optional().describe('[min, max] patch area share; enables CutMix and replaces cutmixAlpha'),
    switchProb: z.number().min(0).max(1).default(0.5).describe('probability of CutMix when both are enabled'),
    mode: z.enum(MIX_MODES).default('batch').describe("timm's mode; one draw per output here (docs/mixing.md)"),
    ...labelOptions,
    offAfterEpoch: offAfterEpoch(),
  })
  .strict();
type Options = z.output<typeof schema>;

export interface MixUpCutMixParams extends Record<string, unknown> {
  readonly off?: string;
  readonly kind: 'mixup' | 'cutmix';
  readonly lambda: number;
  readonly rect?: Rect;
  readonly mode: (typeof MIX_MODES)[number];
  readonly numClasses: number | null;
  readonly labelSmoothing: number;
}

export const MixUpCutMix: MixDef<typeof schema, MixUpCutMixParams> = {
  name: 'MixUpCutMix',
  family: 'mixing',
  description: "timm's Mixup: MixUp or CutMix, switched at random, with soft labels and label smoothing.",
  schema,
  partnerCount: () => 1,
  sample(rng, ctx, o: Options) {
    const base = { mode: o.mode, numClasses: o.numClasses ?? null, labelSmoothing: o.labelSmoothing };
    const mixup = o.mixupAlpha > 0;
    const cutmix = o.cutmixAlpha > 0 || o.cutmixMinMax !== undefined;
    if (!mixup && !cutmix) {
      throw new AuguryError({ code: 'validation', message: 'MixUpCutMix has both MixUp and CutMix disabled', key: 'MixUpCutMix', received: 'mixupAlpha 0, cutmixAlpha 0', hint: 'set mixupAlpha or cutmixAlpha above 0, or cutmixMinMax' });
    }
    if (isOff(ctx.epoch, o.offAfterEpoch)) return { ...base, kind: 'mixup', lambda: 1, off: `offAfterEpoch ${o.offAfterEpoch}` };
    const useCut = mixup && cutmix ? rng.bool(o.switchProb) : cutmix;
    if (useCut) return { ...base, kind: 'cutmix', ...sampleCutMix(rng, ctx.width, ctx.height, o.cutmixAlpha, o.cutmixMinMax) };
    return { ...base, kind: 'mixup', lambda: r9(beta(rng, o.mixupAlpha, o.mixupAlpha)) };
  },
  apply(s, partners, p, env) {
    if (p.off) return s;
    if (p.kind === 'cutmix') return applyCutMix(s, partners[0]!, { ...p, rect: p.rect ?? [0, 0, 0, 0] }, env.boxMethod, 'MixUpCutMix');
    return MixUp.apply(s, partners, { lambda: p.lambda, mode: p.mode, numClasses: p.numClasses, labelSmoothing: p.labelSmoothing }, env);
  },
  refuses: [],
};
registerMix(MixUpCutMix);
