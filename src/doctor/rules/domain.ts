/** Domain-profile rules: the verdicts of data/domains/*.yaml (or the user's profiles) on each step. */
import { judgeStep, resolveRules, type DomainRule } from '../../domains/profile.js';
import { AuguryError } from '../../core/errors.js';
import type { ConfigContext } from '../context.js';
import { finding, type Finding } from '../findings.js';

function why(r: DomainRule | undefined): string {
  return r ? `${r.why}${r.source && r.source !== 'heuristic' ? ` (${r.source})` : ''}` : '';
}

/** One finding per step a profile forbids, limits, requires something for, or calls safe. */
export function domainRule(ctx: ConfigContext): Finding[] {
  if (!ctx.domain || !ctx.pipeline || !ctx.profiles) return [];
  let rules: DomainRule[];
  try {
    rules = resolveRules(ctx.domain, ctx.profiles);
  } catch (e) {
    const hint = e instanceof AuguryError && e.hint ? e.hint : 'see docs/domains.md';
    return [finding('input.domain', 'error', `unknown domain "${ctx.domain}"; no domain rules were checked`, { domain: ctx.domain }, hint)];
  }
  const out: Finding[] = [];
  const hasPairs = (ctx.pipeline.flipPairs?.length ?? 0) > 0 || ctx.data?.flipPairs === true;
  for (const s of ctx.pipeline.steps) {
    if (s.kind !== 'transform') continue;
    const v = judgeStep(rules, s.name, s.options);
    const where = s.line ? `${s.path} (line ${s.line})` : s.path;
    const evidence = { step: s.path, transform: s.name, domain: ctx.domain };
    if (v.verdict === 'forbid') {
      out.push(finding('domain.forbidden', 'error', `${where}: ${s.name} is forbidden for domain ${ctx.domain}: ${why(v.rule)}`, { ...evidence, when: v.rule?.when ?? null }, v.rule?.when ? `set ${v.rule.when.join(' and ')} to the neutral value, or remove ${s.name}` : `remove ${s.name}`));
    } else if (v.verdict === 'limit') {
      out.push(finding('domain.limit', 'warning', `${where}: ${s.name}.${v.rule!.option} reaches ${v.value}, over the ${ctx.domain} limit of ${v.rule!.max}: ${why(v.rule)}`, { ...evidence, option: v.rule!.option, value: v.value, max: v.rule!.max }, `set ${v.rule!.option} to at most ${v.rule!.max}`));
    } else if (v.verdict === 'requires') {
      const met = v.rule!.target === 'keypoints' && v.rule!.needs === 'flipPairs' ? hasPairs : false;
      if (!met) out.push(finding('domain.requires', 'warning', `${where}: ${s.name} needs ${v.rule!.target} ${v.rule!.needs} for domain ${ctx.domain}: ${why(v.rule)}`, { ...evidence, target: v.rule!.target, needs: v.rule!.needs }, v.rule!.needs === 'flipPairs' ? 'add `keypoints: {flipPairs: [[i, j], ...]}` to the pipeline or give the data flip_idx' : `give the ${v.rule!.target} ${v.rule!.needs}`));
    } else if (v.verdict === 'safe') {
      out.push(finding('domain.safe', 'info', `${where}: ${s.name} is safe for domain ${ctx.domain}: ${why(v.rule)}`, evidence));
    }
  }
  return out;
}
