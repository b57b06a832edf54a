/**
 * `npm run bench:memory`: the memory target of the throughput issue. Augmenting a 100k-record COCO
 * dataset (records over the shipped photos, outputs written to a discarding sink) must peak
 * within 10% of the peak RSS at 10k records.
 *
 * Without --records it generates both datasets (bench/make-big-coco.ts, in a temporary folder,
 * reused across runs), measures each in a fresh process, prints both peaks and their ratio, and
 * exits 1 when the ratio is above 1.10. With --records N it measures N records in this process
 * and prints one JSON line (what the parent reads).
 *
 *   node --import tsx bench/memory.ts [--records N] [--sizes 10000,100000] [--photo-width 64]
 *        [--copies 1] [--workers 2] [--encode] [--json]
 *
 * The pipeline is HorizontalFlip(p 0.5) -> Affine(scale 0.8-1.2, translate +-10%, rotate +-10,
 * shear +-5) -> RandomBrightnessContrast(0.2, 0.2), boxes with minVisibility 0.3 (the issue's
 * detection pipeline). Photos are resized to 64 px wide by default so that 100k records take
 * minutes on a 2-core machine; the memory that matters (records, labels, traces) does not depend
 * on the pixel count, and a decoded 64x43 image is the same few kilobytes at both sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipelineFromText } from '../src/core/config-text.js';
import { discardSink } from '../src/io/augment-sinks.js';
import { augmentDataset } from '../src/io/augment.js';
import { RunReport } from '../src/io/datasets/report.js';
import '../src/transforms/index.js';
import { makeBigCoco } from './make-big-coco.js';

const PIPELINE = `task: detection
transforms:
  - {name: HorizontalFlip, p: 0.5}
  - {name: Affine, scale: [0.8, 1.2], translatePercent: [-0.1, 0.1], rotate: [-10, 10], shear: [-5, 5], p: 1}
  - {name: RandomBrightnessContrast, brightnessLimit: 0.2, contrastLimit: 0.2, p: 1}
boxes: {minVisibility: 0.3}
`;
/** The target: peak RSS at the largest size within this factor of the peak at the smallest. */
const TARGET = 1.1;

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(name);
  return k >= 0 && process.argv[k + 1] !== undefined ? process.argv[k + 1]! : fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);
const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

interface Measure {
  records: number;
  outputs: number;
  skipped: number;
  photoWidth: number;
  jsonMB: number;
  /** Peak resident set size of the process (getrusage ru_maxrss). */
  peakRssMB: number;
  /** RSS once the dataset was opened and checked (before the first output). */
  openRssMB: number;
  heapUsedMB: number;
  openSeconds: number;
  augmentSeconds: number;
}

/** The dataset for `records`, generated once into the temporary folder. */
async function dataset(records: number, photoWidth: number): Promise<string> {
  const dir = join(tmpdir(), 'augury-bench-memory', `coco-${records}-w${photoWidth}`);
  const json = join(dir, 'annotations.json');
  const ready = join(dir, '.complete');
  if (!existsSync(ready)) {
    process.stderr.write(`generating ${records} records in ${dir}\n`);
    await makeBigCoco(dir, records, { photoWidth });
    writeFileSync(ready, '');
  }
  return json;
}

/** One measurement, in this process. */
async function measure(records: number, photoWidth: number): Promise<Measure> {
  const json = await dataset(records, photoWidth);
  const report = new RunReport('skip');
  const sink = discardSink({ encode: flag('--encode') });
  const t0 = performance.now();
  let opened = 0;
  let openRss = 0;
  await augmentDataset({
    pipeline: pipelineFromText(PIPELINE),
    input: json,
    sink,
    copies: Number(arg('--copies', '1')),
    seed: 1,
    workers: Number(arg('--workers', '2')),
    open: { report },
    report,
    version: 'bench',
    onProgress: (done) => {
      if (done === 0 && opened === 0) {
        opened = performance.now();
        openRss = process.memoryUsage().rss;
      }
    },
  });
  const t1 = performance.now();
  return {
    records,
    outputs: sink.stats.outputs,
    skipped: report.count('skipped'),
    photoWidth,
    jsonMB: mb((await stat(json)).size),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    openRssMB: mb(openRss),
    heapUsedMB: mb(process.memoryUsage().heapUsed),
    openSeconds: Math.round((opened - t0) / 100) / 10,
    augmentSeconds: Math.round((t1 - opened) / 100) / 10,
  };
}

const photoWidth = Number(arg('--photo-width', '64'));
if (process.argv.includes('--records')) {
  process.stdout.write(JSON.stringify(await measure(Number(arg('--records', '10000')), photoWidth)) + '\n');
} else {
  const sizes = arg('--sizes', '10000,100000').split(',').map(Number);
  // Generated here, so that no measured process pays for it.
  for (const n of sizes) await dataset(n, photoWidth);
  const passOn = ['--photo-width', String(photoWidth), '--copies', arg('--copies', '1'), '--workers', arg('--workers', '2'), ...(flag('--encode') ? ['--encode'] : [])];
  const results: Measure[] = [];
  for (const n of sizes) {
    process.stderr.write(`measuring ${n} records in a fresh process...\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/memory.ts', '--records', String(n), ...passOn], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`the measurement of ${n} records failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
    results.push(m);
    process.stderr.write(
      `  ${n} records (${m.jsonMB} MB of JSON, photos ${m.photoWidth} px wide): peak RSS ${m.peakRssMB} MB (${m.openRssMB} MB after opening), ` +
        `${m.outputs} outputs, ${m.skipped} skipped, open ${m.openSeconds} s, augment ${m.augmentSeconds} s\n`,
    );
  }
  const ratio = Math.round((results[results.length - 1]!.peakRssMB / results[0]!.peakRssMB) * 1000) / 1000;
  const ok = ratio <= TARGET;
  process.stderr.write(`peak RSS ratio ${sizes[sizes.length - 1]} / ${sizes[0]} records: ${ratio} (target <= ${TARGET}): ${ok ? 'met' : 'MISSED'}\n`);
  if (flag('--json')) process.stdout.write(JSON.stringify({ target: TARGET, ratio, met: ok, runs: results }, null, 2) + '\n');
  process.exitCode = ok ? 0 : 1;
}
