/**
 * Seeded, forkable randomness. `Math.random` is never used in augury.
 *
 * Generator: xoshiro128** (Blackman & Vigna), 32-bit words, so the wasm kernels can reproduce
 * it bit for bit with plain i32 arithmetic. Seeding: each 32-bit key word is absorbed through
 * the murmur3 finalizer (fmix32), and the four state words come from a SplitMix32 sequence
 * (Weyl increment 0x9e3779b9, then fmix32) started from that hash.
 *
 * Streams are named: `fork(name)` derives a child from the parent's *key* (the path of names
 * from the root seed), not from how many numbers the parent has drawn. So the stream of
 * (seed, epoch, sample, copy, step) is the same whatever else ran before it, in any worker.
 *
 * Floats: `next()` = u32 / 2^32, in [0, 1). Normals: Box-Muller, one normal per two uniforms
 * (the cosine branch), no caching, so a draw's cost in numbers is fixed.
 */
import { AuguryError } from './errors.js';

const TWO_POW_32 = 4294967296;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a of a string's UTF-16 code units: names become key words. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A key word for a fork name or index. Integers in [0, 2^32) map to themselves. */
function keyWord(part: string | number): number {
  if (typeof part === 'number') {
    if (Number.isInteger(part) && part >= 0 && part < TWO_POW_32) return part;
    throw new AuguryError({ code: 'validation', message: 'an Rng fork index must be an integer in [0, 2^32)', received: String(part) });
  }
  return hashString(part);
}

function absorb(key: readonly number[]): number {
  let h = 0x2545f491;
  for (const w of key) h = fmix32((h ^ w) + 0x9e3779b9 + ((h << 6) >>> 0) + (h >>> 2));
  return h;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Parts of a sample's stream identity. */
export interface StreamId {
  readonly seed: number;
  readonly epoch?: number;
  readonly index: number;
  readonly copy?: number;
}

export class Rng {
  /** The path of key words from the root seed; forks append to it. */
  readonly key: readonly number[];
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A root generator. `seed` is an integer in [0, 2^32) or any string. */
  constructor(seed: number | string = 0, key?: readonly number[]) {
    this.key = key ?? [keyWord(typeof seed === 'number' ? seed >>> 0 === seed ? seed : badSeed(seed) : seed)];
    let sm = absorb(this.key);
    const next = (): number => {
      sm = (sm + 0x9e3779b9) >>> 0;
      return fmix32(sm);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** The stream of one step of one copy of one sample in one epoch. */
  static forSample(id: StreamId): Rng {
    return new Rng(id.seed).fork('epoch').fork(id.epoch ?? 0).fork('sample').fork(id.index).fork('copy').fork(id.copy ?? 0);
  }

  /** A child stream named `part`; independent of how much this stream has drawn. */
  fork(part: string | number): Rng {
    return new Rng(0, [...this.key, keyWord(part)]);
  }

  /** Next raw 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). `uniform(a, a)` returns a. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both included; unbiased (Lemire's rejection on 32 bits). */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new AuguryError({ code: 'validation', message: 'Rng.int needs integers lo <= hi', received: `[${lo}, ${hi}]` });
    }
    const range = hi - lo + 1;
    if (range > TWO_POW_32) throw new AuguryError({ code: 'validation', message: 'Rng.int range exceeds 2^32', received: String(range) });
    if (range === TWO_POW_32) return lo + this.nextU32();
    const limit = TWO_POW_32 - (TWO_POW_32 % range);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return lo + (x % range);
  }

  /** True with probability p. Consumes one number even when p is 0 or 1, so streams stay aligned. */
  bool(p: number): boolean {
    return this.next() < p;
  }

  /** Gaussian by Box-Muller (cosine branch). */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** An element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new AuguryError({ code: 'validation', message: 'Rng.choice needs a non-empty array' });
    return items[this.int(0, items.length - 1)]!;
  }

  /** Index drawn with the given non-negative weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new AuguryError({ code: 'validation', message: 'weights must be finite and >= 0', received: String(w) });
      total += w;
    }
    if (total <= 0) throw new AuguryError({ code: 'validation', message: 'weights must not all be zero' });
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }

  /** A 32-bit sub-seed for per-pixel randomness stored in params (noise, elastic fields). */
  subSeed(): number {
    return this.nextU32();
  }
}

function badSeed(seed: number): never {
  throw new AuguryError({ code: 'validation', message: 'a seed must be an integer in [0, 2^32) or a string', received: String(seed), hint: 'use --seed with a whole number such as 42' });
}
