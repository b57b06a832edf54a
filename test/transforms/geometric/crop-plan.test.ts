/**
 * The crop/pad plan: its pixel fast paths agree exactly with its warp (what fusion would
 * resample), for every dtype and channel count, and its matrix matches the pixels.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { warpImage, warpMask } from '../../../src/functional/geometric/index.js';
import type { Interpolation } from '../../../src/functional/types.js';
import { applyToPoint } from '../../../src/geometry/matrix.js';
import type { Channels, DType } from '../../../src/targets/image.js';
import { planImage, planMask, planMatrix, planSize, planWarp, type CropPlan } from '../../../src/transforms/geometric/crop-plan.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { createPolygons } from '../../../src/targets/polygons.js';
import { px, sampleWith, textured } from './crop-helpers.js';

const PLANS: Record<string, CropPlan> = {
  'crop inside': { crop: { x: 5, y: 3, width: 11, height: 7 }, fill: 9, fillMask: 0 },
  'crop past every edge': { crop: { x: -3, y: -2, width: 26, height: 19 }, fill: 9, fillMask: 4 },
  'crop past the bottom right': { crop: { x: 12, y: 8, width: 10, height: 9 }, fill: [1, 2, 3, 4], fillMask: 0 },
  'pad constant': { pad: { top: 2, bottom: 3, left: 4, right: 1, border: 'constant' }, fill: 7, fillMask: 5 },
};

describe('crop/pad fast paths agree exactly with their warp', () => {
  for (const [name, plan] of Object.entries(PLANS)) {
    for (const dtype of ['uint8', 'uint16', 'float32'] as DType[]) {
      for (const channels of [1, 3, 4] as Channels[]) {
        test(`${name}, ${dtype}, ${channels} channel(s)`, () => {
          const img = textured(17, 13, channels, dtype);
          const fill = Array.isArray(plan.fill) ? plan.fill.slice(0, channels === 4 ? 4 : 1) : plan.fill;
          const p = { ...plan, fill };
          const fast = planImage(img, p);
          const spec = planWarp((q: CropPlan) => q)(p, img.width, img.height)!;
          assert.equal(spec.border, 'constant');
          for (const interpolation of ['nearest', 'bilinear'] as Interpolation[]) {
            const warped = warpImage(img, spec.matrix, spec.width, spec.height, { interpolation, border: 'constant', fill });
            assert.deepEqual(warped, fast, `${interpolation} warp differs from the copy`);
          }
        });
      }
    }
    test(`${name}, masks`, () => {
      const data = new Uint8Array(17 * 13).map((_, i) => (i * 7) % 5);
      const mask = { width: 17, height: 13, data };
      const fast = planMask(mask, plan);
      const spec = planWarp((q: CropPlan) => q)(plan, 17, 13)!;
      assert.deepEqual(warpMask(mask, spec.matrix, spec.width, spec.height, { border: 'constant', fill: spec.fillMask }), fast);
    });
  }

  test('a plan that crops and pads is not one warp (the pad would show the cropped-off pixels) and has none', () => {
    const plan: CropPlan = { crop: { x: 2, y: 1, width: 9, height: 8 }, pad: { top: 1, bottom: 0, left: 0, right: 3, border: 'constant' }, fill: 0, fillMask: 0 };
    assert.equal(planWarp((q: CropPlan) => q)(plan, 17, 13), null);
  });

  test('a non-constant pad border is reported, so such a step would not fuse', () => {
    const spec = planWarp((q: CropPlan) => q)({ pad: { top: 1, bottom: 1, left: 1, right: 1, border: 'reflect' }, fill: 0, fillMask: 0 }, 8, 8)!;
    assert.equal(spec.border, 'reflect');
  });
});

describe('plan matrix and pixels', () => {
  test('crop, resize and pad compose into one scale-and-translate matrix', () => {
    const plan: CropPlan = { crop: { x: 10, y: 4, width: 20, height: 10 }, resize: { width: 40, height: 30, interpolation: 'nearest' }, pad: { top: 5, bottom: 1, left: 2, right: 3, border: 'constant' }, fill: 0, fillMask: 0 };
    assert.deepEqual(planSize(plan, 64, 48), { width: 45, height: 36 });
    const m = planMatrix(plan, 64, 48);
    // Window corners land on the corners of the resized area inside the padding.
    assert.deepEqual(applyToPoint(m, 10, 4), [2, 5]);
    assert.deepEqual(applyToPoint(m, 30, 14), [42, 35]);
  });

  test('the pixels follow the matrix: output pixel centres read the input pixel their preimage falls in (nearest, 2x)', () => {
    const img = textured(32, 24, 1);
    const plan: CropPlan = { crop: { x: 6, y: 5, width: 10, height: 8 }, resize: { width: 20, height: 16, interpolation: 'nearest' }, pad: { top: 2, bottom: 0, left: 3, right: 0, border: 'constant' }, fill: 0, fillMask: 0 };
    const out = planImage(img, plan);
    assert.equal(out.width, 23);
    assert.equal(out.height, 18);
    for (let y = 2; y < 18; y++) {
      for (let x = 3; x < 23; x++) {
        // Inverse of x' = 2 (x - 6) + 3 at the pixel centre.
        const sx = Math.floor((x + 0.5 - 3) / 2 + 6), sy = Math.floor((y + 0.5 - 2) / 2 + 5);
        assert.equal(px(out, x, y), px(img, sx, sy), `pixel ${x},${y}`);
      }
    }
    assert.equal(px(out, 0, 0), 0);
    assert.equal(px(out, 2, 10), 0);
  });

  test('a plan that changes nothing still returns a new buffer', () => {
    const img = textured(8, 6);
    const out = planImage(img, { crop: { x: 0, y: 0, width: 8, height: 6 }, fill: 0, fillMask: 0 });
    assert.deepEqual(out, img);
    assert.notEqual(out.data, img.data);
  });
});

describe('crops, resizes and pads next to fusable warps', () => {
  test('a pipeline gives the same pixels and labels with fusion on and off', async () => {
    const s = sampleWith(textured(64, 48), [8, 6, 24, 22, 30, 10, 56, 30], {
      polygons: createPolygons({ instances: [[[8, 6, 24, 6, 24, 22, 8, 22]], [[30, 10, 56, 10, 56, 30]]] }),
    });
    const transforms = [
      { name: 'Rotate', limit: [20, 20], p: 1 },
      { name: 'Crop', xMin: 4, yMin: 2, xMax: 52, yMax: 40 },
      { name: 'Rotate', limit: [90, 90], p: 1 },
      { name: 'PadIfNeeded', minHeight: 56, minWidth: 56 },
      { name: 'Rotate', limit: [-10, -10], p: 1 },
      { name: 'Resize', height: 30, width: 40 },
      { name: 'Rotate', limit: [5, 5], p: 1 },
    ];
    const on = await Pipeline.fromConfig({ transforms, fusion: true }).run(s);
    const off = await Pipeline.fromConfig({ transforms, fusion: false }).run(s);
    // Labels are mapped step by step either way; pixels are resampled once when fused.
    assert.deepEqual(on.sample.boxes, off.sample.boxes);
    assert.deepEqual(on.sample.polygons, off.sample.polygons);
    assert.equal(on.sample.image.width, 40);
    assert.equal(off.sample.image.width, 40);
    assert.ok(on.trace.steps.some((t) => 'fused' in t), 'some steps were fused');
    let diff = 0;
    for (let i = 0; i < on.sample.image.data.length; i++) diff += Math.abs(on.sample.image.data[i]! - off.sample.image.data[i]!);
    assert.ok(diff / on.sample.image.data.length < 25, `mean pixel difference ${diff / on.sample.image.data.length}`);
  });
});
