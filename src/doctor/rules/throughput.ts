/**
 * Throughput: can the given cores feed the GPU? Needs train.yaml's `gpuRate` and `cores` and a
 * measurement of the pipeline on the data (the profiler's per-step timing, `augury profile`).
 * The measurement is passed in, so the rule itself never times anything and runs in a browser.
 */
import { coresNeeded, gpuIdleShare, poolCoresNeeded, predictPoolRate, predictRate, suggestRewrites } from '../../perf/predict.js';
import type { ConfigContext } from '../context.js';
import { finding, round, type Finding } from '../findings.js';

/** Idle shares below this are reported as info, not as a warning (heuristic). */
export const IDLE_WARNING = 0.05;

/** Findings about whether `cores` can feed `gpuRate` with this pipeline. */
export function throughputRule(ctx: ConfigContext): Finding[] {
  const gpuRate = ctx.train?.gpuRate;
  const cores = ctx.train?.cores;
  if (gpuRate === undefined || cores === undefined) return [];
  const m = ctx.data?.throughput;
  if (!m) {
    return [finding('throughput.not-measured', 'info', `train.yaml gives gpuRate ${gpuRate} and cores ${cores}, but the pipeline was not timed on data, so throughput is not checked`, { gpuRate, cores }, 'run `augury profile --pipeline p.yaml --data <dataset> --gpu-rate ' + gpuRate + ' --cores ' + cores + '` for the cores needed and the slowest steps')];
  }
  // With a measured pool worker, the measured model (docs/throughput.md); else the in-thread heuristic.
  const predicted = m.pool ? predictPoolRate(m.pool, cores, cores) : predictRate(m.imagesPerSecPerCore, cores, cores);
  const idle = gpuIdleShare(predicted, gpuRate);
  const needed = m.pool ? poolCoresNeeded(m.pool, gpuRate).cores : coresNeeded(m.imagesPerSecPerCore, gpuRate);
  const slowest = [...m.steps].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const evidence = { gpuRate, cores, perCore: round(m.imagesPerSecPerCore, 1), predicted: round(predicted, 1), coresNeeded: needed, idleShare: round(idle, 3), slowest: slowest.map((s) => ({ name: s.name, ms: round(s.ms, 3), share: round(s.share, 3) })) };
  if (idle < IDLE_WARNING) {
    return [finding('throughput.ok', 'info', `${cores} cores deliver about ${round(predicted, 0)} images/s for a GPU at ${gpuRate}/s (${needed} cores needed)`, evidence)];
  }
  const names = slowest.map((s) => `${s.name} ${round(s.ms, 2)} ms (${round(s.share * 100, 0)}%)`).join(', ');
  const order = (ctx.pipeline?.steps ?? []).filter((s) => !s.path.includes('].')).map((s) => s.name);
  const rewrites = suggestRewrites(m.steps, order).map((s) => s.rewrite);
  const fix = [`give the loader ${needed} cores`, ...rewrites].join('; or ');
  return [finding('throughput.gpu-starved', 'warning', `steps too slow for the given cores and GPU rate: ${cores} cores deliver about ${round(predicted, 0)} images/s (${round(m.imagesPerSecPerCore, 1)} per core) but the GPU takes ${gpuRate}/s, so it idles about ${round(idle * 100, 0)}% of the time; ${needed} cores are needed. Slowest steps: ${names}`, evidence, fix)];
}
