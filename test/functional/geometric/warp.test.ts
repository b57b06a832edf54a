import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hflipImage, lanczos4Weight, rot90Image, warpImage, warpMask } from '../../../src/functional/geometric/index.js';
import type { BorderMode, Interpolation } from '../../../src/functional/types.js';
import { hflip, identity, mat3, rotation, scaling, translation } from '../../../src/geometry/matrix.js';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage, imageFrom, type Image } from '../../../src/targets/image.js';
import { affineArb } from '../../geometry/arbitraries.js';
import { CHANNELS, DTYPES, gray, patterned, rowsOf, same } from './helpers.js';

const INTERPS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];
const BORDERS: readonly BorderMode[] = ['constant', 'replicate', 'reflect', 'reflect101', 'wrap'];

function row(dtype: 'uint8' | 'uint16' | 'float32', values: number[], maxValue?: number): Image {
  const data = dtype === 'uint8' ? Uint8Array.from(values) : dtype === 'uint16' ? Uint16Array.from(values) : Float32Array.from(values);
  return imageFrom(values.length, 1, 1, dtype, data as never, maxValue) as Image;
}

describe('warpImage', () => {
  test('the identity is exact for every interpolation, dtype, channel count and border', () => {
    for (const interpolation of INTERPS) {
      for (const dtype of DTYPES) {
        for (const ch of CHANNELS) {
          for (const border of BORDERS) {
            const img = patterned(6, 5, ch, dtype);
            const out = warpImage(img, identity(), 6, 5, { interpolation, border, fill: 7 });
            assert.ok(same(out, img), `${interpolation} ${dtype} ${ch} ${border}`);
          }
        }
      }
    }
  });

  test('maps that send pixel centres to pixel centres are exact for every interpolation', () => {
    for (const interpolation of INTERPS) {
      const img = patterned(7, 7, 3, 'float32');
      const opts = { interpolation, border: 'constant', fill: 0 } as const;
      assert.ok(same(warpImage(img, hflip(7), 7, 7, opts), hflipImage(img)), `hflip ${interpolation}`);
      assert.ok(same(warpImage(img, rotation(90, 3.5, 3.5), 7, 7, opts), rot90Image(img, 1)), `rot90 ${interpolation}`);
    }
  });

  test('bilinear against hand-computed values, with both edge behaviours', () => {
    // [40, 100] shifted right by 0.25: output centre 0.5 reads pixel-index -0.25, i.e.
    // 0.25·(outside) + 0.75·40; centre 1.5 reads 0.75, i.e. 0.25·40 + 0.75·100 = 85.
    const img = gray([[40, 100]]);
    const shift = translation(0.25, 0);
    assert.deepEqual(rowsOf(warpImage(img, shift, 2, 1, { interpolation: 'bilinear', border: 'constant', fill: 0 })), [[30, 85]]);
    assert.deepEqual(rowsOf(warpImage(img, shift, 2, 1, { interpolation: 'bilinear', border: 'replicate', fill: 0 })), [[40, 85]]);
    assert.deepEqual(rowsOf(warpImage(img, shift, 2, 1, { interpolation: 'bilinear', border: 'constant', fill: 200 })), [[80, 85]]);
  });

  test('integer results round half to even (1.5 -> 2, 2.5 -> 2, 3.5 -> 4); float32 keeps the half', () => {
    const opts = { interpolation: 'bilinear', border: 'replicate', fill: 0 } as const;
    for (const dtype of ['uint8', 'uint16'] as const) {
      assert.deepEqual(Array.from(warpImage(row(dtype, [1, 2, 3, 4]), translation(0.5, 0), 4, 1, opts).data), [1, 2, 2, 4]);
    }
    assert.deepEqual(Array.from(warpImage(row('float32', [1, 2, 3, 4]), translation(0.5, 0), 4, 1, opts).data), [1, 1.5, 2.5, 3.5]);
  });

  test('bicubic uses the a = -0.75 kernel: half-pixel weights -0.09375, 0.59375, 0.59375, -0.09375', () => {
    const img = row('float32', [0, 0, 100, 0, 0, 0]);
    const out = warpImage(img, translation(0.5, 0), 6, 1, { interpolation: 'bicubic', border: 'constant', fill: 0 });
    assert.deepEqual(Array.from(out.data), [0, -9.375, 59.375, 59.375, -9.375, 0]);
    // Integer images saturate the overshoot: to 0 below, to maxValue above.
    const u8 = warpImage(row('uint8', [0, 0, 100, 0, 0, 0]), translation(0.5, 0), 6, 1, { interpolation: 'bicubic', border: 'constant', fill: 0 });
    assert.deepEqual(Array.from(u8.data), [0, 0, 59, 59, 0, 0]);
    const step = [0, 0, 0, 4095, 4095, 4095];
    const u12 = warpImage(row('uint16', step, 4095), translation(0.5, 0), 6, 1, { interpolation: 'bicubic', border: 'replicate', fill: 0 });
    assert.equal(Math.max(...u12.data), 4095);
    assert.equal(u12.maxValue, 4095);
    const f = warpImage(row('float32', step), translation(0.5, 0), 6, 1, { interpolation: 'bicubic', border: 'replicate', fill: 0 });
    assert.ok(Math.max(...f.data) > 4095, 'float32 is not clamped');
  });

  test('lanczos uses normalized Lanczos-4 weights over 8 taps', () => {
    // An impulse at pixel 4 shifted by 0.3: output j samples pixel-index j - 0.3, so
    // floor = j - 1, f = 0.7, and pixel 4 is tap k = 8 - j at distance f + 3 - k.
    const img = row('float32', [0, 0, 0, 0, 100, 0, 0, 0, 0, 0]);
    const out = warpImage(img, translation(0.3, 0), 10, 1, { interpolation: 'lanczos', border: 'constant', fill: 0 });
    const f = 0.7;
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += lanczos4Weight(f + 3 - k);
    for (let j = 0; j < 10; j++) {
      const k = 8 - j;
      const expected = k >= 0 && k < 8 ? (100 * lanczos4Weight(f + 3 - k)) / sum : 0;
      assert.ok(Math.abs(out.data[j]! - expected) < 1e-4, `${j}: ${out.data[j]} vs ${expected}`);
    }
    assert.equal(lanczos4Weight(0), 1);
    assert.equal(lanczos4Weight(2), 0);
    assert.equal(lanczos4Weight(4.5), 0);
  });

  test('a constant image stays constant under any affine map with replicate borders (property)', () => {
    fc.assert(
      fc.property(affineArb, fc.constantFrom(...INTERPS), (m, interpolation) => {
        const img = createImage(5, 4, 3, 'uint8');
        img.data.fill(173);
        const out = warpImage(img, m, 6, 5, { interpolation, border: 'replicate', fill: 0 });
        assert.ok(out.data.every((v) => v === 173));
      }),
      { numRuns: 100 },
    );
  });

  test('nearest takes the pixel containing the preimage, also under perspective', () => {
    // x' = x / (1 + 0.01x), y' = y / (1 + 0.01x); inverted by hand: x = x' / (1 - 0.01x'), y = y' / (1 - 0.01x').
    const m = mat3(1, 0, 0, 0, 1, 0, 0.01, 0, 1);
    const img = patterned(20, 12, 1, 'uint8');
    const out = warpImage(img, m, 20, 12, { interpolation: 'nearest', border: 'constant', fill: 255 });
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 20; j++) {
        const d = 1 - 0.01 * (j + 0.5);
        const u = Math.floor((j + 0.5) / d), v = Math.floor((i + 0.5) / d);
        const expected = u < 20 && v < 12 ? img.data[v * 20 + u] : 255;
        assert.equal(out.data[i * 20 + j], expected, `pixel ${j},${i}`);
      }
    }
  });

  test('an output pixel whose preimage is at infinity gets the fill, whatever the border', () => {
    // The inverse has w = 1 - 0.4x', zero at the centre x' = 2.5 of output column 2.
    const out = warpImage(gray([[10, 20, 30, 40]]), mat3(1, 0, 0, 0, 1, 0, 0.4, 0, 1), 4, 1, { interpolation: 'bilinear', border: 'replicate', fill: 77 });
    assert.equal(out.data[2], 77);
    assert.notEqual(out.data[0], 77);
  });

  test('fill is per channel, stored like a pixel value', () => {
    const img = patterned(2, 2, 3, 'uint8');
    const out = warpImage(img, translation(5, 0), 2, 2, { interpolation: 'nearest', border: 'constant', fill: [1, 300, 2.5] });
    assert.deepEqual(Array.from(out.data.subarray(0, 3)), [1, 255, 2]);
  });

  test('scaling by 2 with nearest repeats each pixel into a 2x2 block', () => {
    const img = gray([[1, 2], [3, 4]]);
    assert.deepEqual(rowsOf(warpImage(img, scaling(2, 2), 4, 4, { interpolation: 'nearest', border: 'constant', fill: 0 })), [
      [1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4],
    ]);
  });

  test('inputs are not mutated', () => {
    const img = patterned(5, 5, 4, 'uint16');
    const before = img.data.slice();
    warpImage(img, rotation(17, 2, 2), 5, 5, { interpolation: 'lanczos', border: 'reflect', fill: 0 });
    assert.deepEqual(img.data, before);
  });

  test('bad matrices, sizes and options are refused with the option and a hint', () => {
    const img = gray([[1]]);
    const opts = { interpolation: 'nearest', border: 'constant', fill: 0 } as const;
    const check = (fn: () => unknown, key: string): void => {
      assert.throws(fn, (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.message.includes(key) && /Hint: /.test(e.message));
    };
    check(() => warpImage(img, scaling(0, 1), 1, 1, opts), 'warpImage.m');
    check(() => warpImage(img, Float64Array.of(1, 0, NaN, 0, 1, 0, 0, 0, 1), 1, 1, opts), 'warpImage.m');
    check(() => warpImage(img, identity(), 0, 1, opts), 'warpImage.outWidth');
    check(() => warpImage(img, identity(), 1, 1, { ...opts, interpolation: 'cubic' as Interpolation }), 'warpImage.interpolation');
    check(() => warpMask({ width: 1, height: 1, data: Uint8Array.of(1) }, identity(), 1, 1, { fill: -1 }), 'warpMask.fill');
  });
});

describe('warpMask', () => {
  test('labels stay integers from the input (or the fill) and line up with the nearest image warp', () => {
    fc.assert(
      fc.property(affineArb, fc.constantFrom<BorderMode>(...BORDERS), (m, border) => {
        const w = 9, h = 7;
        const labels = Uint8Array.from({ length: w * h }, (_, k) => (k * 7) % 5 + 1);
        const mask = { width: w, height: h, data: labels };
        const out = warpMask(mask, m, 8, 8, { border, fill: 0 });
        assert.ok(out.data instanceof Uint8Array);
        const allowed = new Set([0, ...labels]);
        assert.ok(out.data.every((v) => allowed.has(v)));
        const asImage = warpImage(imageFrom(w, h, 1, 'uint8', labels.slice()), m, 8, 8, { interpolation: 'nearest', border, fill: 0 });
        assert.deepEqual(Array.from(out.data), Array.from(asImage.data));
        assert.deepEqual(Array.from(labels), Array.from({ length: w * h }, (_, k) => (k * 7) % 5 + 1));
      }),
      { numRuns: 100 },
    );
  });
});
