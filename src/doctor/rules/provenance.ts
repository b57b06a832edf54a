/**
 * Policy provenance: a searched policy carries how it was found. A policy searched on a small
 * share of the data, or accepted without held-out validation, has been fitted to its proxy.
 */
import type { ConfigContext } from '../context.js';
import { finding, type Finding } from '../findings.js';

/** A search on less than this share of the training data is flagged (heuristic). */
export const MIN_DATA_SHARE = 0.1;

/** Findings for each policy step whose `provenance` block shows a weak search. */
export function provenanceRule(ctx: ConfigContext): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.pipeline?.steps ?? []) {
    if (s.kind !== 'policy') continue;
    const pv = s.options['provenance'];
    if (pv === undefined || pv === null || typeof pv !== 'object') continue;
    const p = pv as Record<string, unknown>;
    const where = s.line ? `${s.path} (line ${s.line})` : s.path;
    const heldOut = p['heldOut'];
    const folds = typeof p['folds'] === 'number' ? p['folds'] : 1;
    if (heldOut !== true && !(typeof heldOut === 'number' && heldOut > 0) && folds < 2) {
      out.push(finding('policy.no-held-out', 'warning', `${where}: ${s.name} was searched without held-out validation (heldOut ${JSON.stringify(heldOut ?? null)}, folds ${folds}): its score measures the search data, not new data`, { step: s.path, provenance: p }, 'search again with a held-out split (heldOut: true) or cross-validation (folds >= 2), or use the policy\'s published defaults'));
    }
    const share = p['dataShare'];
    if (typeof share === 'number' && share < MIN_DATA_SHARE) {
      out.push(finding('policy.small-data-share', 'warning', `${where}: ${s.name} was searched on ${Math.round(share * 1000) / 10}% of the data (under ${MIN_DATA_SHARE * 100}%): a policy tuned on a small slice tends to be too weak or too strong for the full set`, { step: s.path, dataShare: share, min: MIN_DATA_SHARE, proxy: p['proxy'] ?? null }, `search on at least ${MIN_DATA_SHARE * 100}% of the data, or check the policy's transfer on the full set`));
    }
  }
  return out;
}
