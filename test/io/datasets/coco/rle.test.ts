import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../../../src/core/errors.js';
import {
  decodeCountsString,
  encodeCountsString,
  polygonArea,
  polygonsToMask,
  rleArea,
  rleDecode,
  rleEncode,
  rleToBox,
} from '../../../../src/io/datasets/coco/rle.js';

/** Row-major mask from rows of 0/1. */
function fromRows(rows: number[][]): { mask: Uint8Array; width: number; height: number } {
  return { mask: Uint8Array.from(rows.flat()), width: rows[0]!.length, height: rows.length };
}

/** Brute-force tight box of a row-major mask, for checking rleToBox. */
function maskBox(mask: Uint8Array, width: number, height: number): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x + 1), Math.max(box[3], y + 1)] : [x, y, x + 1, y + 1];
    }
  }
  return box;
}

const maskArb = fc
  .record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      mask: fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height }),
    }),
  );

describe('COCO RLE', () => {
  // Width 4, height 3, written row by row:
  //   1 0 1 1
  //   1 0 0 1
  //   0 1 0 1
  // Walking column by column (COCO order): col 0 = 1 1 0, col 1 = 0 0 1, col 2 = 1 0 0, col 3 = 1 1 1,
  // i.e. 1 1 0 0 0 1 1 0 0 1 1 1. Runs, starting with zeros: 0 zeros, 2 ones, 3 zeros, 2 ones,
  // 2 zeros, 3 ones -> counts [0, 2, 3, 2, 2, 3].
  // Compressed: the first three counts go as they are ('0', '2', '3'); from index 3 on each count
  // is stored minus the count two places back: 2 - 2 = 0 -> '0'; 2 - 3 = -1 -> low 5 bits 31, sign
  // bit 0x10 set and nothing left -> 31 + 48 = 'O'; 3 - 2 = 1 -> '1'. String "0230O1".
  const hand = fromRows([
    [1, 0, 1, 1],
    [1, 0, 0, 1],
    [0, 1, 0, 1],
  ]);

  test('encodes the hand-computed 4x3 example', () => {
    assert.deepEqual(rleEncode(hand.mask, hand.width, hand.height, false), { size: [3, 4], counts: [0, 2, 3, 2, 2, 3] });
    assert.deepEqual(rleEncode(hand.mask, hand.width, hand.height, true), { size: [3, 4], counts: '0230O1' });
  });

  test('decodes the hand-computed example from both forms', () => {
    assert.deepEqual(rleDecode({ size: [3, 4], counts: [0, 2, 3, 2, 2, 3] }), hand.mask);
    assert.deepEqual(rleDecode({ size: [3, 4], counts: '0230O1' }), hand.mask);
  });

  test('area and box of the hand-computed example', () => {
    assert.equal(rleArea({ size: [3, 4], counts: '0230O1' }), 7);
    assert.deepEqual(rleToBox({ size: [3, 4], counts: [0, 2, 3, 2, 2, 3] }), [0, 0, 4, 3]);
  });

  test('compressed strings worked out by hand: multi-character and negative values', () => {
    // 1024 = 32 * 32: low 5 bits 0 with more to come -> 0 | 0x20 = 32 -> 'P'; 32 -> again 'P';
    // 1 -> '1'. So [0, 1024] is "0" + "PP1".
    assert.equal(encodeCountsString([0, 1024]), '0PP1');
    assert.deepEqual(decodeCountsString('0PP1'), [0, 1024]);
    // [0, 6, 1, 3]: the last is stored as 3 - 6 = -3 -> low 5 bits 29, sign bit set -> 29 + 48 = 'M'.
    assert.equal(encodeCountsString([0, 6, 1, 3]), '061M');
    assert.deepEqual(decodeCountsString('061M'), [0, 6, 1, 3]);
  });

  test('box of a rectangle inside a larger mask (a run that does not wrap)', () => {
    // rows 2..3, columns 3..5 of a 10x10 mask: COCO box [3, 2, 3, 2] (xywh), i.e. xyxy [3, 2, 6, 4].
    const mask = new Uint8Array(100);
    for (let y = 2; y < 4; y++) for (let x = 3; x < 6; x++) mask[y * 10 + x] = 1;
    assert.deepEqual(rleToBox(rleEncode(mask, 10, 10, true)), [3, 2, 6, 4]);
    assert.equal(rleToBox(rleEncode(new Uint8Array(100), 10, 10, false)), undefined);
  });

  test('round trips any mask through both forms (property)', () => {
    fc.assert(
      fc.property(maskArb, fc.boolean(), ({ mask, width, height }, compressed) => {
        const rle = rleEncode(mask, width, height, compressed);
        assert.equal(typeof rle.counts === 'string', compressed);
        assert.deepEqual(rleDecode(rle), mask);
        assert.equal(rleArea(rle), mask.reduce((s, v) => s + v, 0));
        assert.deepEqual(rleToBox(rle), maskBox(mask, width, height));
      }),
      { numRuns: 300 },
    );
  });

  test('compressed counts round trip for large values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 30 }), (counts) => {
        assert.deepEqual(decodeCountsString(encodeCountsString(counts)), counts);
      }),
    );
  });

  test('rejects counts that do not cover the mask, and bad characters', () => {
    assert.throws(() => rleDecode({ size: [3, 4], counts: [0, 2, 3] }), (e: unknown) => e instanceof AuguryError && /do not cover/.test(e.message) && /Hint:/.test(e.message));
    assert.throws(() => rleDecode({ size: [4, 3], counts: [1, 2, 3, 4, 5] }), AuguryError);
    assert.throws(() => decodeCountsString('0 1'), (e: unknown) => e instanceof AuguryError && /outside '0'..'o'/.test(e.message));
    assert.throws(() => decodeCountsString('P'), (e: unknown) => e instanceof AuguryError && /ends in the middle/.test(e.message));
  });
});

