/** Resize, LongestMaxSize and SmallestMaxSize: sizes, exact label scaling, the resize filter. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resizeImage, warpImage } from '../../../src/functional/geometric/index.js';
import { scaling } from '../../../src/geometry/matrix.js';
import { createImage } from '../../../src/targets/image.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import { px, rows, runStep, sampleWith, textured } from './crop-helpers.js';

describe('Resize', () => {
  test('2x scales boxes and keypoints exactly by 2; masks use nearest', async () => {
    const lm = createLabelMap(4, 3, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const s = sampleWith(textured(4, 3, 1), [0.25, 0.5, 3.75, 2.125, 1, 1, 2, 2], { mask: lm, keypoints: createKeypoints({ xy: [0, 0, 4, 3, 1.3, 2.7] }) });
    const { sample } = await runStep('Resize', { height: 6, width: 8 }, s, 0, { fusion: true });
    assert.deepEqual(rows(sample.boxes!.xyxy), [[0.5, 1, 7.5, 4.25], [2, 2, 4, 4]]);
    assert.deepEqual(Array.from(sample.boxes!.visibility), [1, 1]);
    assert.deepEqual(Array.from(sample.keypoints!.xy), [0, 0, 8, 6, 2.6, 5.4]);
    assert.deepEqual(Array.from(sample.mask!.data.subarray(0, 8)), [1, 1, 2, 2, 3, 3, 4, 4]);
    assert.deepEqual(Array.from(sample.mask!.data.subarray(40, 48)), [9, 9, 10, 10, 11, 11, 12, 12]);
  });

  test("'area' averages 2x2 blocks when halving, with fusion on (a resize never goes through the generic warp)", async () => {
    const img = textured(8, 6, 1);
    const { sample } = await runStep('Resize', { height: 3, width: 4, interpolation: 'area' }, sampleWith(img), 0, { fusion: true });
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 4; x++) {
        const sum = px(img, 2 * x, 2 * y) + px(img, 2 * x + 1, 2 * y) + px(img, 2 * x, 2 * y + 1) + px(img, 2 * x + 1, 2 * y + 1);
        // Means of integers: .5 and .25/.75 round half to even / to nearest.
        const m = sum / 4;
        const want = m - Math.floor(m) === 0.5 ? (Math.floor(m) % 2 === 0 ? Math.floor(m) : Math.ceil(m)) : Math.round(m);
        assert.equal(px(sample.image, x, y), want, `pixel ${x},${y}`);
      }
    }
  });

  test('enlarging keeps the edges (the generic warp with a constant border would blend the fill in)', async () => {
    const img = createImage(4, 4, 1, 'uint8');
    img.data.fill(200);
    const { sample } = await runStep('Resize', { height: 8, width: 8, interpolation: 'bilinear' }, sampleWith(img), 0, { fusion: true });
    assert.ok(sample.image.data.every((v) => v === 200));
    assert.deepEqual(sample.image, resizeImage(img, 8, 8, 'bilinear'));
    const warped = warpImage(img, scaling(2, 2), 8, 8, { interpolation: 'bilinear', border: 'constant', fill: 0 });
    assert.ok(warped.data[0]! < 200);
  });
});

describe('LongestMaxSize and SmallestMaxSize', () => {
  const s = sampleWith(createImage(400, 300, 1, 'uint8'), [50, 40, 150, 120]);

  test('LongestMaxSize 256 on 400x300 gives 256x192; boxes scale by 0.64', async () => {
    const { sample } = await runStep('LongestMaxSize', { maxSize: 256 }, s);
    assert.equal(sample.image.width, 256);
    assert.equal(sample.image.height, 192);
    rows(sample.boxes!.xyxy)[0]!.forEach((v, k) => assert.ok(Math.abs(v - [32, 25.6, 96, 76.8][k]!) < 1e-9));
  });

  test('SmallestMaxSize 256 on 400x300 gives 341x256 (round(341.33)); boxes scale per axis', async () => {
    const { sample } = await runStep('SmallestMaxSize', { maxSize: 256 }, s);
    assert.equal(sample.image.width, 341);
    assert.equal(sample.image.height, 256);
    const want = [50 * (341 / 400), 40 * (256 / 300), 150 * (341 / 400), 120 * (256 / 300)];
    rows(sample.boxes!.xyxy)[0]!.forEach((v, k) => assert.ok(Math.abs(v - want[k]!) < 1e-9));
  });

  test('sides round half to even, as Python round does', async () => {
    // Width x height, long side to maxSize: 2x5 to 4 gives width 1.6 -> 2; 10x5 to 5 gives height
    // 2.5 -> 2 and 10x7 to 5 gives 3.5 -> 4 (ties to even).
    const size = async (w: number, h: number, maxSize: number) => {
      const { sample } = await runStep('LongestMaxSize', { maxSize }, sampleWith(createImage(w, h, 1, 'uint8')));
      return [sample.image.width, sample.image.height];
    };
    assert.deepEqual(await size(2, 5, 4), [2, 4]);
    assert.deepEqual(await size(10, 5, 5), [5, 2]);
    assert.deepEqual(await size(10, 7, 5), [5, 4]);
  });

  test('a list of sizes draws one per call', async () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) seen.add((await runStep('SmallestMaxSize', { maxSize: [100, 150, 200] }, s, seed)).sample.image.height);
    assert.deepEqual([...seen].sort((a, b) => a - b), [100, 150, 200]);
  });
});
