/** CLAHE: properties that pin the algorithm without an OpenCV golden. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/functional/color/index.js';
import { createImage } from '../../../src/targets/image.js';
import { photo, randomU8 } from './helpers.js';

/** Ties to even, like OpenCV's rounding of `cdf * 255 / n` (written here, independently of the kernel). */
function roundEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

describe('clahe', () => {
  test('one tile without clipping is global histogram equalization: round(cdf(v) * 255 / n)', () => {
    for (const name of ['astronaut', 'coffee'] as const) {
      const gray = C.toGray(photo(name), 1);
      const n = gray.data.length;
      const hist = new Array<number>(256).fill(0);
      for (const v of gray.data) hist[v]!++;
      const cdf: number[] = [];
      hist.reduce((acc, h, i) => (cdf[i] = acc + h), 0);
      const expected = Array.from(gray.data, (v) => roundEven((cdf[v]! * 255) / n));
      // clipLimit 0 disables clipping; a huge limit never clips: both must give the same mapping.
      for (const clip of [0, 1e6]) {
        assert.deepEqual(Array.from(C.clahe(gray, clip, [1, 1]).data), expected, `${name}, clipLimit ${clip}`);
      }
    }
  });

  test('a constant image stays constant for any grid and clip limit', () => {
    for (const [w, h, grid, clip] of [
      [64, 64, [8, 8], 4],
      [30, 21, [4, 3], 2],
      [7, 5, [8, 8], 0],
    ] as const) {
      const img = createImage(w, h, 1, 'uint8');
      img.data.fill(77);
      const out = C.clahe(img, clip, grid);
      assert.equal(new Set(out.data).size, 1, `${w}x${h} grid ${grid.join('x')}`);
    }
  });

  test('a gray RGB image stays neutral (R = G = B within 1)', () => {
    const rgb = C.toGray(C.toGray(photo('coffee'), 1), 3);
    const out = C.clahe(rgb, 3, [4, 4]);
    for (let j = 0; j < out.data.length; j += 3) {
      const px = Array.from(out.data.subarray(j, j + 3));
      assert.ok(Math.max(...px) - Math.min(...px) <= 1, `${px}`);
    }
  });

  test('clipping limits the contrast gain: a lower clip limit changes the photo less', () => {
    const gray = C.toGray(photo('astronaut'), 1);
    const change = (clip: number): number => {
      const out = C.clahe(gray, clip, [2, 2]);
      let sum = 0;
      out.data.forEach((v, i) => (sum += Math.abs(v - gray.data[i]!)));
      return sum;
    };
    assert.ok(change(2) < change(8), `${change(2)} vs ${change(8)}`);
    assert.ok(change(8) < change(0));
  });

  test('sizes that do not divide into tiles, and tiny images, keep their shape', () => {
    for (const [w, h] of [
      [1, 1],
      [2, 3],
      [30, 21],
      [65, 64],
    ] as const) {
      const img = randomU8(w * 100 + h, w, h, 3);
      const out = C.clahe(img, 2, [8, 8]);
      assert.equal(out.width, w);
      assert.equal(out.height, h);
      assert.equal(out.data.length, img.data.length);
    }
  });

  test('the exported plane function works on any level count', () => {
    const plane = Int32Array.from({ length: 16 }, (_, i) => i * 4);
    const out = C.clahePlane(plane, 4, 4, 64, 0, 1, 1);
    // Every value occurs once: the cdf is i + 1, so value 4i maps to round((i + 1) * 63 / 16).
    assert.deepEqual(Array.from(out), Array.from(plane, (_, i) => roundEven(((i + 1) * 63) / 16)));
  });
});
