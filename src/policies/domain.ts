/**
 * Domain awareness of policies. Profiles are YAML files read by Node code (src/io/domains.ts),
 * and a policy's `choose` is synchronous and portable, so resolved profiles are handed over once:
 * `setPolicyDomainProfiles(await loadDomainProfiles())` (the CLI does this when a pipeline
 * declares a domain). A policy then removes the ops the domain forbids or whose magnitude
 * exceeds a limit, and reports each removal in its trace `info`.
 */
import { AuguryError } from '../core/errors.js';
import type { PolicyOp } from '../core/policy.js';
import { judgeStep, resolveRules, type DomainProfile, type DomainRule } from '../domains/profile.js';

let profiles: ReadonlyMap<string, DomainProfile> | undefined;

/** Hands the domain profiles to the policies (built-ins plus the user's, by id). */
export function setPolicyDomainProfiles(map: ReadonlyMap<string, DomainProfile> | undefined): void {
  profiles = map;
}

/** The rules of `domain`, or undefined without a domain; an error when profiles were never handed over. */
export function domainRules(domain: string | undefined): DomainRule[] | undefined {
  if (domain === undefined) return undefined;
  if (!profiles) {
    throw new AuguryError({
      code: 'validation',
      message: `the pipeline declares domain "${domain}", but no domain profiles were given to the policies`,
      key: 'domain',
      hint: 'call setPolicyDomainProfiles(await loadDomainProfiles()) before running (the augury CLI does this), or remove "domain"',
    });
  }
  return resolveRules(domain, profiles);
}

/** One op a domain removed, for the trace. */
export interface Removal {
  readonly op: string;
  readonly transform: string;
  readonly verdict: 'forbid' | 'limit';
  readonly why: string;
}

/** Params under the option names rules use (Rotate's rules limit `limit`, its params say `angle`). */
function ruleValues(op: PolicyOp): Record<string, unknown> {
  return op.name === 'Rotate' ? { ...op.params, limit: op.params['angle'] } : op.params;
}

/** Whether the domain removes this drawn op (judged by the policy op name and by the catalog transform with its params). */
export function judgeOp(rules: readonly DomainRule[], policyOp: string, op: PolicyOp): Removal | null {
  for (const [name, values] of [[policyOp, ruleValues(op)], [op.name, ruleValues(op)]] as const) {
    const v = judgeStep(rules, name, values);
    if (v.verdict === 'forbid' || v.verdict === 'limit') return { op: policyOp, transform: op.name, verdict: v.verdict, why: v.rule?.why ?? '' };
  }
  return null;
}

/** Whether a candidate op is forbidden outright (no `when` condition), so that it is never drawn. */
export function forbiddenOutright(rules: readonly DomainRule[], policyOp: string, transform: string): boolean {
  return rules.some((r) => r.verdict === 'forbid' && !r.when && (r.transforms.includes(policyOp) || r.transforms.includes(transform)));
}

/** The catalog transform a policy op becomes (for rules written against catalog names). */
export const CATALOG_NAME: Readonly<Record<string, string>> = {
  ShearX: 'Affine', ShearY: 'Affine', TranslateX: 'Affine', TranslateY: 'Affine', TranslateXRel: 'Affine', TranslateYRel: 'Affine',
  Rotate: 'Rotate', Brightness: 'Brightness', BrightnessIncreasing: 'Brightness', Color: 'Saturation', ColorIncreasing: 'Saturation', Desaturate: 'Saturation',
  Contrast: 'Contrast', ContrastIncreasing: 'Contrast', Sharpness: 'Sharpness', SharpnessIncreasing: 'Sharpness',
  Posterize: 'Posterize', PosterizeIncreasing: 'Posterize', PosterizeOriginal: 'Posterize', Solarize: 'Solarize', SolarizeIncreasing: 'Solarize',
  SolarizeAdd: 'SolarizeAdd', AutoContrast: 'AutoContrast', Equalize: 'Equalize', Invert: 'Invert', GaussianBlur: 'GaussianBlur', GaussianBlurRand: 'GaussianBlur', Identity: 'Identity',
};

/** Collects a draw's ops, dropping (and recording) those the rules remove. */
export class OpCollector {
  readonly ops: PolicyOp[] = [];
  readonly removed: Removal[] = [];
  constructor(private readonly rules: readonly DomainRule[] | undefined) {}

  add(policyOp: string, ops: readonly PolicyOp[]): boolean {
    if (this.rules) {
      for (const op of ops) {
        const r = judgeOp(this.rules, policyOp, op);
        if (r) {
          this.removed.push(r);
          return false;
        }
      }
    }
    this.ops.push(...ops);
    return true;
  }

  /** Candidates the domain forbids outright, removed before drawing. */
  allowed(names: readonly string[]): { kept: string[]; removed: string[] } {
    if (!this.rules) return { kept: [...names], removed: [] };
    const rules = this.rules;
    const kept = names.filter((n) => !forbiddenOutright(rules, n, CATALOG_NAME[n] ?? n));
    return { kept, removed: names.filter((n) => !kept.includes(n)) };
  }
}
