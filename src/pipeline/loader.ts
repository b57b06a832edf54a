/**
 * A loader for training loops: an async iterator of batches over one rank's shard of a source,
 * augmented by a worker pool with a bounded prefetch window. Batches are a pure function of
 * (source, pipeline, seed, epoch, rank, worldSize, batchSize, dropLast, size, fill, fillMask,
 * layout): the worker count and timing change the speed, never the data (docs/loader.md).
 */
import { AuguryError } from '../core/errors.js';
import { Pipeline } from '../core/pipeline.js';
import { collate, type Batch, type Layout } from './collate.js';
import { batchesOf, checkSharding, epochOrder, shard } from './order.js';
import { AugmentPool } from './pool.js';
import type { SourceSpec } from './source.js';
import type { OutputSize, WorkUnit } from './unit.js';

export interface LoaderOptions {
  /** A dataset path (any format `openDataset` reads) or a source spec. */
  readonly dataset: string | SourceSpec;
  /** Default: no augmentation. */
  readonly pipeline?: Pipeline | Record<string, unknown>;
  readonly batchSize: number;
  /** Default true: a new order each epoch, from (seed, epoch). */
  readonly shuffle?: boolean;
  /** Drop the last batch when it is short. Default false. */
  readonly dropLast?: boolean;
  /** Seeds the order and every augmentation. Default 0. */
  readonly seed?: number;
  /** The epoch iterated by `for await (const b of loader)`. Default 0. */
  readonly epoch?: number;
  /** This process's shard (default 0 of 1). */
  readonly rank?: number;
  readonly worldSize?: number;
  /** Worker threads; 0 augments in this thread. Default 0. */
  readonly workers?: number;
  /** Default 'NCHW' (PyTorch); tfjs wants 'NHWC'. */
  readonly layout?: Layout;
  /** Letterbox every sample that differs to this size (a number is a square). */
  readonly size?: number | OutputSize;
  /** Letterbox padding of images, on the image's own scale (114 for Ultralytics' grey on uint8). Default 0. */
  readonly fill?: number;
  /** Letterbox padding of semantic masks: your ignore index (255, -1...) or background. Default 0. Instance planes pad with 0 (outside). */
  readonly fillMask?: number;
  /** Samples submitted ahead of the consumer; default max(2 * batchSize, 4 * workers). */
  readonly prefetch?: number;
}

export interface Loader extends AsyncIterable<Batch> {
  /** Samples of this rank per epoch. */
  readonly length: number;
  /** Batches of this rank per epoch. */
  readonly batches: number;
  readonly numClasses: number;
  readonly categories: readonly string[];
  /** Messages for records the dataset skipped when it opened. */
  readonly skipped: readonly string[];
  /** The batches of epoch `epoch` (reshuffled and re-augmented from that epoch's streams). */
  epoch(epoch: number): AsyncIterable<Batch>;
  /** Stops the workers; the loader cannot be iterated after. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Opens the source, starts the workers and returns the loader.
 * @example
 * const loader = await createLoader({ dataset: 'data/coco', pipeline, batchSize: 16, size: 640, workers: 2 });
 * for await (const batch of loader.epoch(3)) train(batch.images, batch.boxes);
 * await loader.close();
 */
export async function createLoader(o: LoaderOptions): Promise<Loader> {
  const rank = o.rank ?? 0;
  const worldSize = o.worldSize ?? 1;
  checkSharding(rank, worldSize);
  batchesOf([], o.batchSize, false); // validates batchSize before any worker starts
  const layout = o.layout ?? 'NCHW';
  if (layout !== 'NCHW' && layout !== 'NHWC') {
    throw new AuguryError({ code: 'usage', message: 'unknown layout', key: 'layout', expected: 'NCHW or NHWC', received: String(layout), hint: "use 'NCHW' for PyTorch, 'NHWC' for TensorFlow.js" });
  }
  const seed = o.seed ?? 0;
  const shuffle = o.shuffle ?? true;
  const dropLast = o.dropLast ?? false;
  const size = typeof o.size === 'number' ? { width: o.size, height: o.size } : o.size;
  const source: SourceSpec = typeof o.dataset === 'string' ? { kind: 'dataset', path: o.dataset } : o.dataset;
  const sourceName = source.kind === 'dataset' ? source.path : source.module;
  const pool = await AugmentPool.open({
    source,
    pipeline: o.pipeline ?? { transforms: [] },
    workers: o.workers ?? 0,
    ...(size ? { size } : {}),
    ...(o.fill !== undefined ? { fill: o.fill } : {}),
    ...(o.fillMask !== undefined ? { fillMask: o.fillMask } : {}),
  });
  const n = pool.source.size;
  const numClasses = pool.source.categories.length;
  const perRank = Math.floor(n / worldSize) + (rank < n % worldSize ? 1 : 0);
  const prefetch = o.prefetch ?? Math.max(2 * o.batchSize, 4 * pool.workers);
  let closed = false;

  const epoch = (e: number): AsyncIterable<Batch> => ({
    async *[Symbol.asyncIterator]() {
      if (closed) throw new AuguryError({ code: 'usage', message: 'the loader was closed', hint: 'create a new loader' });
      const batches = batchesOf(shard(epochOrder(n, { shuffle, seed, epoch: e }), rank, worldSize), o.batchSize, dropLast);
      const units = (function* (): Generator<WorkUnit> {
        for (const b of batches) for (const index of b) yield { index, copy: 0, seed, epoch: e };
      })();
      const results = pool.ordered(units, prefetch);
      try {
        for (const b of batches) {
          const samples = [];
          for (let k = 0; k < b.length; k++) {
            const r = await results.next();
            if (r.done) throw new AuguryError({ code: 'validation', message: 'the pool ended before the epoch did' });
            samples.push(r.value);
          }
          let batch: Batch;
          try {
            batch = collate(samples, layout, numClasses);
          } catch (e) {
            throw e instanceof AuguryError ? e.at({ file: sourceName }) : e;
          }
          yield batch;
        }
      } finally {
        await results.return(undefined);
      }
    },
  });

  return {
    length: perRank,
    batches: dropLast ? Math.floor(perRank / o.batchSize) : Math.ceil(perRank / o.batchSize),
    numClasses,
    categories: pool.source.categories,
    skipped: pool.source.skipped ?? [],
    epoch,
    [Symbol.asyncIterator]: () => epoch(o.epoch ?? 0)[Symbol.asyncIterator](),
    close: async () => {
      closed = true;
      await pool.close();
    },
    [Symbol.asyncDispose]: async function () {
      closed = true;
      await pool.close();
    },
  };
}
