/**
 * `augury profile`: where a pipeline spends its time on a dataset's own samples. Each sample is
 * decoded (timed), augmented (timed: the real run, fusion included), and then its trace is
 * replayed one leaf step at a time with a timer around each, which splits the time by step.
 */
import '../transforms/index.js';
import { applyStep } from '../core/apply.js';
import type { Pipeline } from '../core/pipeline.js';
import { getTransform } from '../core/registry.js';
import { isComposition, type StepTrace } from '../core/trace.js';
import type { Params } from '../core/transform.js';
import { sharpCodec } from '../io/codecs/index.js';
import { sourcePartners, type SampleSource } from '../pipeline/source.js';
import type { Sample } from '../targets/sample.js';
import { roundTo } from './timing.js';

/** Time of one step, averaged over every profiled sample (skipped draws count as 0 ms). */
export interface StepTiming {
  readonly name: string;
  /** Mean milliseconds per image. */
  readonly ms: number;
  /** Share of the summed step time. */
  readonly share: number;
  /** Samples on which the step ran. */
  readonly runs: number;
}

export interface PipelineProfile {
  readonly samples: number;
  /** Mean milliseconds per image to decode (the source's load). */
  readonly decodeMs: number;
  /** Mean milliseconds per image of the whole run (fusion included). */
  readonly pipelineMs: number;
  /** Slowest first; step-by-step replay, so fused steps are timed apart. */
  readonly steps: readonly StepTiming[];
  /** 1000 / (decodeMs + pipelineMs): what one core sustains. */
  readonly imagesPerSecPerCore: number;
  /** Size of the first profiled sample. */
  readonly inputSize: { readonly width: number; readonly height: number };
}

export interface ProfileOptions {
  /** Stop after this many milliseconds of profiling (at least `minSamples` samples). Default 3000. */
  readonly budgetMs?: number;
  readonly minSamples?: number;
  readonly maxSamples?: number;
  readonly seed?: number;
}

/** Leaf steps that ran, in order, from a trace (mix steps excluded: their partners are not reloaded). */
function leaves(steps: readonly StepTrace[], out: { name: string; params: Params }[] = []): { name: string; params: Params }[] {
  for (const s of steps) {
    if (s.skipped) continue;
    if (isComposition(s)) leaves(s.steps, out);
    else if (s.partners === undefined) out.push({ name: s.name, params: (s.params ?? {}) as Params });
  }
  return out;
}

/** Profiles `pipeline` on the samples of `source`, cycling through them until the budget ends. */
export async function profilePipeline(pipeline: Pipeline, source: SampleSource, o: ProfileOptions = {}): Promise<PipelineProfile> {
  const budget = o.budgetMs ?? 3000;
  const minSamples = Math.max(1, o.minSamples ?? 3);
  const maxSamples = o.maxSamples ?? 10_000;
  const partners = sourcePartners(source);
  const stepMs = new Map<string, { ms: number; runs: number }>();
  let decode = 0;
  let run = 0;
  let n = 0;
  let inputSize = { width: 0, height: 0 };
  const runOne = async (k: number, record: boolean): Promise<void> => {
    const t0 = performance.now();
    const input: Sample = await source.load(k % source.size);
    const t1 = performance.now();
    const { trace } = await pipeline.run(input, { stream: { seed: o.seed ?? 0, index: k % source.size, copy: Math.floor(k / source.size) }, codec: sharpCodec, partners });
    const t2 = performance.now();
    if (record) {
      decode += t1 - t0;
      run += t2 - t1;
      if (n === 0) inputSize = { width: input.image.width, height: input.image.height };
    }
    let cur = pipeline.withFlipPairs(input);
    const opts = { boxMethod: pipeline.boxMethodFor(input), removeInvisibleKeypoints: pipeline.config.keypoints.removeInvisible, codec: sharpCodec };
    for (const leaf of leaves(trace.steps)) {
      const def = getTransform(leaf.name);
      const s = performance.now();
      cur = await applyStep(def, leaf.params, cur, opts);
      const e = performance.now() - s;
      if (!record) continue;
      const acc = stepMs.get(leaf.name) ?? { ms: 0, runs: 0 };
      acc.ms += e;
      acc.runs++;
      stepMs.set(leaf.name, acc);
    }
  };
  await runOne(0, false); // warm-up: JIT and codec start-up are not part of the steady state
  const end = performance.now() + budget;
  while (n < maxSamples && (n < minSamples || performance.now() < end)) {
    await runOne(n, true);
    n++;
  }
  const total = [...stepMs.values()].reduce((a, b) => a + b.ms, 0) || 1;
  const steps = [...stepMs.entries()]
    .map(([name, v]) => ({ name, ms: roundTo(v.ms / n, 3), share: roundTo(v.ms / total, 3), runs: v.runs }))
    .sort((a, b) => b.ms - a.ms);
  const decodeMs = decode / n;
  const pipelineMs = run / n;
  return { samples: n, decodeMs: roundTo(decodeMs, 3), pipelineMs: roundTo(pipelineMs, 3), steps, imagesPerSecPerCore: roundTo(1000 / (decodeMs + pipelineMs)), inputSize };
}
