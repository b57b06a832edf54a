/**
 * Option schemas of the affine family that `range` in core/schema.ts does not cover: per-axis
 * ranges (`scale: {x: [0.8, 1.2], y: 1}`) and ranges that must stay strictly positive.
 */
import { z } from 'zod';
import type { Range } from '../../core/schema.js';

export interface AxisRanges {
  readonly x: Range;
  readonly y: Range;
}

export interface AxisSpec {
  readonly description: string;
  /** The value an axis missing from `{x, y}` takes (1 for scale, 0 for shifts and shears). */
  readonly neutral: number;
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Values must be > min rather than >= min (scale factors must be > 0). */
  readonly exclusiveMin?: boolean;
}

function describeBounds(s: AxisSpec): string {
  if (s.min === undefined && s.max === undefined) return '';
  return `; within ${s.exclusiveMin ? '(' : '['}${s.min ?? '-inf'}, ${s.max ?? 'inf'}]`;
}

/**
 * One option for both axes, in any of Albumentations' forms: a number v (exactly v on both
 * axes), a [min, max] range (each axis drawn from it independently), or `{x, y}` with a number or
 * a range per axis (a missing axis takes the neutral value). Parses to `{x: [min, max], y: [min, max]}`.
 */
export function axisRanges(spec: AxisSpec) {
  const num = spec.integer ? z.number().int() : z.number();
  const one = z.union([num, z.tuple([num, num])]);
  return z
    .union([one, z.object({ x: one.optional(), y: one.optional() }).strict()])
    .describe(`${spec.description}: a number v (exactly v on both axes), [min, max] (each axis drawn from it), or {x, y} with a number or [min, max] each (a missing axis is ${spec.neutral})${describeBounds(spec)}`)
    .transform((v, ctx): AxisRanges => {
      // zod appends what was received; the message says what was expected.
      const check = (r: number | readonly [number, number] | undefined, path: (string | number)[]): Range => {
        const out: Range = r === undefined ? [spec.neutral, spec.neutral] : typeof r === 'number' ? [r, r] : [r[0], r[1]];
        if (out[0] > out[1]) {
          ctx.addIssue({ code: 'custom', path, message: 'expected [min, max] with min <= max' });
        } else if ((spec.min !== undefined && (spec.exclusiveMin ? out[0] <= spec.min : out[0] < spec.min)) || (spec.max !== undefined && out[1] > spec.max)) {
          ctx.addIssue({ code: 'custom', path, message: `expected ${spec.description} values${describeBounds(spec)}` });
        }
        return out;
      };
      if (typeof v === 'number' || Array.isArray(v)) {
        const r = v as number | [number, number];
        const x = check(r, []);
        // One issue is enough when both axes share the value.
        return { x, y: x };
      }
      const o = v as { x?: number | [number, number]; y?: number | [number, number] };
      return { x: check(o.x, ['x']), y: check(o.y, ['y']) };
    });
}

/** A uniform draw per axis from `{x, y}` ranges. */
export function drawAxes(r: AxisRanges, uniform: (lo: number, hi: number) => number): [number, number] {
  return [uniform(r.x[0], r.x[1]), uniform(r.y[0], r.y[1])];
}
