/**
 * wasm warps and remaps (assembly/warp.ts, warp-simd.ts) against the TypeScript reference.
 * Exact: nearest (every dtype, masks), bilinear uint16 and float32, and every uint8 pixel whose
 * taps are not all inside the source. Bilinear uint8 pixels inside run in fixed point: at most
 * 1 level from the reference, on a small share of the values (measured here on smooth images,
 * where it is largest; about 0.13% on the benchmark photos).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { remapImage, remapMask, warpImage, warpMask } from '../../src/functional/geometric/index.js';
import type { Interpolation, MaskData } from '../../src/functional/types.js';
import type { MaskPlaneOf } from '../../src/functional/geometric/common.js';
import { withBackend } from '../../src/backend/select.js';
import { compose, mat3, rotation, scaling, shearing, translation, type Mat3 } from '../../src/geometry/matrix.js';
import type { Channels, Image } from '../../src/targets/image.js';
import { arbImage, assertImagesClose, bothBackends, diff, randomImage } from './compare.js';

/** Maps that keep much of a w x h image on the canvas: rotation, scale, shear, shift about the centre. */
function arbMap(w: number, h: number, perspective: boolean): fc.Arbitrary<Mat3> {
  return fc
    .record({
      deg: fc.double({ min: -180, max: 180, noNaN: true }),
      sx: fc.double({ min: 0.3, max: 3, noNaN: true }),
      sy: fc.double({ min: 0.3, max: 3, noNaN: true }),
      shx: fc.double({ min: -30, max: 30, noNaN: true }),
      tx: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      ty: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      g: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      hh: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      k: fc.constantFrom(1, 1, 0.5, 2, -1),
    })
    .map(({ deg, sx, sy, shx, tx, ty, g, hh, k }) => {
      const m = compose(translation(-w / 2, -h / 2), shearing(shx, 0), scaling(sx, sy), rotation(deg, 0, 0), translation(w / 2 + tx * w, h / 2 + ty * h));
      const p = perspective ? mat3(m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, g, hh, 1) : m;
      // k scales the whole matrix: the same map, but k = -1 makes every denominator negative.
      return p.map((v) => v * k) as Mat3;
    });
}

const fillOf = (img: Image): number[] => [13, 200, 77, 250].slice(0, img.channels).map((v) => (img.dtype === 'float32' ? v / 255 : img.dtype === 'uint16' ? v * 257 : v));

/** A smooth image (gradients): where fixed-point rounding differs most often from float64. */
function smoothImage(w: number, h: number, ch: Channels): Image {
  const data = new Uint8Array(w * h * ch);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < ch; c++) data[(y * w + x) * ch + c] = Math.round(127.5 + 127 * Math.sin(x * 0.07 + c) * Math.cos(y * 0.05 - c));
  return { width: w, height: h, channels: ch, dtype: 'uint8', data };
}

