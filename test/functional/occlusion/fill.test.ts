import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.js';
import { fillMaskRects, fillRects, type Rect } from '../../../src/functional/occlusion/index.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import { f32, throwsWith, u8 } from '../blur-noise/helpers.js';

/** The stated rule, written out on its own: pixel (i, j) is filled when its centre is in [x1, x2) x [y1, y2). */
function centreIn(i: number, j: number, rects: readonly Rect[]): boolean {
  return rects.some((r) => i + 0.5 >= r.x1 && i + 0.5 < r.x2 && j + 0.5 >= r.y1 && j + 0.5 < r.y2);
}

const W = 13;
const H = 9;
const rectArb = fc
  .tuple(fc.double({ min: -4, max: W + 4, noNaN: true }), fc.double({ min: -4, max: H + 4, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 8, noNaN: true }))
  .map(([x, y, w, h]) => ({ x1: x, y1: y, x2: x + w, y2: y + h }));
// Half-pixel coordinates put centres exactly on hole edges, where the half-open rule decides.
const halfRectArb = fc
  .tuple(fc.integer({ min: -6, max: 2 * W + 6 }), fc.integer({ min: -6, max: 2 * H + 6 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 10 }))
  .map(([x, y, w, h]) => ({ x1: x / 2, y1: y / 2, x2: (x + w) / 2, y2: (y + h) / 2 }));

