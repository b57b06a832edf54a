import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { boxBlur, convolve2d, gaussianBlur, medianBlur, motionBlur, sepFilter } from '../../src/functional/blur-noise/index.js';
import { gaussianKernel1d } from '../../src/functional/blur-noise/gaussian.js';
import { blurPlanOf } from '../../src/backend/fast/blur.js';
import type { BorderMode } from '../../src/functional/types.js';
import type { Image } from '../../src/targets/image.js';
import { arbImage, assertImagesClose, bothBackends, diff, randomImage } from './compare.js';

const BORDERS: readonly BorderMode[] = ['reflect101', 'constant', 'replicate', 'reflect', 'wrap'];

/**
 * uint8 tolerance: 1 grey level. The fixed-point path proves |result - reference| < 0.5 before
 * rounding for the taps it takes, so the rounded values differ by at most 1 (the plan's bound is
 * checked below); kernels it computes exactly (dyadic taps) must be equal.
 */
const U8_TOL = 1;

/** A smooth photo-like image: gradients, a soft disc and mild noise, so most values are not near ties by chance. */
function smoothImage(w: number, h: number, c: 1 | 3 | 4, seed: number): Image {
  const noise = randomImage(w, h, c, 'uint8', seed).data;
  const data = new Uint8Array(w * h * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const disc = Math.hypot(x - w / 2, y - h / 2) < h / 3 ? 60 : 0;
      for (let ch = 0; ch < c; ch++) {
        const i = (y * w + x) * c + ch;
        data[i] = Math.min(255, Math.round((x * 200) / w + (y * 40) / h + disc + ch * 5 + (noise[i]! % 9)));
      }
    }
  }
  return { width: w, height: h, channels: c, dtype: 'uint8', data };
}

