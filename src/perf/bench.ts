/**
 * `augury bench` and `npm run bench`: one document with per-op, pipeline, decode and scaling
 * figures. Scaling runs first, on all cores; then every thread is pinned to one CPU for the
 * per-core figures (see machine.ts).
 */
import { AuguryError } from '../core/errors.js';
import { fixtureInputs, folderInputs, FIXTURE_RECIPE, type BenchInput } from './inputs.js';
import { machineInfo, pinToOneCore, type MachineInfo } from './machine.js';
import { OPENCV_DEV_DECODE, timeOpenCv, type OpenCvTimings } from './opencv.js';
import { roundTo } from './timing.js';
import { BENCH_SIZES, geomeanRatio, selectOps, timeOp, type BenchSize, type OpResult } from './ops.js';
import { timeClassification, timeDecode, timeDetection, timeScaling, type RateResult, type ScalingResult } from './suite.js';

export interface BenchOptions {
  /** A folder of photos to use instead of bench/fixtures. */
  readonly images?: string;
  /** Sizes for the per-op figures; default both. Pipelines and decode use 500x375. */
  readonly sizes?: readonly BenchSize[];
  /** Op names (the first words of the table); default all. */
  readonly ops?: readonly string[];
  /** Worker count for the scaling section (1 and this). Default: the machine's cores. */
  readonly workers?: number;
  /** Milliseconds of timed calls per figure. Default 400. */
  readonly budgetMs?: number;
  /** Pin to one core for per-core figures. Default true. */
  readonly pin?: boolean;
  /** Skip sections (tests, quick runs). 'opencv' skips timing OpenCV in the same run. */
  readonly skip?: readonly ('ops' | 'pipelines' | 'decode' | 'scaling' | 'opencv')[];
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface BenchDocument {
  readonly machine: MachineInfo;
  readonly ops: OpResult[];
  readonly pipelines: RateResult[];
  readonly decode: RateResult[];
  readonly scaling: ScalingResult[];
  readonly geomeanRatio: Partial<Record<BenchSize, number | null>>;
  /** OpenCV timed in the same run (null when python3-opencv is missing or --no-opencv). */
  readonly opencv: OpenCvTimings | null;
  /** How the figures were taken: pinning, inputs, reference scaling, budget. */
  readonly notes: string[];
}

/** Runs the benchmark and returns its document. */
export async function runBench(o: BenchOptions = {}): Promise<BenchDocument> {
  const log = o.log ?? (() => undefined);
  const budget = o.budgetMs ?? 400;
  const skip = new Set(o.skip ?? []);
  const sizes = o.sizes ?? BENCH_SIZES;
  const machine = machineInfo();
  const workers = o.workers ?? machine.cores;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new AuguryError({ code: 'usage', message: 'workers must be a whole number >= 1', key: '--workers', received: String(o.workers), hint: 'pass the number of worker threads to compare with one, e.g. --workers 2' });
  }
  const { ops, unknown } = selectOps(o.ops);
  if (unknown.length > 0) {
    throw new AuguryError({ code: 'usage', message: 'unknown benchmark op', key: '--ops', received: unknown.join(', '), expected: `names from: ${selectOps(undefined).ops.map((x) => x.name).join(', ')}`, hint: 'name ops as the first word of the throughput table rows, comma-separated' });
  }
  // Each size is read (and, for --images, resized and encoded) once, whoever asks first.
  const loaded = new Map<BenchSize, Promise<BenchInput[]>>();
  const load = (size: BenchSize): Promise<BenchInput[]> => {
    let p = loaded.get(size);
    if (!p) loaded.set(size, (p = o.images ? folderInputs(o.images, size) : fixtureInputs(size)));
    return p;
  };
  const main = await load('500x375');
  const mmap = process.env['MALLOC_MMAP_THRESHOLD_'];
  const allocator = mmap === undefined
    ? 'allocator: glibc defaults (run through bin/augury.js, or set MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_, to keep freed image buffers mapped: page faults of fresh buffers otherwise dominate large images)'
    : `allocator: MALLOC_MMAP_THRESHOLD_=${mmap} MALLOC_TRIM_THRESHOLD_=${process.env['MALLOC_TRIM_THRESHOLD_'] ?? '-'}`;
  const notes = [allocator, o.images ? `inputs: photos of ${o.images}, ${FIXTURE_RECIPE}` : `inputs: bench/fixtures (${FIXTURE_RECIPE})`, `median of timed calls after 3 warm-up calls, budget ${budget} ms per figure`];

