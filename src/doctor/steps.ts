/**
 * The pipeline as the doctor sees it: a flat list of steps read leniently from the raw config.
 * Building a Pipeline stops at the first bad step; the doctor instead reports each bad step and
 * judges the rest. Steps that are not on main yet (MixUp, CutMix, Mosaic; policies before they
 * are registered) are read from their raw options.
 */
import { closest } from 'fastest-levenshtein';
import { AuguryError } from '../core/errors.js';
import { COMPOSITIONS, TASKS, type Task } from '../core/config.js';
import { getPolicy, hasPolicy, parsePolicyString } from '../core/policy.js';
import { getTransform, hasTransform, listTransforms } from '../core/registry.js';
import { parseOptions } from '../core/schema.js';
import type { TransformDef } from '../core/transform.js';
import { finding, type Finding } from './findings.js';
import { at, parseWithLines } from './yaml-lines.js';

/** Batch steps that mix samples (a later issue); recognised by name. */
export const MIXING_STEPS = ['MixUp', 'CutMix', 'Mosaic', 'CopyPaste'] as const;
/** Policies recognised by name even before src/policies registers them. */
export const KNOWN_POLICIES = ['RandAugment', 'AutoAugment', 'TrivialAugmentWide', 'TrivialAugment', 'AugMix'] as const;

export interface DoctorStep {
  /** Key path in the config: `transforms[2].transforms[0]`. */
  readonly path: string;
  readonly line?: number;
  readonly name: string;
  readonly kind: 'transform' | 'policy' | 'mixing';
  /** Validated options (defaults filled) when the step validated; the raw options otherwise. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Whether `options` passed the step's schema. */
  readonly validated: boolean;
  readonly def?: TransformDef;
  /** The step's own probability `p` (1 when it has none). */
  readonly p: number;
  /** Chance the step runs on a sample: its p times its ancestors' p and OneOf/SomeOf shares. */
  readonly reach: number;
}

export interface DoctorPipeline {
  readonly file?: string;
  readonly task?: Task;
  readonly domain?: string;
  readonly boxMethod?: string;
  readonly flipPairs?: readonly (readonly [number, number])[];
  readonly steps: readonly DoctorStep[];
}

const TOP_KEYS = ['task', 'domain', 'transforms', 'boxes', 'keypoints', 'additionalTargets', 'fusion', 'seed'];

function prob(v: unknown, dflt: number): number {
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : dflt;
}

/** A timm-style RandAugment string read without the policy module (`rand-m9-n2-mstd0.5`). */
function fallbackPolicyString(text: string): { name: string; options: Record<string, unknown> } | null {
  const parts = text.split('-');
  if (parts[0] !== 'rand') return null;
  const options: Record<string, unknown> = { magnitudeScale: 'timm' };
  for (const part of parts.slice(1)) {
    const m = /^(mstd|m|n|p)([\d.]+)$/.exec(part);
    if (!m) continue;
    const key = { m: 'magnitude', n: 'numOps', mstd: 'magnitudeStd', p: 'opProbability' }[m[1] as 'm' | 'n' | 'mstd' | 'p'];
    options[key] = Number(m[2]);
  }
  return { name: 'RandAugment', options };
}

/**
 * Reads a pipeline config text into doctor steps plus a finding for each problem (bad YAML,
 * unknown keys, unknown steps, invalid options), each naming the file, line and key.
 */
export function readDoctorPipeline(text: string, file?: string): { pipeline: DoctorPipeline | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  const name = file ?? 'pipeline';
  let parsed: { data: unknown; lines: Map<string, number> };
  try {
    parsed = parseWithLines(text);
  } catch (e) {
    return { pipeline: undefined, findings: [finding('input.unreadable', 'error', `${name}: not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`, { file: name }, 'fix the syntax; a pipeline is a mapping with a "transforms" list')] };
  }
  return { pipeline: pipelineFromData(parsed.data, name, parsed.lines, findings), findings };
}

/** The same as readDoctorPipeline for already-parsed data (line numbers unknown). */
export function doctorPipelineFromData(data: unknown, file = 'pipeline'): { pipeline: DoctorPipeline | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  return { pipeline: pipelineFromData(data, file, new Map(), findings), findings };
}

function pipelineFromData(data: unknown, file: string, lines: Map<string, number>, findings: Finding[]): DoctorPipeline | undefined {
  if (Array.isArray(data)) data = { transforms: data };
  const bad = (key: string, message: string, fix: string, received?: unknown): void => {
    const line = lines.get(key);
    findings.push(finding('input.pipeline', 'error', `${at(file, line)}: ${key}: ${message}`, { file, key, line: line ?? null, ...(received !== undefined ? { received } : {}) }, fix));
  };
  if (data === null || typeof data !== 'object') {
    bad('(root)', 'a pipeline must be a mapping with a "transforms" list', 'write `transforms: [...]` at the top level');
    return undefined;
  }
  const top = data as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!TOP_KEYS.includes(k)) bad(k, `unknown key "${k}"; it is ignored`, `did you mean "${closest(k, TOP_KEYS)}"? known keys: ${TOP_KEYS.join(', ')}`);
  let task: Task | undefined;
  if (top['task'] !== undefined) {
    if ((TASKS as readonly unknown[]).includes(top['task'])) task = top['task'] as Task;
    else bad('task', `unknown task ${JSON.stringify(top['task'])}`, `use one of ${TASKS.join(', ')}`, top['task']);
  }
  const domain = typeof top['domain'] === 'string' ? top['domain'] : undefined;
  const boxes = top['boxes'] as Record<string, unknown> | undefined;
  const kps = top['keypoints'] as Record<string, unknown> | undefined;
  const pairs = kps && Array.isArray(kps['flipPairs']) ? (kps['flipPairs'] as [number, number][]) : undefined;
  const steps: DoctorStep[] = [];
  if (!Array.isArray(top['transforms'])) bad('transforms', 'expected a list of steps', 'write `transforms: [{name: HorizontalFlip}, ...]`', top['transforms']);
  else top['transforms'].forEach((t, i) => walk(t, `transforms[${i}]`, `transforms.${i}`, 1, steps, findings, file, lines));
  return {
    file,
    ...(task ? { task } : {}),
    ...(domain ? { domain } : {}),
    ...(boxes && typeof boxes['method'] === 'string' ? { boxMethod: boxes['method'] } : {}),
    ...(pairs ? { flipPairs: pairs } : {}),
    steps,
  };
}

