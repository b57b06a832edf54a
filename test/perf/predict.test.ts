import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coresNeeded, gpuIdleShare, predictRate, suggestRewrites } from '../../src/perf/predict.js';
import { median } from '../../src/perf/timing.js';

describe('throughput model', () => {
  test('predicted rate: linear in workers with the stated efficiency, capped by cores', () => {
    assert.equal(predictRate(50, 1, 4), 50);
    assert.equal(predictRate(50, 2, 4), 90);
    assert.equal(predictRate(50, 8, 4), 180);
    assert.equal(predictRate(50, 2, 2, 1), 100);
  });

  test('cores needed and GPU idle share (the issue\'s torchvision figures)', () => {
    // 185 images/s per core, GPU at 4,685/s: the issue says 25 cores at perfect scaling.
    assert.equal(coresNeeded(185, 4685, 1), 26); // ceil(25.3)
    assert.equal(coresNeeded(185, 100), 1);
    assert.ok(Math.abs(gpuIdleShare(2208, 4685) - 0.529) < 0.001);
    assert.equal(gpuIdleShare(5000, 4685), 0);
  });

  test('rewrites name the concrete change', () => {
    const steps = [{ name: 'Rotate', ms: 8, share: 0.5 }, { name: 'ColorJitter', ms: 6, share: 0.4 }, { name: 'ElasticTransform', ms: 1, share: 0.1 }];
    const s = suggestRewrites(steps, ['Rotate', 'ColorJitter', 'RandomResizedCrop']);
    assert.deepEqual(s.map((x) => x.step), ['Rotate', 'ColorJitter']);
    assert.match(s[0]!.rewrite, /move RandomResizedCrop before Rotate/);
    assert.match(s[1]!.rewrite, /move ColorJitter after RandomResizedCrop/);
    const e = suggestRewrites([{ name: 'ElasticTransform', ms: 9, share: 0.9 }], ['ElasticTransform']);
    assert.match(e[0]!.rewrite, /sigma|GridDistortion/);
    const fuse = suggestRewrites([{ name: 'Affine', ms: 9, share: 0.9 }], ['HorizontalFlip', 'RandomBrightnessContrast', 'Affine']);
    assert.match(fuse[0]!.rewrite, /put Affine right after HorizontalFlip/);
  });

  test('median', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});
