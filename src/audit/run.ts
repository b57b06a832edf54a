/**
 * The label-fidelity audit: runs a pipeline over a dataset with instance masks or polygons and
 * measures how well every output box matches the pixels of its object actually visible.
 *
 * Per step: the pipeline is re-run on prefixes of its top-level steps (1, 1..2, ...) with the
 * same seed. Each step's Rng stream is forked from its position, so a prefix draws exactly the
 * params and partners the full run drew for those steps; the last prefix is the full run.
 */
import { AuguryError } from '../core/errors.js';
import type { StepNode } from '../core/config.js';
import { Pipeline, type RunResult } from '../core/pipeline.js';
import { Rng } from '../core/rng.js';
import type { BoxMethod } from '../geometry/boxes.js';
import type { DatasetIndex } from '../io/datasets/model.js';
import { beta } from '../mixing/random.js';
import type { Sample } from '../targets/sample.js';
import { naiveMixup } from './naive-mixup.js';
import { auditProvider, ObjectTable, SampleCache, type AuditObject } from './objects.js';
import { drawScales } from './scale.js';
import { scoreSample, summarize, type Box4, type SampleScore, type Summary } from './score.js';

export interface AuditOptions {
  /** Audit the first N records (default: all). */
  readonly samples?: number;
  /** Stream seed (default: the pipeline's seed, else 0); sample i runs as stream index i. */
  readonly seed?: number;
  /** Override the pipeline's box method ('mask', 'corners', 'ellipse'). */
  readonly boxMethod?: BoxMethod;
  /** Also score the naive-mixup baseline on the same data. */
  readonly compare?: 'naive-mixup';
  /** Beta(alpha, alpha) for the baseline's mixing weight; default 1 (uniform). */
  readonly naiveAlpha?: number;
  /** How many worst boxes to list; default 8. */
  readonly worst?: number;
}

export interface StepSummary extends Summary {
  readonly step: number;
  readonly name: string;
}

export interface WorstCase {
  readonly sample: string;
  readonly file?: string;
  readonly row: number;
  readonly object: { readonly record: number; readonly row: number; readonly annotationId: number } | null;
  readonly box: Box4;
  readonly visibleBox: Box4 | null;
  readonly iou: number;
  readonly visibleFraction: number;
}

export interface MethodResult {
  readonly method: string;
  readonly overall: Summary;
  readonly worst: WorstCase[];
}

export interface AuditResult extends MethodResult {
  readonly samples: number;
  readonly perStep: StepSummary[];
  readonly compare?: MethodResult;
}

/** A worst case with the output it was found in, for the HTML report. */
export interface WorstDrawing {
  readonly method: string;
  readonly entry: WorstCase;
  readonly sample: Sample;
}

export interface AuditRun {
  readonly result: AuditResult;
  readonly drawings: WorstDrawing[];
}

/** One sample after one prefix of the pipeline, scored. */
export interface AuditedStep {
  readonly output: Sample;
  readonly table: ObjectTable;
  readonly score: SampleScore;
  readonly run: RunResult;
}

function nodeName(n: StepNode): string {
  if (n.kind === 'leaf') return n.def.name;
  if (n.kind === 'mix') return n.mix.name;
  if (n.kind === 'policy') return n.policy.name;
  return n.name;
}

/** The pipeline cut to its first `steps` top-level steps, with the box method overridden if asked. */
export function prefixPipeline(p: Pipeline, steps: number, boxMethod?: BoxMethod): Pipeline {
  const c = p.config;
  return new Pipeline({ ...c, transforms: c.transforms.slice(0, steps), boxes: { ...c.boxes, ...(boxMethod ? { method: boxMethod } : {}) } });
}

/** Runs `pipeline` on record `i` (partners drawn from the dataset) and scores the output. */
export async function auditSample(pipeline: Pipeline, cache: SampleCache, i: number, seed: number): Promise<AuditedStep> {
  const table = new ObjectTable();
  const input = table.prepare(await cache.get(i), i);
  const run = await pipeline.run(input, { stream: { seed, index: i }, partners: auditProvider(cache, table) });
  const scales = drawScales(run.trace.steps, table.draws);
  const score = scoreSample(run.sample, table, scales, pipeline.config.boxes.minVisibility ?? 0);
  return { output: run.sample, table, score, run };
}

function worstOf(items: readonly { entry: WorstCase; sample: Sample }[], n: number, method: string): WorstDrawing[] {
  return [...items].sort((a, b) => a.entry.iou - b.entry.iou).slice(0, n).map((w) => ({ method, ...w }));
}