function walk(input: unknown, path: string, lineKey: string, reach: number, out: DoctorStep[], findings: Finding[], file: string, lines: Map<string, number>): void {
  const line = lines.get(`${lineKey}.name`) ?? lines.get(`${lineKey}.policy`);
  const report = (message: string, fix: string): void => {
    findings.push(finding('input.pipeline', 'error', `${at(file, line)}: ${path}: ${message}; the step is judged from what could be read`, { file, key: path, line: line ?? null }, fix));
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    report('a step must be an object with a "name"', 'write a step as {name: Rotate, limit: 30}');
    return;
  }
  let cfg = input as Record<string, unknown>;
  if (typeof cfg['policy'] === 'string') {
    const { policy, ...rest } = cfg;
    let parsedPolicy: { name: string; options: Record<string, unknown> } | null = null;
    try {
      parsedPolicy = parsePolicyString(policy as string, `${path}.policy`);
    } catch {
      parsedPolicy = fallbackPolicyString(policy as string);
    }
    if (!parsedPolicy) {
      report(`not a policy string: ${JSON.stringify(policy)}`, 'see docs/policies.md for the grammar, e.g. "rand-m9-n2-mstd0.5"');
      return;
    }
    cfg = { ...parsedPolicy.options, ...rest, name: parsedPolicy.name };
  }
  const name = cfg['name'];
  if (typeof name !== 'string') {
    report('a step needs a "name"', 'write a step as {name: Rotate, limit: 30}');
    return;
  }
  const { name: _n, ...raw } = cfg;
  if ((COMPOSITIONS as readonly string[]).includes(name)) {
    const p = prob(cfg['p'], 1);
    const children = Array.isArray(cfg['transforms']) ? cfg['transforms'] : [];
    if (children.length === 0) report(`${name} needs a non-empty "transforms" list`, `write {name: ${name}, transforms: [...]}`);
    // OneOf runs one child, SomeOf n of them: each child's share of the runs.
    let share = 1;
    if (name === 'OneOf') share = 1 / Math.max(1, children.length);
    if (name === 'SomeOf') {
      const n = cfg['n'];
      const hi = typeof n === 'number' ? n : Array.isArray(n) && typeof n[1] === 'number' ? n[1] : 1;
      const lo = typeof n === 'number' ? n : Array.isArray(n) && typeof n[0] === 'number' ? n[0] : 1;
      share = Math.min(1, (lo + hi) / 2 / Math.max(1, children.length));
    }
    children.forEach((c, i) => walk(c, `${path}.transforms[${i}]`, `${lineKey}.transforms.${i}`, reach * p * share, out, findings, file, lines));
    return;
  }
  if ((MIXING_STEPS as readonly string[]).includes(name) && !hasTransform(name)) {
    const p = prob(raw['p'], 1);
    out.push({ path, ...(line ? { line } : {}), name, kind: 'mixing', options: raw, validated: false, p, reach: reach * p });
    return;
  }
  if (hasPolicy(name) || (KNOWN_POLICIES as readonly string[]).includes(name)) {
    const { provenance, ...opts } = raw;
    let options: Record<string, unknown> = raw;
    let validated = false;
    if (hasPolicy(name)) {
      try {
        options = { ...(parseOptions(getPolicy(name).schema, opts, `${path} (${name})`) as Record<string, unknown>), ...(provenance !== undefined ? { provenance } : {}) };
        validated = true;
      } catch (e) {
        report(e instanceof AuguryError ? e.message : String(e), 'see docs/policies.md for the options');
      }
    }
    const p = prob(options['p'], 1);
    out.push({ path, ...(line ? { line } : {}), name, kind: 'policy', options, validated, p, reach: reach * p });
    return;
  }
  if (!hasTransform(name)) {
    let hint = 'see docs/transforms.md for the registered transforms';
    try {
      getTransform(name, `${path}.name`);
    } catch (e) {
      if (e instanceof AuguryError && e.hint) hint = e.hint;
    }
    const names = listTransforms().map((d) => d.name);
    report(`unknown transform "${name}"`, names.length > 0 ? hint : 'no transforms are registered');
    return;
  }
  const def = getTransform(name);
  let options: Record<string, unknown> = raw;
  let validated = false;
  try {
    options = parseOptions(def.schema, raw, `${path} (${name})`) as Record<string, unknown>;
    validated = true;
  } catch (e) {
    report(e instanceof AuguryError ? e.message : String(e), `see docs/transforms.md for ${name}'s options`);
  }
  const p = prob(options['p'], 0.5);
  out.push({ path, ...(line ? { line } : {}), name, kind: 'transform', options, validated, def, p, reach: reach * p });
}
