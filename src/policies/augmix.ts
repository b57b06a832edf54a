/**
 * AugMix as a policy step: draws one AugMixBlend op, aware of the pipeline's task and domain.
 * `augMixViews` gives the clean image plus independent AugMix views, as the JSD consistency
 * loss of the AugMix paper needs.
 *
 * Defaults: severity 3, mixtureWidth 3, chainDepth -1, alpha 1, allOps true, magnitudeScale
 * torchvision (timm: magnitudeStd 'inf', i.e. a uniform level below severity), strict false, p 1.
 * YAML: `- {name: AugMix, severity: 3, mixtureWidth: 3}` or `- {policy: "augmix-m5-w4-d2"}`.
 */
import type { PolicyDef } from '../core/policy.js';
import { Pipeline, type RunOptions } from '../core/pipeline.js';
import type { Sample } from '../targets/sample.js';
import { augMixSchema, drawAugMix, type AugMixOptions } from './augmix-draw.js';
import { domainRules } from './domain.js';

export const AugMix: PolicyDef<typeof augMixSchema> = {
  name: 'AugMix',
  description: 'AugMix: chains of ops blended with the original; with labels, chains use pixel-value ops plus at most one shared geometric op (or refuse, with strict).',
  schema: augMixSchema,
  samplesFromTargets: true,
  choose(rng, ctx, o) {
    const rules = domainRules(ctx.domain);
    const { params, removed } = drawAugMix(rng, ctx, o, { ...(ctx.task ? { task: ctx.task } : {}), ...(rules ? { rules } : {}) });
    return {
      ops: [{ name: 'AugMixBlend', params }],
      info: {
        magnitudeScale: o.magnitudeScale,
        mode: params.mode,
        labels: params.mode === 'pixel-only' ? `chains use pixel-value ops only; ${params.shared ? `one shared ${params.shared.name} moves every label` : 'no geometric op was drawn'}` : 'no labels: chains use every op',
        ...(ctx.task ? { task: ctx.task } : {}),
        ...(ctx.domain ? { domain: ctx.domain } : {}),
        ...(removed.removed.length > 0 ? { removed: removed.removed } : {}),
      },
    };
  },
};

/**
 * The views of AugMix's Jensen-Shannon consistency loss: `[clean, view1, ..., viewN]`, each view
 * an independent AugMix draw of `sample` (stream copies 1..N of `opts.stream`).
 */
export async function augMixViews(sample: Sample, options: Partial<AugMixOptions> = {}, opts: RunOptions & { views?: number } = {}): Promise<Sample[]> {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'AugMix', ...options, p: 1 }] });
  const out: Sample[] = [sample];
  for (let k = 1; k <= (opts.views ?? 2); k++) {
    const r = await p.run(sample, { ...opts, stream: { ...opts.stream, copy: (opts.stream?.copy ?? 0) * 1000 + k } });
    out.push(r.sample);
  }
  return out;
}
