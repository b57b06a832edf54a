/**
 * From a per-core rate to a plan: images/s for N workers, cores needed for a GPU, the GPU's idle
 * share, and cheaper rewrites of the most expensive steps.
 *
 * Model (stated, then checked against `augury bench --workers N` in BENCHMARKS.md):
 *   rate(N) = perCore x min(N, cores) x efficiency, efficiency = 1 for one worker, else
 *   PARALLEL_EFFICIENCY (a heuristic for shared caches, memory bandwidth and the pool's round
 *   trips; docs/throughput.md). Workers beyond the cores add nothing.
 */
import type { StepTiming } from './profile.js';

/** Heuristic parallel efficiency with two or more workers (docs/throughput.md). */
export const PARALLEL_EFFICIENCY = 0.9;

/** Predicted images/s with `workers` worker threads on `cores` cores. */
export function predictRate(perCore: number, workers: number, cores: number, efficiency = PARALLEL_EFFICIENCY): number {
  const used = Math.max(0, Math.min(workers, cores));
  return perCore * used * (used >= 2 ? efficiency : 1);
}

/** Cores (one worker each) needed to sustain `gpuRate` images/s. */
export function coresNeeded(perCore: number, gpuRate: number, efficiency = PARALLEL_EFFICIENCY): number {
  if (perCore <= 0) return Infinity;
  if (gpuRate <= perCore) return 1;
  return Math.ceil(gpuRate / (perCore * efficiency));
}

/**
 * What one pool worker does on this machine, measured (`poolRate` with one worker): its images/s,
 * and the CPU milliseconds per image of the whole process (decode on libuv's threads, the
 * worker's pipeline, the main thread receiving results and collecting their buffers).
 */
export interface PoolMeasure {
  readonly oneWorkerRate: number;
  readonly cpuMsPerImage: number;
  /**
   * Measured rate with two workers over the model's bound for two (when the machine has two cores
   * or more): how much of the CPU bound the pool reaches once workers compete (decode threads, the
   * main thread, caches). Applied to every N >= 2; 1 when not measured.
   */
  readonly efficiency?: number;
}

/**
 * Measured model: N workers deliver N times one worker's rate until the cores run out of CPU,
 * times the efficiency measured with two workers:
 * rate(N) = min(N x oneWorkerRate, cores x 1000 / cpuMsPerImage) x (N >= 2 ? efficiency : 1).
 * The pool's own overheads are inside the measured CPU per image; nothing is guessed.
 */
export function poolBound(m: PoolMeasure, workers: number, cores: number): number {
  if (workers <= 0) return 0;
  return Math.min(workers * m.oneWorkerRate, (cores * 1000) / m.cpuMsPerImage);
}

export function predictPoolRate(m: PoolMeasure, workers: number, cores: number): number {
  return poolBound(m, workers, cores) * (workers >= 2 ? (m.efficiency ?? 1) : 1);
}

/** Cores (of CPU time) needed for `gpuRate` images/s under the measured model, and workers to get there. */
export function poolCoresNeeded(m: PoolMeasure, gpuRate: number): { cores: number; workers: number } {
  const e = m.efficiency ?? 1;
  return { cores: Math.max(1, Math.ceil((gpuRate * m.cpuMsPerImage) / 1000 / e)), workers: Math.max(1, Math.ceil(gpuRate / (m.oneWorkerRate * e))) };
}

/** Share of time the GPU waits for data when the CPUs deliver `cpuRate` images/s. */
export function gpuIdleShare(cpuRate: number, gpuRate: number): number {
  return cpuRate >= gpuRate ? 0 : 1 - cpuRate / gpuRate;
}

/** A cheaper way to get (nearly) the same augmentation. */
export interface Suggestion {
  readonly step: string;
  readonly rewrite: string;
  readonly why: string;
}

const SHRINKING = new Set(['RandomResizedCrop', 'Resize', 'RandomCrop', 'CenterCrop', 'LongestMaxSize', 'SmallestMaxSize', 'RandomSizedBBoxSafeCrop', 'Crop']);
const WARPS = new Set(['Rotate', 'Affine', 'ShiftScaleRotate', 'Perspective', 'ElasticTransform', 'GridDistortion', 'OpticalDistortion']);
/** Steps that change each pixel from its own value only: they commute with a crop exactly. */
const PIXELWISE = new Set(['ColorJitter', 'RandomBrightnessContrast', 'RandomGamma', 'HueSaturationValue', 'ToGray', 'Posterize', 'Solarize', 'Invert', 'Normalize', 'Brightness', 'Contrast', 'Saturation', 'GaussNoise', 'ISONoise', 'ChannelShuffle']);

/**
 * Concrete rewrites for the steps that take at least `minShare` of the time, given the order of
 * the pipeline's top-level step names.
 */
export function suggestRewrites(steps: readonly Pick<StepTiming, 'name' | 'ms' | 'share'>[], order: readonly string[], minShare = 0.15): Suggestion[] {
  const out: Suggestion[] = [];
  const shrinkAt = order.findIndex((n) => SHRINKING.has(n));
  for (const s of steps.filter((x) => x.share >= minShare)) {
    const at = order.indexOf(s.name);
    const later = shrinkAt > at && at >= 0 ? order[shrinkAt]! : undefined;
    if (later && PIXELWISE.has(s.name)) {
      out.push({ step: s.name, rewrite: `move ${s.name} after ${later}`, why: `${s.name} works pixel by pixel, so after the crop it gives the same result on fewer pixels` });
    } else if (later && WARPS.has(s.name)) {
      out.push({ step: s.name, rewrite: `crop before rotating: move ${later} before ${s.name} (crop a margin larger than the output, warp, then crop to size)`, why: `${s.name} resamples every input pixel; after the crop it resamples only the output's` });
    } else if (s.name === 'ElasticTransform') {
      out.push({ step: s.name, rewrite: 'lower ElasticTransform sigma (the smoothing kernel grows with it), or use GridDistortion (numSteps 5), which interpolates a coarse grid instead of smoothing a per-pixel field', why: 'the per-pixel displacement field and its Gaussian smoothing dominate the cost' });
    } else if (s.name === 'ColorJitter') {
      out.push({ step: s.name, rewrite: 'RandomBrightnessContrast + HueSaturationValue in place of ColorJitter, or ColorJitter with hue 0 (the hue rotation needs an HSV round trip per pixel)', why: 'ColorJitter\'s hue and saturation go through per-pixel colour-space conversions' });
    } else if (WARPS.has(s.name)) {
      const i = order.indexOf(s.name);
      let between = -1;
      for (let j = 0; j < i; j++) if (WARPS.has(order[j]!) || order[j] === 'HorizontalFlip' || order[j] === 'VerticalFlip') between = j;
      if (between >= 0 && between < i - 1) {
        out.push({ step: s.name, rewrite: `put ${s.name} right after ${order[between]!} (move ${order.slice(between + 1, i).join(', ')} after it)`, why: 'consecutive geometric steps are resampled once (fusion); a step in between forces a second resampling' });
      }
    } else if (s.name === 'GaussianBlur' || s.name === 'MotionBlur' || s.name === 'MedianBlur') {
      out.push({ step: s.name, rewrite: `lower ${s.name}'s p or its kernel size (blurLimit)`, why: 'blur cost grows with the kernel size' });
    }
  }
  return out;
}
