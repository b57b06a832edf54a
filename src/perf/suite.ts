/**
 * The pipeline, decode and scaling measurements of `augury bench` (the per-op ones are in
 * ops.ts). Pipelines are the issue's: the detection pipeline with 10 and 50 pascal_voc boxes, and
 * the classification pipeline with decode included; scaling runs the classification pipeline
 * through the worker pool (src/pipeline) with 1 and N worker threads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../transforms/index.js';
import { Pipeline } from '../core/pipeline.js';
import { Rng } from '../core/rng.js';
import { decodeImage, sharpCodec } from '../io/codecs/index.js';
import { AugmentPool } from '../pipeline/pool.js';
import type { WorkUnit } from '../pipeline/unit.js';
import { createBoxes } from '../targets/boxes.js';
import type { Sample } from '../targets/sample.js';
import { writeInputDataset, type BenchInput } from './inputs.js';
import { medianRate, roundTo } from './timing.js';
import { poolBound, type PoolMeasure } from './predict.js';

/** HorizontalFlip(p 0.5) -> Affine -> RandomBrightnessContrast, pascal_voc boxes, minVisibility 0.3. */
export const DETECTION_PIPELINE = {
  task: 'detection',
  transforms: [
    { name: 'HorizontalFlip', p: 0.5 },
    { name: 'Affine', scale: [0.8, 1.2], translatePercent: [-0.1, 0.1], rotate: [-10, 10], shear: [-5, 5], p: 1 },
    { name: 'RandomBrightnessContrast', brightnessLimit: 0.2, contrastLimit: 0.2, p: 1 },
  ],
  boxes: { minVisibility: 0.3 },
} as const;

