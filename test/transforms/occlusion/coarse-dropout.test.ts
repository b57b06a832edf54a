import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../../src/core/pipeline.js';
import type { Sample } from '../../../src/targets/sample.js';
import { H, W, makeSample } from '../../conformance/fixture.js';
import { paramsOf, rejectsWith, u8 } from '../blur-noise/helpers.js';

/** The left half of box 0 ([8, 6, 24, 22]) of the conformance fixture, exactly. */
const LEFT_HALF = { x1: 8, y1: 6, x2: 16, y2: 22 };

const dropout = (top: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
  Pipeline.fromConfig({ ...top, transforms: [{ name: 'CoarseDropout', p: 1, ...options }] });

const trace = (params: Record<string, unknown>) => [{ name: 'CoarseDropout', params: { fill: 0, maskFillValue: null, ...params } }];

describe('CoarseDropout labels', () => {
  test('one hole over exactly the left half of a box gives it visibility 0.5; a visible keypoint in the hole becomes occluded', async () => {
    const s = makeSample();
    const r = await dropout({ boxes: { minVisibility: 0.4 } }).replay(s, trace({ holes: [LEFT_HALF] }));
    assert.deepEqual([...r.sample.boxes!.visibility], [0.5, 1, 1]);
    assert.deepEqual(r.sample.boxes!.xyxy, s.boxes!.xyxy);
    // Keypoints: (10, 10) was 2 and is in the hole -> 1; (15, 18) was 1 and stays 1; (20, 10) is right of it.
    assert.deepEqual([...r.sample.keypoints!.visibility], [1, 2, 1, 2, 2, 2]);
    assert.deepEqual(r.sample.keypoints!.xy, s.keypoints!.xy);
    assert.equal(r.sample.polygons, s.polygons);
    assert.equal(r.sample.mask, s.mask);
    assert.deepEqual(r.sample.instanceMasks, s.instanceMasks);
    assert.equal(r.sample.label, s.label);
  });

  test('minVisibility 0.6 then drops that box with its polygon and instance mask', async () => {
    const s = makeSample();
    const r = await dropout({ boxes: { minVisibility: 0.6 } }).replay(s, trace({ holes: [LEFT_HALF] }));
    assert.deepEqual([...r.sample.boxes!.sourceIndex], [1, 2]);
    assert.deepEqual([...r.sample.boxes!.visibility], [1, 1]);
    assert.equal(r.sample.polygons!.instances.length, 2);
    assert.equal(r.sample.instanceMasks!.masks.length, 2);
    // Keypoints keep their rows; those of the dropped box point at no box any more.
    assert.deepEqual([...(r.sample.keypoints!.fields['instance'] as Int32Array)], [-1, -1, -1, 0, 0, 0]);
  });

  test('the hole is filled in the image and nowhere else', async () => {
    const s = makeSample();
    const r = await dropout().replay(s, trace({ holes: [LEFT_HALF], fill: [1, 2, 3] }));
    const a = s.image.data;
    const b = r.sample.image.data;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inside = x >= 8 && x < 16 && y >= 6 && y < 22;
        for (let c = 0; c < 3; c++) assert.equal(b[(y * W + x) * 3 + c], inside ? c + 1 : a[(y * W + x) * 3 + c], `pixel ${x},${y}`);
      }
    }
  });

  test('maskFillValue writes into label maps and clears instance masks under the hole', async () => {
    const s = makeSample();
    const r = await dropout().replay(s, trace({ holes: [LEFT_HALF], maskFillValue: 255 }));
    const lm = r.sample.mask!.data;
    const m0 = r.sample.instanceMasks!.masks[0]!;
    for (let y = 6; y < 22; y++) {
      for (let x = 8; x < 24; x++) {
        const inside = x < 16;
        assert.equal(lm[y * W + x], inside ? 255 : 1, `label map at ${x},${y}`);
        assert.equal(m0[y * W + x], inside ? 0 : 1, `instance mask 0 at ${x},${y}`);
      }
    }
    assert.deepEqual(r.sample.instanceMasks!.masks[1], s.instanceMasks!.masks[1]);
    assert.deepEqual(lm[0], 0);
  });

  test('a hole as large as the image hides every box (dropped at visibility 0) and occludes every visible keypoint', async () => {
    const s = makeSample();
    const r = await dropout({}, { maxHoles: 1, maxHeight: H, maxWidth: W }).run(s);
    assert.deepEqual(paramsOf(r.trace)['holes'], [{ x1: 0, y1: 0, x2: W, y2: H }]);
    assert.equal(r.sample.boxes!.visibility.length, 0);
    assert.equal(r.sample.polygons!.instances.length, 0);
    assert.deepEqual([...r.sample.keypoints!.visibility], [1, 1, 1, 1, 1, 1]);
    assert.ok(r.sample.image.data.every((v) => v === 0));
  });
});

