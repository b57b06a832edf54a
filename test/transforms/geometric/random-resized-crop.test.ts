/** RandomResizedCrop: window statistics follow scale and ratio; fallback; exact label scaling. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { randomResizedWindow } from '../../../src/transforms/geometric/random-resized-crop.js';
import { createImage } from '../../../src/targets/image.js';
import { replayStep, rows, runStep, sampleWith } from './crop-helpers.js';

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

describe('RandomResizedCrop windows', () => {
  test('area fraction is uniform in scale, log aspect ratio uniform in log ratio, position uniform', () => {
    // On 1000x1000 with scale <= 0.3 every first attempt fits, so the draws are unconditioned.
    const W = 1000, H = 1000, N = 4000;
    const areas: number[] = [], logRatios: number[] = [], relX: number[] = [];
    for (let i = 0; i < N; i++) {
      const w = randomResizedWindow(new Rng(i), W, H, [0.1, 0.3], [3 / 4, 4 / 3]);
      const cw = w.xMax - w.xMin, ch = w.yMax - w.yMin;
      assert.ok(w.xMin >= 0 && w.yMin >= 0 && w.xMax <= W && w.yMax <= H);
      areas.push((cw * ch) / (W * H));
      logRatios.push(Math.log(cw / ch));
      relX.push(w.xMin / (W - cw));
    }
    // Rounding sides to whole pixels moves area and ratio by well under 1% here.
    assert.ok(Math.min(...areas) >= 0.1 * 0.99 && Math.max(...areas) <= 0.3 * 1.01);
    assert.ok(Math.min(...logRatios) >= Math.log(3 / 4) - 0.01 && Math.max(...logRatios) <= Math.log(4 / 3) + 0.01);
    // Uniform on [0.1, 0.3]: mean 0.2, sd 0.0577; the mean of 4000 has sd 0.0009.
    assert.ok(Math.abs(mean(areas) - 0.2) < 0.004, `mean area ${mean(areas)}`);
    // Quartiles of a uniform distribution.
    const sorted = areas.slice().sort((a, b) => a - b);
    assert.ok(Math.abs(sorted[N / 4]! - 0.15) < 0.006 && Math.abs(sorted[(3 * N) / 4]! - 0.25) < 0.006);
    // log ratio symmetric about 0 (the log of 3/4 and 4/3 are opposite): mean 0, sd 0.166.
    assert.ok(Math.abs(mean(logRatios)) < 0.011, `mean log ratio ${mean(logRatios)}`);
    assert.ok(Math.abs(mean(relX) - 0.5) < 0.02, `mean relative x ${mean(relX)}`);
  });

  test('windows never leave the image, even with scale up to 1 on a wide image', () => {
    for (let i = 0; i < 2000; i++) {
      const w = randomResizedWindow(new Rng(i), 300, 100, [0.08, 1], [3 / 4, 4 / 3]);
      assert.ok(w.xMin >= 0 && w.yMin >= 0 && w.xMax <= 300 && w.yMax <= 100 && w.xMax > w.xMin && w.yMax > w.yMin);
    }
  });

  test('after 10 misfits: the central crop with the aspect ratio clamped into ratio', () => {
    // Ratio 3 needs w = 3h; with area >= 0.9 of a square that never fits.
    const w = randomResizedWindow(new Rng(1), 90, 90, [0.9, 1], [3, 4]);
    // in_ratio 1 < 3: w = 90, h = round(90 / 3) = 30, centred.
    assert.deepEqual(w, { xMin: 0, yMin: 30, xMax: 90, yMax: 60 });
    const tall = randomResizedWindow(new Rng(1), 40, 100, [0.9, 1], [0.5, 0.6]);
    // in_ratio 0.4 < 0.5: w = 40, h = round(40 / 0.5) = 80.
    assert.deepEqual(tall, { xMin: 0, yMin: 10, xMax: 40, yMax: 90 });
    const wide = randomResizedWindow(new Rng(1), 100, 40, [0.9, 1], [1.5, 2]);
    // in_ratio 2.5 > 2: h = 40, w = round(40 * 2) = 80.
    assert.deepEqual(wide, { xMin: 10, yMin: 0, xMax: 90, yMax: 40 });
  });
});

describe('RandomResizedCrop labels and pixels', () => {
  test('boxes map through the window and the resize exactly', async () => {
    const s = sampleWith(createImage(100, 80, 3, 'uint8'), [20, 10, 40, 30]);
    const out = await replayStep('RandomResizedCrop', { xMin: 10, yMin: 5, xMax: 60, yMax: 45, width: 25, height: 80, interpolation: 'bilinear' }, s);
    assert.equal(out.image.width, 25);
    assert.equal(out.image.height, 80);
    // x: (x - 10) * 25 / 50; y: (y - 5) * 80 / 40.
    assert.deepEqual(rows(out.boxes!.xyxy), [[5, 10, 15, 50]]);
  });

  test('the output has the configured size and the sampled window in its params', async () => {
    const { sample, params } = await runStep('RandomResizedCrop', { size: [30, 20] }, sampleWith(createImage(64, 48, 1, 'uint8')), 3);
    assert.equal(sample.image.width, 20);
    assert.equal(sample.image.height, 30);
    assert.equal(params['width'], 20);
    assert.equal(params['height'], 30);
    assert.ok((params['xMax'] as number) > (params['xMin'] as number));
  });
});
