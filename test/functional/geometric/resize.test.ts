import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resizeImage, resizeMask, warpImage } from '../../../src/functional/geometric/index.js';
import type { Interpolation } from '../../../src/functional/types.js';
import { scaling } from '../../../src/geometry/matrix.js';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage, imageFrom } from '../../../src/targets/image.js';
import { CHANNELS, DTYPES, gray, patterned, rowsOf, same } from './helpers.js';

const f32row = (values: number[]) => imageFrom(values.length, 1, 1, 'float32', Float32Array.from(values));

describe('resizeImage', () => {
  test("'area' by an integer factor is the block mean (hand-computed), rounded half to even", () => {
    const img = gray([
      [10, 20, 30, 41],
      [50, 60, 70, 80],
    ]);
    // (10+20+50+60)/4 = 35; (30+41+70+80)/4 = 55.25
    assert.deepEqual(rowsOf(resizeImage(img, 2, 1, 'area')), [[35, 55]]);
    // Ties: 6/4 = 1.5 -> 2, 10/4 = 2.5 -> 2.
    assert.deepEqual(rowsOf(resizeImage(gray([[1, 2, 2, 3], [1, 2, 2, 3]]), 2, 1, 'area')), [[2, 2]]);
    // Factor 3: the mean of nine values, (1+...+9)/9 = 5 and (10+...+18)/9 = 14.
    const nine = gray([[1, 2, 3, 10, 11, 12], [4, 5, 6, 13, 14, 15], [7, 8, 9, 16, 17, 18]]);
    assert.deepEqual(rowsOf(resizeImage(nine, 2, 1, 'area')), [[5, 14]]);
  });

  test("'area' by a non-integer factor weights pixels by overlap (hand-computed)", () => {
    // 3 -> 2: output 0 covers [0, 1.5): (30 + 0.5·60) / 1.5 = 40; output 1: (0.5·60 + 90) / 1.5 = 80.
    assert.deepEqual(rowsOf(resizeImage(gray([[30, 60, 90]]), 2, 1, 'area')), [[40, 80]]);
    // 5 -> 2: (10 + 20 + 0.5·30) / 2.5 = 18 and (0.5·30 + 40 + 50) / 2.5 = 42.
    assert.deepEqual(rowsOf(resizeImage(gray([[10, 20, 30, 40, 50]]), 2, 1, 'area')), [[18, 42]]);
    // Upscaling 2 -> 3 (OpenCV's INTER_AREA rule): the middle pixel straddles both halves.
    assert.deepEqual(rowsOf(resizeImage(gray([[30, 90]]), 3, 1, 'area')), [[30, 60, 90]]);
    // Both axes at once: 2x2 -> 1x1 of float32 keeps the exact mean.
    const f = imageFrom(2, 2, 1, 'float32', Float32Array.of(0.25, 0.5, 0.75, 1));
    assert.deepEqual(Array.from(resizeImage(f, 1, 1, 'area').data), [0.625]);
  });

  test('bilinear against hand-computed values', () => {
    // 2 -> 4: positions -0.25, 0.25, 0.75, 1.25 (edges replicate).
    assert.deepEqual(Array.from(resizeImage(f32row([0, 100]), 4, 1, 'bilinear').data), [0, 25, 75, 100]);
    // 4 -> 2 without antialiasing: positions 0.5 and 2.5.
    assert.deepEqual(Array.from(resizeImage(f32row([0, 40, 80, 120]), 2, 1, 'bilinear').data), [20, 100]);
    assert.deepEqual(rowsOf(resizeImage(gray([[0, 100]]), 4, 1)), [[0, 25, 75, 100]]);
  });

  test('nearest takes the pixel containing each output centre', () => {
    // 5 -> 2: centres 1.25 and 3.75 -> pixels 1 and 3. 2 -> 5: 0.2, 0.6, 1.0, 1.4, 1.8 -> 0 0 1 1 1.
    assert.deepEqual(rowsOf(resizeImage(gray([[10, 11, 12, 13, 14]]), 2, 1, 'nearest')), [[11, 13]]);
    assert.deepEqual(rowsOf(resizeImage(gray([[10, 11]]), 5, 1, 'nearest')), [[10, 10, 11, 11, 11]]);
  });

  test('nearest up by an integer factor then down again is the identity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom(...CHANNELS), fc.constantFrom(...DTYPES), (w, h, kx, ky, ch, dtype) => {
        const img = patterned(w, h, ch, dtype);
        const up = resizeImage(img, w * kx, h * ky, 'nearest');
        assert.ok(same(resizeImage(up, w, h, 'nearest'), img));
      }),
      { numRuns: 100 },
    );
  });

  test('separable filters equal the warp by the same scaling with replicate borders', () => {
    for (const interp of ['bilinear', 'bicubic', 'lanczos'] as const) {
      for (const dtype of DTYPES) {
        const img = patterned(6, 4, 3, dtype);
        // Scales that are powers of two, so the warp's inverse matrix is exact too.
        for (const [sx, sy] of [[2, 2], [0.5, 0.5], [4, 0.25]] as const) {
          const ow = 6 * sx, oh = 4 * sy;
          const viaWarp = warpImage(img, scaling(sx, sy), ow, oh, { interpolation: interp, border: 'replicate', fill: 0 });
          assert.ok(same(resizeImage(img, ow, oh, interp), viaWarp), `${interp} ${dtype} ${sx}x${sy}`);
        }
      }
    }
  });

  test('an unchanged size is an exact copy, and constant images stay constant', () => {
    for (const interp of ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'] as Interpolation[]) {
      const img = patterned(4, 3, 4, 'float32');
      const copy = resizeImage(img, 4, 3, interp);
      assert.ok(same(copy, img));
      assert.notEqual(copy.data, img.data);
      const flat = createImage(7, 5, 1, 'uint8');
      flat.data.fill(201);
      for (const [w, h] of [[3, 2], [11, 13], [7, 1]]) {
        assert.ok(resizeImage(flat, w!, h!, interp).data.every((v) => v === 201), `${interp} ${w}x${h}`);
      }
    }
  });

  test('inputs are not mutated and bad sizes are refused with a hint', () => {
    const img = patterned(4, 4, 3, 'uint16');
    const before = img.data.slice();
    resizeImage(img, 3, 5, 'lanczos');
    resizeImage(img, 2, 2, 'area');
    assert.deepEqual(img.data, before);
    assert.throws(() => resizeImage(img, 2.5, 2), (e: unknown) => e instanceof AuguryError && /resizeImage\.outWidth/.test(e.message) && /Hint: /.test(e.message));
  });
});

describe('resizeMask', () => {
  test('uses the nearest rule of the image path and keeps labels and array type', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (w, h, ow, oh) => {
        const labels = Int32Array.from({ length: w * h }, (_, k) => ((k * 13) % 7) - 3);
        const out = resizeMask({ width: w, height: h, data: labels }, ow, oh);
        assert.ok(out.data instanceof Int32Array);
        const allowed = new Set(labels);
        assert.ok(out.data.every((v) => allowed.has(v)));
        const img = imageFrom(w, h, 1, 'uint8', Uint8Array.from(labels, (v) => v + 3));
        const viaImage = resizeImage(img, ow, oh, 'nearest');
        assert.deepEqual(Array.from(out.data, (v) => v + 3), Array.from(viaImage.data));
      }),
      { numRuns: 100 },
    );
  });
});
