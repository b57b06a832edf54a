/** RandomSizedBBoxSafeCrop: every box stays whole, over many seeds; the window varies. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPolygons } from '../../../src/targets/polygons.js';
import { rows, runStep, sampleWith, textured } from './crop-helpers.js';

describe('RandomSizedBBoxSafeCrop', () => {
  const boxes = [30.5, 20.25, 50, 44, 70, 12, 81.75, 30, 44, 50, 60, 58.5];

  test('keeps every box fully inside (visibility 1) over many seeds, mapped exactly', async () => {
    const s = sampleWith(textured(100, 70, 1), boxes);
    const windows = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const { sample, params } = await runStep('RandomSizedBBoxSafeCrop', { height: 40, width: 60 }, s, seed);
      const p = params as { xMin: number; yMin: number; xMax: number; yMax: number };
      windows.add(`${p.xMin},${p.yMin},${p.xMax},${p.yMax}`);
      assert.ok(p.xMin >= 0 && p.yMin >= 0 && p.xMax <= 100 && p.yMax <= 70);
      assert.ok(p.xMin <= 30.5 && p.yMin <= 12 && p.xMax >= 81.75 && p.yMax >= 58.5, `window ${JSON.stringify(p)} cuts the union`);
      assert.equal(sample.image.width, 60);
      assert.equal(sample.image.height, 40);
      assert.deepEqual(Array.from(sample.boxes!.visibility), [1, 1, 1]);
      const sx = 60 / (p.xMax - p.xMin), sy = 40 / (p.yMax - p.yMin);
      rows(sample.boxes!.xyxy).forEach((b, i) => {
        const want = [(boxes[4 * i]! - p.xMin) * sx, (boxes[4 * i + 1]! - p.yMin) * sy, (boxes[4 * i + 2]! - p.xMin) * sx, (boxes[4 * i + 3]! - p.yMin) * sy];
        b.forEach((v, k) => assert.ok(Math.abs(v - want[k]!) < 1e-9, `seed ${seed} box ${i}: ${b} vs ${want}`));
      });
    }
    assert.ok(windows.size > 100, `only ${windows.size} distinct windows`);
  });

  test('polygons stay whole too', async () => {
    const s = sampleWith(textured(100, 70, 1), [30, 20, 50, 44], { polygons: createPolygons({ instances: [[[30, 20, 50, 20, 40, 44]]] }) });
    for (let seed = 0; seed < 30; seed++) {
      const { sample } = await runStep('RandomSizedBBoxSafeCrop', { height: 32, width: 32 }, s, seed);
      assert.equal(sample.polygons!.instances[0]![0]!.length, 6);
      assert.equal(sample.boxes!.visibility[0], 1);
    }
  });

  test('erosionRate lets the window cut into boxes, but never past their eroded core', async () => {
    const s = sampleWith(textured(100, 70, 1), [10, 10, 90, 60]);
    let cut = 0;
    for (let seed = 0; seed < 100; seed++) {
      const { params, sample } = await runStep('RandomSizedBBoxSafeCrop', { height: 20, width: 20, erosionRate: 0.25 }, s, seed);
      // Eroded core: [10 + 20, 10 + 12.5, 90 - 20, 60 - 12.5].
      assert.ok((params['xMin'] as number) <= 30 && (params['yMin'] as number) <= 22.5 && (params['xMax'] as number) >= 70 && (params['yMax'] as number) >= 47.5);
      if (sample.boxes!.visibility[0]! < 1) cut++;
    }
    assert.ok(cut > 50, `only ${cut} of 100 crops cut the box`);
  });

  test('without boxes: a random crop of the aspect ratio with height in [H (1 - erosionRate), H]', async () => {
    const s = sampleWith(textured(90, 60, 1));
    const whole = await runStep('RandomSizedBBoxSafeCrop', { height: 30, width: 30 }, s, 1);
    assert.deepEqual([whole.params['xMin'], whole.params['yMin'], whole.params['xMax'], whole.params['yMax']], [0, 0, 90, 60]);
    for (let seed = 0; seed < 50; seed++) {
      const { params } = await runStep('RandomSizedBBoxSafeCrop', { height: 30, width: 30, erosionRate: 0.5 }, s, seed);
      const h = (params['yMax'] as number) - (params['yMin'] as number);
      const w = (params['xMax'] as number) - (params['xMin'] as number);
      assert.ok(h >= 30 && h <= 60);
      assert.equal(w, Math.floor((h * 90) / 60));
      assert.ok((params['xMin'] as number) >= 0 && (params['xMax'] as number) <= 90 && (params['yMax'] as number) <= 60);
    }
  });
});
