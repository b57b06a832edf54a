/**
 * Traces: what a run did, step by step, with the exact params. Replaying a trace needs no
 * randomness and no pipeline config, and an edited trace replays the edit.
 *
 * Shape: `{"version":1,"input":{"width":W,"height":H},"steps":[...],"backend":"ts", ...}`; a bare
 * array of steps is accepted as shorthand. A step is one of
 *   `{"name":"Rotate","params":{...}}`                      applied (`"fused": k` marks a fusion group)
 *   `{"name":"Rotate","skipped":true}`                      its p said no
 *   `{"name":"OneOf","chosen":[1],"steps":[...]}`           a composition, with the children that ran
 */
import { z } from 'zod';
import { AuguryError, show } from './errors.js';
import type { Params } from './transform.js';

export interface LeafTrace {
  readonly name: string;
  readonly params?: Params;
  readonly skipped?: boolean;
  /** Steps sharing a number were resampled as one warp. */
  readonly fused?: number;
  /** Mix steps: the ids of the partner samples, in the order the mix used them. */
  readonly partners?: readonly string[];
}

export interface CompositionTrace {
  readonly name: string;
  readonly skipped?: boolean;
  /** Indices of the children that ran, in the order they ran. */
  readonly chosen?: readonly number[];
  /** Policies: what the draw was (magnitude scale, ops removed by a domain, ...). */
  readonly info?: Readonly<Record<string, unknown>>;
  readonly steps: readonly StepTrace[];
}

export type StepTrace = LeafTrace | CompositionTrace;

export interface BoxTraceOptions {
  readonly method?: 'corners' | 'ellipse' | 'mask';
  readonly minArea?: number;
  readonly minVisibility?: number;
  readonly minWidth?: number;
  readonly minHeight?: number;
  readonly clip?: boolean;
}

export interface Trace {
  readonly version: 1;
  readonly input: { readonly width: number; readonly height: number };
  readonly steps: readonly StepTrace[];
  /** Which kernels ran ('ts' = the exact TypeScript reference kernels). */
  readonly backend: string;
  readonly seed?: { readonly seed: number; readonly epoch: number; readonly index: number; readonly copy: number };
  readonly boxes?: BoxTraceOptions;
  readonly keypoints?: { readonly removeInvisible?: boolean };
  readonly fusion?: boolean;
}

export function isComposition(t: StepTrace): t is CompositionTrace {
  return Array.isArray((t as CompositionTrace).steps);
}

const stepSchema: z.ZodType<StepTrace> = z.lazy(() =>
  z.union([
    z.object({ name: z.string(), skipped: z.boolean().optional(), chosen: z.array(z.number().int().min(0)).optional(), info: z.record(z.string(), z.unknown()).optional(), steps: z.array(stepSchema) }).strict(),
    z.object({ name: z.string(), params: z.record(z.string(), z.unknown()).optional(), skipped: z.boolean().optional(), fused: z.number().int().optional(), partners: z.array(z.string()).optional() }).strict(),
  ]),
);

const traceSchema = z
  .object({
    version: z.literal(1),
    input: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
    steps: z.array(stepSchema),
    backend: z.string().default('ts'),
    seed: z.object({ seed: z.number(), epoch: z.number(), index: z.number(), copy: z.number() }).optional(),
    boxes: z.object({ method: z.enum(['corners', 'ellipse', 'mask']).optional(), minArea: z.number().optional(), minVisibility: z.number().optional(), minWidth: z.number().optional(), minHeight: z.number().optional(), clip: z.boolean().optional() }).optional(),
    keypoints: z.object({ removeInvisible: z.boolean().optional() }).optional(),
    fusion: z.boolean().optional(),
  })
  .passthrough();

/** Parses a trace (object or bare step array), naming the bad part on error. */
export function parseTrace(input: unknown, file?: string): Trace & { input: { width: number; height: number } | { width: 0; height: 0 } } {
  if (Array.isArray(input)) {
    const steps = z.array(stepSchema).safeParse(input);
    if (!steps.success) throw traceError(steps.error, input, file);
    return { version: 1, input: { width: 0, height: 0 }, steps: steps.data, backend: 'ts' };
  }
  const r = traceSchema.safeParse(input);
  if (!r.success) throw traceError(r.error, input, file);
  return r.data as Trace;
}

function traceError(err: z.ZodError, input: unknown, file?: string): AuguryError {
  const issue = err.issues[0]!;
  let v: unknown = input;
  for (const p of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return new AuguryError({
    code: 'validation',
    message: `not a valid trace: ${issue.message}`,
    ...(file ? { file } : {}),
    key: issue.path.map(String).join('.') || '(root)',
    received: show(v),
    hint: 'a trace is {"version":1,"input":{"width":W,"height":H},"steps":[{"name":"Rotate","params":{...}}],"backend":"ts"} or a bare array of steps',
  });
}
