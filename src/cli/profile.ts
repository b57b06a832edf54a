/** `augury profile`: time per step on a dataset, images/s per core, and how many cores a GPU needs. */
import type { Command } from 'commander';
import { AuguryError } from '../core/errors.js';
import { readPipeline } from '../io/pipeline-file.js';
import { machineInfo } from '../perf/machine.js';
import { coresNeeded, gpuIdleShare, PARALLEL_EFFICIENCY, poolCoresNeeded, predictPoolRate, predictRate, suggestRewrites, type PoolMeasure } from '../perf/predict.js';
import { measurePool } from '../perf/suite.js';
import { profilePipeline } from '../perf/profile.js';
import { roundTo } from '../perf/timing.js';
import { openSource } from '../pipeline/source.js';
import type { CommandContext } from './common.js';
import { table } from './table.js';

interface ProfileCliOptions {
  pipeline: string;
  data: string;
  gpuRate?: number;
  cores?: number;
  budgetMs?: number;
  json?: boolean;
}

function positive(name: string, integer: boolean) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new AuguryError({ code: 'usage', message: `expected a positive ${integer ? 'whole ' : ''}number`, key: name, received: JSON.stringify(v), hint: `pass ${name} <n>` });
    }
    return n;
  };
}

export function registerProfile(program: Command, ctx: CommandContext): void {
  program
    .command('profile')
    .description('time each step of a pipeline on a dataset, predict images/s for N workers, and the cores a GPU needs')
    .requiredOption('--pipeline <file>', 'pipeline config (YAML or JSON)')
    .requiredOption('--data <dataset>', 'dataset whose samples are profiled (COCO, YOLO, VOC, class folders)')
    .option('--gpu-rate <images/s>', 'images per second the GPU consumes', positive('--gpu-rate', false))
    .option('--cores <n>', 'cores feeding the GPU (default: this machine\'s)', positive('--cores', true))
    .option('--budget-ms <ms>', 'milliseconds to profile (default 3000; at least 3 samples)', positive('--budget-ms', true))
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: ProfileCliOptions) => {
      const pipeline = await readPipeline(o.pipeline);
      const source = await openSource({ kind: 'dataset', path: o.data });
      if (source.size === 0) throw new AuguryError({ code: 'validation', message: 'the dataset has no readable samples', file: o.data, hint: 'profile on a dataset with at least one image' });
      ctx.err(`profiling ${o.pipeline} on ${o.data} (${source.size} samples)`);
      const prof = await profilePipeline(pipeline, source, { budgetMs: o.budgetMs ?? 3000 });
      const machine = machineInfo();
      const cores = o.cores ?? machine.cores;
      const workers = [...new Set([1, 2, cores])].sort((a, b) => a - b);
      // One pool worker on the same data: its rate and the whole process's CPU per image (decode
      // threads, main thread and collection included) make the prediction for N workers.
      ctx.err('measuring the worker pool on the same samples (one worker, then two)');
      const pool: PoolMeasure = await measurePool(o.data, pipeline.toConfig() as Record<string, unknown>, machine.cores, Math.max(1500, (o.budgetMs ?? 3000) / 2));
      const predicted = workers.map((w) => ({ workers: w, imagesPerSec: roundTo(predictPoolRate(pool, w, Math.max(cores, w))) }));
      const atCores = predictPoolRate(pool, cores, cores);
      const need = o.gpuRate === undefined ? undefined : poolCoresNeeded(pool, o.gpuRate);
      const gpu = o.gpuRate === undefined || !need ? undefined : { gpuRate: o.gpuRate, coresNeeded: need.cores, workersNeeded: need.workers, cores, idleShare: roundTo(gpuIdleShare(atCores, o.gpuRate), 3) };
      const perCoreModel = { imagesPerSec: workers.map((w) => ({ workers: w, imagesPerSec: roundTo(predictRate(prof.imagesPerSecPerCore, w, Math.max(cores, w))) })), coresNeeded: o.gpuRate === undefined ? undefined : coresNeeded(prof.imagesPerSecPerCore, o.gpuRate) };
      const order = pipeline.config.transforms.map((t) => (t.kind === 'leaf' ? t.def.name : t.kind === 'policy' ? t.policy.name : t.kind === 'composition' ? t.name : 'mix'));
      const suggestions = suggestRewrites(prof.steps, order);
      const doc = {
        machine,
        model: 'imagesPerSec(N) = min(N x one pool worker\'s rate, cores x 1000 / CPU ms per image) x efficiency (N >= 2), all measured through the pool on these samples (docs/throughput.md)',
        profile: prof,
        pool,
        predicted,
        ...(gpu ? { gpu } : {}),
        perCoreModel: { model: `perCore x min(N, cores) x ${PARALLEL_EFFICIENCY} (in-thread time only: ignores the pool's and the main thread's costs)`, ...perCoreModel },
        suggestions,
      };
      if (o.json) {
        ctx.out(JSON.stringify(doc, null, 2));
        return;
      }
      const lines = [
        `${prof.samples} samples, ${prof.inputSize.width}x${prof.inputSize.height} first; decode ${prof.decodeMs} ms, pipeline ${prof.pipelineMs} ms per image`,
        table(['step', 'ms/image', 'share', 'ran'], prof.steps.map((s) => [s.name, s.ms.toFixed(3), `${(s.share * 100).toFixed(1)}%`, `${s.runs}/${prof.samples}`])),
        `per core (in this thread): ${prof.imagesPerSecPerCore} images/s; one pool worker: ${pool.oneWorkerRate} images/s using ${pool.cpuMsPerImage} ms of CPU per image${pool.efficiency !== undefined ? `; two workers reach ${Math.round(pool.efficiency * 100)}% of the CPU bound` : ''}`,
        ...predicted.map((p) => `predicted with ${p.workers} worker(s): ${p.imagesPerSec} images/s`),
        `model: ${doc.model}`,
      ];
      if (gpu) lines.push(`GPU at ${gpu.gpuRate} images/s needs ${gpu.coresNeeded} cores (${gpu.workersNeeded} workers); with ${gpu.cores} it idles ${(gpu.idleShare * 100).toFixed(0)}% of the time`);
      for (const s of suggestions) lines.push(`cheaper: ${s.rewrite} (${s.why})`);
      ctx.out(lines.join('\n'));
    });
}
