/** `augury bench`: per-core throughput of ops, pipelines and decode, and worker scaling (BENCHMARKS.md). */
import { writeFileAtomic } from '../io/atomic.js';
import { renderBenchReport } from '../perf/report-html.js';
import { Option, type Command } from 'commander';
import { AuguryError } from '../core/errors.js';
import { runBench } from '../perf/bench.js';
import { BENCH_SIZES, type BenchSize } from '../perf/ops.js';
import type { CommandContext } from './common.js';

interface BenchCliOptions {
  images?: string;
  size?: BenchSize;
  ops?: string;
  workers?: number;
  budgetMs?: number;
  pin: boolean;
  opencv: boolean;
  report?: string;
  json?: boolean;
}

function whole(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new AuguryError({ code: 'usage', message: `expected a whole number >= ${min}`, key: name, received: JSON.stringify(v), hint: `pass ${name} <n>` });
    return n;
  };
}

/** AUGURY_BENCH_MS shortens or lengthens every figure's budget (tests, quick runs). */
function budgetFromEnv(): number | undefined {
  const v = process.env['AUGURY_BENCH_MS'];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new AuguryError({ code: 'usage', message: 'AUGURY_BENCH_MS must be a positive number of milliseconds', key: 'AUGURY_BENCH_MS', received: JSON.stringify(v), hint: 'e.g. AUGURY_BENCH_MS=300' });
  return n;
}

export function registerBench(program: Command, ctx: CommandContext): void {
  program
    .command('bench')
    .description('measure images/s per core of each op, the reference pipelines and JPEG decode, and the worker pool\'s scaling')
    .option('--images <dir>', 'photos to use instead of bench/fixtures (resized with area interpolation, JPEG quality 90)')
    .addOption(new Option('--size <WxH>', 'one size for the per-op figures (default both)').choices([...BENCH_SIZES]))
    .option('--ops <names>', 'comma-separated op names (the first words of the throughput table), default all')
    .option('--workers <n>', 'scaling: compare 1 worker with n (default: the machine\'s cores)', whole('--workers', 1))
    .option('--budget-ms <ms>', 'timed milliseconds per figure (default 400, or AUGURY_BENCH_MS)', whole('--budget-ms', 1))
    .option('--no-pin', 'do not pin the per-core figures to CPU 0')
    .option('--no-opencv', 'do not time OpenCV in the same run (references stay the development machine\'s)')
    .option('--report <file>', 'also write an HTML page with the figures and ratio bars')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: BenchCliOptions) => {
      const doc = await runBench({
        ...(o.images ? { images: o.images } : {}),
        ...(o.size ? { sizes: [o.size] } : {}),
        ...(o.ops ? { ops: o.ops.split(',').filter((s) => s.trim() !== '') } : {}),
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        budgetMs: o.budgetMs ?? budgetFromEnv() ?? 400,
        pin: o.pin,
        ...(o.opencv === false ? { skip: ['opencv' as const] } : {}),
        log: (line) => ctx.err(line),
      });
      if (o.report) {
        await writeFileAtomic(o.report, renderBenchReport(doc));
        ctx.err(`report: ${o.report}`);
      }
      if (o.json) {
        ctx.out(JSON.stringify(doc, null, 2));
        return;
      }
      const gm = Object.entries(doc.geomeanRatio).map(([s, v]) => `${s} ${v ?? '-'}`).join(', ');
      ctx.out([`machine: ${doc.machine.cpu}, ${doc.machine.cores} cores, Node ${doc.machine.node}`, ...(gm ? [`geometric mean ratio to Albumentations: ${gm}`] : []), ...doc.notes.map((n) => `note: ${n}`)].join('\n'));
    });
}