describe('wasm warp, bilinear uint8: within 1 level of the reference', () => {
  for (const perspective of [false, true]) {
    test(`${perspective ? 'perspective' : 'affine'} maps, 1/3/4 channels, sizes 1-70, per-channel fill`, () => {
      fc.assert(
        fc.property(
          arbImage(['uint8'], [1, 3, 4], 70).chain((img) => fc.tuple(fc.constant(img), arbMap(img.width, img.height, perspective), fc.integer({ min: 1, max: 75 }), fc.integer({ min: 1, max: 75 }))),
          ([img, m, ow, oh]) => {
            const { ts, wasm } = bothBackends(() => warpImage(img, m, ow, oh, { interpolation: 'bilinear', border: 'constant', fill: fillOf(img) }));
            assertImagesClose(ts, wasm, 1, 'bilinear warp');
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  test('on a smooth 500x375 image fewer than 0.5% of the values differ, by 1', () => {
    for (const ch of [1, 3, 4] as const) {
      const img = smoothImage(500, 375, ch);
      for (const m of [rotation(23, 250, 187), compose(shearing(7, -3), scaling(1.1, 0.9), translation(-20, 11)), mat3(1.02, 0.03, -5, 0.02, 0.98, 4, 1e-4, -8e-5, 1)]) {
        const { ts, wasm } = bothBackends(() => warpImage(img, m, 500, 375, { interpolation: 'bilinear', border: 'constant', fill: 0 }));
        const d = diff(ts.data, wasm.data);
        assert.ok(d.max <= 1, `max ${d.max}`);
        assert.ok(d.count < 0.005 * ts.data.length, `${ch} channels: ${d.count} of ${ts.data.length} values differ`);
      }
    }
  });

  test('points on the 1/16384 grid are exact, ties rounded half to even: shifts by 1/2 and 1/4, the identity', () => {
    for (const ch of [1, 3, 4] as const) {
      const img = randomImage(61, 37, ch, 'uint8', 5 + ch);
      for (const m of [translation(0.5, 0.5), translation(0.25, -0.75), translation(-3, 2), rotation(0, 0, 0), scaling(2, 2), scaling(0.5, 0.25)]) {
        const { ts, wasm } = bothBackends(() => warpImage(img, m, 61, 37, { interpolation: 'bilinear', border: 'constant', fill: [1, 2, 3, 4].slice(0, ch) }));
        assertImagesClose(ts, wasm, 0, `grid map ${Array.from(m).join(',')}`);
      }
    }
  });

  test('edges and fill are exact: every pixel with a tap outside the source equals the reference', () => {
    const img = randomImage(40, 30, 3, 'uint8', 11);
    const m = rotation(33, 20, 15);
    const { ts, wasm } = bothBackends(() => warpImage(img, m, 40, 30, { interpolation: 'bilinear', border: 'constant', fill: [9, 99, 199] }));
    const inv = compose(translation(-20, -15), rotation(-33, 0, 0), translation(20, 15));
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 40; j++) {
        const u = inv[0]! * (j + 0.5) + inv[1]! * (i + 0.5) + inv[2]! - 0.5;
        const v = inv[3]! * (j + 0.5) + inv[4]! * (i + 0.5) + inv[5]! - 0.5;
        // Clear of the inside region by a margin, so fixed-point rounding cannot move it.
        if (u > 0.01 && u < 38.99 && v > 0.01 && v < 28.99) continue;
        for (let c = 0; c < 3; c++) assert.equal(wasm.data[(i * 40 + j) * 3 + c], ts.data[(i * 40 + j) * 3 + c], `pixel ${j},${i}`);
      }
    }
  });

  test('a perspective whose horizon crosses the canvas: points at infinity take the fill', () => {
    const img = randomImage(50, 40, 4, 'uint8', 3);
    const m = mat3(1, 0, 0, 0, 1, 0, 0, 0.05, -1); // w = 0 at y = 20
    const { ts, wasm } = bothBackends(() => warpImage(img, m, 50, 40, { interpolation: 'bilinear', border: 'constant', fill: [5, 6, 7, 8] }));
    assertImagesClose(ts, wasm, 1, 'horizon');
  });

  test("'area' warps as bilinear; a 1-pixel source and 1-pixel outputs", () => {
    const one = randomImage(1, 1, 3, 'uint8', 2);
    const a = bothBackends(() => warpImage(one, rotation(10, 0.5, 0.5), 5, 4, { interpolation: 'area', border: 'constant', fill: 40 }));
    assertImagesClose(a.ts, a.wasm, 0, '1x1 source');
    const img = randomImage(9, 7, 1, 'uint8', 8);
    const b = bothBackends(() => warpImage(img, rotation(10, 4, 3), 1, 1, { interpolation: 'bilinear', border: 'constant', fill: 0 }));
    assertImagesClose(b.ts, b.wasm, 1, '1x1 output');
  });
});

describe('wasm warp, exact cases', () => {
  test('bilinear uint16 and float32 equal the reference (f64 in the reference order)', () => {
    fc.assert(
      fc.property(
        arbImage(['uint16', 'float32'], [1, 3, 4], 40).chain((img) => fc.tuple(fc.constant(img), fc.oneof(arbMap(img.width, img.height, false), arbMap(img.width, img.height, true)))),
        ([img, m]) => {
          const { ts, wasm } = bothBackends(() => warpImage(img, m, img.width + 3, img.height, { interpolation: 'bilinear', border: 'constant', fill: fillOf(img) }));
          assertImagesClose(ts, wasm, 0, 'bilinear');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a 12-bit uint16 image saturates at its maxValue as the reference does', () => {
    const img = { ...randomImage(20, 20, 1, 'uint16', 4), maxValue: 4095 } as Image;
    const { ts, wasm } = bothBackends(() => warpImage(img, rotation(20, 10, 10), 20, 20, { interpolation: 'bilinear', border: 'constant', fill: 100 }));
    assertImagesClose(ts, wasm, 0, '12-bit');
    assert.ok(Math.max(...wasm.data) <= 4095);
  });

  test('nearest: every dtype and channel count', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 40).chain((img) => fc.tuple(fc.constant(img), fc.oneof(arbMap(img.width, img.height, false), arbMap(img.width, img.height, true)))),
        ([img, m]) => {
          const { ts, wasm } = bothBackends(() => warpImage(img, m, img.width, img.height + 2, { interpolation: 'nearest', border: 'constant', fill: fillOf(img) }));
          assertImagesClose(ts, wasm, 0, 'nearest');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('warpMask: Uint8, Uint16 and Int32 labels, with a fill label', () => {
    const w = 33, h = 21;
    const make = <T extends Uint8Array | Uint16Array | Int32Array>(C: new (n: number) => T, mul: number) => {
      const d = new C(w * h);
      for (let i = 0; i < d.length; i++) d[i] = ((i * 7919) % 61) * mul;
      return { width: w, height: h, data: d };
    };
    for (const mask of [make(Uint8Array, 4), make(Uint16Array, 1000), make(Int32Array, -70000)] as MaskPlaneOf<MaskData>[]) {
      for (const m of [rotation(37, 16, 10), mat3(1.1, 0.2, -3, -0.1, 0.9, 2, 0.004, 0.002, 1)]) {
        const { ts, wasm } = bothBackends(() => warpMask(mask, m, 29, 25, { fill: 7 }));
        assert.deepEqual(Array.from(wasm.data), Array.from(ts.data));
        assert.equal(wasm.data.constructor, mask.data.constructor);
      }
    }
  });

  test('borders other than constant and the 4/8-tap filters keep the reference (no wasm call)', () => {
    const img = randomImage(16, 12, 3, 'uint8', 1);
    for (const [border, interpolation] of [['reflect', 'bilinear'], ['replicate', 'nearest'], ['constant', 'bicubic'], ['constant', 'lanczos']] as const) {
      const f = () => warpImage(img, rotation(15, 8, 6), 16, 12, { interpolation: interpolation as Interpolation, border, fill: 0 });
      assertImagesClose(withBackend('ts', f), withBackend('wasm', f), 0, `${border} ${interpolation}`);
    }
  });
});

describe('wasm remap', () => {
  /** Maps around the identity with a random displacement, some points far outside and some NaN. */
  const arbMaps = (w: number, h: number) =>
    fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 8, noNaN: true })).map(([seed, amp]) => {
      let s = seed || 1;
      const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
      const mapX = new Float32Array(w * h), mapY = new Float32Array(w * h);
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < w; j++) {
          const p = i * w + j, r = next();
          mapX[p] = r < 0.02 ? NaN : r < 0.04 ? 1e9 : j + 0.5 + (next() - 0.5) * amp;
          mapY[p] = i + 0.5 + (next() - 0.5) * amp;
        }
      }
      return { mapX, mapY };
    });

  test('bilinear uint8 within 1 level; uint16, float32 and nearest exact', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 50).chain((img) => fc.tuple(fc.constant(img), arbMaps(img.width, img.height), fc.constantFrom('bilinear', 'nearest'))),
        ([img, { mapX, mapY }, interpolation]) => {
          const { ts, wasm } = bothBackends(() => remapImage(img, mapX, mapY, img.width, img.height, { interpolation, border: 'constant', fill: fillOf(img) }));
          assertImagesClose(ts, wasm, img.dtype === 'uint8' && interpolation === 'bilinear' ? 1 : 0, `remap ${interpolation}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('remapMask is exact', () => {
    const mask = { width: 23, height: 17, data: Int32Array.from({ length: 23 * 17 }, (_, i) => (i * 31) % 97) };
    const mapX = Float32Array.from({ length: 23 * 17 }, (_, p) => (p % 23) + 0.5 + Math.sin(p) * 3);
    const mapY = Float32Array.from({ length: 23 * 17 }, (_, p) => Math.floor(p / 23) + 0.5 + Math.cos(p) * 3);
    const { ts, wasm } = bothBackends(() => remapMask(mask, mapX, mapY, 23, 17, { fill: 5 }));
    assert.deepEqual(Array.from(wasm.data), Array.from(ts.data));
  });
});
