import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { drawScales, ObjectTable, scoreSample, summarize } from '../../src/audit/index.js';
import { naiveMixup } from '../../src/audit/naive-mixup.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createImage } from '../../src/targets/image.js';
import { createPolygons } from '../../src/targets/polygons.js';
import type { Sample } from '../../src/targets/sample.js';

function rectSample(id: string, w: number, h: number, rects: number[][]): Sample {
  return {
    id,
    image: createImage(w, h, 3, 'uint8'),
    boxes: createBoxes({ xyxy: rects.flat() }),
    polygons: createPolygons({ instances: rects.map(([a, b, c, d]) => [[a!, b!, c!, b!, c!, d!, a!, d!]]) }),
  };
}

describe('scoring', () => {
  test('a dropped box of a visible object is lost; a kept box of a barely visible one is under minVisibility', () => {
    const t = new ObjectTable();
    const s = t.prepare(rectSample('a', 20, 20, [[0, 0, 10, 10], [10, 10, 20, 20]]), 0);
    // Output: object 1's box dropped (its pixels still there); object 2 cut to 1 of its 100 pixels.
    const mask = { ...s.mask!, data: s.mask!.data.map((v, i) => (v === 2 && i !== 10 * 20 + 10 ? 0 : v)) };
    const masks = [s.instanceMasks!.masks[1]!.map((v, i) => (i === 10 * 20 + 10 ? v : 0))];
    const out: Sample = { ...s, mask, instanceMasks: { ...s.instanceMasks!, masks, labels: Int32Array.of(0) }, boxes: { ...createBoxes({ xyxy: [10, 10, 20, 20] }), fields: { auditObject: Int32Array.of(2) } } };
    const score = scoreSample(out, t, [1], 0.3);
    assert.deepEqual(score.lost, [1]);
    assert.deepEqual(score.underMinVisibility, [0]);
    assert.equal(score.fractions.get(2), 0.01);
    assert.deepEqual(score.boxes[0]!.visibleBox, [10, 10, 11, 11]);
    assert.equal(score.boxes[0]!.iou, 0.01);
    const sum = summarize([score]);
    assert.deepEqual(sum, { meanIoU: 0.01, shareBelow05: 1, lost: 1, underMinVisibility: 1, boxes: 1 });
  });

  test('a sample with boxes but no shape is refused with its record and a hint', () => {
    const s: Sample = { id: 'b7', image: createImage(8, 8, 3, 'uint8'), boxes: createBoxes({ xyxy: [1, 1, 4, 4] }), source: { file: 'x.png' } };
    assert.throws(() => new ObjectTable().prepare(s, 0), (e: Error) => /sample b7 \(x\.png\)/.test(e.message) && /Hint: audit a dataset with instance segmentation/.test(e.message));
  });

  test('draw scales come from the trace: Mosaic cells and Copy-Paste factors', () => {
    const draws = [{ record: 0, width: 100, height: 100 }, { record: 1, width: 50, height: 50 }, { record: 2, width: 100, height: 100 }, { record: 3, width: 100, height: 100 }, { record: 4, width: 80, height: 80 }];
    const steps = [
      { name: 'Mosaic', partners: ['1', '2', '3'], params: { cells: [{ source: 0, sx: 0.5, sy: 0.5 }, { source: 1, sx: 2, sy: 1 }, { source: 2, sx: 1, sy: 1 }, { source: 3, sx: 0.25, sy: 1 }] } },
      { name: 'CopyPaste', partners: ['4'], params: { sx: 0.5, sy: 0.5 } },
    ];
    assert.deepEqual(drawScales(steps, draws), [0.25, 2, 1, 0.25, 0.25]);
  });
});

describe('naive mixup baseline', () => {
  test('pairs boxes by area, interpolates them, and loses the unpaired object', () => {
    const t = new ObjectTable();
    const a = t.prepare(rectSample('a', 40, 40, [[0, 0, 10, 10], [20, 20, 40, 40]]), 0);
    const first = t.objects.length + 1;
    const b = t.prepare(rectSample('b', 40, 40, [[0, 20, 20, 40]]), 1);
    const r = naiveMixup(a, b, 0.5, 1, first);
    // The biggest of a (20x20 at 20,20) pairs with b's only box (20x20 at 0,20): halfway is 10..30.
    assert.deepEqual(Array.from(r.sample.boxes!.xyxy), [10, 20, 30, 40]);
    assert.equal(r.score.boxes[0]!.iou, 1 / 3);
    assert.deepEqual(r.score.lost, [1]);
  });
});
