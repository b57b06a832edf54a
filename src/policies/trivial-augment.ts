/**
 * TrivialAugmentWide (Müller and Hutter 2021), as torchvision has it: one op drawn uniformly,
 * at a magnitude bin drawn uniformly from `numMagnitudeBins` (31), with the wide ranges
 * (shear 0.99, translate 32 px, rotate 135°, enhancers ±0.99, posterize down to 2 bits).
 * Defaults: numMagnitudeBins 31, interpolation nearest, fill 0, p 1.
 * YAML: `- {name: TrivialAugmentWide}` or `- {policy: ta_wide}`.
 */
import { z } from 'zod';
import type { PolicyDef } from '../core/policy.js';
import { probability } from '../core/schema.js';
import { policyFill, policyInterpolation, resamplingFor } from './common.js';
import { domainRules, OpCollector } from './domain.js';
import { drawInfo } from './info.js';
import { torchvisionSpace } from './magnitudes.js';
import { torchvisionOp } from './ops.js';

const schema = z
  .object({
    numMagnitudeBins: z.number().int().min(2).default(31).describe('number of magnitude bins'),
    magnitudeScale: z.literal('torchvision').default('torchvision').describe('TrivialAugmentWide exists on the torchvision scale only'),
    interpolation: policyInterpolation(),
    fill: policyFill(),
    p: probability(1),
  })
  .strict();

/** TrivialAugmentWide over the catalog; every geometric op moves every target. */
export const TrivialAugmentWide: PolicyDef<typeof schema> = {
  name: 'TrivialAugmentWide',
  description: 'TrivialAugmentWide: one op and one magnitude bin drawn uniformly per call (torchvision), with labels moved by the geometric ops.',
  schema,
  samplesFromTargets: true,
  choose(rng, ctx, o) {
    const res = resamplingFor(o, ctx, 'nearest');
    const c = new OpCollector(domainRules(ctx.domain));
    const all = torchvisionSpace('TrivialAugmentWide', o.numMagnitudeBins, ctx.width, ctx.height);
    const { kept, removed } = c.allowed(all.map((s) => s.name));
    const space = all.filter((s) => kept.includes(s.name));
    if (space.length === 0) return { ops: [], info: drawInfo('torchvision', ctx, [], c, {}, removed) };
    const meta = space[rng.int(0, space.length - 1)]!;
    const bin = rng.int(0, o.numMagnitudeBins - 1);
    let m = meta.magnitudes ? meta.magnitudes[bin]! : 0;
    if (meta.signed && rng.bool(0.5)) m = -m;
    c.add(meta.name, torchvisionOp(meta.name, m, res(rng)));
    return { ops: c.ops, info: drawInfo('torchvision', ctx, [{ op: meta.name, ...(meta.magnitudes ? { magnitude: bin, arg: m } : {}) }], c, {}, removed) };
  },
};