describe('CoarseDropout holes', () => {
  test('counts and pixel sizes are drawn within [min, max], both ends reached, holes inside the image', async () => {
    const s: Sample = { id: 'blank', image: u8(40, 30, 3, () => 200) };
    const p = dropout({}, { minHoles: 1, maxHoles: 3, minHeight: 2, maxHeight: 5, minWidth: 3, maxWidth: 6 });
    const counts = new Set<number>();
    const heights = new Set<number>();
    const widths = new Set<number>();
    for (let seed = 0; seed < 80; seed++) {
      const holes = paramsOf((await p.run(s, { stream: { seed } })).trace)['holes'] as { x1: number; y1: number; x2: number; y2: number }[];
      counts.add(holes.length);
      for (const h of holes) {
        heights.add(h.y2 - h.y1);
        widths.add(h.x2 - h.x1);
        assert.ok(h.x1 >= 0 && h.y1 >= 0 && h.x2 <= 40 && h.y2 <= 30, JSON.stringify(h));
      }
    }
    assert.deepEqual([...counts].sort(), [1, 2, 3]);
    assert.deepEqual([...heights].sort(), [2, 3, 4, 5]);
    assert.deepEqual([...widths].sort(), [3, 4, 5, 6]);
  });

  test('sizes below 1 are shares of the side: 0.5 of 48 rows and 0.25 of 64 columns', async () => {
    const r = await dropout({}, { maxHoles: 2, maxHeight: 0.5, maxWidth: 0.25 }).run(makeSample({}), { stream: { seed: 3 } });
    const holes = paramsOf(r.trace)['holes'] as { x1: number; y1: number; x2: number; y2: number }[];
    assert.equal(holes.length, 2);
    for (const h of holes) assert.deepEqual([h.x2 - h.x1, h.y2 - h.y1], [16, 24]);
  });

  test("'random' fills replay bit for bit from the seed in the params; 'random_uniform' gives one colour per hole", async () => {
    const s = makeSample({});
    const p = dropout({}, { maxHoles: 3, maxHeight: 10, maxWidth: 10, fillValue: 'random' });
    const a = await p.run(s, { stream: { seed: 8 } });
    assert.equal(typeof paramsOf(a.trace)['seed'], 'number');
    const b = await p.replay(s, JSON.parse(JSON.stringify(a.trace)));
    assert.deepEqual(b.sample.image.data, a.sample.image.data);

    const holes = [{ x1: 0, y1: 0, x2: 4, y2: 4 }];
    const u = await dropout().replay(s, trace({ holes, fill: 'random_uniform', seed: 99 }));
    const first = [...u.sample.image.data.subarray(0, 3)];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) assert.deepEqual([...u.sample.image.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)], first);
  });

  test('bad options fail at config time with the option named; a fill list of the wrong length fails with a hint', async () => {
    await rejectsWith(() => dropout({}, { minHoles: 5, maxHoles: 2 }), 'CoarseDropout).minHoles', 'minHoles <= maxHoles');
    await rejectsWith(() => dropout({}, { minHeight: 0.1, maxHeight: 8 }), 'CoarseDropout).minHeight', 'both be pixels');
    await rejectsWith(() => dropout({}, { maxWidth: 2.5 }), 'CoarseDropout).maxWidth', 'whole pixels', 'received 2.5');
    await rejectsWith(() => dropout({}, { fillValue: 'noise' }), 'CoarseDropout).fillValue', "'random_uniform'");
    await rejectsWith(() => dropout({}, { fillValue: [1, 2] }).run(makeSample({})), 'CoarseDropout.fillValue', 'received [1,2]', 'Hint: give one value for all channels, or 3 values');
  });
});
