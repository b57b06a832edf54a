import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.js';
import { gaussNoise, multiplicativeNoise } from '../../src/functional/blur-noise/index.js';
import { wasmDraws, wasmU32Stream } from '../../src/backend/fast/noise.js';
import { withBackend } from '../../src/backend/select.js';
import type { Image } from '../../src/targets/image.js';
import { arbImage, assertImagesClose, bothBackends, diff, randomImage } from './compare.js';

/**
 * Gaussian noise: the wasm log and cos may differ from V8's Math by an ulp or two (on about a
 * quarter of the normals, measured below), which moves a pixel only when its noisy value lies
 * within ~1e-13 of a rounding boundary. The stated tolerance is 1 level (uint8, uint16) or one
 * float32 step, and the tests also require that no value at all differs on the images they use.
 */
const NOISE_TOL = { uint8: 1, uint16: 1, float32: 2 ** -24 } as const;

describe('wasm generator: the Rng stream word for word', () => {
  test('the u32 stream equals Rng.nextU32 for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 300 }), (seed, n) => {
        const wasm = withBackend('wasm', () => wasmU32Stream(seed, n))!;
        const rng = new Rng(seed);
        for (let i = 0; i < n; i++) assert.equal(wasm[i], rng.nextU32(), `seed ${seed} word ${i}`);
      }),
    );
  });

  test('uniform draws equal Rng.uniform exactly', () => {
    const wasm = withBackend('wasm', () => wasmDraws(99, 'multiply', 0.8, 1.3, 5001))!;
    const rng = new Rng(99);
    for (let i = 0; i < wasm.length; i++) assert.equal(wasm[i], rng.uniform(0.8, 1.3), `draw ${i}`);
  });

  test('normals agree with Rng.normal to a few ulps (and exactly on most draws)', () => {
    const n = 200_001; // odd: the last pair's partner is past the end
    const wasm = withBackend('wasm', () => wasmDraws(7, 'gauss', 3, 12.5, n))!;
    const rng = new Rng(7);
    let same = 0;
    for (let i = 0; i < n; i++) {
      const want = rng.normal(3, 12.5);
      const got = wasm[i]!;
      if (got === want) same++;
      // A few ulps of std * sqrt(-2 log u) * cos, whose magnitude is at most 12.5 * 6.7.
      assert.ok(Math.abs(got - want) <= 4 * 2 ** -52 * 12.5 * 6.7, `draw ${i}: ${got} vs ${want}`);
    }
    assert.ok(same / n > 0.5, `only ${same} of ${n} normals are bit-equal`);
  });
});

describe('wasm gaussNoise', () => {
  test('all dtypes, 1/3/4 channels, per channel or shared: within the stated tolerance, alpha copied', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 70),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.boolean(),
        (img, s, m, seed, perChannel) => {
          const scale = img.dtype === 'uint8' ? 255 : img.dtype === 'uint16' ? 65535 : 1;
          const { ts, wasm } = bothBackends(() => gaussNoise(img, s * scale, m * scale, seed, perChannel));
          assertImagesClose(ts, wasm, NOISE_TOL[img.dtype], `${img.dtype} ${img.channels}`);
          if (img.channels === 4) for (let i = 3; i < img.data.length; i += 4) assert.equal(wasm.data[i], img.data[i]);
        },
      ),
      { numRuns: 120 },
    );
  });

  test('no value differs on 3.4 million noisy values of every dtype', () => {
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
      const img = randomImage(500, 375, 3, dtype, 11);
      const std = dtype === 'uint8' ? 10 : dtype === 'uint16' ? 2570 : 0.04;
      for (const seed of [1, 2]) {
        const { ts, wasm } = bothBackends(() => gaussNoise(img, std, 0, seed));
        const d = diff(ts.data, wasm.data);
        assert.equal(d.count, 0, `${dtype} seed ${seed}: ${d.count} values differ by up to ${d.max}`);
      }
    }
  });

  test('clamps at 0 and maxValue (uint16 with maxValue 4095, float32 at 1) and rounds half to even', () => {
    const u16: Image = { width: 40, height: 30, channels: 1, dtype: 'uint16', maxValue: 4095, data: Uint16Array.from({ length: 1200 }, (_, i) => (i * 37) % 4096) };
    const a = bothBackends(() => gaussNoise(u16, 900, 0, 5));
    assertImagesClose(a.ts, a.wasm, 0, 'uint16 maxValue');
    assert.ok(Math.max(...a.wasm.data) === 4095 && Math.min(...a.wasm.data) === 0);
    const f: Image = { width: 30, height: 20, channels: 3, dtype: 'float32', data: new Float32Array(1800).fill(0.5) };
    const b = bothBackends(() => gaussNoise(f, 0.6, 0, 6));
    assertImagesClose(b.ts, b.wasm, 0, 'float32 clamp');
    assert.ok(b.wasm.data.some((v) => v === 1) && b.wasm.data.some((v) => v === 0));
    // std 0 and a mean of exactly 0.5: every value is a tie, rounded to even.
    const g = randomImage(17, 5, 3, 'uint8', 3);
    const c = bothBackends(() => gaussNoise(g, 0, 0.5, 8));
    assertImagesClose(c.ts, c.wasm, 0, 'ties');
    for (let i = 0; i < g.data.length; i++) assert.equal(c.wasm.data[i], Math.min(255, g.data[i]! + (g.data[i]! % 2 === 0 ? 0 : 1)));
  });

  test('images larger than one batch of draws (1024 pixels) keep the stream aligned across batches', () => {
    for (const [w, h, c, perChannel] of [[1025, 1, 3, true], [33, 63, 4, true], [2049, 2, 1, false], [40, 52, 4, false]] as const) {
      const img = randomImage(w, h, c, 'uint8', w);
      const { ts, wasm } = bothBackends(() => gaussNoise(img, 20, -2, 77, perChannel));
      assertImagesClose(ts, wasm, 0, `${w}x${h}x${c} ${perChannel}`);
    }
  });
});

describe('wasm multiplicativeNoise', () => {
  test('equal to the reference for every dtype and channel count', () => {
    fc.assert(
      fc.property(arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 70), fc.integer({ min: 0, max: 0xffffffff }), fc.boolean(), (img, seed, perChannel) => {
        const { ts, wasm } = bothBackends(() => multiplicativeNoise(img, 0.7, 1.4, seed, perChannel));
        assertImagesClose(ts, wasm, 0, `${img.dtype} ${img.channels} ${perChannel}`);
      }),
      { numRuns: 80 },
    );
  });
});
