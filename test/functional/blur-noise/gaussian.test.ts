import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convolve2d, gaussianBlur, gaussianKernel1d, gaussianKsize } from '../../../src/functional/blur-noise/index.js';
import type { BorderMode } from '../../../src/functional/types.js';
import { f32, lcg, mean, photo, throwsWith, u8 } from './helpers.js';

function close(got: ArrayLike<number>, want: readonly number[], tol: number): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= tol, `tap ${i}: ${got[i]} vs ${want[i]}`);
}

describe('gaussianKernel1d (OpenCV getGaussianKernel)', () => {
  test('ksize 3, sigma 0 is the fixed table 0.25, 0.5, 0.25', () => {
    close(gaussianKernel1d(3, 0), [0.25, 0.5, 0.25], 1e-15);
  });

  test('small odd sizes with sigma <= 0 use the fixed tables', () => {
    close(gaussianKernel1d(1, 0), [1], 0);
    close(gaussianKernel1d(5, 0), [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16], 1e-15);
    close(gaussianKernel1d(7, -1), [1 / 32, 3.5 / 32, 7 / 32, 9 / 32, 7 / 32, 3.5 / 32, 1 / 32], 1e-15);
  });

  test('ksize 5, sigma 1.1 matches exp(-x^2 / (2 sigma^2)) normalized', () => {
    // x = -2..2: e0 = exp(-4 / 2.42), e1 = exp(-1 / 2.42), centre 1.
    const e2 = Math.exp(-4 / 2.42);
    const e1 = Math.exp(-1 / 2.42);
    const sum = 2 * e2 + 2 * e1 + 1;
    close(gaussianKernel1d(5, 1.1), [e2 / sum, e1 / sum, 1 / sum, e1 / sum, e2 / sum], 1e-9);
  });

  test('ksize 9, sigma 0 derives sigma = 0.3 * ((9 - 1) / 2 - 1) + 0.8 = 1.7', () => {
    const s = 1.7;
    const raw = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((x) => Math.exp(-(x * x) / (2 * s * s)));
    const total = raw.reduce((a, b) => a + b, 0);
    close(gaussianKernel1d(9, 0), raw.map((v) => v / total), 1e-12);
  });

  test('ksize 0 derives the size from sigma: round(6 sigma + 1) | 1 for 8-bit, round(8 sigma + 1) | 1 otherwise', () => {
    assert.equal(gaussianKsize(1), 7);
    assert.equal(gaussianKsize(2), 13);
    assert.equal(gaussianKsize(0.25), 3); // 2.5 rounds to 2 (half to even), | 1 -> 3
    assert.equal(gaussianKsize(2, 'float32'), 17);
    assert.equal(gaussianKsize(2, 'uint16'), 17);
    assert.equal(gaussianKernel1d(0, 1).length, 7);
  });

  test('bad sizes throw with the option and a hint', () => {
    throwsWith(() => gaussianKernel1d(4, 1), 'gaussianKernel1d.ksize', 'Hint: use 3 or 5');
    throwsWith(() => gaussianKernel1d(0, 0), 'gaussianKernel1d.ksize', 'Hint:');
    throwsWith(() => gaussianBlur(u8(4, 4, 1, () => 0), 0, 3, 0, 0), 'gaussianBlur.ksizeX', 'Hint:');
  });
});

describe('gaussianBlur', () => {
  test('a constant image stays the same constant, for every border and dtype', () => {
    for (const border of ['reflect101', 'reflect', 'replicate', 'wrap'] as BorderMode[]) {
      const out = gaussianBlur(u8(9, 7, 3, () => 77), 5, 3, 1.3, 0.7, border);
      assert.ok(out.data.every((v) => v === 77), border);
      const outF = gaussianBlur(f32(9, 7, 1, () => 0.4), 0, 0, 2, 2, border);
      assert.ok(outF.data.every((v) => Math.abs(v - 0.4) < 1e-6), border);
    }
  });

  test('a 3-tap blur of an impulse gives 0.25, 0.5, 0.25 of it, rounded half to even', () => {
    const img = u8(5, 1, 1, (x) => (x === 2 ? 255 : 0));
    const out = gaussianBlur(img, 3, 1, 0, 0);
    // 63.75 -> 64, 127.5 -> 128 (ties to even)
    assert.deepEqual([...out.data], [0, 64, 128, 64, 0]);
  });

  test('the separable result equals the 2-D correlation with the outer product', () => {
    const r = lcg(3);
    const img = f32(11, 8, 3, () => r());
    const kx = gaussianKernel1d(5, 1.2);
    const ky = gaussianKernel1d(3, 1.2); // sigmaY 0 takes sigmaX, as in OpenCV
    const k2 = new Float64Array(15);
    for (let j = 0; j < 3; j++) for (let i = 0; i < 5; i++) k2[j * 5 + i] = ky[j]! * kx[i]!;
    for (const border of ['reflect101', 'constant', 'wrap'] as BorderMode[]) {
      const a = gaussianBlur(img, 5, 3, 1.2, 0, border);
      const b = convolve2d(img, k2, 5, 3, border);
      for (let i = 0; i < a.data.length; i++) assert.ok(Math.abs(a.data[i]! - b.data[i]!) < 1e-6, `${border} ${i}`);
    }
  });

  test('blurring with a wrap border keeps the mean; reflect101 keeps it within a grey level on a photo', async () => {
    const r = lcg(9);
    const img = f32(16, 12, 1, () => r());
    assert.ok(Math.abs(mean(gaussianBlur(img, 7, 7, 0, 0, 'wrap')) - mean(img)) < 1e-6);
    const p = await photo();
    const out = gaussianBlur(p, 5, 5, 0, 0);
    assert.ok(Math.abs(mean(out) - mean(p)) < 1, `${mean(out)} vs ${mean(p)}`);
  });

  test('uint16 with maxValue keeps maxValue and dtype', () => {
    const img = { ...u8(4, 4, 1, () => 0), dtype: 'uint16' as const, data: new Uint16Array(16).fill(4000), maxValue: 4095 };
    const out = gaussianBlur(img, 3, 3, 0);
    assert.equal(out.dtype, 'uint16');
    assert.equal(out.maxValue, 4095);
    assert.ok(out.data.every((v) => v === 4000));
  });
});
