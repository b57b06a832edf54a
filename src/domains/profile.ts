/**
 * Domain profiles: which augmentations destroy the signal of a domain (hue jitter on stained
 * tissue, flips on text, a 6 that becomes a 9), as data. Profiles are YAML files users can write
 * and extend (data/domains/*.yaml are the built-ins); policies drop what a profile forbids and the
 * doctor reports it.
 *
 *   id: documents
 *   description: scanned or photographed text
 *   extends: []                       # other profile ids whose rules apply too
 *   rules:
 *     - {transforms: [HorizontalFlip, VerticalFlip, Transpose], verdict: forbid, why: "mirrored text is not text"}
 *     - {transforms: [Rotate], verdict: limit, option: limit, max: 5, why: "..."}
 *     - {transforms: [ColorJitter], verdict: forbid, when: [hue], why: "..."}     # only when option `hue` is non-zero
 *     - {transforms: [RandomRotate90], verdict: safe, why: "..."}
 *     - {transforms: [HorizontalFlip], verdict: requires, target: keypoints, needs: flipPairs, why: "..."}
 */
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';

const ruleSchema = z
  .object({
    transforms: z.array(z.string()).min(1).describe('transform (or policy op) names the rule is about'),
    verdict: z.enum(['forbid', 'limit', 'safe', 'requires']),
    why: z.string().min(1).describe('the reason, shown to users'),
    /** forbid: only when one of these options (or params) is set to a non-neutral value. */
    when: z.array(z.string()).optional(),
    /** limit: the option or param whose magnitude is limited, and the largest allowed absolute value. */
    option: z.string().optional(),
    max: z.number().optional(),
    /** requires: the target kind and what it must carry for the transform to be correct. */
    target: z.enum(['keypoints', 'boxes', 'masks', 'polygons']).optional(),
    needs: z.string().optional(),
    source: z.string().optional().describe('where the reasoning comes from (citation), or "heuristic"'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.verdict === 'limit' && (r.option === undefined || r.max === undefined)) ctx.addIssue({ code: 'custom', message: 'a limit rule needs "option" and "max"' });
    if (r.verdict === 'requires' && (r.target === undefined || r.needs === undefined)) ctx.addIssue({ code: 'custom', message: 'a requires rule needs "target" and "needs"' });
  });

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by hyphens'),
    description: z.string(),
    extends: z.array(z.string()).default([]),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export type DomainRule = z.output<typeof ruleSchema>;
export type DomainProfile = z.output<typeof profileSchema>;

/** Validates a parsed YAML document as a profile; `file` names it in errors. */
export function parseProfile(data: unknown, file?: string): DomainProfile {
  const r = profileSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AuguryError({
    code: 'validation',
    message: `not a valid domain profile: ${issue.message}`,
    ...(file ? { file } : {}),
    key: issue.path.map(String).join('.') || '(root)',
    hint: 'see docs/domains.md for the profile format',
  });
}

/** The rules of `id` and of every profile it extends (depth first, each once). */
export function resolveRules(id: string, profiles: ReadonlyMap<string, DomainProfile>, seen = new Set<string>()): DomainRule[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const p = profiles.get(id);
  if (!p) {
    throw new AuguryError({ code: 'validation', message: `unknown domain "${id}"`, key: 'domain', hint: `known domains: ${[...profiles.keys()].sort().join(', ')}; add your own as a YAML profile (docs/domains.md)` });
  }
  return [...p.extends.flatMap((e) => resolveRules(e, profiles, seen)), ...p.rules];
}

export interface StepVerdict {
  readonly verdict: 'forbid' | 'limit' | 'safe' | 'requires' | 'allowed';
  readonly rule?: DomainRule;
  /** For limits: the value that exceeded the limit. */
  readonly value?: number;
}

function magnitude(v: unknown): number {
  if (typeof v === 'number') return Math.abs(v);
  if (Array.isArray(v)) return Math.max(0, ...v.map(magnitude));
  if (v !== null && typeof v === 'object') return Math.max(0, ...Object.values(v).map(magnitude));
  return 0;
}

/**
 * What the rules say about one step, given its options or params. Forbids win over limits,
 * limits over requirements, requirements over "safe".
 */
export function judgeStep(rules: readonly DomainRule[], name: string, values: Readonly<Record<string, unknown>>): StepVerdict {
  const mine = rules.filter((r) => r.transforms.includes(name));
  for (const r of mine.filter((x) => x.verdict === 'forbid')) {
    if (!r.when || r.when.some((k) => magnitude(values[k]) > 0 && !isNeutralFactor(k, values[k]))) return { verdict: 'forbid', rule: r };
  }
  for (const r of mine.filter((x) => x.verdict === 'limit')) {
    const v = magnitude(values[r.option!]);
    if (v > r.max!) return { verdict: 'limit', rule: r, value: v };
  }
  const req = mine.find((x) => x.verdict === 'requires');
  if (req) return { verdict: 'requires', rule: req };
  const safe = mine.find((x) => x.verdict === 'safe');
  return safe ? { verdict: 'safe', rule: safe } : { verdict: 'allowed' };
}

/** Factor options (contrast 1 means "no change"): [1, 1] is neutral although non-zero. */
function isNeutralFactor(key: string, v: unknown): boolean {
  const factors = new Set(['brightness', 'contrast', 'saturation', 'factor']);
  if (!factors.has(key)) return false;
  const vals = Array.isArray(v) ? v : [v];
  return vals.every((x) => x === 1);
}
