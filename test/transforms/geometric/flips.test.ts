/** VerticalFlip, Transpose and RandomRotate90: hand-computed maps of every target. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { warpImage, warpMask } from '../../../src/functional/geometric/index.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import type { Sample } from '../../../src/targets/sample.js';
import { RandomRotate90 } from '../../../src/transforms/geometric/random-rotate90.js';
import { Transpose } from '../../../src/transforms/geometric/transpose.js';
import { VerticalFlip } from '../../../src/transforms/geometric/vertical-flip.js';
import { apply, boxSample, textured, warpOf } from './apply-helpers.js';

const W = 20;
const H = 12;

/** Pixel (x, y) of channel 0. */
const px = (img: { width: number; data: ArrayLike<number> }, x: number, y: number, ch = 3) => img.data[(y * img.width + x) * ch]!;

/** A skeleton of two instances (left, right, nose) with left/right as a flip pair. */
function skeleton(xy: number[]) {
  return createKeypoints({ xy, names: ['left', 'right', 'nose'], flipPairs: [[0, 1]], angle: [0, 90, 30], scale: [1, 2, 3] });
}

describe('VerticalFlip', () => {
  test('maps y to H - y for boxes, polygons and keypoints, and swaps flip pairs', async () => {
    const s: Sample = { ...boxSample(W, H, [2, 1, 8, 4]), keypoints: skeleton([3, 2, 7, 2, 5, 3]) };
    const out = await apply(VerticalFlip, {}, s);
    assert.deepEqual(Array.from(out.boxes!.xyxy), [2, 8, 8, 11]);
    assert.deepEqual(Array.from(out.polygons!.instances[0]![0]!), [2, 11, 8, 11, 8, 8, 2, 8]);
    // Row "left" now holds what was the right point (7, 2) mirrored, and vice versa.
    assert.deepEqual(Array.from(out.keypoints!.xy), [7, 10, 3, 10, 5, 9]);
    // Angles are clockwise on screen; a vertical mirror negates them (0 stays 0, 90 becomes 270).
    assert.deepEqual(Array.from(out.keypoints!.angle!).map((a) => Math.round(a * 1e9) / 1e9), [270, 0, 330]);
    assert.deepEqual(Array.from(out.keypoints!.scale!), [2, 1, 3]);
  });

  test('moves pixels and masks exactly, and agrees with a warp by its matrix', async () => {
    const s = boxSample(W, H, [2, 1, 8, 4]);
    const out = await apply(VerticalFlip, {}, { ...s, mask: createLabelMap(W, H, s.instanceMasks!.masks[0]!.slice()) });
    for (const [x, y] of [[0, 0], [5, 3], [19, 11]] as const) assert.equal(px(out.image, x, H - 1 - y), px(s.image, x, y));
    const spec = warpOf(VerticalFlip, {}, W, H);
    assert.deepEqual(out.image.data, warpImage(s.image, spec.matrix, W, H, { interpolation: 'bilinear', border: 'constant', fill: 0 }).data);
    assert.deepEqual(out.mask!.data, warpMask(createLabelMap(W, H, s.instanceMasks!.masks[0]!), spec.matrix, W, H).data);
  });
});

describe('Transpose', () => {
  test('maps (x, y) to (y, x) onto an H x W canvas, and swaps flip pairs (it mirrors)', async () => {
    const s: Sample = { ...boxSample(W, H, [2, 1, 8, 4]), keypoints: skeleton([3, 2, 7, 2, 5, 3]) };
    const out = await apply(Transpose, {}, s);
    assert.equal(out.image.width, H);
    assert.equal(out.image.height, W);
    assert.deepEqual(Array.from(out.boxes!.xyxy), [1, 2, 4, 8]);
    assert.deepEqual(Array.from(out.polygons!.instances[0]![0]!), [1, 2, 1, 8, 4, 8, 4, 2]);
    assert.deepEqual(Array.from(out.keypoints!.xy), [2, 7, 2, 3, 3, 5]);
    assert.equal(out.instanceMasks!.width, H);
    for (const [x, y] of [[0, 0], [5, 3], [19, 11], [3, 9]] as const) {
      assert.equal(px(out.image, y, x), px(s.image, x, y));
      assert.equal(out.instanceMasks!.masks[0]![x * H + y], s.instanceMasks!.masks[0]![y * W + x]);
    }
  });
});

