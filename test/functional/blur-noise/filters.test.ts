import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blur, boxBlur, convolve2d, medianBlur, motionBlur, motionBlurKernel } from '../../../src/functional/blur-noise/index.js';
import type { BorderMode } from '../../../src/functional/types.js';
import { f32, lcg, mean, photo, throwsWith, u8 } from './helpers.js';

describe('borders (through convolve2d)', () => {
  test('a kernel that reads x - 1 shows each border rule at the left edge', () => {
    const img = f32(4, 1, 1, (x) => x + 1); // 1 2 3 4
    const left = [1, 0, 0]; // anchor is the middle tap, so this reads src(x - 1)
    const first = (border: BorderMode, fill = 0): number => convolve2d(img, left, 3, 1, border, fill).data[0]!;
    assert.equal(first('reflect101'), 2); // dcb|abcd
    assert.equal(first('reflect'), 1); // dcba|abcd
    assert.equal(first('replicate'), 1);
    assert.equal(first('wrap'), 4);
    assert.equal(first('constant', 9), 9);
    // Far outside: a 9-tap kernel reading x - 4 on a 4-pixel row keeps reflecting.
    const far = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    assert.equal(convolve2d(img, far, 9, 1, 'reflect101').data[0], 3); // -4 -> 4 -> 2 (index) -> value 3
  });

  test('correlation, not convolution: an asymmetric kernel is not flipped', () => {
    const img = f32(5, 1, 1, (x) => (x === 2 ? 1 : 0));
    const out = convolve2d(img, [0, 0, 1], 3, 1, 'constant'); // reads x + 1
    assert.deepEqual([...out.data], [0, 1, 0, 0, 0]);
  });

  test('bad kernels and borders throw with the option and a hint', () => {
    const img = u8(3, 3, 1, () => 1);
    throwsWith(() => convolve2d(img, [1, 2], 3, 1), 'convolve2d.kernel', 'Hint:');
    throwsWith(() => convolve2d(img, [1], 1, 1, 'mirror' as BorderMode), 'convolve2d.border', 'Hint:');
  });
});

describe('boxBlur / blur', () => {
  test('hand-computed means with a replicate border', () => {
    const img = f32(4, 1, 1, (x) => 3 * x); // 0 3 6 9
    assert.deepEqual([...boxBlur(img, 3, 1, 'replicate').data], [1, 3, 6, 8]);
  });

  test('wrap keeps the mean exactly; reflect101 approximately', async () => {
    const r = lcg(5);
    const img = f32(13, 9, 3, () => r());
    assert.ok(Math.abs(mean(boxBlur(img, 5, 3, 'wrap')) - mean(img)) < 1e-6);
    const p = await photo();
    assert.ok(Math.abs(mean(blur(p, 7)) - mean(p)) < 1);
  });

  test('even sizes anchor at floor(k / 2): a 2-tap mean averages x - 1 and x', () => {
    const img = f32(4, 1, 1, (x) => 2 * x); // 0 2 4 6
    assert.deepEqual([...boxBlur(img, 2, 1, 'replicate').data], [0, 1, 3, 5]);
  });
});

