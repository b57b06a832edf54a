import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { elasticField } from '../../src/functional/geometric/index.js';
import { bothBackends } from './compare.js';

/** Bit-for-bit equality of two float32 arrays (the sign of zero included). */
function assertBitEqual(a: Float32Array, b: Float32Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length), y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) assert.fail(`${what}: value ${i} is ${b[i]}, the reference ${a[i]}`);
}

describe('wasm elastic fields equal the reference bit for bit', () => {
  test('any size, alpha, sigma and seed (vector body and scalar tail of every row)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 12, noNaN: true })),
        fc.integer({ min: 0, max: 0xffffffff }),
        (w, h, alpha, sigma, seed) => {
          const { ts, wasm } = bothBackends(() => elasticField(w, h, alpha, sigma, seed));
          assertBitEqual(ts.dx, wasm.dx, `dx ${w}x${h} alpha ${alpha} sigma ${sigma}`);
          assertBitEqual(ts.dy, wasm.dy, `dy ${w}x${h} alpha ${alpha} sigma ${sigma}`);
        },
      ),
      { numRuns: 80 },
    );
  });

  test('a kernel much wider than the image (sigma 50: radius 200 on 9x5) reflects again and again', () => {
    const { ts, wasm } = bothBackends(() => elasticField(9, 5, 34, 50, 123));
    assertBitEqual(ts.dx, wasm.dx, 'dx');
    assertBitEqual(ts.dy, wasm.dy, 'dy');
  });

  test('the benchmark setting on a full-size image (500x375, alpha 50, sigma 5)', () => {
    const { ts, wasm } = bothBackends(() => elasticField(500, 375, 50, 5, 2024));
    assertBitEqual(ts.dx, wasm.dx, 'dx');
    assertBitEqual(ts.dy, wasm.dy, 'dy');
    // The fields are smooth and not all zero: the test compares real work.
    assert.ok(wasm.dx.some((v) => Math.abs(v) > 1) && wasm.dy.some((v) => Math.abs(v) > 1));
  });

  test('alpha 0 gives a zero field (with the reference sign of each zero)', () => {
    const { ts, wasm } = bothBackends(() => elasticField(13, 7, 0, 3, 9));
    assertBitEqual(ts.dx, wasm.dx, 'dx');
    assert.ok(wasm.dx.every((v) => v === 0));
  });
});
