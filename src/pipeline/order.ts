/**
 * The order of an epoch: a seeded shuffle reseeded per epoch, then one rank's shard. Everything
 * here is a pure function of (size, seed, epoch, rank, worldSize), so every rank computes the
 * same permutation without talking to the others.
 */
import { AuguryError } from '../core/errors.js';
import { Rng } from '../core/rng.js';

export interface OrderOptions {
  readonly shuffle: boolean;
  readonly seed: number;
  readonly epoch: number;
  readonly rank: number;
  readonly worldSize: number;
}

/** Every index in [0, size) once: shuffled by the stream (seed, 'loader', epoch) when asked. */
export function epochOrder(size: number, o: Pick<OrderOptions, 'shuffle' | 'seed' | 'epoch'>): number[] {
  const ids = Array.from({ length: size }, (_, i) => i);
  // A fork of its own: the order never shares numbers with any sample's augmentation stream.
  return o.shuffle ? new Rng(o.seed).fork('loader-order').fork(o.epoch).shuffle(ids) : ids;
}

/**
 * Rank `rank`'s shard of an order: positions rank, rank + worldSize, ... Shards are disjoint and
 * together cover the order; their sizes differ by at most one (no sample is repeated to even
 * them out, unlike PyTorch's DistributedSampler).
 */
export function shard(order: readonly number[], rank: number, worldSize: number): number[] {
  checkSharding(rank, worldSize);
  return order.filter((_, pos) => pos % worldSize === rank);
}

export function checkSharding(rank: number, worldSize: number): void {
  if (!Number.isInteger(worldSize) || worldSize < 1) {
    throw new AuguryError({ code: 'usage', message: 'worldSize must be a whole number >= 1', key: 'worldSize', received: String(worldSize), hint: 'pass the number of training processes (1 without distributed training)' });
  }
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) {
    throw new AuguryError({ code: 'usage', message: 'rank must be a whole number in [0, worldSize)', key: 'rank', expected: `0..${worldSize - 1}`, received: String(rank), hint: "pass this process's rank (torch: RANK) and the world size" });
  }
}

/** Splits an order into batches of `batchSize`; the last short batch is kept unless `dropLast`. */
export function batchesOf(order: readonly number[], batchSize: number, dropLast: boolean): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AuguryError({ code: 'usage', message: 'batchSize must be a whole number >= 1', key: 'batchSize', received: String(batchSize), hint: 'pass the number of samples per batch, such as 32' });
  }
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) {
    const b = order.slice(i, i + batchSize);
    if (b.length === batchSize || !dropLast) out.push(b);
  }
  return out;
}