/** (decode) -> RandomResizedCrop 224 -> HorizontalFlip -> ColorJitter(0.4, 0.4, 0.4, 0.1) -> Normalize. */
export const CLASSIFICATION_PIPELINE = {
  task: 'classification',
  transforms: [
    { name: 'RandomResizedCrop', size: [224, 224], p: 1 },
    { name: 'HorizontalFlip', p: 0.5 },
    { name: 'ColorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 1 },
    { name: 'Normalize', p: 1 },
  ],
} as const;

export interface RateResult {
  readonly name: string;
  readonly imagesPerSec: number;
  /** Albumentations (pipelines) or OpenCV (decode) images/s, rescaled to this machine when OpenCV was timed. */
  readonly reference?: number;
  readonly ratio?: number;
}

export interface ScalingResult {
  readonly workers: number;
  readonly imagesPerSec: number;
}

/** `count` boxes of 5-40% of the image side, drawn from a fixed seed (the same every run). */
export function benchBoxes(width: number, height: number, count: number, seed = 7): Sample['boxes'] {
  const rng = new Rng(seed);
  const xyxy: number[] = [];
  for (let i = 0; i < count; i++) {
    const w = rng.uniform(0.05, 0.4) * width;
    const h = rng.uniform(0.05, 0.4) * height;
    const x = rng.uniform(0, width - w);
    const y = rng.uniform(0, height - h);
    xyxy.push(x, y, x + w, y + h);
  }
  return createBoxes({ xyxy, labels: Array.from({ length: count }, (_, i) => i % 5) });
}

/** Images/s of the detection pipeline with `boxes` boxes, cycling over the inputs. */
export async function timeDetection(inputs: readonly BenchInput[], boxes: number, budgetMs: number): Promise<RateResult> {
  const pipeline = Pipeline.fromConfig(DETECTION_PIPELINE);
  const samples: Sample[] = inputs.map((inp) => ({ id: inp.name, image: inp.image, boxes: benchBoxes(inp.image.width, inp.image.height, boxes)! }));
  let i = 0;
  const ips = await medianRate(async () => {
    const k = i++;
    await pipeline.run(samples[k % samples.length]!, { stream: { index: k }, codec: sharpCodec });
  }, { budgetMs });
  return { name: `detection-${boxes}-boxes`, imagesPerSec: roundTo(ips) };
}

/** Images/s of the classification pipeline, JPEG decode included. */
export async function timeClassification(inputs: readonly BenchInput[], budgetMs: number): Promise<RateResult> {
  const pipeline = Pipeline.fromConfig(CLASSIFICATION_PIPELINE);
  let i = 0;
  const ips = await medianRate(async () => {
    const k = i++;
    const inp = inputs[k % inputs.length]!;
    await pipeline.run({ id: inp.name, image: await decodeImage(inp.jpeg) }, { stream: { index: k }, codec: sharpCodec });
  }, { budgetMs });
  return { name: 'classification', imagesPerSec: roundTo(ips) };
}

/** JPEG decodes per second (sharp) of the first input. */
export async function timeDecode(input: BenchInput, budgetMs: number): Promise<RateResult> {
  const ips = await medianRate(() => decodeImage(input.jpeg), { budgetMs });
  return { name: `jpeg-${input.image.width}x${input.image.height}-q90`, imagesPerSec: roundTo(ips) };
}

/**
 * Pool throughput (units per second through `ordered`, after a warm-up of a few units per worker)
 * of `pipeline` on the dataset at `datasetPath` with `workers` worker threads.
 */
/** Images/s through the pool and the CPU it took (every thread of the process) per image. */
export interface PoolRate {
  readonly imagesPerSec: number;
  readonly cpuMsPerImage: number;
}

/** Runs `pipeline` on the dataset through an AugmentPool of `workers` threads for `budgetMs`. */
export async function poolRate(datasetPath: string, pipeline: Record<string, unknown>, workers: number, budgetMs: number): Promise<PoolRate> {
  const pool = await AugmentPool.open({ source: { kind: 'dataset', path: datasetPath }, pipeline, workers });
  try {
    const n = pool.source.size;
    const units = function* (start: number): Generator<WorkUnit> {
      for (let k = start; ; k++) yield { index: k % n, copy: Math.floor(k / n), seed: 0, epoch: 0 };
    };
    // Window: two units per worker task slot (the pool runs two tasks per worker), so no worker waits.
    const window = 4 * Math.max(1, workers);
    const warm = pool.ordered(units(0), window);
    let w = 0;
    for await (const _ of warm) if (++w >= 10 * Math.max(1, workers)) break; // every worker JIT-warm before timing
    let done = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for await (const _ of pool.ordered(units(1_000_000), window)) {
      done++;
      if (performance.now() - t0 >= budgetMs && done >= 2 * workers) break;
    }
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { imagesPerSec: (done * 1000) / elapsed, cpuMsPerImage: (cpu.user + cpu.system) / 1000 / done };
  } finally {
    await pool.close();
  }
}

/** The scaling section: the classification pipeline through the pool with each worker count. */
export async function timeScaling(inputs: readonly BenchInput[], workerCounts: readonly number[], budgetMs: number): Promise<ScalingResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'augury-bench-'));
  try {
    const path = await writeInputDataset(inputs, dir);
    const out: ScalingResult[] = [];
    for (const workers of workerCounts) out.push({ workers, imagesPerSec: roundTo((await poolRate(path, CLASSIFICATION_PIPELINE, workers, budgetMs)).imagesPerSec) });
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One pool worker on the dataset (its rate and the process's CPU per image), then two workers when
 * the machine has two cores or more (their rate over the model's bound is the efficiency): the
 * measurements behind `augury profile`'s and the doctor's predictions.
 */
export async function measurePool(datasetPath: string, pipeline: Record<string, unknown>, cores: number, budgetMs: number): Promise<PoolMeasure> {
  const one = await poolRate(datasetPath, pipeline, 1, budgetMs);
  const m: PoolMeasure = { oneWorkerRate: roundTo(one.imagesPerSec), cpuMsPerImage: roundTo(one.cpuMsPerImage, 3) };
  if (cores < 2) return m;
  const two = await poolRate(datasetPath, pipeline, 2, budgetMs);
  return { ...m, efficiency: roundTo(Math.min(1, two.imagesPerSec / poolBound(m, 2, 2)), 3) };
}