describe('wasm separable blur: uint8 fixed point', () => {
  test('Gaussian of any odd size and sigma, every border, 1/3/4 channels: within 1 level, equal when the plan is exact', () => {
    let fixed = 0;
    fc.assert(
      fc.property(
        arbImage(['uint8'], [1, 3, 4], 70),
        fc.integer({ min: 1, max: 7 }).map((h) => 2 * h + 1),
        fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 4, noNaN: true })),
        fc.constantFrom(...BORDERS),
        (img, k, sigma, border) => {
          const { ts, wasm } = bothBackends(() => gaussianBlur(img, k, k, sigma, sigma, border));
          const kern = gaussianKernel1d(k, sigma);
          const plan = blurPlanOf(kern, kern);
          // Only a tap of ~1 (a tiny sigma: no blur) is beyond Q15 and goes to the exact f64 path.
          if (plan.path === 'fixed') fixed++;
          else assert.ok(Math.max(...kern) > 0.99, `ksize ${k} sigma ${sigma} left the fixed path`);
          assert.ok(plan.bound < 0.5, `bound ${plan.bound}`);
          assertImagesClose(ts, wasm, plan.exact ? 0 : U8_TOL, `gaussian ${k} sigma ${sigma} ${border}`);
        },
      ),
      { numRuns: 150 },
    );
    assert.ok(fixed > 100, `only ${fixed} of 150 runs took the fixed path`);
  });

  test("OpenCV's fixed small kernels (sigma 0) and dyadic box filters are computed exactly, ties to even", () => {
    for (const [w, h, c] of [[17, 9, 3], [33, 5, 4], [1, 1, 1], [16, 16, 1], [70, 3, 3]] as const) {
      const img = randomImage(w, h, c, 'uint8', w * 31 + h);
      for (const k of [3, 5, 7]) {
        assert.equal(blurPlanOf(gaussianKernel1d(k, 0), gaussianKernel1d(k, 0)).exact, true);
        for (const border of BORDERS) {
          const { ts, wasm } = bothBackends(() => gaussianBlur(img, k, k, 0, 0, border));
          assertImagesClose(ts, wasm, 0, `ksize ${k} sigma 0 ${border} ${w}x${h}x${c}`);
        }
      }
      for (const k of [2, 4, 8]) {
        const { ts, wasm } = bothBackends(() => boxBlur(img, k, k));
        assertImagesClose(ts, wasm, 0, `box ${k}`);
      }
    }
  });

  test('an impulse through [0.25, 0.5, 0.25] gives exact ties (31.875 -> 32, 63.75 -> 64, 127.5 -> 128) rounded as the reference', () => {
    const data = new Uint8Array(9 * 9);
    data[4 * 9 + 4] = 255;
    data[0] = 1; // 0.25 and 0.0625 of 1 at the corner: ties and below-half values
    const img: Image = { width: 9, height: 9, channels: 1, dtype: 'uint8', data };
    const { ts, wasm } = bothBackends(() => gaussianBlur(img, 3, 3, 0, 0));
    assertImagesClose(ts, wasm, 0, 'impulse');
    assert.equal(wasm.data[4 * 9 + 4], 64); // 255 / 4 = 63.75
    assert.equal(wasm.data[4 * 9 + 3], 32); // 255 / 8 = 31.875
  });

  test('on a smooth photo-like image a 5x5 sigma 1.1 blur differs from the reference on < 0.2% of values, by 1', () => {
    for (const c of [1, 3, 4] as const) {
      const img = smoothImage(200, 150, c, 7);
      const { ts, wasm } = bothBackends(() => gaussianBlur(img, 5, 5, 1.1, 1.1));
      const d = diff(ts.data, wasm.data);
      assert.ok(d.max <= 1, `max ${d.max}`);
      assert.ok(d.count / img.data.length < 0.002, `${d.count} of ${img.data.length} differ`);
    }
  });

  test('box blurs of odd and even sizes, and different sizes per axis, stay within 1 level', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [1, 3, 4], 50), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (img, kx, ky) => {
        const { ts, wasm } = bothBackends(() => boxBlur(img, kx, ky));
        assertImagesClose(ts, wasm, U8_TOL, `box ${kx}x${ky}`);
      }),
      { numRuns: 60 },
    );
  });

  test('long kernels (more than 8 row taps, more than 15 column taps) take the generic loops', () => {
    const img = smoothImage(45, 40, 3, 3);
    for (const [kx, ky] of [[9, 17], [21, 3], [31, 31]] as const) {
      const gx = gaussianKernel1d(kx, 0), gy = gaussianKernel1d(ky, 0);
      assert.equal(blurPlanOf(gx, gy).path, 'fixed');
      const { ts, wasm } = bothBackends(() => sepFilter(img, gx, gy));
      assertImagesClose(ts, wasm, U8_TOL, `${kx}x${ky}`);
    }
  });

  test('a kernel larger than the image (repeated reflection, wrap) and one-pixel images', () => {
    for (const [w, h] of [[1, 1], [1, 7], [7, 1], [3, 2]] as const) {
      const img = randomImage(w, h, 3, 'uint8', w + 10 * h);
      for (const border of BORDERS) {
        const { ts, wasm } = bothBackends(() => gaussianBlur(img, 9, 7, 1.5, 1.2, border));
        assertImagesClose(ts, wasm, U8_TOL, `${w}x${h} ${border}`);
      }
    }
  });

  test('constant border with a non-zero fill: integer fills in fixed point, others exactly in f64', () => {
    const img = randomImage(23, 11, 3, 'uint8', 5);
    const k = gaussianKernel1d(5, 1.3);
    const a = bothBackends(() => sepFilter(img, k, k, 'constant', [200, 17, 255]));
    assertImagesClose(a.ts, a.wasm, U8_TOL, 'integer fill');
    assert.equal(blurPlanOf(k, k, [0.5]).path, 'f64');
    const b = bothBackends(() => sepFilter(img, k, k, 'constant', 100.5));
    assertImagesClose(b.ts, b.wasm, 0, 'fractional fill');
  });
});