describe('medianBlur', () => {
  test('removes a single salt pixel', () => {
    const img = u8(7, 7, 3, (x, y) => (x === 3 && y === 3 ? 255 : 50));
    assert.ok(medianBlur(img, 3).data.every((v) => v === 50));
  });

  test('replicate border and exact medians on a 3x3 ramp', () => {
    const img = u8(3, 3, 1, (x, y) => y * 3 + x + 1); // 1..9
    const out = medianBlur(img, 3);
    // (0,0) window with replicate: 1 1 2 / 1 1 2 / 4 4 5 -> median 2; centre: median of 1..9 = 5.
    assert.equal(out.data[0], 2);
    assert.equal(out.data[4], 5);
    // (2,2): 5 6 6 / 8 9 9 / 8 9 9 -> median 8
    assert.equal(out.data[8], 8);
  });

  test('uint8 (sliding histogram) and float32 (selection) both match a brute-force sort with clamped indices', () => {
    const r = lcg(21);
    for (const [w, h, c, k] of [
      [9, 7, 3, 3],
      [12, 5, 1, 5],
      [6, 8, 4, 7],
      [3, 2, 1, 9], // window larger than the image
    ] as const) {
      const levels = 1 + Math.floor(r() * 255);
      const img = u8(w, h, c, () => Math.floor(r() * levels));
      const fl = f32(w, h, c, (x, y, ch) => img.data[(y * w + x) * c + ch]! / 255);
      const a = medianBlur(img, k);
      const b = medianBlur(fl, k);
      const clamp = (v: number, n: number): number => Math.min(n - 1, Math.max(0, v));
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          for (let ch = 0; ch < c; ch++) {
            const win: number[] = [];
            for (let j = -(k >> 1); j <= k >> 1; j++) for (let i = -(k >> 1); i <= k >> 1; i++) win.push(img.data[(clamp(y + j, h) * w + clamp(x + i, w)) * c + ch]!);
            win.sort((p, q) => p - q);
            const want = win[win.length >> 1]!;
            const at = (y * w + x) * c + ch;
            assert.equal(a.data[at], want, `u8 ${w}x${h}x${c} k${k} at ${x},${y},${ch}`);
            assert.equal(Math.round(b.data[at]! * 255), want, `f32 ${w}x${h}x${c} k${k} at ${x},${y},${ch}`);
          }
        }
      }
    }
  });

  test('ksize 1 is a copy, even sizes throw', () => {
    const img = u8(3, 2, 1, (x, y) => x + 10 * y);
    assert.deepEqual([...medianBlur(img, 1).data], [...img.data]);
    throwsWith(() => medianBlur(img, 4), 'medianBlur.ksize', 'Hint: use 3 or 5');
  });
});

describe('motionBlurKernel', () => {
  test('sums to 1 and is symmetric under a half turn for direction 0, at any angle', () => {
    for (let k = 3; k <= 15; k += 2) {
      for (let angle = -180; angle < 360; angle += 7) {
        const ker = motionBlurKernel(k, angle, 0);
        const sum = ker.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-12, `k ${k} angle ${angle}`);
        for (let i = 0; i < ker.length; i++) assert.equal(ker[i], ker[ker.length - 1 - i], `k ${k} angle ${angle} tap ${i}`);
      }
    }
  });

  test('angle 0 is the middle row, 90 the middle column, 45 the diagonal of Euclidean length 2c', () => {
    const row = motionBlurKernel(5, 0);
    const col = motionBlurKernel(5, 90);
    const diag = motionBlurKernel(5, 45);
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) {
        assert.equal(row[y * 5 + x], y === 2 ? 0.2 : 0);
        assert.equal(col[y * 5 + x], x === 2 ? 0.2 : 0);
        // Offsets reach 2 * cos 45 = 1.41 -> 1: three diagonal cells.
        assert.equal(diag[y * 5 + x], x === y && Math.abs(x - 2) <= 1 ? 1 / 3 : 0);
      }
    }
  });

  test('direction 1 keeps only the forward half, -1 only the backward half', () => {
    const fwd = motionBlurKernel(7, 0, 1);
    const back = motionBlurKernel(7, 0, -1);
    for (let x = 0; x < 7; x++) {
      assert.equal(fwd[3 * 7 + x], x >= 3 ? 0.25 : 0);
      assert.equal(back[3 * 7 + x], x <= 3 ? 0.25 : 0);
    }
  });

  test('the line is 8-connected at shallow angles', () => {
    const k = 15;
    const ker = motionBlurKernel(k, 20);
    const cols = new Set<number>();
    for (let i = 0; i < ker.length; i++) if (ker[i]! > 0) cols.add(i % k);
    assert.equal(cols.size, k); // every column of the kernel has a tap
  });

  test('motionBlur with direction 1 streaks a point backward', () => {
    const img = f32(20, 9, 1, (x, y) => (x === 10 && y === 4 ? 1 : 0));
    const out = motionBlur(img, 7, 0, 1, 'constant');
    for (let x = 0; x < 20; x++) assert.ok(Math.abs(out.data[4 * 20 + x]! - (x >= 7 && x <= 10 ? 0.25 : 0)) < 1e-7, `x ${x}`);
  });

  test('bad options throw with the option and a hint', () => {
    throwsWith(() => motionBlurKernel(6, 0), 'motionBlurKernel.ksize', 'Hint:');
    throwsWith(() => motionBlurKernel(5, 0, 2), 'motionBlurKernel.direction', 'Hint:');
  });
});
