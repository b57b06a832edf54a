import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  hflipImage, hflipMask, rot90Image, rot90Mask, transposeImage, transposeMask, vflipImage, vflipMask, warpImage, warpMask,
} from '../../../src/functional/geometric/index.js';
import { hflip, mat3, rotation, vflip } from '../../../src/geometry/matrix.js';
import { AuguryError } from '../../../src/core/errors.js';
import { CHANNELS, DTYPES, gray, patterned, rowsOf, same } from './helpers.js';

const NEAREST = { interpolation: 'nearest', border: 'constant', fill: 0 } as const;

describe('flips, transpose and quarter turns', () => {
  const img = gray([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  test('hand-written 3x2 examples', () => {
    assert.deepEqual(rowsOf(hflipImage(img)), [[3, 2, 1], [6, 5, 4]]);
    assert.deepEqual(rowsOf(vflipImage(img)), [[4, 5, 6], [1, 2, 3]]);
    assert.deepEqual(rowsOf(transposeImage(img)), [[1, 4], [2, 5], [3, 6]]);
    // np.rot90([[1,2,3],[4,5,6]]) = [[3,6],[2,5],[1,4]]; k=2 and k=-1 likewise from numpy.
    assert.deepEqual(rowsOf(rot90Image(img, 1)), [[3, 6], [2, 5], [1, 4]]);
    assert.deepEqual(rowsOf(rot90Image(img, 2)), [[6, 5, 4], [3, 2, 1]]);
    assert.deepEqual(rowsOf(rot90Image(img, 3)), [[4, 1], [5, 2], [6, 3]]);
    assert.deepEqual(rowsOf(rot90Image(img, -1)), rowsOf(rot90Image(img, 3)));
    assert.deepEqual(rowsOf(rot90Image(img, 4)), rowsOf(img));
  });

  test('channels move together and sizes swap where they should', () => {
    for (const dtype of DTYPES) {
      for (const ch of CHANNELS) {
        const p = patterned(5, 3, ch, dtype);
        const t = rot90Image(p, 1);
        assert.equal(t.width, 3);
        assert.equal(t.height, 5);
        assert.equal(t.dtype, dtype);
        // Output pixel (j=0, i=0) shows input pixel (x = W-1, y = 0).
        for (let c = 0; c < ch; c++) assert.equal(t.data[c], p.data[(5 - 1) * ch + c]);
        assert.ok(same(hflipImage(hflipImage(p)), p));
        assert.ok(same(vflipImage(vflipImage(p)), p));
        assert.ok(same(transposeImage(transposeImage(p)), p));
        assert.ok(same(rot90Image(rot90Image(p, 1), 3), p));
      }
    }
  });

  test('each equals the warp by its matrix (nearest), so pixels and labels agree', () => {
    for (const ch of CHANNELS) {
      const p = patterned(7, 4, ch, 'uint8');
      assert.ok(same(warpImage(p, hflip(7), 7, 4, NEAREST), hflipImage(p)));
      assert.ok(same(warpImage(p, vflip(4), 7, 4, NEAREST), vflipImage(p)));
      assert.ok(same(warpImage(p, mat3(0, 1, 0, 1, 0, 0, 0, 0, 1), 4, 7, NEAREST), transposeImage(p)));
      // One counter-clockwise quarter turn: (x, y) -> (y, W - x) onto an H x W canvas.
      assert.ok(same(warpImage(p, mat3(0, 1, 0, -1, 0, 7, 0, 0, 1), 4, 7, NEAREST), rot90Image(p, 1)));
      assert.ok(same(warpImage(p, mat3(-1, 0, 7, 0, -1, 4, 0, 0, 1), 7, 4, NEAREST), rot90Image(p, 2)));
      assert.ok(same(warpImage(p, mat3(0, -1, 4, 1, 0, 0, 0, 0, 1), 4, 7, NEAREST), rot90Image(p, 3)));
    }
    // On a square image, rotation(90) about the centre is the same quarter turn.
    const sq = patterned(6, 6, 3, 'uint16');
    assert.ok(same(warpImage(sq, rotation(90, 3, 3), 6, 6, NEAREST), rot90Image(sq, 1)));
  });

  test('masks follow the same permutations and keep their array type', () => {
    const mask = { width: 3, height: 2, data: Int32Array.of(1, 2, 3, 4, 5, 6) };
    assert.deepEqual(rowsOf(hflipMask(mask)), [[3, 2, 1], [6, 5, 4]]);
    assert.deepEqual(rowsOf(vflipMask(mask)), [[4, 5, 6], [1, 2, 3]]);
    assert.deepEqual(rowsOf(transposeMask(mask)), [[1, 4], [2, 5], [3, 6]]);
    assert.deepEqual(rowsOf(rot90Mask(mask, 1)), [[3, 6], [2, 5], [1, 4]]);
    assert.ok(rot90Mask(mask, 1).data instanceof Int32Array);
    assert.deepEqual(rowsOf(warpMask(mask, hflip(3), 3, 2)), rowsOf(hflipMask(mask)));
  });

  test('inputs are never mutated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(...CHANNELS), fc.integer({ min: -5, max: 5 }), (w, h, ch, k) => {
        const p = patterned(w, h, ch, 'uint8');
        const before = p.data.slice();
        hflipImage(p); vflipImage(p); transposeImage(p);
        const r = rot90Image(p, k);
        assert.deepEqual(p.data, before);
        assert.notEqual(r.data, p.data);
      }),
      { numRuns: 50 },
    );
  });

  test('a fractional turn count is refused with a hint', () => {
    assert.throws(() => rot90Image(img, 1.5), (e: unknown) => e instanceof AuguryError && /rot90Image\.k/.test(e.message) && /Hint: /.test(e.message));
  });
});