describe('polygonsToMask', () => {
  test('a hand-checked triangle: pixels whose centers are inside', () => {
    // Triangle (0,0) (4,0) (0,4) on a 4x4 canvas: the center (x+.5, y+.5) is inside when
    // x + y + 1 < 4, i.e. x + y <= 2; centers with x + y = 3 lie on the hypotenuse, which is a
    // right edge here, so they are outside.
    const mask = polygonsToMask([[0, 0, 4, 0, 0, 4]], 4, 4);
    assert.deepEqual(
      Array.from(mask),
      [
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
      ].flat(),
    );
  });

  test('rectangles: pixel inside exactly when its center is (property)', () => {
    const coord = fc.double({ min: -3, max: 15, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, (a, b, c, d) => {
        const [x1, x2] = a <= b ? [a, b] : [b, a];
        const [y1, y2] = c <= d ? [c, d] : [d, c];
        const w = 12;
        const h = 10;
        const mask = polygonsToMask([[x1, y1, x2, y1, x2, y2, x1, y2]], w, h);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const inside = x + 0.5 >= x1 && x + 0.5 < x2 && y + 0.5 >= y1 && y + 0.5 < y2;
            assert.equal(mask[y * w + x], inside ? 1 : 0, `pixel ${x},${y} of [${x1}, ${y1}, ${x2}, ${y2}]`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test('integer rectangles: mask area equals shoelace area; separate rings unite', () => {
    const rings = [
      [1, 1, 4, 1, 4, 3, 1, 3],
      [6, 0, 8, 0, 8, 5, 6, 5],
    ];
    assert.equal(polygonArea(rings), 3 * 2 + 2 * 5);
    const mask = polygonsToMask(rings, 10, 6);
    assert.equal(mask.reduce((s, v) => s + v, 0), 16);
    assert.deepEqual(rleToBox(rleEncode(mask, 10, 6, true)), [1, 0, 8, 5]);
  });
});
