/**
 * Runs a kernel on both backends and compares: the reference (TypeScript) and the wasm kernels,
 * each forced explicitly, so a wasm module that fails to load fails the test instead of silently
 * comparing the reference with itself.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withBackend } from '../../src/backend/select.js';
import { wasmCallCount } from '../../src/backend/select.js';
import type { Channels, DType, Image } from '../../src/targets/image.js';

/** `fn` on the reference kernels and on wasm; asserts wasm really ran. */
export function bothBackends<T>(fn: () => T): { ts: T; wasm: T } {
  const ts = withBackend('ts', fn);
  const before = wasmCallCount();
  const wasm = withBackend('wasm', fn);
  assert.ok(wasmCallCount() > before, 'the wasm backend was not called: the kernel fell back to its reference');
  return { ts, wasm };
}

type Pixels = Image['data'] | Uint8Array | Uint16Array | Int32Array | Float32Array;

/**
 * Largest absolute difference between two pixel arrays, and how many elements differ at all.
 * Fails at once when lengths or array types differ.
 */
export function diff(a: Pixels, b: Pixels): { max: number; count: number } {
  assert.equal(a.constructor.name, b.constructor.name, 'array types differ');
  assert.equal(a.length, b.length, 'lengths differ');
  let max = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d !== 0 || Number.isNaN(a[i]!) !== Number.isNaN(b[i]!)) {
      count++;
      if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
    }
  }
  return { max, count };
}

/** Asserts equal images: same size and dtype, pixels within `tol` (0: identical). */
export function assertImagesClose(a: Image, b: Image, tol = 0, what = 'image'): void {
  assert.deepEqual([b.width, b.height, b.channels, b.dtype], [a.width, a.height, a.channels, a.dtype], `${what}: shape`);
  const d = diff(a.data, b.data);
  assert.ok(d.max <= tol, `${what}: ${d.count} values differ, by up to ${d.max} (tolerance ${tol})`);
}

/** Random images of the given dtypes and channel counts, 1-40 px a side (odd sizes included). */
export function arbImage(dtypes: readonly DType[] = ['uint8'], channels: readonly Channels[] = [1, 3, 4], maxSide = 40): fc.Arbitrary<Image> {
  return fc
    .record({
      width: fc.integer({ min: 1, max: maxSide }),
      height: fc.integer({ min: 1, max: maxSide }),
      channels: fc.constantFrom(...channels),
      dtype: fc.constantFrom(...dtypes),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .map(({ width, height, channels, dtype, seed }) => randomImage(width, height, channels, dtype, seed));
}

/** A deterministic noise image (a small LCG, not the library's Rng, so the test is independent). */
export function randomImage(width: number, height: number, channels: Channels, dtype: DType, seed: number): Image {
  const n = width * height * channels;
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  if (dtype === 'uint8') return { width, height, channels, dtype, data: Uint8Array.from({ length: n }, () => Math.floor(next() * 256)) };
  if (dtype === 'uint16') return { width, height, channels, dtype, data: Uint16Array.from({ length: n }, () => Math.floor(next() * 65536)) };
  return { width, height, channels, dtype, data: Float32Array.from({ length: n }, () => next()) };
}
