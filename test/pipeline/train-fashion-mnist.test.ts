import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainFashionMnist } from '../../examples/train-fashion-mnist.js';

// Needs Debian's dataset-fashion-mnist (.ci/run installs it).
test('one epoch on 2,000 Fashion-MNIST images through the loader (2 workers): loss falls, accuracy beats chance', async () => {
  const r = await trainFashionMnist({ trainImages: 2000, testImages: 1000, workers: 2, batchSize: 32 });
  assert.equal(r.losses.length, Math.ceil(2000 / 32));
  const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
  const first = mean(r.losses.slice(0, 10));
  const last = mean(r.losses.slice(-10));
  assert.ok(last < 0.75 * first, `loss should fall: first 10 batches ${first.toFixed(3)}, last 10 ${last.toFixed(3)}`);
  assert.ok(r.testAccuracy > 0.4, `test accuracy ${r.testAccuracy} should clearly beat chance (0.1)`);
});
