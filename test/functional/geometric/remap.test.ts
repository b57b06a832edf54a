import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { remapImage, remapMask, warpImage } from '../../../src/functional/geometric/index.js';
import type { Interpolation } from '../../../src/functional/types.js';
import { scaling, translation } from '../../../src/geometry/matrix.js';
import { AuguryError } from '../../../src/core/errors.js';
import { imageFrom } from '../../../src/targets/image.js';
import { CHANNELS, DTYPES, gray, patterned, rowsOf, same } from './helpers.js';

const INTERPS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];

/** Maps whose entry for output (j, i) is f(j + 0.5, i + 0.5), built here without the field helpers. */
function mapsOf(w: number, h: number, f: (x: number, y: number) => [number, number]): { mapX: Float32Array; mapY: Float32Array } {
  const mapX = new Float32Array(w * h), mapY = new Float32Array(w * h);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const [u, v] = f(j + 0.5, i + 0.5);
      mapX[i * w + j] = u;
      mapY[i * w + j] = v;
    }
  }
  return { mapX, mapY };
}

describe('remapImage', () => {
  test('identity maps are exact for every interpolation, dtype and channel count', () => {
    const { mapX, mapY } = mapsOf(6, 5, (x, y) => [x, y]);
    for (const interpolation of INTERPS) {
      for (const dtype of DTYPES) {
        for (const ch of CHANNELS) {
          const img = patterned(6, 5, ch, dtype);
          assert.ok(same(remapImage(img, mapX, mapY, 6, 5, { interpolation, border: 'constant', fill: 9 }), img), `${interpolation} ${dtype} ${ch}`);
        }
      }
    }
  });

  test('maps of an affine map equal the warp by its matrix (same sampling convention)', () => {
    const img = patterned(8, 6, 3, 'uint8');
    // Forward: scale by 2 then shift by (1.5, -0.75); the maps hold the inverse, written by hand.
    const { mapX, mapY } = mapsOf(12, 9, (x, y) => [(x - 1.5) / 2, (y + 0.75) / 2]);
    const m = Float64Array.from(scaling(2, 2));
    m[2] = 1.5; m[5] = -0.75;
    for (const interpolation of INTERPS) {
      for (const border of ['constant', 'reflect101', 'wrap'] as const) {
        const opts = { interpolation, border, fill: 4 };
        assert.ok(same(remapImage(img, mapX, mapY, 12, 9, opts), warpImage(img, m, 12, 9, opts)), `${interpolation} ${border}`);
      }
    }
  });

  test('a NaN entry writes the fill; other entries sample normally', () => {
    const { mapX, mapY } = mapsOf(3, 1, (x, y) => [x, y]);
    mapX[1] = NaN;
    const out = remapImage(gray([[10, 20, 30]]), mapX, mapY, 3, 1, { interpolation: 'bilinear', border: 'replicate', fill: 99 });
    assert.deepEqual(rowsOf(out), [[10, 99, 30]]);
  });

  test('maps with the wrong length are refused with the option and a hint', () => {
    const { mapX, mapY } = mapsOf(2, 2, (x, y) => [x, y]);
    assert.throws(
      () => remapImage(gray([[1, 2], [3, 4]]), mapX, mapY.subarray(0, 3), 2, 2, { interpolation: 'nearest', border: 'constant', fill: 0 }),
      (e: unknown) => e instanceof AuguryError && /remapImage\.mapY/.test(e.message) && /Hint: /.test(e.message),
    );
  });

  test('inputs are not mutated', () => {
    const img = patterned(5, 5, 1, 'float32');
    const before = img.data.slice();
    const { mapX, mapY } = mapsOf(5, 5, (x, y) => [x * 0.9 + 0.3, y * 1.1]);
    const mx = mapX.slice();
    remapImage(img, mapX, mapY, 5, 5, { interpolation: 'bicubic', border: 'reflect', fill: 0 });
    assert.deepEqual(img.data, before);
    assert.deepEqual(mapX, mx);
  });
});

describe('remapMask', () => {
  test('labels come only from the input or the fill and match the nearest image remap', () => {
    const w = 7, h = 5;
    const labels = Uint16Array.from({ length: w * h }, (_, k) => 1000 + ((k * 5) % 9));
    const { mapX, mapY } = mapsOf(9, 6, (x, y) => [x * 0.8 - 0.7 + 0.3 * Math.sin(y), y * 0.9 + 0.2 * Math.cos(x)]);
    const out = remapMask({ width: w, height: h, data: labels }, mapX, mapY, 9, 6, { border: 'constant', fill: 7 });
    assert.ok(out.data instanceof Uint16Array);
    const allowed = new Set([7, ...labels]);
    assert.ok(out.data.every((v) => allowed.has(v)));
    const img = imageFrom(w, h, 1, 'uint16', labels.slice());
    assert.deepEqual(Array.from(out.data), Array.from(remapImage(img, mapX, mapY, 9, 6, { interpolation: 'nearest', border: 'constant', fill: 7 }).data));
    assert.ok(out.data.includes(7), 'part of the output falls outside the source');
  });

  test('translation maps move labels by whole pixels', () => {
    const { mapX, mapY } = mapsOf(3, 1, (x, y) => [x - 1, y]);
    const out = remapMask({ width: 3, height: 1, data: Uint8Array.of(1, 2, 3) }, mapX, mapY, 3, 1);
    assert.deepEqual(Array.from(out.data), [0, 1, 2]);
    assert.deepEqual(Array.from(warpImage(gray([[1, 2, 3]]), translation(1, 0), 3, 1, { interpolation: 'nearest', border: 'constant', fill: 0 }).data), [0, 1, 2]);
  });
});
