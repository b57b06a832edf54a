import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../src/core/pipeline.js';
import '../../src/transforms/index.js';
import type { Sample } from '../../src/targets/sample.js';

/** A 20x10 sample: one instance plane covering the left half, and a label map of 1s. */
function sample(): Sample {
  const plane = new Uint8Array(200);
  for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) plane[y * 20 + x] = 1;
  return {
    id: 's',
    image: { width: 20, height: 10, channels: 1, dtype: 'uint8', data: new Uint8Array(200).fill(9) },
    mask: { width: 20, height: 10, data: new Uint8Array(200).fill(1) },
    instanceMasks: { width: 20, height: 10, masks: [plane], labels: Int32Array.of(3) },
  } as unknown as Sample;
}

describe('instance planes ignore fillMask', () => {
  for (const fusion of [false, true]) {
    test(`new border pixels are outside every instance, while the label map gets fillMask (fusion ${fusion})`, async () => {
      const p = Pipeline.fromConfig({ task: 'segmentation', fusion, transforms: [
        { name: 'Pad', padding: 4, fillMask: 255, p: 1 },
        { name: 'Rotate', limit: [30, 30], fillMask: 255, p: 1 },
      ] });
      const { sample: out } = await p.run(sample(), { stream: { seed: 1 } });
      const plane = out.instanceMasks!.masks[0]!;
      const corner = 0; // top-left pixel: padding, then rotated border
      assert.equal(out.mask!.data[corner], 255, 'the label map is filled with fillMask');
      assert.equal(plane[corner], 0, 'the instance plane is not');
      assert.ok(plane.some((v) => v !== 0), 'the instance is still there');
      assert.ok(plane.every((v) => v === 0 || v === 1));
    });
  }
});
