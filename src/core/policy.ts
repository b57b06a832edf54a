/**
 * Policies (AutoAugment, RandAugment, TrivialAugment, the detection policies): data over the
 * catalog. A policy draws, per call, which catalog transforms to apply and with which params;
 * the pipeline then applies them like any other step, so every target they accept moves
 * exactly, and the trace records the ops as ordinary steps (replay needs no policy code).
 *
 * In a pipeline a policy is a step: `{name: RandAugment, numOps: 2, magnitude: 9}`, or a timm-style
 * string `{policy: "rand-m9-n2-mstd0.5"}` parsed by the registered string parser.
 */
import type { z } from 'zod';
import { closest } from 'fastest-levenshtein';
import { AuguryError } from './errors.js';
import type { Rng } from './rng.js';
import type { Params, SampleContext } from './transform.js';

/** One op a policy chose: a registered transform and its params. */
export interface PolicyOp {
  readonly name: string;
  readonly params: Params;
}

export interface PolicyDraw {
  readonly ops: readonly PolicyOp[];
  /** What the trace should say about this draw (magnitude scale, removed ops, ...). */
  readonly info?: Readonly<Record<string, unknown>>;
}

export interface PolicyDef<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  /** Options, including `p` (probability of running the policy at all). */
  readonly schema: S;
  /** Draws the ops of one call. Options are validated; ctx holds the pipeline's `task` and `domain`. */
  choose(rng: Rng, ctx: PolicyContext, options: z.output<S>): PolicyDraw;
  /** Whether `choose` reads pixels or targets (an image-mean fill): pending warps are resampled first. */
  readonly samplesFromTargets?: boolean;
}

export interface PolicyContext extends SampleContext {
  readonly task?: string;
  readonly domain?: string;
}

/** Parses a policy string (`rand-m9-n2`) into a policy name and its options. */
export type PolicyStringParser = (text: string) => { name: string; options: Record<string, unknown> } | null;

type AnyPolicy = PolicyDef;
const policies = new Map<string, AnyPolicy>();
const parsers: PolicyStringParser[] = [];

export function registerPolicy<D>(def: D & Pick<PolicyDef, 'name'>): void {
  const existing = policies.get(def.name);
  if (existing && existing !== (def as unknown)) {
    throw new AuguryError({ code: 'validation', message: `a policy named "${def.name}" is already registered`, hint: 'choose another name' });
  }
  policies.set(def.name, def as unknown as AnyPolicy);
}

export function hasPolicy(name: string): boolean {
  return policies.has(name);
}

export function getPolicy(name: string, where = 'policy'): AnyPolicy {
  const p = policies.get(name);
  if (p) return p;
  const names = [...policies.keys()];
  throw new AuguryError({
    code: 'validation',
    message: `unknown policy "${name}"`,
    key: where,
    hint: names.length > 0 ? `did you mean "${closest(name, names)}"? docs/policies.md lists them` : 'no policies are registered',
  });
}

export function listPolicies(): AnyPolicy[] {
  return [...policies.values()];
}

/** Adds a parser for policy strings; the first parser that recognises a string wins. */
export function registerPolicyParser(parser: PolicyStringParser): void {
  if (!parsers.includes(parser)) parsers.push(parser);
}

/** A policy string as `{name, options}`, or an error that says what the strings look like. */
export function parsePolicyString(text: string, where = 'policy'): { name: string; options: Record<string, unknown> } {
  for (const parse of parsers) {
    const r = parse(text);
    if (r) return r;
  }
  throw new AuguryError({
    code: 'validation',
    message: `not a policy string: "${text}"`,
    key: where,
    hint: parsers.length > 0 ? 'see docs/policies.md for the grammar (e.g. "rand-m9-n2-mstd0.5", "augmix-m5-w3", "original", "ta_wide")' : 'no policy string parsers are registered',
  });
}
