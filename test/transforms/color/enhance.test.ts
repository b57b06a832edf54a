/** Brightness, Contrast, Saturation and Sharpness: PIL ImageEnhance values worked out by hand. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createImage } from '../../../src/targets/image.js';
import { apply, paramsOf, randomImage, row, runStep, values } from './helpers.js';

describe('Brightness', () => {
  test('scales by the factor, truncating and clipping like PIL', async () => {
    assert.deepEqual(values(await apply('Brightness', { factor: 0.5 }, row('uint8', 1, [100, 201, 255, 0]))), [50, 100, 127, 0]);
    assert.deepEqual(values(await apply('Brightness', { factor: 1.5 }, row('uint8', 1, [100, 200]))), [150, 255]);
  });

  test('a number is that exact factor; a range is sampled within it', async () => {
    assert.equal(paramsOf(await runStep('Brightness', { factor: 0.7 }, row('uint8', 1, [1]))).factor, 0.7);
    for (let seed = 0; seed < 20; seed++) {
      const f = paramsOf(await runStep('Brightness', { factor: [0.5, 0.6] }, row('uint8', 1, [1]), seed)).factor as number;
      assert.ok(f >= 0.5 && f <= 0.6, String(f));
    }
  });

  test('float32 and uint16 follow the same formula on their own scale', async () => {
    const f = await apply('Brightness', { factor: 0.5 }, row('float32', 1, [0.5, 1]));
    assert.deepEqual(values(f), [0.25, 0.5]);
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(values(await apply('Brightness', { factor: 2 }, row('uint16', 1, [1000, 40000]))), [2000, 65535]);
  });
});

describe('Contrast', () => {
  test('blends with the rounded gray mean', async () => {
    // mean of [0, 100, 200, 100] is 100
    assert.deepEqual(values(await apply('Contrast', { factor: 0.5 }, row('uint8', 1, [0, 100, 200, 100]))), [50, 100, 150, 100]);
    assert.deepEqual(values(await apply('Contrast', { factor: 0 }, row('uint8', 1, [0, 100, 200, 100]))), [100, 100, 100, 100]);
  });

  test('the mean of an RGB image is its luma mean (gray pixels keep their value as luma)', async () => {
    // two gray pixels 40 and 60: luma mean 50; factor 2 doubles the distance from it
    const img = row('uint8', 3, [40, 40, 40, 60, 60, 60]);
    assert.deepEqual(values(await apply('Contrast', { factor: 2 }, img)), [30, 30, 30, 70, 70, 70]);
  });
});

describe('Saturation', () => {
  // luma of (200, 100, 50) in PIL's 'L' fixed point: (200*19595 + 100*38470 + 50*7471 + 32768) >> 16 = 124
  test('blends each pixel with its own luma', async () => {
    const img = row('uint8', 3, [200, 100, 50]);
    assert.deepEqual(values(await apply('Saturation', { factor: 0 }, img)), [124, 124, 124]);
    assert.deepEqual(values(await apply('Saturation', { factor: 0.5 }, img)), [162, 112, 87]);
    assert.deepEqual(values(await apply('Saturation', { factor: 2 }, img)), [255, 76, 0]);
  });

  test('keeps alpha and leaves gray images unchanged', async () => {
    assert.deepEqual(values(await apply('Saturation', { factor: 0 }, row('uint8', 4, [200, 100, 50, 77]))), [124, 124, 124, 77]);
    assert.deepEqual(values(await apply('Saturation', { factor: 0 }, row('uint8', 1, [10, 200]))), [10, 200]);
  });
});

describe('Sharpness', () => {
  // 3x3 image: centre 130, the rest 13. PIL SMOOTH at the centre: (8 * 13 + 5 * 130) / 13 = 58.
  const img = createImage(3, 3, 1, 'uint8');
  img.data.fill(13);
  img.data[4] = 130;

  test('blends with the PIL SMOOTH filter; the border never changes', async () => {
    const smooth = await apply('Sharpness', { factor: 0 }, img);
    assert.deepEqual(values(smooth), [13, 13, 13, 13, 58, 13, 13, 13, 13]);
    const sharp = await apply('Sharpness', { factor: 2 }, img);
    assert.deepEqual(values(sharp), [13, 13, 13, 13, 202, 13, 13, 13, 13]);
  });
});

describe('factor 1 is the identity', () => {
  for (const name of ['Brightness', 'Contrast', 'Saturation', 'Sharpness']) {
    test(name, async () => {
      for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
        for (const channels of [1, 3, 4] as const) {
          const img = randomImage(channels * 10 + dtype.length, dtype, channels);
          const out = await apply(name, { factor: 1 }, img);
          assert.deepEqual(values(out), values(img), `${dtype} x${channels}`);
          assert.equal(out.dtype, dtype);
        }
      }
    });
  }
});
