/**
 * wasm ElasticTransform fields (assembly/fields.ts) for functional/geometric/fields.ts: the same
 * Rng stream (generator reproduced word for word) and the same f64 sums in the same order, so the
 * fields equal the reference bit for bit.
 */
import { arenaFor } from '../arena.js';
import { activeWasm } from '../select.js';

/**
 * The displacement fields, or null when wasm is not active. `kernel` is the reference's smoothing
 * kernel (null for sigma 0); the tables give the source index of each padded column and row
 * (built only when the kernel runs).
 */
export function fastElasticField(
  w: number, h: number, alpha: number, seed: number, kernel: Float64Array | null,
  colTable: () => Int32Array, rowTable: () => Int32Array,
): { dx: Float32Array; dy: Float32Array } | null {
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const n = w * h;
  const r = kernel ? kernel.length >> 1 : -1;
  const k = kernel ? a.put(kernel) : 0;
  const cols = kernel ? a.put(colTable()) : 0;
  const rows = kernel ? a.put(rowTable()) : 0;
  const raw = a.alloc(n * 8);
  const tmp = a.alloc(n * 8);
  const pad = a.alloc((w + 2 * Math.max(r, 0) + 8) * 8);
  const words = a.alloc(n * 4);
  const dx = a.alloc(n * 4);
  const dy = a.alloc(n * 4);
  mod.fn['fields_elastic']!(w, h, alpha, seed, k, r, cols, rows, raw, tmp, pad, words, dx, dy);
  return { dx: a.take(Float32Array, dx, n), dy: a.take(Float32Array, dy, n) };
}