describe('RandomRotate90', () => {
  const points = [3, 2, 7, 2, 5, 3];
  const cases: [number, (x: number, y: number) => [number, number], [number, number]][] = [
    [0, (x, y) => [x, y], [W, H]],
    [1, (x, y) => [y, W - x], [H, W]],
    [2, (x, y) => [W - x, H - y], [W, H]],
    [3, (x, y) => [H - y, x], [H, W]],
  ];
  for (const [k, map, [ow, oh]] of cases) {
    test(`k = ${k} maps every target by the quarter turn and never swaps flip pairs`, async () => {
      const s: Sample = { ...boxSample(W, H, [2, 1, 8, 4]), keypoints: skeleton(points) };
      const out = await apply(RandomRotate90, { k }, s);
      assert.equal(out.image.width, ow);
      assert.equal(out.image.height, oh);
      assert.deepEqual(Array.from(out.keypoints!.xy), points.flatMap((_, i) => (i % 2 === 0 ? map(points[i]!, points[i + 1]!) : [])));
      const corners = [map(2, 1), map(8, 4)];
      assert.deepEqual(Array.from(out.boxes!.xyxy), [
        Math.min(corners[0]![0], corners[1]![0]), Math.min(corners[0]![1], corners[1]![1]),
        Math.max(corners[0]![0], corners[1]![0]), Math.max(corners[0]![1], corners[1]![1]),
      ]);
      // The pixel whose centre is (x + 0.5, y + 0.5) lands where that centre maps.
      for (const [x, y] of [[0, 0], [5, 3], [19, 11]] as const) {
        const [cx, cy] = map(x + 0.5, y + 0.5);
        assert.equal(px(out.image, cx - 0.5, cy - 0.5), px(s.image, x, y));
        assert.equal(out.instanceMasks!.masks[0]![(cy - 0.5) * ow + cx - 0.5], s.instanceMasks!.masks[0]![y * W + x]);
      }
    });
  }

  test('k = 1 sends a keypoint at (x, y) to (y, W - x), and the fast path equals the warp', async () => {
    const s: Sample = { id: 'r', image: textured(W, H), keypoints: createKeypoints({ xy: [4.25, 7.5] }) };
    const out = await apply(RandomRotate90, { k: 1 }, s);
    assert.deepEqual(Array.from(out.keypoints!.xy), [7.5, W - 4.25]);
    const spec = warpOf(RandomRotate90, { k: 1 }, W, H);
    assert.deepEqual(out.image.data, warpImage(s.image, spec.matrix, spec.width, spec.height, { interpolation: 'bicubic', border: 'constant', fill: 0 }).data);
  });

  test('draws each k about a quarter of the time', async () => {
    const p = Pipeline.fromConfig({ transforms: [{ name: 'RandomRotate90', p: 1 }] });
    const counts = [0, 0, 0, 0];
    const s: Sample = { id: 't', image: textured(4, 3) };
    for (let index = 0; index < 800; index++) {
      const r = await p.run(s, { stream: { index } });
      counts[(r.trace.steps[0] as unknown as { params: { k: number } }).params.k]!++;
    }
    for (const c of counts) assert.ok(c > 150 && c < 250, `counts ${counts}`);
  });
});

describe('fused quarter turns and flips', () => {
  // While warps wait to be resampled together, the next one must map labels on the canvas the
  // previous one produced (here H x W), not on the image's stale size.
  test('Transpose then VerticalFlip gives the same labels and pixels with and without fusion', async () => {
    const s: Sample = { id: 'f', image: textured(40, 20), keypoints: createKeypoints({ xy: [5, 3] }), boxes: createBoxes({ xyxy: [1, 2, 6, 9] }) };
    const outs = [];
    for (const fusion of [true, false]) {
      const p = Pipeline.fromConfig({ fusion, transforms: [{ name: 'Transpose', p: 1 }, { name: 'VerticalFlip', p: 1 }] });
      outs.push((await p.run(s)).sample);
    }
    assert.deepEqual(Array.from(outs[1]!.keypoints!.xy), [3, 35]);
    assert.deepEqual(Array.from(outs[0]!.keypoints!.xy), Array.from(outs[1]!.keypoints!.xy));
    assert.deepEqual(Array.from(outs[0]!.boxes!.xyxy), Array.from(outs[1]!.boxes!.xyxy));
    assert.deepEqual(outs[0]!.image.data, outs[1]!.image.data);
  });
});
