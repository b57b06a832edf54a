/** The `info` a policy writes into its trace step: which scale it used, what it drew, what a domain removed. */
import type { PolicyContext } from '../core/policy.js';
import type { DrawnOp, MagnitudeScale } from './common.js';
import type { OpCollector } from './domain.js';

export function drawInfo(scale: MagnitudeScale, ctx: PolicyContext, drawn: readonly DrawnOp[], c: OpCollector, extra: Record<string, unknown> = {}, removedFromOps: readonly string[] = []): Record<string, unknown> {
  return {
    magnitudeScale: scale,
    ...extra,
    drawn,
    ...(ctx.task ? { task: ctx.task } : {}),
    ...(ctx.domain ? { domain: ctx.domain } : {}),
    ...(removedFromOps.length > 0 ? { removedFromOps } : {}),
    ...(c.removed.length > 0 ? { removed: c.removed } : {}),
  };
}
