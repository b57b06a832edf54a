/**
 * wasm separable bilinear resampling (assembly/resize.ts): resizeImage's bilinear filter and
 * axis-aligned warps. Fixed point with 14-bit weights: within 1 level of the float64 reference;
 * equal to it where the weights lie on the 1/16384 grid (doubling, halving, equal sizes).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cropImage, cropResizeImage, resizeImage, warpImage } from '../../src/functional/geometric/index.js';
import { withBackend } from '../../src/backend/select.js';
import { fastWarp } from '../../src/backend/fast/warp.js';
import { compose, hflip, invert, rotation, scaling, translation, vflip, type Mat3 } from '../../src/geometry/matrix.js';
import type { Channels, Image } from '../../src/targets/image.js';
import { arbImage, assertImagesClose, bothBackends, diff, randomImage } from './compare.js';

function smoothImage(w: number, h: number, ch: Channels): Image {
  const data = new Uint8Array(w * h * ch);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) data[(y * w + x) * ch + c] = Math.round(127.5 + 127 * Math.sin(x * 0.09 + c) * Math.cos(y * 0.06 - c));
  return { width: w, height: h, channels: ch, dtype: 'uint8', data };
}

describe('wasm resizeImage bilinear', () => {
  test('within 1 level of the reference: 1/3/4 channels, sizes 1-70 both ways', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [1, 3, 4], 70), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), (img, ow, oh) => {
        // Same size is a copy in the reference (no resampling), so there is no kernel to compare.
        fc.pre(ow !== img.width || oh !== img.height);
        const { ts, wasm } = bothBackends(() => resizeImage(img, ow, oh, 'bilinear'));
        assertImagesClose(ts, wasm, 1, `resize ${img.width}x${img.height} -> ${ow}x${oh}`);
      }),
      { numRuns: 300 },
    );
  });

  test('500x375 -> 224x224 (the benchmark) of a smooth image: fewer than 0.5% of the values differ', () => {
    for (const ch of [1, 3, 4] as const) {
      const img = smoothImage(500, 375, ch);
      const { ts, wasm } = bothBackends(() => resizeImage(img, 224, 224, 'bilinear'));
      const d = diff(ts.data, wasm.data);
      assert.ok(d.max <= 1 && d.count < 0.005 * ts.data.length, `${ch} channels: ${d.count} values differ by up to ${d.max}`);
    }
  });

  test('weights on the 1/16384 grid are exact, ties half to even: doubling, halving, equal sides, tails', () => {
    for (const ch of [1, 3, 4] as const) {
      for (const [w, h, ow, oh] of [[37, 21, 74, 42], [36, 20, 18, 10], [37, 21, 37, 42], [37, 21, 74, 21], [64, 8, 16, 4], [5, 3, 40, 24]] as const) {
        const img = randomImage(w, h, ch, 'uint8', 40 + ch + w);
        const { ts, wasm } = bothBackends(() => resizeImage(img, ow, oh, 'bilinear'));
        assertImagesClose(ts, wasm, 0, `${ch}ch ${w}x${h} -> ${ow}x${oh}`);
      }
    }
  });

  test('row-pass groups (four 3-channel, two 4-channel columns per step) and their tails', () => {
    // Output widths 1..13 cover every remainder of the grouped loops; 97 -> w is off the weight grid.
    for (const ch of [3, 4] as const) {
      const img = randomImage(97, 11, ch, 'uint8', 70 + ch);
      for (let ow = 1; ow <= 13; ow++) {
        const { ts, wasm } = bothBackends(() => resizeImage(img, ow, 5, 'bilinear'));
        assertImagesClose(ts, wasm, 1, `${ch}ch 97x11 -> ${ow}x5`);
      }
      const big = randomImage(16, 4, ch, 'uint8', 90 + ch);
      const { ts, wasm } = bothBackends(() => resizeImage(big, 13, 2, 'bilinear')); // 16 -> 13: no tap on the grid
      assertImagesClose(ts, wasm, 1, `${ch}ch 16x4 -> 13x2`);
      const exact = bothBackends(() => resizeImage(big, 32, 8, 'bilinear')); // doubling: exact in every group
      assertImagesClose(exact.ts, exact.wasm, 0, `${ch}ch 16x4 -> 32x8`);
    }
  });

  test('the other dtypes, filters and a uint8 maxValue below 255 keep the reference', () => {
    const f32 = randomImage(13, 9, 3, 'float32', 1);
    const a = () => resizeImage(f32, 7, 20, 'bilinear');
    assertImagesClose(withBackend('ts', a), withBackend('wasm', a), 0, 'float32');
    const u8 = randomImage(13, 9, 3, 'uint8', 1);
    const b = () => resizeImage(u8, 7, 20, 'bicubic');
    assertImagesClose(withBackend('ts', b), withBackend('wasm', b), 0, 'bicubic');
    const seven = { ...randomImage(13, 9, 1, 'uint8', 2), maxValue: 127 } as Image;
    const c = () => resizeImage(seven, 20, 7, 'bilinear');
    assertImagesClose(withBackend('ts', c), withBackend('wasm', c), 0, 'maxValue 127');
  });
});

describe('wasm cropResizeImage: crop and resize in one pass', () => {
  test('the same pixels as the wasm crop then resize, within 1 of the reference; windows past the edges take the fill', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8'], [1, 3, 4], 50).chain((img) =>
          fc.tuple(
            fc.constant(img),
            fc.integer({ min: -8, max: img.width }),
            fc.integer({ min: -8, max: img.height }),
            fc.integer({ min: 1, max: img.width + 10 }),
            fc.integer({ min: 1, max: img.height + 10 }),
            fc.integer({ min: 1, max: 60 }),
            fc.integer({ min: 1, max: 60 }),
          ),
        ),
        ([img, x, y, w, h, ow, oh]) => {
          fc.pre(ow !== w || oh !== h); // a crop to its own size is a copy: no resampling kernel runs
          const fill = [200, 3, 99, 7].slice(0, img.channels);
          const { ts, wasm } = bothBackends(() => cropResizeImage(img, x, y, w, h, ow, oh, 'bilinear', fill));
          const twoSteps = withBackend('wasm', () => resizeImage(cropImage(img, x, y, w, h, fill), ow, oh, 'bilinear'));
          assertImagesClose(twoSteps, wasm, 0, 'one pass vs two steps (wasm)');
          assertImagesClose(ts, wasm, 1, 'vs reference');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('wasm axis-aligned warps run separably', () => {
  /** Crop windows, scales (flips included) and shifts: the matrices fused crop + resize + flip chains give. */
  const arbAxis = (w: number, h: number): fc.Arbitrary<Mat3> =>
    fc
      .record({
        sx: fc.double({ min: 0.2, max: 4, noNaN: true }),
        sy: fc.double({ min: 0.2, max: 4, noNaN: true }),
        fx: fc.boolean(),
        fy: fc.boolean(),
        x0: fc.integer({ min: -5, max: w }),
        y0: fc.integer({ min: -5, max: h }),
        k: fc.constantFrom(1, 1, 2),
      })
      .map(({ sx, sy, fx, fy, x0, y0, k }) => {
        let m = compose(translation(-x0, -y0), scaling(sx, sy));
        if (fx) m = compose(m, hflip(w));
        if (fy) m = compose(m, vflip(h));
        return m.map((v) => v * k) as Mat3;
      });

  /** The generic wasm warp kernel, bypassing the separable one. */
  const generic = (img: Image, m: Mat3, ow: number, oh: number, fill: number[]) =>
    withBackend('wasm', () => fastWarp(img, { inverse: invert(m) }, ow, oh, { interpolation: 'bilinear', border: 'constant', fill, hi: 255 }, false))!;

  test('within 1 level of the reference and of the generic wasm warp', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8'], [1, 3, 4], 60).chain((img) => fc.tuple(fc.constant(img), arbAxis(img.width, img.height), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }))),
        ([img, m, ow, oh]) => {
          const fill = [17, 130, 250, 3].slice(0, img.channels);
          const { ts, wasm } = bothBackends(() => warpImage(img, m, ow, oh, { interpolation: 'bilinear', border: 'constant', fill }));
          assertImagesClose(ts, wasm, 1, 'axis-aligned warp');
          const d = diff(wasm.data, generic(img, m, ow, oh, fill));
          assert.ok(d.max <= 1, `separable and generic differ by ${d.max}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a crop resized and flipped: the generic wasm warp computes the same fixed-point pixels', () => {
    // The generic kernel runs four pixels at a time in fixed point inside the source and the
    // exact f64 sampler elsewhere (edges, row tails); the separable kernel is fixed point
    // everywhere. They agree wherever the generic one used fixed point: all but a thin share.
    for (const ch of [1, 3, 4] as const) {
      const img = smoothImage(300, 200, ch);
      const m = compose(translation(-37, -21), scaling(224 / 190, 224 / 150), hflip(224));
      const fill = [0, 0, 0, 0].slice(0, ch);
      const sep = withBackend('wasm', () => warpImage(img, m, 224, 224, { interpolation: 'bilinear', border: 'constant', fill }));
      const d = diff(sep.data, generic(img, m, 224, 224, fill));
      assert.ok(d.max <= 1 && d.count < 0.002 * sep.data.length, `${ch} channels: ${d.count} values differ by up to ${d.max}`);
    }
  });

  test('a flip and a half-size crop are exact; a matrix with any rotation is not separable', () => {
    const img = randomImage(40, 30, 3, 'uint8', 9);
    for (const m of [hflip(40), compose(translation(-10, -5), scaling(0.5, 0.5)), compose(hflip(40), vflip(30), scaling(2, 2))]) {
      const { ts, wasm } = bothBackends(() => warpImage(img, m, 40, 30, { interpolation: 'bilinear', border: 'constant', fill: [1, 2, 3] }));
      assertImagesClose(ts, wasm, 0, Array.from(m).join(','));
    }
    // A tiny rotation leaves the separable path: the result still agrees within 1.
    const r = rotation(1e-7, 20, 15);
    const { ts, wasm } = bothBackends(() => warpImage(img, r, 40, 30, { interpolation: 'bilinear', border: 'constant', fill: 0 }));
    assertImagesClose(ts, wasm, 1, 'near-identity rotation');
  });
});