  // Scaling first: it needs every core, and pinning is inherited by threads started later.
  const scaling = skip.has('scaling') ? [] : await timeScaling(main, [...new Set([1, workers])], budget * 5);
  if (!skip.has('scaling')) notes.push(`scaling: the classification pipeline (decode included) through AugmentPool with piscina worker threads, unpinned; ${machine.cores} logical cores`);

  const pin = o.pin === false ? { pinned: false, how: 'not pinned (--no-pin)' } : pinToOneCore(0);
  notes.push(`per-core figures: ${pin.how}`);
  const cvInputs = skip.has('opencv') || (skip.has('ops') && skip.has('decode') && skip.has('pipelines')) ? null : { '500x375': main, ...(sizes.includes('224x224') ? { '224x224': await load('224x224') } : {}) };
  const cvRun = cvInputs ? await timeOpenCv(cvInputs, budget) : { missing: 'OpenCV not timed (skipped)' };
  const cv = 'missing' in cvRun ? null : cvRun;
  const missing = 'missing' in cvRun ? cvRun.missing : '';
  const scale = cv?.machineRatio ?? 1;
  notes.push(cv
    ? `OpenCV ${cv.version} timed in the same run on the same fixtures and pinning: this machine runs OpenCV at ${cv.machineRatio}x the development machine (median over ops), so every reference figure is the development machine's times ${cv.machineRatio}`
    : `${missing}: references are the development machine's figures, not rescaled to this CPU`);
  if (cv) log(`OpenCV ${cv.version} here: ${cv.machineRatio}x the development machine (references rescaled)`);

  const results: OpResult[] = [];
  if (!skip.has('ops')) {
    for (const size of sizes) {
      const inputs = await load(size);
      for (const spec of ops) {
        if (spec.reference[size] === null && spec.name === 'Resize') continue; // Resize to 224x224 of a 224x224 image is a copy
        const r = await timeOp(spec, inputs[0]!.image, budget, scale);
        results.push(r);
        log(`${r.name.padEnd(26)} ${size}  ${r.imagesPerSec.toFixed(1).padStart(9)} img/s  ref ${String(r.reference ?? '-').padStart(7)}  ratio ${r.ratio ?? '-'}`);
      }
    }
  }
  const pipelines: RateResult[] = [];
  if (!skip.has('pipelines')) {
    for (const n of [10, 50]) pipelines.push(withReference(await timeDetection(main, n, budget), scale));
    pipelines.push(withReference(await timeClassification(main, budget), scale));
    for (const p of pipelines) log(`${p.name.padEnd(26)} ${p.imagesPerSec.toFixed(1).padStart(9)} img/s  ref ${String(p.reference ?? '-').padStart(7)}  ratio ${p.ratio ?? '-'}`);
  }
  const decodeRef = cv?.decode['jpeg-500x375-q90'] ?? roundTo(OPENCV_DEV_DECODE * scale, 0);
  const decode = skip.has('decode') ? [] : [await timeDecode(main[0]!, budget)].map((d) => ({ ...d, reference: decodeRef, ratio: roundTo(d.imagesPerSec / decodeRef, 3) }));
  for (const d of decode) log(`${d.name.padEnd(26)} ${d.imagesPerSec.toFixed(1).padStart(9)} img/s  OpenCV ${cv ? 'here' : 'dev machine'} ${d.reference}/s  ratio ${d.ratio}`);
  for (const s of scaling) log(`pool, ${s.workers} worker(s)           ${s.imagesPerSec.toFixed(1).padStart(9)} img/s`);
  const geomean: Partial<Record<BenchSize, number | null>> = {};
  for (const size of sizes) if (results.some((r) => r.size === size)) geomean[size] = geomeanRatio(results, size);
  return { machine, ops: results, pipelines, decode, scaling, geomeanRatio: geomean, opencv: cv, notes };
}

/** Albumentations figures of the pipelines (one pinned core of the development machine). */
export const PIPELINE_REFERENCE: Readonly<Record<string, number>> = { 'detection-10-boxes': 465, 'detection-50-boxes': 186, classification: 492 };

function withReference(r: RateResult, scale: number): RateResult {
  const base = PIPELINE_REFERENCE[r.name];
  if (base === undefined) return r;
  const reference = roundTo(base * scale, 0);
  return { ...r, reference, ratio: roundTo(r.imagesPerSec / reference, 3) };
}
