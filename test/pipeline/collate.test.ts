import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collate } from '../../src/pipeline/collate.js';
import { packInstanceMasks, packPolygons } from '../../src/pipeline/pack.js';
import type { AugmentedSample } from '../../src/pipeline/unit.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createKeypoints, type KeypointsInit } from '../../src/targets/keypoints.js';
import { createInstanceMasks, createLabelMap } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';
import type { Column } from '../../src/targets/columns.js';

/** A 4x2 sample with whatever targets `extra` gives. */
function sample(index: number, extra: Partial<AugmentedSample> = {}): AugmentedSample {
  return {
    unit: { index, copy: 0, seed: 0, epoch: 0 },
    id: `id${index}`,
    image: { width: 4, height: 2, channels: 1, dtype: 'uint8', data: new Uint8Array(8).fill(index) },
    trace: { version: 1, input: { width: 4, height: 2 }, steps: [], backend: 'ts' },
    ...extra,
  };
}
const boxes = (n: number, fields: Record<string, Column> = {}) => createBoxes({ xyxy: Array.from({ length: n }, (_, i) => [i, 0, i + 1, 1]).flat(), labels: Array.from({ length: n }, (_, i) => i % 2), fields });
const kp = (init: KeypointsInit) => createKeypoints(init);

describe('collate', () => {
  test('images: every dtype and channel count, both layouts, equal a plain per-pixel reference', () => {
    const W = 5, H = 3;
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) for (const C of [1, 3, 4] as const) {
      const make = (k: number) => {
        const n = W * H * C;
        const data = dtype === 'uint8' ? Uint8Array.from({ length: n }, (_, i) => (i * 37 + k * 11) % 256) : dtype === 'uint16' ? Uint16Array.from({ length: n }, (_, i) => (i * 977 + k) % 4096) : Float32Array.from({ length: n }, (_, i) => ((i * 13 + k) % 17) / 7 - 1);
        return { width: W, height: H, channels: C, dtype, data, ...(dtype === 'uint16' ? { maxValue: 4095 } : {}) } as AugmentedSample['image'];
      };
      const samples = [0, 1].map((k) => sample(k, { image: make(k) }));
      const scale = dtype === 'float32' ? 1 : 1 / (dtype === 'uint8' ? 255 : 4095);
      for (const layout of ['NCHW', 'NHWC'] as const) {
        const b = collate(samples, layout, 1);
        samples.forEach((s, n) => {
          for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) {
            const at = layout === 'NCHW' ? ((n * C + c) * H + y) * W + x : ((n * H + y) * W + x) * C + c;
            assert.equal(b.images[at], Math.fround(s.image.data[(y * W + x) * C + c]! * scale), `${dtype} C${C} ${layout} (${n}, ${x}, ${y}, ${c})`);
          }
        });
      }
    }
  });

  test('box fields: mixes\' weight defaults to 1 and mixSource to 0 where a sample lacks them; nulls take the default', () => {
    const b = collate([
      sample(0, { boxes: boxes(2, { weight: Float64Array.of(0.25, 0.75), mixSource: Int32Array.of(0, 1), score: [0.5, null], note: ['x', 'y'], flag: [true, false], none: [null, null] }) }),
      sample(1, { boxes: boxes(1) }),
      sample(2, { boxes: boxes(0, { empty: [] }) }),
    ], 'NCHW', 2);
    assert.deepEqual(Object.keys(b.boxFields!).sort(), ['flag', 'mixSource', 'score', 'sourceIndex', 'visibility', 'weight'], 'no column from strings, all-null or empty arrays');
    assert.deepEqual(Array.from(b.boxFields!.flag!), [1, 0, Number.NaN]);
    assert.deepEqual(Array.from(b.boxFields!.weight!), [0.25, 0.75, 1]);
    assert.deepEqual(Array.from(b.boxFields!.mixSource!), [0, 1, 0]);
    assert.deepEqual(Array.from(b.boxFields!.score!), [0.5, Number.NaN, Number.NaN]);
    assert.equal(b.boxFields!.note, undefined, 'strings are not a tensor');
  });

  test('keypoints aligned with boxes: a dropped box takes its keypoints along; objects without keypoints are zeros', () => {
    const names = ['a', 'b'];
    const b = collate([
      // Box 1 of 2 was dropped by a filter: its keypoint rows carry instance -1.
      sample(0, { boxes: boxes(1), keypoints: kp({ xy: [1, 1, 2, 1, 3, 1, 3.5, 1], visibility: [2, 1, 2, 2], names, fields: { instance: Int32Array.of(0, 0, -1, -1) } }) }),
      sample(1, { boxes: boxes(2) }),
      sample(2, { boxes: boxes(1), keypoints: kp({ xy: [0.5, 0.5, 0.25, 0.75], visibility: [0, 2], names, angle: [90, 180], fields: { instance: Int32Array.of(0, 0) } }) }),
    ], 'NCHW', 2);
    const k = b.keypoints!;
    assert.deepEqual(k.shape, [4, 2, 3]);
    assert.equal(k.alignedWithBoxes, true);
    assert.deepEqual(Array.from(k.batchIndex), [0, 1, 1, 2]);
    assert.deepEqual(Array.from(k.data), [1, 1, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0, 0.25, 0.75, 2]);
    assert.deepEqual(Array.from(k.fields.angle!), [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 90, 180]);
    assert.deepEqual(k.names, names);
  });

  test('keypoints without boxes: each sample\'s rows form instances of K (1 without names)', () => {
    const named = collate([
      sample(0, { keypoints: kp({ xy: [1, 1, 2, 2, 3, 3, 4, 4], names: ['p', 'q'] }) }),
      sample(1, { keypoints: kp({ xy: [0, 0, 1, 0], names: ['p', 'q'] }) }),
    ], 'NCHW', 1).keypoints!;
    assert.deepEqual(named.shape, [3, 2, 3]);
    assert.equal(named.alignedWithBoxes, false);
    assert.deepEqual(Array.from(named.batchIndex), [0, 0, 1]);
    const free = collate([sample(0, { keypoints: kp({ xy: [1, 2, 3, 4] }) }), sample(1), sample(2, { keypoints: kp({ xy: [5, 6] }) })], 'NCHW', 1).keypoints!;
    assert.deepEqual(free.shape, [3, 1, 3]);
    assert.deepEqual(Array.from(free.batchIndex), [0, 0, 2]);
    assert.deepEqual(Array.from(free.data), [1, 2, 2, 3, 4, 2, 5, 6, 2]);
  });

  test('a keypoint that names a box the sample lacks, or a skeleton of another size, fails with the sample', () => {
    assert.throws(() => collate([sample(3, { boxes: boxes(1), keypoints: kp({ xy: [1, 1], names: ['a'], fields: { instance: Int32Array.of(1) } }) })], 'NCHW', 2), /sample 3 \(id3\) keypoint 0.*instance < 1/);
    assert.throws(() => collate([sample(0, { keypoints: kp({ xy: [1, 1], names: ['a'] }) }), sample(4, { keypoints: kp({ xy: [1, 1], names: ['b'] }) })], 'NCHW', 2), /sample 4 \(id4\).*different skeletons/);
  });

  test('polygons and instance masks: instance numbers are box rows with boxes, running numbers without', () => {
    const poly = (n: number) => createPolygons({ instances: Array.from({ length: n }, (_, i) => (i === 1 ? [] : [[0, 0, 1, 0, 1, 1 + i]])), labels: Array.from({ length: n }, (_, i) => 5 + i) });
    const planes = (n: number) => createInstanceMasks(4, 2, Array.from({ length: n }, (_, i) => new Uint8Array(8).fill(i + 1)), Array.from({ length: n }, (_, i) => 7 + i));
    const withBoxes = collate([
      sample(0, { boxes: boxes(3), polygons: packPolygons(poly(3)), instanceMasks: packInstanceMasks(planes(3)) }),
      sample(1, { boxes: boxes(2) }), // no outlines and no planes: it contributes none, and its rows still count
      sample(2, { boxes: boxes(1), polygons: packPolygons(poly(1)), instanceMasks: packInstanceMasks(planes(1)) }),
    ], 'NCHW', 2);
    const p = withBoxes.polygons!;
    assert.equal(p.alignedWithBoxes, true);
    assert.deepEqual(Array.from(p.instance), [0, 2, 5]);
    assert.deepEqual(Array.from(p.batchIndex), [0, 0, 2]);
    assert.deepEqual(Array.from(p.classes), [5, 7, 5]);
    assert.deepEqual(Array.from(p.offsets), [0, 3, 6, 9]);
    assert.deepEqual(Array.from(p.vertices.subarray(6, 12)), [0, 0, 1, 0, 1, 3]);
    const m = withBoxes.instanceMasks!;
    assert.deepEqual(m.shape, [4, 2, 4]);
    assert.deepEqual(Array.from(m.instance), [0, 1, 2, 5]);
    assert.deepEqual(Array.from(m.batchIndex), [0, 0, 0, 2]);
    assert.deepEqual(Array.from(m.classes), [7, 8, 9, 7]);
    assert.deepEqual(Array.from(m.data.subarray(16, 32)), [...Array(8).fill(3), ...Array(8).fill(1)]);
    const noBoxes = collate([sample(0, { polygons: packPolygons(poly(2)) }), sample(1, { polygons: packPolygons(poly(1)) })], 'NCHW', 2).polygons!;
    assert.equal(noBoxes.alignedWithBoxes, false);
    assert.deepEqual(Array.from(noBoxes.instance), [0, 2]);
    assert.throws(() => collate([sample(6, { boxes: boxes(2), polygons: packPolygons(poly(1)) })], 'NCHW', 2), /sample 6 \(id6\).*polygons must be row-aligned with boxes/);
  });

  test('semantic masks: uint8 stays uint8, uint16 widens to int32; a sample without one fails', () => {
    const u8 = collate([sample(0, { mask: createLabelMap(4, 2, new Uint8Array(8).fill(3)) }), sample(1, { mask: createLabelMap(4, 2, new Uint8Array(8).fill(4)) })], 'NCHW', 1).masks!;
    assert.ok(u8.data instanceof Uint8Array);
    assert.deepEqual(u8.shape, [2, 2, 4]);
    assert.deepEqual(Array.from(u8.data), [...Array(8).fill(3), ...Array(8).fill(4)]);
    const wide = collate([sample(0, { mask: createLabelMap(4, 2, new Uint16Array(8).fill(40000)) }), sample(1, { mask: createLabelMap(4, 2, new Uint8Array(8).fill(1)) })], 'NCHW', 1).masks!;
    assert.ok(wide.data instanceof Int32Array);
    assert.equal(wide.data[0], 40000);
    assert.throws(() => collate([sample(0, { mask: createLabelMap(4, 2) }), sample(5)], 'NCHW', 1), /sample 5 \(id5\).*no segmentation mask/);
    assert.throws(() => collate([sample(7, { mask: createLabelMap(2, 4) })], 'NCHW', 1), /sample 7 \(id7\).*differs from the image in size/);
  });
});
