/**
 * wasm per-pixel noise (assembly/noise.ts) for functional/blur-noise/noise.ts. The generator is
 * reproduced word for word (xoshiro128** seeded as core/rng.ts), and so is the draw order.
 * - multiplicativeNoise: plain arithmetic on the same uniforms: equal to the reference.
 * - gaussNoise: Box-Muller needs log and cos; AssemblyScript's may differ from V8's Math by an ulp
 *   now and then. That moves a pixel only when the noisy value lies within ~1e-13 of a rounding
 *   tie (integer dtypes) or of a float32 rounding boundary: none of the 10^8 values measured
 *   differed (see test/backend/noise.test.ts), and any difference is at most 1 level (uint8,
 *   uint16) or 1 float32 ulp.
 */
import type { Image } from '../../targets/image.js';
import { arenaFor } from '../arena.js';
import { activeWasm } from '../select.js';

const DTYPE_CODE = { uint8: 0, uint16: 1, float32: 2 } as const;

/** The noisy pixel array, or null when wasm is not active. `hi` is the clamp (maxValue). */
export function fastNoise<D extends Image['data']>(
  data: D, dtype: Image['dtype'], pixels: number, channels: number, perChannel: boolean,
  mode: 'gauss' | 'multiply', a: number, b: number, hi: number, seed: number,
): D | null {
  const mod = activeWasm();
  if (!mod) return null;
  const ar = arenaFor(mod);
  const src = ar.put(data);
  const dst = ar.alloc(data.byteLength);
  const cc = channels === 4 ? 3 : channels;
  const buf = ar.alloc((1024 * cc + 4) * 8);
  const words = ar.alloc((1024 * cc + 4) * 8);
  mod.fn['noise_apply']!(src, dst, pixels, channels, cc, DTYPE_CODE[dtype], perChannel ? 1 : 0, mode === 'gauss' ? 0 : 1, a, b, hi, seed, buf, words);
  return ar.takeLike(data, dst, data.length);
}

/** The first `count` u32 of `new Rng(seed)`'s stream, from the wasm generator (tests). */
export function wasmU32Stream(seed: number, count: number): Uint32Array | null {
  const mod = activeWasm();
  if (!mod) return null;
  const ar = arenaFor(mod);
  const out = ar.alloc(count * 4);
  mod.fn['noise_seed']!(seed);
  mod.fn['noise_u32']!(out, count);
  const words = ar.take(Int32Array, out, count);
  return new Uint32Array(words.buffer, words.byteOffset, count);
}

/** The first `count` draws of `new Rng(seed)` (normal(a, b) or uniform(a, b)) from the wasm kernels (tests). */
export function wasmDraws(seed: number, mode: 'gauss' | 'multiply', a: number, b: number, count: number): Float64Array | null {
  const mod = activeWasm();
  if (!mod) return null;
  const ar = arenaFor(mod);
  const out = ar.alloc((count + 4) * 8);
  mod.fn['noise_draws']!(seed, mode === 'gauss' ? 0 : 1, a, b, out, count, ar.alloc((count + 4) * 8));
  return ar.take(Float64Array, out, count);
}
