/**
 * A pool that augments work units: in worker threads (piscina) or, with `workers: 0`, in this
 * thread. Either way a unit gives the same output, so the worker count is a speed setting only.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AuguryError } from '../core/errors.js';
import { getMix, hasMix } from '../core/mix.js';
import { Pipeline } from '../core/pipeline.js';
import { fingerprintOf, openSource, type SampleSource, type SourceSpec } from './source.js';
import { createAugmenter, fromWireError, type AugmentedSample, type Augmenter, type AugmenterSetup, type OutputSize, type WorkUnit } from './unit.js';
import type { WorkerReply } from './worker.js';

export interface PoolOptions {
  readonly source: SourceSpec;
  /** A pipeline or its config (`Pipeline.toConfig()`); workers rebuild it from the config. */
  readonly pipeline: Pipeline | Record<string, unknown>;
  /** Worker threads; 0 runs every unit in this thread. Default 0. */
  readonly workers?: number;
  /** Letterbox every output that differs from this size. */
  readonly size?: OutputSize;
  /** Letterbox padding of images (on the image's own scale) and of semantic masks; default 0 and 0. */
  readonly fill?: number;
  readonly fillMask?: number;
  /**
   * Units a worker works on at once. Default 2: while one unit waits for its decode (sharp decodes
   * on libuv's threads, outside the worker's JS thread), the worker runs the pipeline of another.
   * Measured on the classification pipeline: 250 -> 329 images/s with one worker (BENCHMARKS.md).
   */
  readonly tasksPerWorker?: number;
}

/**
 * The config with `numClasses` set to the source's class count in every mix step that takes it
 * and leaves it unset (MixUp, CutMix, ...): a batch's soft labels are exactly that wide, so no
 * other value could be batched, and users need not repeat the count in the pipeline.
 */
export function withMixClasses(config: Record<string, unknown>, numClasses: number): Record<string, unknown> {
  const step = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['transforms'])) return { ...o, transforms: o['transforms'].map(step) };
    const name = o['name'];
    if (typeof name !== 'string' || !hasMix(name) || 'numClasses' in o || numClasses < 1) return node;
    const { name: _n, ...options } = o;
    // Only where the mix's schema accepts the option (Mosaic and Copy-Paste have no labels to mix).
    return getMix(name).schema.safeParse({ ...options, numClasses }).success ? { ...o, numClasses } : node;
  };
  return step(config) as Record<string, unknown>;
}

/** The worker module next to this one: .ts when running from source (tsx), .js when built. */
function workerFile(): string {
  const ts = fileURLToPath(new URL('./worker.ts', import.meta.url));
  return import.meta.url.endsWith('.ts') && existsSync(ts) ? ts : fileURLToPath(new URL('./worker.js', import.meta.url));
}

export class AugmentPool {
  private constructor(
    /** The main thread's copy of the source: sizes and categories for batching. */
    readonly source: SampleSource,
    readonly workers: number,
    private readonly local: Augmenter | undefined,
    private readonly piscina: Piscina | undefined,
  ) {}

  /** Opens the source here (for its size and categories) and starts the workers. */
  static async open(o: PoolOptions): Promise<AugmentPool> {
    const workers = o.workers ?? 0;
    if (!Number.isInteger(workers) || workers < 0) {
      throw new AuguryError({ code: 'usage', message: 'workers must be a whole number >= 0', key: 'workers', received: String(workers), hint: 'pass 0 to augment in this thread, or the number of worker threads' });
    }
    const given = o.pipeline instanceof Pipeline ? o.pipeline.toConfig() : Pipeline.fromConfig(o.pipeline).toConfig();
    const source = await openSource(o.source);
    const config = withMixClasses(given, source.categories.length);
    const setup: AugmenterSetup = {
      source: o.source,
      pipeline: config,
      ...(o.size ? { size: o.size } : {}),
      ...(o.fill !== undefined ? { fill: o.fill } : {}),
      ...(o.fillMask !== undefined ? { fillMask: o.fillMask } : {}),
      fingerprint: fingerprintOf(source),
    };
    if (workers === 0) return new AugmentPool(source, 0, await createAugmenter(setup), undefined);
    const tasksPerWorker = o.tasksPerWorker ?? 2;
    if (!Number.isInteger(tasksPerWorker) || tasksPerWorker < 1) {
      throw new AuguryError({ code: 'usage', message: 'tasksPerWorker must be a whole number >= 1', key: 'tasksPerWorker', received: String(o.tasksPerWorker), hint: 'the default 2 overlaps one unit\'s decode with another\'s pipeline' });
    }
    const piscina = new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, workerData: setup, idleTimeout: Infinity, concurrentTasksPerWorker: tasksPerWorker });
    return new AugmentPool(source, workers, undefined, piscina);
  }

  /** Augments one unit. */
  async run(unit: WorkUnit): Promise<AugmentedSample> {
    if (this.local) return this.local(unit);
    const reply = (await this.piscina!.run(unit)) as WorkerReply;
    if (!reply.ok) throw fromWireError(reply.error);
    return reply.value;
  }

  /**
   * Augments `units` in their order with at most `inFlight` units submitted and not yet consumed
   * (prefetch with backpressure: a slow consumer stops submission, it never piles results up).
   */
  async *ordered(units: Iterable<WorkUnit>, inFlight: number): AsyncGenerator<AugmentedSample> {
    const limit = Math.max(1, Math.floor(inFlight));
    const it = units[Symbol.iterator]();
    const window: Promise<AugmentedSample>[] = [];
    const fill = (): void => {
      while (window.length < limit) {
        const next = it.next();
        if (next.done) return;
        const p = this.run(next.value);
        p.catch(() => undefined); // rejections surface when awaited in order; never unhandled
        window.push(p);
      }
    };
    try {
      fill();
      while (window.length > 0) {
        const head = window.shift()!;
        const value = await head;
        fill();
        yield value;
      }
    } finally {
      // An abandoned iteration still lets its submitted units finish before the pool can close.
      await Promise.allSettled(window);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await this.piscina?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
