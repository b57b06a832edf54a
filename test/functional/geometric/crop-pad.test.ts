import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cropImage, cropMask, padImage, padMask, warpImage } from '../../../src/functional/geometric/index.js';
import type { BorderMode } from '../../../src/functional/types.js';
import { translation } from '../../../src/geometry/matrix.js';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage } from '../../../src/targets/image.js';
import { CHANNELS, DTYPES, gray, patterned, rowsOf, same } from './helpers.js';

// One row [1 2 3 4] padded by 3 on each side, written out by hand from OpenCV's definitions.
const ROW_CASES: Record<BorderMode, number[]> = {
  constant: [9, 9, 9, 1, 2, 3, 4, 9, 9, 9],
  replicate: [1, 1, 1, 1, 2, 3, 4, 4, 4, 4],
  reflect: [3, 2, 1, 1, 2, 3, 4, 4, 3, 2],
  reflect101: [4, 3, 2, 1, 2, 3, 4, 3, 2, 1],
  wrap: [2, 3, 4, 1, 2, 3, 4, 1, 2, 3],
};

describe('padImage and cropImage', () => {
  const row = gray([[1, 2, 3, 4]]);

  for (const [mode, expected] of Object.entries(ROW_CASES) as [BorderMode, number[]][]) {
    test(`border '${mode}' on a one-row example`, () => {
      assert.deepEqual(rowsOf(padImage(row, 0, 0, 3, 3, mode, 9)), [expected]);
      // The warp samplers use the same rule: an integer shift onto a wider canvas is a pad.
      const warped = warpImage(row, translation(3, 0), 10, 1, { interpolation: 'nearest', border: mode, fill: 9 });
      assert.deepEqual(rowsOf(warped), [expected]);
      const bilinear = warpImage(row, translation(3, 0), 10, 1, { interpolation: 'bilinear', border: mode, fill: 9 });
      assert.deepEqual(rowsOf(bilinear), [expected]);
    });
  }

  test('borders wider than the image repeat periodically', () => {
    const abc = gray([[1, 2, 3]]);
    assert.deepEqual(rowsOf(padImage(abc, 0, 0, 7, 0, 'reflect')), [[1, 1, 2, 3, 3, 2, 1, 1, 2, 3]]);
    assert.deepEqual(rowsOf(padImage(abc, 0, 0, 7, 0, 'reflect101')), [[2, 3, 2, 1, 2, 3, 2, 1, 2, 3]]);
    assert.deepEqual(rowsOf(padImage(abc, 0, 0, 7, 0, 'wrap')), [[3, 1, 2, 3, 1, 2, 3, 1, 2, 3]]);
    assert.deepEqual(rowsOf(padImage(gray([[5]]), 0, 0, 2, 2, 'reflect101')), [[5, 5, 5, 5, 5]]);
  });

  test('vertical pads and per-channel fill', () => {
    const img = createImage(1, 1, 3, 'uint8');
    img.data.set([10, 20, 30]);
    const out = padImage(img, 1, 0, 0, 0, 'constant', [1, 2, 3]);
    assert.equal(out.height, 2);
    assert.deepEqual(Array.from(out.data), [1, 2, 3, 10, 20, 30]);
    const col = gray([[1], [2], [3]]);
    assert.deepEqual(rowsOf(padImage(col, 2, 1, 0, 0, 'reflect101')), [[3], [2], [1], [2], [3], [2]]);
  });

  test('a crop partly outside the image is filled', () => {
    const img = gray([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    assert.deepEqual(rowsOf(cropImage(img, -1, 1, 3, 3, 0)), [[0, 4, 5], [0, 7, 8], [0, 0, 0]]);
    assert.deepEqual(rowsOf(cropImage(img, 1, 0, 2, 2)), [[2, 3], [5, 6]]);
    assert.deepEqual(rowsOf(cropImage(img, 5, 5, 1, 1, 7)), [[7]]);
  });

  test('crop then pad back restores the window and fills the rest (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(...CHANNELS), fc.constantFrom(...DTYPES),
        fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
        (w, h, ch, dtype, a, b, c, d) => {
          const img = patterned(w, h, ch, dtype);
          const x = Math.min(w - 1, Math.floor(a * w)), y = Math.min(h - 1, Math.floor(b * h));
          const cw = 1 + Math.floor(c * (w - x - 1)), chh = 1 + Math.floor(d * (h - y - 1));
          const back = padImage(cropImage(img, x, y, cw, chh), y, h - y - chh, x, w - x - cw, 'constant', 0);
          assert.equal(back.width, w);
          assert.equal(back.height, h);
          for (let yy = 0; yy < h; yy++) {
            for (let xx = 0; xx < w; xx++) {
              const inside = xx >= x && xx < x + cw && yy >= y && yy < y + chh;
              for (let k = 0; k < ch; k++) {
                const i = (yy * w + xx) * ch + k;
                assert.equal(back.data[i], inside ? img.data[i] : 0);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('pad then crop back is the identity for every border mode (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(...CHANNELS),
        fc.constantFrom<BorderMode>('constant', 'replicate', 'reflect', 'reflect101', 'wrap'),
        fc.nat(11), fc.nat(11), fc.nat(11), fc.nat(11),
        (w, h, ch, mode, t, b, l, r) => {
          const img = patterned(w, h, ch, 'uint16');
          const before = img.data.slice();
          assert.ok(same(cropImage(padImage(img, t, b, l, r, mode, 3), l, t, w, h), img));
          assert.deepEqual(img.data, before);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('masks: label fill, array type kept, fills checked against the type', () => {
    const mask = { width: 2, height: 1, data: Uint16Array.of(300, 7) };
    const padded = padMask(mask, 0, 0, 1, 1, 'constant', 255);
    assert.deepEqual(Array.from(padded.data), [255, 300, 7, 255]);
    assert.ok(padded.data instanceof Uint16Array);
    assert.deepEqual(Array.from(padMask(mask, 0, 0, 2, 0, 'wrap').data), [300, 7, 300, 7]);
    assert.deepEqual(Array.from(cropMask(mask, 1, 0, 2, 1).data), [7, 0]);
    assert.throws(
      () => padMask({ width: 1, height: 1, data: Uint8Array.of(1) }, 1, 0, 0, 0, 'constant', 256),
      (e: unknown) => e instanceof AuguryError && /padMask\.fill/.test(e.message) && /Hint: /.test(e.message),
    );
  });

  test('bad windows, pads and fills are refused with the option and a hint', () => {
    const img = gray([[1, 2]]);
    const check = (fn: () => unknown, key: string): void => {
      assert.throws(fn, (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.message.includes(key) && /Hint: /.test(e.message));
    };
    check(() => cropImage(img, 0.5, 0, 1, 1), 'cropImage.x');
    check(() => cropImage(img, 0, 0, 0, 1), 'cropImage.width');
    check(() => padImage(img, -1, 0, 0, 0), 'padImage.top');
    check(() => padImage(patterned(2, 2, 3, 'uint8'), 1, 0, 0, 0, 'constant', [1, 2]), 'padImage.fill');
    check(() => padImage(img, 1, 0, 0, 0, 'mirror' as BorderMode), 'padImage');
  });
});
