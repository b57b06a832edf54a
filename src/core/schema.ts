/**
 * Option schema helpers shared by every transform. A zod schema is the single source of truth
 * for a transform's options: it validates when the transform is built, gives the defaults, and
 * documents itself (docs/transforms.md is generated from it).
 */
import { z } from 'zod';
import type { BorderMode, Fill, Interpolation } from '../functional/types.js';
import { AuguryError, show } from './errors.js';

export type Range = [number, number];

export interface RangeSpec {
  /** What a single number `v` means: `[-v, v]`, `[0, v]`, `[v, v]`, `[1 - v, 1 + v]`, or `[v, max]`. */
  readonly scalar: 'symmetric' | 'zero-to' | 'exact' | 'one-centered' | 'at-least';
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly description: string;
}

function scalarMeaning(spec: RangeSpec): string {
  switch (spec.scalar) {
    case 'symmetric':
      return 'a number v means [-v, v]';
    case 'zero-to':
      return 'a number v means [0, v]';
    case 'exact':
      return 'a number v means exactly v';
    case 'one-centered':
      return 'a number v means [max(0, 1 - v), 1 + v]';
    case 'at-least':
      return `a number v means [v, ${spec.max ?? 'v'}]`;
  }
}

/**
 * A `[min, max]` range option that also accepts one number (its meaning is part of the
 * description, so the generated docs say it).
 */
export function range(spec: RangeSpec) {
  const num = spec.integer ? z.number().int() : z.number();
  return z
    .union([num, z.tuple([num, num])])
    .describe(`${spec.description} [min, max]; ${scalarMeaning(spec)}${bounds(spec)}`)
    .transform((v, ctx): Range => {
      let r: Range;
      if (typeof v === 'number') {
        switch (spec.scalar) {
          case 'symmetric':
            r = [-Math.abs(v), Math.abs(v)];
            break;
          case 'zero-to':
            r = [0, v];
            break;
          case 'exact':
            r = [v, v];
            break;
          case 'one-centered':
            r = [Math.max(0, 1 - v), 1 + v];
            break;
          case 'at-least':
            r = [v, spec.max ?? v];
            break;
        }
      } else {
        r = [v[0], v[1]];
      }
      if (r[0] > r[1]) {
        ctx.addIssue({ code: 'custom', message: 'expected [min, max] with min <= max' });
        return z.NEVER;
      }
      if ((spec.min !== undefined && r[0] < spec.min) || (spec.max !== undefined && r[1] > spec.max)) {
        ctx.addIssue({ code: 'custom', message: `expected a range inside [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]` });
        return z.NEVER;
      }
      return r;
    });
}

function bounds(spec: RangeSpec): string {
  if (spec.min === undefined && spec.max === undefined) return '';
  return `; within [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]`;
}

/** Probability of applying the step. */
export const probability = (def: number) => z.number().min(0).max(1).default(def).describe('probability of applying this step');

export const interpolation = (def: 'nearest' | 'bilinear' | 'bicubic' | 'area' | 'lanczos' = 'bilinear') =>
  z.enum(['nearest', 'bilinear', 'bicubic', 'area', 'lanczos']).default(def).describe('image resampling filter (masks always use nearest)');

export const border = (def: 'constant' | 'replicate' | 'reflect' | 'reflect101' | 'wrap' = 'constant') =>
  z.enum(['constant', 'replicate', 'reflect', 'reflect101', 'wrap']).default(def).describe('how pixels from outside the image are filled');

export const fill = () =>
  z
    .union([z.number(), z.array(z.number()).min(1).max(4)])
    .default(0)
    .describe('fill value for constant borders, in the image value scale (255 = white for uint8); one number or one per channel');

export const fillMask = () => z.number().int().default(0).describe('fill value of masks for constant borders');

/** The resampling settings every warping transform takes and records in its params (a type, so params stay JSON records). */
export type Resampling = {
  readonly interpolation: Interpolation;
  readonly border: BorderMode;
  readonly fill: Fill;
  readonly fillMask: number;
};

/** Option schemas `interpolation`, `border`, `fill`, `fillMask`, to spread into a transform's schema. */
export function resamplingOptions(defaults: { interpolation?: Interpolation; border?: BorderMode } = {}) {
  return { interpolation: interpolation(defaults.interpolation ?? 'bilinear'), border: border(defaults.border ?? 'constant'), fill: fill(), fillMask: fillMask() };
}

/** The resampling fields of parsed options (or params), for params and warp specs. */
export function resampling(o: Resampling): Resampling {
  return { interpolation: o.interpolation, border: o.border, fill: o.fill, fillMask: o.fillMask };
}

/**
 * Validates `input` with `schema` and turns zod's issues into one AuguryError naming the key
 * path (`Affine.rotate`), what was expected and what was received.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const key = path ? `${where}.${path}` : where;
  let message = issue.message;
  let hint: string | undefined;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const known = optionNames(schema);
    message = `unknown option${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
    hint = known.length > 0 ? `options of ${where}: ${known.join(', ')}` : `${where} takes no options besides p`;
  } else if (issue.code === 'invalid_value' && 'values' in issue) {
    message = `expected one of ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (issue.code === 'invalid_union') {
    message = unionMessage(issue as unknown as { errors: { code: string; path: PropertyKey[]; message: string; expected?: string }[][] });
  }
  hint ??= where.startsWith('pipeline') ? 'the pipeline keys are described in docs/pipelines.md' : `the options of ${where.replace(/^.*\((\w+)\)$/, '$1')} are listed in docs/transforms.md`;
  throw new AuguryError({ code: 'validation', message, key, received: show(valueAt(input, issue.path)), hint });
}

/**
 * What a failed union expected: the branch that got furthest (an error inside an array or object)
 * speaks for itself; otherwise the accepted types are listed.
 */
function unionMessage(issue: { errors: { code: string; path: PropertyKey[]; message: string; expected?: string }[][] }): string {
  const deeper = issue.errors.map((branch) => branch[0]).find((e) => e !== undefined && e.path.length > 0);
  if (deeper) return `at [${deeper.path.map(String).join('][')}]: ${deeper.message}`;
  const expected = [...new Set(issue.errors.map((b) => b[0]?.expected).filter((x): x is string => x !== undefined))];
  const words: Record<string, string> = { tuple: 'a [min, max] pair', array: 'a list', number: 'a number', string: 'a string', object: 'a mapping', boolean: 'true or false' };
  return expected.length > 0 ? `expected ${expected.map((e) => words[e] ?? e).join(' or ')}` : 'the value matches none of the accepted forms';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Option names of an object schema (for hints and docs). */
export function optionNames(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
