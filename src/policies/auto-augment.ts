/**
 * AutoAugment (Cubuk et al. 2019): one sub-policy drawn uniformly, each of its ops applied with
 * its own probability at its fixed magnitude.
 *
 * Defaults: table imagenet (torchvision's table; `original`, `originalr`, `v0`, `v0r`, `3a` are
 * timm's), magnitudeScale from the table, interpolation nearest (torchvision) or random bilinear /
 * bicubic (timm), fill 0 (torchvision) or the image mean (timm), magnitudeStd 0 (timm only), p 1.
 * YAML: `- {name: AutoAugment, table: imagenet}` or `- {policy: "original-mstd0.5"}`.
 */
import { z } from 'zod';
import type { PolicyDef } from '../core/policy.js';
import { probability } from '../core/schema.js';
import { drawTimmOp, magnitudeStd, policyFill, policyInterpolation, resamplingFor, type DrawnOp } from './common.js';
import { domainRules, OpCollector } from './domain.js';
import { drawInfo } from './info.js';
import { torchvisionSpace } from './magnitudes.js';
import { torchvisionOp } from './ops.js';
import { AUTO_AUGMENT_TABLES, type AutoAugmentPolicyName } from './tables.js';

const POLICIES = Object.keys(AUTO_AUGMENT_TABLES) as [AutoAugmentPolicyName, ...AutoAugmentPolicyName[]];

const schema = z
  .object({
    table: z.enum(POLICIES).default('imagenet').describe('imagenet, cifar10, svhn (torchvision tables); original, originalr, v0, v0r, 3a (timm tables)'),
    magnitudeScale: z.enum(['torchvision', 'timm']).optional().describe("the table's own scale; giving the other one is an error"),
    magnitudeStd: magnitudeStd(),
    magnitudeMax: z.number().positive().optional().describe('timm: upper bound of a noisy magnitude (default 10)'),
    interpolation: policyInterpolation(),
    fill: policyFill(),
    p: probability(1),
  })
  .strict()
  .superRefine((o, ctx) => {
    const own = AUTO_AUGMENT_TABLES[o.table].scale;
    if (o.magnitudeScale !== undefined && o.magnitudeScale !== own) {
      ctx.addIssue({ code: 'custom', path: ['magnitudeScale'], message: `the ${o.table} table is on the ${own} scale; its magnitudes mean nothing on the other (use table ${own === 'torchvision' ? 'original' : 'imagenet'} for the ${o.magnitudeScale} scale)` });
    }
    if (own === 'torchvision' && (o.magnitudeStd !== undefined || o.magnitudeMax !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [o.magnitudeStd !== undefined ? 'magnitudeStd' : 'magnitudeMax'], message: 'magnitude noise belongs to the timm tables (original, originalr, v0, v0r, 3a)' });
    }
  });

/** AutoAugment over the catalog; every geometric op moves every target. */
export const AutoAugment: PolicyDef<typeof schema> = {
  name: 'AutoAugment',
  description: "AutoAugment's learned sub-policies (torchvision's ImageNet, CIFAR-10, SVHN tables and timm's original, originalr, v0, v0r, 3a), with labels moved by the geometric ops.",
  schema,
  samplesFromTargets: true,
  choose(rng, ctx, o) {
    const { table, scale } = AUTO_AUGMENT_TABLES[o.table];
    const res = resamplingFor({ magnitudeScale: scale, interpolation: o.interpolation, fill: o.fill }, ctx, 'nearest');
    const c = new OpCollector(domainRules(ctx.domain));
    const index = rng.int(0, table.length - 1);
    const drawn: DrawnOp[] = [];
    const space = scale === 'torchvision' ? torchvisionSpace('AutoAugment', 10, ctx.width, ctx.height) : [];
    for (const [op, prob, level] of table[index]!) {
      if (scale === 'timm') {
        const d = drawTimmOp(rng, op, { prob, magnitude: level ?? 0, std: o.magnitudeStd ?? 0, max: o.magnitudeMax }, res, ctx);
        drawn.push(d.drawn);
        if (!d.drawn.skipped) c.add(op, d.ops);
        continue;
      }
      // torchvision: `probs[i] <= p` applies; a signed op is negated when its sign draw is 0.
      if (!(rng.next() <= prob)) {
        drawn.push({ op, skipped: true });
        continue;
      }
      const meta = space.find((s) => s.name === op)!;
      let m = level !== null && meta.magnitudes ? meta.magnitudes[level]! : 0;
      if (meta.signed && rng.bool(0.5)) m = -m;
      drawn.push({ op, ...(level !== null ? { magnitude: level, arg: m } : {}) });
      c.add(op, torchvisionOp(op, m, res(rng)));
    }
    return { ops: c.ops, info: drawInfo(scale, ctx, drawn, c, { table: o.table, subPolicy: index }) };
  },
};
