/**
 * Crop + resize + flip as one resampling (src/core/fusion.ts): a RandomResizedCrop followed by a
 * HorizontalFlip fuses into one axis-aligned matrix that the separable wasm kernel resamples.
 * Labels are still mapped step by step; pixels are the generic fused warp's (within the stated
 * 1 level); the intermediate-canvas cut of axis-aligned chains is the per-pixel cut's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import type { LeafTrace } from '../../src/core/trace.js';
import { withBackend } from '../../src/backend/select.js';
import { fastWarp } from '../../src/backend/fast/warp.js';
import { compose, hflip, invert, scaling, translation } from '../../src/geometry/matrix.js';
import type { Image } from '../../src/targets/image.js';
import { makeSample, snapshot } from '../conformance/fixture.js';
import { diff } from './compare.js';

const rrcFlip = (fusion: boolean, seed: number) =>
  Pipeline.fromConfig({
    fusion,
    seed,
    transforms: [
      { name: 'RandomResizedCrop', size: [40, 56], scale: [0.3, 1], p: 1 },
      { name: 'HorizontalFlip', p: 1 },
    ],
  });

describe('fused RandomResizedCrop + HorizontalFlip', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    test(`seed ${seed}: labels as without fusion, pixels as the generic fused warp`, async () => {
      const s = makeSample();
      const fused = await withBackend('wasm', () => rrcFlip(true, seed).run(s));
      const steps = await withBackend('wasm', () => rrcFlip(false, seed).run(s));
      assert.deepEqual((fused.trace.steps as LeafTrace[]).map((t) => t.fused), [0, 0], 'the two steps fused');
      // Labels never go through fusion: identical either way.
      assert.deepEqual(snapshot(fused.sample.boxes), snapshot(steps.sample.boxes));
      assert.deepEqual(snapshot(fused.sample.keypoints), snapshot(steps.sample.keypoints));
      assert.deepEqual(snapshot(fused.sample.polygons), snapshot(steps.sample.polygons));
      // Pixels: the composed matrix (crop window -> resize -> flip) through the generic wasm warp.
      const p = (fused.trace.steps as LeafTrace[])[0]!.params as { xMin: number; yMin: number; xMax: number; yMax: number; width: number; height: number };
      const m = compose(translation(-p.xMin, -p.yMin), scaling(p.width / (p.xMax - p.xMin), p.height / (p.yMax - p.yMin)), hflip(p.width));
      const img = s.image as Image;
      const sampling = { interpolation: 'bilinear', border: 'constant', fill: [0, 0, 0], hi: 255 } as const;
      const generic = withBackend('wasm', () => fastWarp(img, { inverse: invert(m) }, p.width, p.height, sampling, false))!;
      const d = diff(fused.sample.image.data, generic);
      assert.ok(d.max <= 1 && d.count <= 0.01 * generic.length, `${d.count} values differ from the generic warp, by up to ${d.max}`);
      // And within 1 level of the TypeScript reference run of the same fused pipeline.
      const ref = await withBackend('ts', () => rrcFlip(true, seed).run(s));
      assert.ok(diff(fused.sample.image.data, ref.sample.image.data).max <= 1);
    });
  }
});

describe('intermediate cuts of axis-aligned chains', () => {
  test('Crop -> Pad (fused) -> HorizontalFlip: equal to step by step (the padding is cut)', async () => {
    const p = (fusion: boolean) =>
      Pipeline.fromConfig({
        fusion,
        transforms: [
          { name: 'Crop', xMin: 6, yMin: 4, xMax: 50, yMax: 40, fill: [9, 19, 29], fillMask: 4, p: 1 },
          { name: 'Pad', padding: [3, 5, 7, 2], fill: [9, 19, 29], fillMask: 4, p: 1 },
          { name: 'HorizontalFlip', p: 1 },
        ],
      });
    const s = makeSample();
    const a = await p(true).run(s);
    const b = await p(false).run(s);
    // The flip's fill (0) differs from the others', so it runs on its own.
    assert.deepEqual((a.trace.steps as LeafTrace[]).map((t) => t.fused), [0, 0, undefined]);
    assert.deepEqual(snapshot(a.sample.image), snapshot(b.sample.image));
    assert.deepEqual(snapshot(a.sample.mask), snapshot(b.sample.mask));
    assert.deepEqual(Array.from(a.sample.image.data.subarray(0, 3)), [9, 19, 29], 'a padded corner holds the fill');
  });

  test('a rotation in the chain takes the per-pixel cut, with the same result as step by step', async () => {
    const p = (fusion: boolean) =>
      Pipeline.fromConfig({
        fusion,
        transforms: [
          { name: 'Crop', xMin: 6, yMin: 4, xMax: 50, yMax: 40, p: 1 },
          { name: 'Rotate', limit: [90, 90], interpolation: 'nearest', p: 1 },
          { name: 'Pad', padding: 4, p: 1 },
        ],
      });
    const s = makeSample();
    const a = await p(true).run(s);
    assert.deepEqual((a.trace.steps as LeafTrace[]).map((t) => t.fused), [0, 0, 0]);
    assert.deepEqual(snapshot(a.sample.image), snapshot((await p(false).run(s)).sample.image));
  });
});
