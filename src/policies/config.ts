/** Policies written back as configs: every option explicit, so reloading gives the identical policy. */
import { getPolicy, parsePolicyString } from '../core/policy.js';
import { parseOptions } from '../core/schema.js';

/**
 * The explicit config of a policy step given as `{name, ...options}` or as a policy string:
 * `{name, ...every option with its default}`. `Pipeline.fromConfig([policyConfig(x)])` draws
 * exactly what a pipeline built from `x` draws.
 */
export function policyConfig(step: string | Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { name, options } = typeof step === 'string' ? parsePolicyString(step) : (() => {
    const { name: n, policy, ...rest } = step;
    if (typeof policy === 'string') {
      const parsed = parsePolicyString(policy);
      return { name: parsed.name, options: { ...parsed.options, ...rest } };
    }
    return { name: String(n), options: rest };
  })();
  const def = getPolicy(name);
  const parsed = parseOptions(def.schema, options, `policy (${name})`) as Record<string, unknown>;
  const out: Record<string, unknown> = { name };
  for (const [k, v] of Object.entries(parsed)) if (v !== undefined) out[k] = v;
  return out;
}
