/** Running and replaying mix steps inside a pipeline (see mix.ts). */
import type { MixNode } from './config.js';
import type { Executor } from './executor.js';
import { getMix, noPartners, type PartnerProvider } from './mix.js';
import type { Rng } from './rng.js';
import type { LeafTrace, StepTrace } from './trace.js';
import type { Params } from './transform.js';
import { AuguryError } from './errors.js';
import { sampleKernelTargets, unsupportedTarget } from './apply.js';
import type { MixDef } from './mix.js';
import type { Sample } from '../targets/sample.js';

/** A mix refuses the targets it cannot keep true, with the error that names what to use instead. */
function checkMixTargets(mix: MixDef, s: Sample): void {
  for (const t of sampleKernelTargets(s)) if (mix.refuses.includes(t)) throw unsupportedTarget(mix, t);
}

/** Draws partners through the step's Rng, samples params and applies the mix. */
export async function runMix(node: MixNode, rng: Rng, ex: Executor, forced: boolean, state: { epoch: number; partners: PartnerProvider | undefined }): Promise<StepTrace> {
  const name = node.mix.name;
  if (!rng.bool(forced ? 1 : node.options.p)) return { name, skipped: true };
  const count = node.mix.partnerCount(node.options);
  const provider = state.partners;
  if (!provider) throw noPartners(name, count);
  if (provider.size < 1) {
    throw new AuguryError({ code: 'usage', message: `${name} needs ${count} partner samples, and the partner source is empty`, key: name, hint: 'mix with a dataset of at least one image' });
  }
  const picks = rng.fork('partners');
  const drawn = [];
  for (let k = 0; k < count; k++) drawn.push(await provider.get(picks.int(0, provider.size - 1)));
  const partners = drawn.map((d) => d.sample);
  let params: Params = {};
  await ex.replace(async (s, env) => {
    checkMixTargets(node.mix, s);
    params = node.mix.sample(rng.fork('params'), { width: s.image.width, height: s.image.height, sample: s, partners, epoch: state.epoch }, node.options);
    return node.mix.apply(s, partners, params, env);
  });
  return { name, params, partners: drawn.map((d) => d.id) };
}

/** Replays a recorded mix: the same partners (by id), the same params; no partners, no replay. */
export async function replayMix(step: LeafTrace, where: string, ex: Executor, provider: PartnerProvider | undefined): Promise<void> {
  const mix = getMix(step.name, `${where}.name`);
  const ids = step.partners ?? [];
  if (!provider) throw noPartners(step.name, ids.length);
  const partners = await Promise.all(ids.map((id) => provider.byId(id)));
  await ex.replace((s, env) => {
    checkMixTargets(mix, s);
    return mix.apply(s, partners, (step.params ?? {}) as Params, env);
  });
}
