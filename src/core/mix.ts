/**
 * Batch transforms (MixUp, CutMix, Mosaic, Copy-Paste): steps that combine the sample with
 * partner samples. Partners are drawn through the step's Rng from a provider (the dataset in
 * `augury augment` and the loader, or given explicitly), their ids go into the trace, and a replay
 * asks the provider for the same ids, so runs are reproducible and replayable.
 *
 * In a pipeline a mix is a step like any other: `{name: Mosaic, p: 1}`.
 */
import type { z } from 'zod';
import { closest } from 'fastest-levenshtein';
import type { Sample } from '../targets/sample.js';
import { AuguryError } from './errors.js';
import type { Rng } from './rng.js';
import type { KernelEnv, KernelTarget, Params, SampleContext } from './transform.js';

/** Where partner samples come from. */
export interface PartnerProvider {
  /** How many samples can be drawn (the dataset size); partners are drawn as indices below it. */
  readonly size: number;
  /** The sample at `index` (decoded, with its targets) and its id for the trace. */
  get(index: number): Promise<{ readonly id: string; readonly sample: Sample }>;
  /** For replay: the sample with this id. */
  byId(id: string): Promise<Sample>;
}

export interface MixContext extends SampleContext {
  readonly partners: readonly Sample[];
  /** The run's epoch (for `offAfterEpoch`). */
  readonly epoch: number;
}

export interface MixDef<S extends z.ZodType = z.ZodType, P extends Params = Params> {
  readonly name: string;
  readonly family: 'mixing';
  readonly description: string;
  /** Options, including `p`. */
  readonly schema: S;
  /** How many partners one call needs, given the options. */
  partnerCount(options: z.output<S>): number;
  /** Draws params (plain JSON) from the sample, its partners and the options. */
  sample(rng: Rng, ctx: MixContext, options: z.output<S>): P;
  /** Combines the sample with its partners. */
  apply(sample: Sample, partners: readonly Sample[], params: P, env: KernelEnv): Sample | Promise<Sample>;
  /** Targets the mix refuses (with the alternative named in `alternatives`); the rest it maps exactly. */
  readonly refuses: readonly KernelTarget[];
  readonly alternatives?: Partial<Record<KernelTarget, string>>;
  /** Checks a sample carries only accepted targets (throws the explanatory error). */
}

type AnyMix = MixDef;
const mixes = new Map<string, AnyMix>();

export function registerMix<D>(def: D & Pick<MixDef, 'name'>): void {
  const existing = mixes.get(def.name);
  if (existing && existing !== (def as unknown)) throw new AuguryError({ code: 'validation', message: `a mix named "${def.name}" is already registered`, hint: 'choose another name' });
  mixes.set(def.name, def as unknown as AnyMix);
}

export function hasMix(name: string): boolean {
  return mixes.has(name);
}

export function getMix(name: string, where = 'mix'): AnyMix {
  const m = mixes.get(name);
  if (m) return m;
  const names = [...mixes.keys()];
  throw new AuguryError({ code: 'validation', message: `unknown mix "${name}"`, key: where, hint: names.length > 0 ? `did you mean "${closest(name, names)}"?` : 'no mixes are registered' });
}

export function listMixes(): AnyMix[] {
  return [...mixes.values()];
}

/** The error for a mix step run without partners. */
export function noPartners(name: string, count: number): AuguryError {
  return new AuguryError({
    code: 'usage',
    message: `${name} needs ${count} partner sample${count === 1 ? '' : 's'}, and none were given`,
    key: name,
    hint: 'run it through augury augment (partners come from the dataset), or pass partners: augury apply --partner img [--partner-targets t.json]',
  });
}