function caseOf(s: Sample, score: SampleScore, table: ObjectTable, r: number): WorstCase {
  const b = score.boxes[r]!;
  const o: AuditObject | undefined = table.byId(b.object);
  return {
    sample: s.id,
    ...(s.source?.file ? { file: s.source.file } : {}),
    row: b.row,
    object: o ? { record: o.record, row: o.row, annotationId: o.annotationId } : null,
    box: b.box,
    visibleBox: b.visibleBox,
    iou: b.iou,
    visibleFraction: b.visibleFraction,
  };
}

/** Audits `pipeline` on `index`: overall, per top-level step, worst boxes, and the baseline if asked. */
export async function runAudit(pipeline: Pipeline, index: DatasetIndex, opts: AuditOptions = {}): Promise<AuditRun> {
  const total = index.records.length;
  const n = Math.min(total, opts.samples ?? total);
  if (n < 1) throw new AuguryError({ code: 'usage', message: 'the audit data has no usable records', file: index.source, hint: 'point --data at a dataset with images and instance segmentation' });
  if (pipeline.config.transforms.length === 0) throw new AuguryError({ code: 'usage', message: 'the pipeline has no steps to audit', key: 'transforms', hint: 'add the steps to audit under transforms:' });
  const seed = opts.seed ?? pipeline.config.seed ?? 0;
  const cache = new SampleCache(index);
  const T = pipeline.config.transforms.length;
  const method = opts.boxMethod ?? pipeline.config.boxes.method ?? 'mask';
  const prefixes = Array.from({ length: T }, (_, k) => prefixPipeline(pipeline, k + 1, opts.boxMethod));
  const perStepScores: SampleScore[][] = prefixes.map(() => []);
  const items: { entry: WorstCase; sample: Sample }[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < T; k++) {
      const a = await auditSample(prefixes[k]!, cache, i, seed);
      perStepScores[k]!.push(a.score);
      if (k === T - 1) a.score.boxes.forEach((_, r) => items.push({ entry: caseOf(a.output, a.score, a.table, r), sample: a.output }));
    }
  }
  const worstN = opts.worst ?? 8;
  const drawings = worstOf(items, worstN, method);
  const perStep = perStepScores.map((scores, k) => ({ step: k, name: nodeName(pipeline.config.transforms[k]!), ...summarize(scores) }));
  let compare: MethodResult | undefined;
  if (opts.compare === 'naive-mixup') {
    const naive = await runNaive(cache, n, seed, opts.naiveAlpha ?? 1);
    const nd = worstOf(naive.items, worstN, 'naive-mixup');
    drawings.push(...nd);
    compare = { method: 'naive-mixup', overall: summarize(naive.scores), worst: nd.map((d) => d.entry) };
  }
  const result: AuditResult = {
    method,
    samples: n,
    overall: perStep[T - 1]!,
    perStep,
    worst: drawings.filter((d) => d.method === method).map((d) => d.entry),
    ...(compare ? { compare } : {}),
  };
  return { result, drawings };
}

/** The baseline on the same data: sample i with a partner and a weight drawn from stream i. */
async function runNaive(cache: SampleCache, n: number, seed: number, alpha: number): Promise<{ scores: SampleScore[]; items: { entry: WorstCase; sample: Sample }[] }> {
  const scores: SampleScore[] = [];
  const items: { entry: WorstCase; sample: Sample }[] = [];
  const size = cache.index.records.length;
  for (let i = 0; i < n; i++) {
    const rng = Rng.forSample({ seed, index: i }).fork('naive-mixup');
    const j = rng.int(0, size - 1);
    const lambda = beta(rng, alpha, alpha);
    const table = new ObjectTable();
    const a = table.prepare(await cache.get(i), i);
    const first = table.objects.length + 1;
    const b = table.prepare(await cache.get(j), j);
    const { sample, score } = naiveMixup(a, b, lambda, 1, first);
    const out = { ...sample, source: a.source ?? {} };
    scores.push(score);
    score.boxes.forEach((_, r) => items.push({ entry: caseOf(out, score, table, r), sample: out }));
  }
  return { scores, items };
}

/** The result as the JSON document `augury audit --json` prints. */
export function auditJson(r: AuditResult): Record<string, unknown> {
  const strip = (s: Summary) => ({ meanIoU: s.meanIoU, shareBelow05: s.shareBelow05, lost: s.lost, underMinVisibility: s.underMinVisibility, boxes: s.boxes });
  return {
    method: r.method,
    samples: r.samples,
    overall: strip(r.overall),
    perStep: r.perStep.map((s) => ({ step: s.step, name: s.name, ...strip(s) })),
    worst: r.worst,
    ...(r.compare ? { compare: { method: r.compare.method, overall: strip(r.compare.overall), worst: r.compare.worst } } : {}),
  };
}
