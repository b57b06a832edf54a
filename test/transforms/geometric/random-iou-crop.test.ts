/** RandomIoUCrop: torchvision v2 window rules, centre-based dropping, leave-as-is cases. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import { createPolygons } from '../../../src/targets/polygons.js';
import { iouCropWindow } from '../../../src/transforms/geometric/random-iou-crop.js';
import { replayStep, rows, runStep, sampleWith, textured } from './crop-helpers.js';

const DEFAULTS = { minScale: 0.3, maxScale: 1, minAspectRatio: 0.5, maxAspectRatio: 2, samplerOptions: [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1], trials: 40 };

function iou(b: number[], w: number[]): number {
  const iw = Math.max(0, Math.min(b[2]!, w[2]!) - Math.max(b[0]!, w[0]!));
  const ih = Math.max(0, Math.min(b[3]!, w[3]!) - Math.max(b[1]!, w[1]!));
  const inter = iw * ih;
  return inter / ((b[2]! - b[0]!) * (b[3]! - b[1]!) + (w[2]! - w[0]!) * (w[3]! - w[1]!) - inter);
}

describe('RandomIoUCrop windows', () => {
  const boxList = [[10, 10, 40, 30], [50, 40, 90, 75], [70, 5, 80, 15]];
  const boxes = createBoxes({ xyxy: boxList.flat() });

  test('every crop obeys the scale and aspect limits and has a box centred inside with IoU >= the drawn threshold', () => {
    const thresholds = new Set<number>();
    let cropped = 0;
    for (let seed = 0; seed < 400; seed++) {
      const p = iouCropWindow(new Rng(seed), 100, 80, boxes, DEFAULTS);
      if (!p.cropped) {
        assert.deepEqual([p.xMin, p.yMin, p.xMax, p.yMax, p.minIoU], [0, 0, 100, 80, 1]);
        continue;
      }
      cropped++;
      thresholds.add(p.minIoU);
      const w = p.xMax - p.xMin, h = p.yMax - p.yMin;
      assert.ok(w >= Math.floor(100 * 0.3) && w <= 100 && h >= Math.floor(80 * 0.3) && h <= 80);
      assert.ok(w / h >= 0.5 && w / h <= 2);
      assert.ok(p.xMin >= 0 && p.yMin >= 0 && p.xMax <= 100 && p.yMax <= 80);
      const win = [p.xMin, p.yMin, p.xMax, p.yMax];
      const ok = boxList.filter((b) => {
        const cx = (b[0]! + b[2]!) / 2, cy = (b[1]! + b[3]!) / 2;
        return p.xMin < cx && cx < p.xMax && p.yMin < cy && cy < p.yMax;
      });
      assert.ok(ok.length > 0, `no box centre inside ${win}`);
      assert.ok(Math.max(...ok.map((b) => iou(b, win))) >= p.minIoU, `IoU below ${p.minIoU} for ${win}`);
    }
    // About 6 in 7 draws crop; every threshold below 1 shows up.
    assert.ok(cropped > 300 && cropped < 380, `${cropped} crops of 400`);
    assert.deepEqual([...thresholds].sort(), [0, 0.1, 0.3, 0.5, 0.7, 0.9]);
  });

  test('a threshold >= 1, no boxes, or thresholds that no window can meet leave the sample as it is', () => {
    const whole = { xMin: 0, yMin: 0, xMax: 100, yMax: 80, minIoU: 1, cropped: false };
    assert.deepEqual(iouCropWindow(new Rng(1), 100, 80, boxes, { ...DEFAULTS, samplerOptions: [1] }), whole);
    assert.deepEqual(iouCropWindow(new Rng(1), 100, 80, undefined, DEFAULTS), whole);
    assert.deepEqual(iouCropWindow(new Rng(1), 100, 80, createBoxes({ xyxy: [] }), DEFAULTS), whole);
    // A 2x2 box against windows of at least 30x24 px: IoU <= 4/720, never 0.5.
    const tiny = createBoxes({ xyxy: [50, 40, 52, 42] });
    assert.deepEqual(iouCropWindow(new Rng(1), 100, 80, tiny, { ...DEFAULTS, samplerOptions: [0.5], trials: 2 }), whole);
  });
});

describe('RandomIoUCrop labels', () => {
  test('boxes whose centres fall outside the window are dropped with their polygons; the others are clipped', async () => {
    const s = sampleWith(textured(100, 80, 1), [10, 10, 40, 30, 50, 40, 90, 75, 35, 20, 70, 50], {
      polygons: createPolygons({ instances: [[[10, 10, 40, 10, 40, 30]], [[50, 40, 90, 40, 90, 75]], [[35, 20, 70, 20, 70, 50]]] }),
    });
    // Window [30, 15, 60, 60]: centres (25, 20) out, (70, 57.5) out, (52.5, 35) in.
    const params = { xMin: 30, yMin: 15, xMax: 60, yMax: 60, minIoU: 0.1, cropped: true };
    const out = await replayStep('RandomIoUCrop', params, s, { method: 'corners' });
    assert.deepEqual(Array.from(out.boxes!.sourceIndex), [2]);
    assert.deepEqual(rows(out.boxes!.xyxy), [[5, 5, 30, 35]]);
    // 25x30 of 35x30 in frame.
    assert.ok(Math.abs(out.boxes!.visibility[0]! - (25 * 30) / (35 * 30)) < 1e-12);
    assert.equal(out.polygons!.instances.length, 1);
    assert.equal(out.image.width, 30);
    assert.equal(out.image.height, 45);
  });

  test('minVisibility still applies to boxes centred inside', async () => {
    const s = sampleWith(textured(100, 80, 1), [35, 20, 70, 50]);
    const params = { xMin: 30, yMin: 15, xMax: 60, yMax: 60, minIoU: 0, cropped: true };
    assert.equal((await replayStep('RandomIoUCrop', params, s, { minVisibility: 0.5 })).boxes!.visibility.length, 1);
    assert.equal((await replayStep('RandomIoUCrop', params, s, { minVisibility: 0.9 })).boxes!.visibility.length, 0);
  });

  test('leaving the sample as it is keeps every box, even one centred on the border', async () => {
    const s = sampleWith(textured(40, 30, 1), [0, 0, 0, 10, 5, 5, 15, 15]);
    const { sample, params } = await runStep('RandomIoUCrop', { samplerOptions: [1] }, s);
    assert.equal(params['cropped'], false);
    assert.deepEqual(sample.image, s.image);
    assert.deepEqual(Array.from(sample.boxes!.sourceIndex), [0, 1]);
  });
});
