import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Batch, LoaderOptions } from '../../src/pipeline/index.js';
import { collect } from './helpers.js';
import { letterBoxInverse } from '../../src/transforms/geometric/letter-box.js';
import { KEYPOINT_NAMES, makeSample, SIZES, type AllTargetsOptions } from './all-targets-source.js';

const MODULE = fileURLToPath(new URL('./all-targets-source.ts', import.meta.url));
const COCO = fileURLToPath(new URL('../fixtures/coco/annotations.json', import.meta.url));
const source = (options: AllTargetsOptions = {}): LoaderOptions['dataset'] => ({ kind: 'module', module: MODULE, options });

interface Fit { inputWidth: number; inputHeight: number; width: number; height: number; padLeft: number; padTop: number }
const fitOf = (b: Batch, n: number): Fit => (b.traces[n]!.steps.at(-1) as unknown as { params: Fit }).params;

describe('every target kind in batches', () => {
  test('letterboxing maps boxes, keypoints, polygons and both kinds of mask exactly', async () => {
    const [b] = await collect({ dataset: source(), batchSize: 3, size: 40, shuffle: false, fillMask: 255 });
    const batch = b!;
    assert.deepEqual(batch.shape, [3, 3, 40, 40]);
    // Sample 0 (20x10) scales by 2, sample 1 (40x20) by 1, sample 2 (12x16) by 2.5.
    assert.deepEqual([0, 1, 2].map((n) => fitOf(batch, n).width / SIZES[n]!.width), [2, 1, 2.5]);
    let row = 0;
    for (let n = 0; n < 3; n++) {
      const src = makeSample(n);
      const f = fitOf(batch, n);
      const sx = f.width / f.inputWidth, sy = f.height / f.inputHeight;
      const X = (x: number): number => x * sx + f.padLeft;
      const Y = (y: number): number => y * sy + f.padTop;
      // Boxes: [batchIndex, class, x1, y1, x2, y2], and the inverse maps them back.
      const mine = batch.boxes!.subarray(row * 6, (row + 2) * 6);
      for (let j = 0; j < 2; j++) {
        const [x1, y1, x2, y2] = src.boxes!.xyxy.subarray(4 * j, 4 * j + 4);
        assert.deepEqual(Array.from(mine.subarray(6 * j, 6 * j + 6)), [n, src.boxes!.labels[j]!, X(x1!), Y(y1!), X(x2!), Y(y2!)]);
      }
      const back = letterBoxInverse(f, [0, 1].flatMap((j) => Array.from(mine.subarray(6 * j + 2, 6 * j + 6))));
      back.forEach((v, k) => assert.ok(Math.abs(v - src.boxes!.xyxy[k]!) < 1e-9, `inverse ${k}: ${v}`));
      // Keypoints: object m's K = 3 slots, x and y mapped, visibility kept.
      const kp = batch.keypoints!;
      for (let j = 0; j < 2; j++) for (let k = 0; k < 3; k++) {
        const r = 3 * j + k;
        const o = ((row + j) * 3 + k) * 3;
        assert.deepEqual(Array.from(kp.data.subarray(o, o + 3)), [X(src.keypoints!.xy[2 * r]!), Y(src.keypoints!.xy[2 * r + 1]!), src.keypoints!.visibility[r]!]);
      }
      // Polygons: object 0 has two rings, object 1 none.
      const p = batch.polygons!;
      const rings = [0, 1, 2, 3, 4, 5].filter((r) => p.batchIndex[r] === n);
      assert.equal(rings.length, 2);
      rings.forEach((r, k) => {
        const ring = src.polygons!.instances[0]![k]!;
        const got = Array.from(p.vertices.subarray(2 * p.offsets[r]!, 2 * p.offsets[r + 1]!));
        assert.deepEqual(got, Array.from(ring, (v, i) => (i % 2 === 0 ? X(v) : Y(v))));
        assert.equal(p.instance[r], row, 'the ring belongs to box row `row`');
        assert.equal(p.classes[r], src.boxes!.labels[0]);
      });
      // Masks: output pixel (x, y) shows the source pixel under its centre; padding is fillMask
      // (255) in the semantic map and 0 (outside) in instance planes.
      const plane = 40 * 40;
      for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) {
        const sxp = Math.floor((x + 0.5 - f.padLeft) / sx), syp = Math.floor((y + 0.5 - f.padTop) / sy);
        const inside = x >= f.padLeft && x < f.padLeft + f.width && y >= f.padTop && y < f.padTop + f.height;
        const at = syp * f.inputWidth + sxp;
        assert.equal(batch.masks!.data[n * plane + y * 40 + x], inside ? src.mask!.data[at] : 255, `mask ${n} (${x}, ${y})`);
        for (let j = 0; j < 2; j++) {
          assert.equal(batch.instanceMasks!.data[(row + j) * plane + y * 40 + x], inside ? src.instanceMasks!.masks[j]![at] : 0, `instance ${row + j} (${x}, ${y})`);
        }
      }
      row += 2;
    }
    // Sample 1 is only padded: its pixels are the source's, the padding the image fill (0).
    const s1 = makeSample(1);
    for (const [c, y, x] of [[0, 10, 0], [2, 29, 39], [1, 17, 23]] as const) {
      assert.equal(batch.images[((1 * 3 + c) * 40 + y) * 40 + x], Math.fround(s1.image.data[((y - 10) * 40 + x) * 3 + c]! / 255));
    }
    assert.equal(batch.images[((1 * 3 + 0) * 40 + 5) * 40 + 7], 0);
  });

  test('layout: instances point at box rows; batch indices, classes and names travel along', async () => {
    const [batch] = await collect({ dataset: source({ maskDtype: 'int32' }), batchSize: 3, size: 40, shuffle: false, fillMask: -1 });
    const b = batch!;
    const boxRows = b.boxes!.length / 6;
    assert.equal(boxRows, 6);
    const boxBatch = Array.from({ length: boxRows }, (_, m) => b.boxes![6 * m]!);
    const boxClass = Array.from({ length: boxRows }, (_, m) => b.boxes![6 * m + 1]!);
    const kp = b.keypoints!;
    assert.deepEqual(kp.shape, [6, 3, 3]);
    assert.equal(kp.alignedWithBoxes, true);
    assert.deepEqual(Array.from(kp.batchIndex), boxBatch);
    assert.deepEqual(kp.names, KEYPOINT_NAMES);
    assert.deepEqual(kp.flipPairs, [[0, 1]]);
    assert.deepEqual(Object.keys(kp.fields), [], 'instance is the row itself, not a field');
    const p = b.polygons!;
    assert.equal(p.alignedWithBoxes, true);
    assert.deepEqual(Array.from(p.offsets), [0, 4, 7, 11, 14, 18, 21]);
    assert.deepEqual(Array.from(p.batchIndex), [0, 0, 1, 1, 2, 2]);
    assert.deepEqual(Array.from(p.instance), [0, 0, 2, 2, 4, 4]);
    assert.equal(p.vertices.length, 2 * 21);
    const im = b.instanceMasks!;
    assert.deepEqual(im.shape, [6, 40, 40]);
    assert.deepEqual(Array.from(im.instance), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(Array.from(im.batchIndex), boxBatch);
    assert.deepEqual(Array.from(im.classes), boxClass);
    assert.ok(b.masks!.data instanceof Int32Array, 'an int32 map stays int32');
    assert.deepEqual(b.masks!.shape, [3, 40, 40]);
    assert.equal(b.masks!.data[0], -1, 'top-left of sample 0 is padding: the fill');
    // Numeric box fields only: the string column `tag` cannot be a tensor.
    assert.deepEqual(Object.keys(b.boxFields!).sort(), ['annotationId', 'sourceIndex', 'visibility']);
    assert.deepEqual(Array.from(b.boxFields!.annotationId!), [0, 1, 100, 101, 200, 201]);
  });

  test('a COCO fixture: keypoints by object, outlines, and instance planes for every object when the dataset has RLE; 0 and 2 workers agree', async () => {
    const o = { dataset: COCO, pipeline: { transforms: [{ name: 'HorizontalFlip', p: 1 }] }, batchSize: 3, size: 64, shuffle: false } as const;
    const [[b], [b2]] = await Promise.all([collect({ ...o, workers: 0 }), collect({ ...o, workers: 2 })]);
    assert.deepEqual(b2, b);
    const batch = b!;
    // Rows: person (astronaut), cup (coffee), eyes (crowd RLE) and cat (chelsea).
    assert.deepEqual(Array.from({ length: 4 }, (_, m) => batch.boxes![6 * m]), [0, 1, 2, 2]);
    const kp = batch.keypoints!;
    assert.deepEqual(kp.shape, [4, 17, 3]);
    assert.equal(kp.names![1], 'left_eye');
    // Astronaut: 128 -> 64 (scale 0.5, no padding). After the flip the left_eye slot holds the
    // mirror of the right eye, pixel (50, 25) + 0.5: x = (128 - 50.5) / 2, y = 25.5 / 2.
    assert.deepEqual(Array.from(kp.data.subarray(3, 6)), [38.75, 12.75, 2]);
    assert.ok(kp.data.subarray(17 * 3).every((v, i) => i % 3 !== 2 || v === 0), 'objects without keypoints: visibility 0');
    const p = batch.polygons!;
    assert.deepEqual(Array.from(p.instance), [0, 1], 'the crowd region and the cat have no outline');
    assert.deepEqual(Array.from(p.offsets), [0, 19, 32]);
    // Chelsea's record has RLE, so every record of the dataset comes with planes (polygons and
    // boxes rasterized), one per object row, so that any two samples can be mixed.
    const im = batch.instanceMasks!;
    assert.deepEqual(Array.from(im.instance), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(im.batchIndex), [0, 1, 2, 2]);
    assert.deepEqual(im.shape, [4, 64, 64]);
  });

  test('the same batches for 0, 1 and 2 workers with every target kind', async () => {
    const pipeline = { transforms: [{ name: 'HorizontalFlip', p: 0.5 }, { name: 'Affine', rotate: [-20, 20], scale: [0.8, 1.2], p: 0.7 }, { name: 'RandomBrightnessContrast', p: 0.8 }] };
    const base = { dataset: source({ count: 7 }), pipeline, batchSize: 3, size: 40, seed: 11, epoch: 1, fillMask: 255 } as const;
    const runs = await Promise.all([0, 1, 2].map((workers) => collect({ ...base, workers })));
    const plain = await collect({ ...base, pipeline: { transforms: [] } });
    assert.notDeepEqual(runs[0]!.map((b) => b.keypoints), plain.map((b) => b.keypoints), 'the augmentation moved keypoints');
    assert.notDeepEqual(runs[0]!.map((b) => b.masks), plain.map((b) => b.masks), 'and masks');
    assert.equal(runs[0]!.length, 3);
    for (const other of runs.slice(1)) assert.deepEqual(other, runs[0]);
  });
});