describe('wasm separable blur: exact f64 path', () => {
  test('uint16 and float32, every border: equal to the reference bit for bit', () => {
    fc.assert(
      fc.property(
        arbImage(['uint16', 'float32'], [1, 3, 4], 60),
        fc.integer({ min: 0, max: 5 }).map((h) => 2 * h + 1),
        fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 3, noNaN: true })),
        fc.constantFrom(...BORDERS),
        (img, k, sigma, border) => {
          const { ts, wasm } = bothBackends(() => gaussianBlur(img, k, k, sigma, sigma, border));
          assertImagesClose(ts, wasm, 0, `${img.dtype} ${k} ${sigma} ${border}`);
          // Bit for bit, including the sign of zero.
          if (img.dtype === 'float32') assert.deepEqual(new Uint32Array(wasm.data.buffer), new Uint32Array(ts.data.buffer));
        },
      ),
      { numRuns: 80 },
    );
  });

  test('uint8 kernels the fixed point cannot take (negative taps, a one-tap axis, taps > 1) are exact', () => {
    const img = randomImage(37, 13, 3, 'uint8', 9);
    const sharpen = [-0.5, 2, -0.5];
    assert.equal(blurPlanOf(sharpen, sharpen).path, 'f64');
    for (const [kx, ky] of [[sharpen, sharpen], [[1], gaussianKernel1d(5, 1)], [[3, -2], [1]], [[1.5, 0.2], [0.5, 0.5]]] as const) {
      for (const border of BORDERS) {
        const { ts, wasm } = bothBackends(() => sepFilter(img, kx, ky, border));
        assertImagesClose(ts, wasm, 0, `${kx} x ${ky} ${border}`);
      }
    }
  });

  test('float32 values outside [0, 1] and negative results are stored as computed, as the reference does', () => {
    const img: Image = { width: 9, height: 4, channels: 1, dtype: 'float32', data: Float32Array.from({ length: 36 }, (_, i) => (i % 5) * 3.7 - 4) };
    const { ts, wasm } = bothBackends(() => sepFilter(img, [-1, 3, -1], [0.25, 0.5, 0.25], 'constant', -2.5));
    assertImagesClose(ts, wasm, 0, 'float32 sharpen');
  });
});

describe('wasm 2-D correlation (convolve2d, MotionBlur): equal to the reference bit for bit', () => {
  test('motion blur of any size, angle and direction, every dtype, border and channel count', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 60),
        fc.integer({ min: 1, max: 6 }).map((h) => 2 * h + 1),
        fc.double({ min: -360, max: 360, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.constantFrom(...BORDERS),
        (img, k, angle, direction, border) => {
          const { ts, wasm } = bothBackends(() => motionBlur(img, k, angle, direction, border));
          assertImagesClose(ts, wasm, 0, `motion ${k} ${angle} ${direction} ${border}`);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('dense kernels with negative taps, even sizes, constant fills, and kernels larger than the image', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'float32'], [1, 3, 4], 30),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.constantFrom(...BORDERS),
        (img, kw, kh, seed, border) => {
          const kernel = Array.from({ length: kw * kh }, (_, i) => (((seed * (i + 7)) % 13) - 4) / 9);
          const fill = img.dtype === 'uint8' ? 77 : 0.25;
          const { ts, wasm } = bothBackends(() => convolve2d(img, kernel, kw, kh, border, fill));
          assertImagesClose(ts, wasm, 0, `${kw}x${kh} ${border}`);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('wasm 3x3 and 5x5 medians (uint8)', () => {
  test('equal to the reference for any size and channel count (vector body, row ends, one-pixel images)', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [1, 3, 4], 70), fc.constantFrom(3, 5), fc.boolean(), (img, k, fewValues) => {
        // Few distinct values make many ties, where a wrong selection network shows.
        if (fewValues) for (let i = 0; i < img.data.length; i++) img.data[i] = img.data[i]! % 4;
        const { ts, wasm } = bothBackends(() => medianBlur(img, k));
        assertImagesClose(ts, wasm, 0, `median ${k} ${img.width}x${img.height}x${img.channels}`);
      }),
      { numRuns: 200 },
    );
  });

  test('salt and pepper on a flat image disappears; ties (few distinct values) pick the reference value', () => {
    const data = new Uint8Array(33 * 17 * 3).fill(100);
    for (let i = 0; i < data.length; i += 7) data[i] = i % 2 ? 255 : 0;
    const img: Image = { width: 33, height: 17, channels: 3, dtype: 'uint8', data };
    for (const k of [3, 5]) {
      const { ts, wasm } = bothBackends(() => medianBlur(img, k));
      assertImagesClose(ts, wasm, 0, `salt and pepper ${k}`);
      assert.ok(wasm.data.every((v) => v === 100), `${k}: the noise is gone`);
    }
    const few = randomImage(40, 9, 1, 'uint8', 3);
    for (let i = 0; i < few.data.length; i++) few.data[i] = few.data[i]! % 3;
    const b = bothBackends(() => medianBlur(few, 3));
    assertImagesClose(b.ts, b.wasm, 0, 'three values');
  });
});
