/** All config rules over one context. */
import type { ConfigContext } from './context.js';
import type { Finding } from './findings.js';
import { budgetRule } from './rules/budget.js';
import { domainRule } from './rules/domain.js';
import { flipPairsRule, mixingRule, rotationInflationRule, unsupportedTargetRule } from './rules/label.js';
import { provenanceRule } from './rules/provenance.js';
import { throughputRule } from './rules/throughput.js';

/** Runs every config rule; the pipeline and train.yaml are both optional. */
export function checkConfig(ctx: ConfigContext): Finding[] {
  const label = [...mixingRule(ctx), ...unsupportedTargetRule(ctx), ...flipPairsRule(ctx), ...rotationInflationRule(ctx)];
  // A flip already reported for missing pairs need not be reported again by the faces profile.
  const flipped = new Set(label.filter((f) => f.ruleId === 'label.keypoint-flip-pairs').map((f) => f.evidence['step']));
  const domain = domainRule(ctx).filter((f) => !(f.ruleId === 'domain.requires' && flipped.has(f.evidence['step'])));
  return [...label, ...budgetRule(ctx), ...domain, ...provenanceRule(ctx), ...throughputRule(ctx)];
}