describe('fillRects', () => {
  test('fills exactly the pixels whose centres lie in a hole, and nothing else', () => {
    const img = u8(W, H, 3, (x, y, c) => 1 + ((x * 7 + y * 3 + c) % 250)); // never 0
    fc.assert(
      fc.property(fc.array(fc.oneof(rectArb, halfRectArb), { maxLength: 5 }), (rects) => {
        const out = fillRects(img, rects, 0);
        for (let j = 0; j < H; j++) {
          for (let i = 0; i < W; i++) {
            const inside = centreIn(i, j, rects);
            for (let c = 0; c < 3; c++) {
              const k = (j * W + i) * 3 + c;
              if (out.data[k] !== (inside ? 0 : img.data[k])) return false;
            }
          }
        }
        return true;
      }),
    );
  });

  test('integer holes fill columns x1 .. x2 - 1; half-pixel edges follow the centre rule', () => {
    const img = u8(8, 4, 1, () => 9);
    const out = fillRects(img, [{ x1: 2, y1: 1, x2: 5, y2: 3 }], 0);
    const rows = Array.from({ length: 4 }, (_, y) => [...out.data.subarray(y * 8, y * 8 + 8)].map((v) => (v === 0 ? '#' : '.')).join(''));
    assert.deepEqual(rows, ['........', '..###...', '..###...', '........']);
    const half = fillRects(img, [{ x1: 2.5, y1: 0, x2: 4.5, y2: 1 }], 0);
    assert.deepEqual([...half.data.subarray(0, 8)], [9, 9, 0, 0, 9, 9, 9, 9]); // centre 2.5 in, 4.5 out
  });

  test('per-channel fill values, and a number fills alpha too', () => {
    const img = u8(4, 4, 4, () => 200);
    const out = fillRects(img, [{ x1: 0, y1: 0, x2: 1, y2: 1 }], [1, 2, 3, 4]);
    assert.deepEqual([...out.data.subarray(0, 8)], [1, 2, 3, 4, 200, 200, 200, 200]);
    const zero = fillRects(img, [{ x1: 0, y1: 0, x2: 1, y2: 1 }], 0);
    assert.deepEqual([...zero.data.subarray(0, 4)], [0, 0, 0, 0]);
  });

  test("'random' follows the documented draws: one u32 per colour channel, floor(u * 256 / 2^32); alpha kept", () => {
    const img = u8(6, 5, 4, (_x, _y, c) => (c === 3 ? 77 : 10));
    const rects = [
      { x1: 1, y1: 1, x2: 3, y2: 3 },
      { x1: 4, y1: 0, x2: 9, y2: 2 }, // partly outside: only in-image pixels draw
    ];
    const out = fillRects(img, rects, 'random', 31);
    const rng = new Rng(31);
    const want = img.data.slice();
    for (const [x0, x1, y0, y1] of [
      [1, 3, 1, 3],
      [4, 6, 0, 2],
    ] as const) {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) want[(y * 6 + x) * 4 + c] = Math.floor((rng.nextU32() * 256) / 2 ** 32);
    }
    assert.deepEqual(out.data, want);
    assert.notDeepEqual(fillRects(img, rects, 'random', 32).data, out.data);
  });

  test("'random_uniform' gives one colour per hole and draws even for empty holes", () => {
    const img = u8(8, 8, 3, () => 0);
    const hole = { x1: 2, y1: 2, x2: 6, y2: 6 };
    const empty = { x1: 20, y1: 20, x2: 20, y2: 20 };
    const a = fillRects(img, [empty, hole], 'random_uniform', 8);
    const rng = new Rng(8);
    rng.nextU32();
    rng.nextU32();
    rng.nextU32();
    const colour = [0, 1, 2].map(() => Math.floor((rng.nextU32() * 256) / 2 ** 32));
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const inHole = x >= 2 && x < 6 && y >= 2 && y < 6;
        assert.deepEqual([...a.data.subarray((y * 8 + x) * 3, (y * 8 + x) * 3 + 3)], inHole ? colour : [0, 0, 0]);
      }
    }
  });

  test("'random_normal' has the asked mean and std, unclamped in float32 and clamped in uint8", () => {
    const img = f32(100, 100, 3, () => 0.5);
    const out = fillRects(img, [{ x1: 0, y1: 0, x2: 100, y2: 100 }], { kind: 'random_normal', mean: 0, std: 1 }, 3);
    const values = [...out.data];
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
    assert.ok(Math.abs(m) < 0.02 && Math.abs(sd - 1) < 0.02, `mean ${m} std ${sd}`);
    assert.ok(values.some((v) => v < 0));
    const img8 = u8(50, 50, 3, () => 0);
    const out8 = fillRects(img8, [{ x1: 0, y1: 0, x2: 50, y2: 50 }], { kind: 'random_normal', mean: [124, 116, 104], std: 60 }, 3);
    // About 2% of draws fall below 0 or above 255 at this mean and std: they saturate.
    assert.ok(out8.data.some((v) => v === 0) && out8.data.some((v) => v === 255));
    const ch0 = [...out8.data].filter((_v, i) => i % 3 === 0);
    const ch2 = [...out8.data].filter((_v, i) => i % 3 === 2);
    assert.ok(Math.abs(ch0.reduce((s, v) => s + v, 0) / ch0.length - 124) < 5);
    assert.ok(Math.abs(ch2.reduce((s, v) => s + v, 0) / ch2.length - 104) < 5);
  });

  test("'random_normal' follows the documented draws: one rng.normal() per colour channel of each filled pixel", () => {
    const img = f32(5, 4, 4, () => 0.25);
    const out = fillRects(img, [{ x1: 1, y1: 1, x2: 4, y2: 3 }], { kind: 'random_normal', mean: [0.5, 0.4, 0.3], std: [0.1, 0.2, 0.3] }, 77);
    const rng = new Rng(77);
    const want = img.data.slice();
    for (let y = 1; y < 3; y++) for (let x = 1; x < 4; x++) for (let c = 0; c < 3; c++) want[(y * 5 + x) * 4 + c] = [0.5, 0.4, 0.3][c]! + [0.1, 0.2, 0.3][c]! * rng.normal();
    assert.deepEqual(out.data, want);
    assert.deepEqual(img.data, new Float32Array(80).fill(0.25));
  });

  test('bad input names the option, the record and a hint', () => {
    const img = u8(4, 4, 3, () => 1);
    throwsWith(() => fillRects(img, [{ x1: 0, y1: 0, x2: 1, y2: 1 }, { x1: 3, y1: 0, x2: 1, y2: 1 }], 0), 'fillRects.rects', 'rects[1]', 'Hint:');
    throwsWith(() => fillRects(img, [], [1, 2]), 'fillRects.fill', 'Hint:');
    throwsWith(() => fillRects(img, [], 'noise' as 'random'), 'fillRects.fill', 'Hint:');
    throwsWith(() => fillRects(img, [], 'random', -1), 'fillRects.seed', 'Hint:');
  });
});

describe('fillMaskRects', () => {
  test('fills the same pixels as fillRects, keeps the array type, and leaves the input alone', () => {
    const data = new Int32Array(W * H).fill(5);
    const mask = createLabelMap(W, H, data);
    const rects = [
      { x1: 1.4, y1: 2.5, x2: 6.5, y2: 7.2 },
      { x1: 9, y1: -1, x2: 20, y2: 3 },
    ];
    const out = fillMaskRects(mask, rects, -1);
    assert.ok(out.data instanceof Int32Array);
    assert.ok(mask.data.every((v) => v === 5));
    const img = fillRects(u8(W, H, 1, () => 5), rects, 0);
    for (let p = 0; p < W * H; p++) assert.equal(out.data[p] === -1, img.data[p] === 0, `pixel ${p}`);
  });

  test('a value that does not fit the mask is refused', () => {
    const mask = createLabelMap(4, 4);
    throwsWith(() => fillMaskRects(mask, [], 300), 'fillMaskRects.value', 'Hint:');
    throwsWith(() => fillMaskRects(mask, [{ x1: 0, y1: 0, x2: Number.NaN, y2: 1 }], 0), 'rects[0]', 'Hint:');
  });
});
