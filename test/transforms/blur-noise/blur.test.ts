import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createPolygons } from '../../../src/targets/polygons.js';
import type { Sample } from '../../../src/targets/sample.js';
import { makeSample } from '../../conformance/fixture.js';
import { paramsOf, rejectsWith, u8 } from './helpers.js';

const one = (name: string, options: Record<string, unknown> = {}) => Pipeline.fromConfig({ transforms: [{ name, p: 1, ...options }] });

/** One white pixel at (10, 10) on a black 21x21 image. */
const dot = (): Sample => ({ id: 'dot', image: u8(21, 21, 1, (x, y) => (x === 10 && y === 10 ? 255 : 0)) });

function nonZero(s: Sample): string[] {
  const { width, data } = s.image;
  const out: string[] = [];
  data.forEach((v, i) => {
    if (v !== 0) out.push(`${i % width},${Math.floor(i / width)}=${v}`);
  });
  return out;
}

describe('GaussianBlur', () => {
  test('leaves a constant image unchanged and every label as it was', async () => {
    const s: Sample = {
      id: 'flat',
      image: u8(20, 16, 3, (_x, _y, c) => [30, 120, 250][c]!),
      boxes: createBoxes({ xyxy: [2, 3, 10, 12] }),
      polygons: createPolygons({ instances: [[[2, 3, 10, 3, 10, 12, 2, 12]]] }),
      keypoints: createKeypoints({ xy: [5, 5], visibility: [2] }),
    };
    for (let seed = 0; seed < 5; seed++) {
      const r = await one('GaussianBlur', { blurLimit: [3, 15], sigmaLimit: [0.5, 4] }).run(s, { stream: { seed } });
      assert.deepEqual(r.sample.image.data, s.image.data);
      assert.equal(r.sample.boxes, s.boxes);
      assert.equal(r.sample.polygons, s.polygons);
      assert.equal(r.sample.keypoints, s.keypoints);
    }
  });

  test('a 3x3 kernel with sigma 0 spreads a dot by OpenCV\'s [1 2 1]/4 table', async () => {
    const r = await replayTrace(dot(), [{ name: 'GaussianBlur', params: { ksize: 3, sigma: 0 } }]);
    // Outer product of [0.25, 0.5, 0.25] times 255: 15.94 -> 16, 31.875 -> 32, 63.75 -> 64.
    assert.deepEqual(nonZero(r.sample), ['9,9=16', '10,9=32', '11,9=16', '9,10=32', '10,10=64', '11,10=32', '9,11=16', '10,11=32', '11,11=16']);
  });

  test('draws only odd sizes from blurLimit, every one of them', async () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 60; seed++) seen.add(paramsOf((await one('GaussianBlur', { blurLimit: [2, 9] }).run(dot(), { stream: { seed } })).trace)['ksize'] as number);
    assert.deepEqual([...seen].sort((a, b) => a - b), [3, 5, 7, 9]);
  });

  test('a size of 0 needs sigma above 0, and says so at config time', async () => {
    await rejectsWith(() => one('GaussianBlur', { blurLimit: [0, 5] }), 'transforms[0] (GaussianBlur).blurLimit', 'sigmaLimit must start above 0');
    const p = one('GaussianBlur', { blurLimit: 0, sigmaLimit: [1, 1] });
    const r = await p.run(dot());
    assert.deepEqual(paramsOf(r.trace), { ksize: 0, sigma: 1 });
    // Size from sigma 1 on uint8: 3 sigmas each side, so 7 taps (not 5).
    const seven = await replayTrace(dot(), [{ name: 'GaussianBlur', params: { ksize: 7, sigma: 1 } }]);
    const five = await replayTrace(dot(), [{ name: 'GaussianBlur', params: { ksize: 5, sigma: 1 } }]);
    assert.deepEqual(r.sample.image.data, seven.sample.image.data);
    assert.notDeepEqual(r.sample.image.data, five.sample.image.data);
  });

  test('even-only ranges are refused with the option named', async () => {
    await rejectsWith(() => one('GaussianBlur', { blurLimit: [4, 4] }), 'GaussianBlur).blurLimit', 'odd kernel size');
    await rejectsWith(() => one('MedianBlur', { blurLimit: [7, 3] }), 'MedianBlur).blurLimit', 'min <= max');
  });
});

describe('MedianBlur', () => {
  test('removes an isolated bright pixel and keeps a flat image flat', async () => {
    const s: Sample = { id: 'salt', image: u8(9, 9, 3, (x, y) => (x === 4 && y === 4 ? 255 : 100)) };
    const r = await one('MedianBlur', { blurLimit: 3 }).run(s);
    assert.equal(paramsOf(r.trace)['ksize'], 3);
    assert.ok(r.sample.image.data.every((v) => v === 100));
  });

  test('a single number v means [3, v], as in Albumentations', async () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 60; seed++) seen.add(paramsOf((await one('MedianBlur', { blurLimit: 7 }).run(dot(), { stream: { seed } })).trace)['ksize'] as number);
    assert.deepEqual([...seen].sort((a, b) => a - b), [3, 5, 7]);
  });
});

describe('MotionBlur', () => {
  test('angle 0 streaks a dot along the row, angle 90 along the column (hand-checked taps of 255/5 = 51)', async () => {
    const h = await replayTrace(dot(), [{ name: 'MotionBlur', params: { ksize: 5, angle: 0, direction: 0 } }]);
    assert.deepEqual(nonZero(h.sample), ['8,10=51', '9,10=51', '10,10=51', '11,10=51', '12,10=51']);
    const v = await replayTrace(dot(), [{ name: 'MotionBlur', params: { ksize: 5, angle: 90, direction: 0 } }]);
    assert.deepEqual(nonZero(v.sample), ['10,8=51', '10,9=51', '10,10=51', '10,11=51', '10,12=51']);
  });

  test('direction 1 makes the streak one-sided: each output averages the pixels ahead of it', async () => {
    const r = await replayTrace(dot(), [{ name: 'MotionBlur', params: { ksize: 5, angle: 0, direction: 1 } }]);
    // Taps at offsets 0, 1, 2 (weight 1/3 each): outputs at x = 8, 9, 10 see the dot; 255/3 = 85.
    assert.deepEqual(nonZero(r.sample), ['8,10=85', '9,10=85', '10,10=85']);
  });

  test('labels are untouched, and allow_shifted is not an option (it would move pixels)', async () => {
    const s = makeSample();
    const r = await one('MotionBlur').run(s, { stream: { seed: 2 } });
    assert.equal(r.sample.boxes, s.boxes);
    assert.equal(r.sample.keypoints, s.keypoints);
    assert.equal(r.sample.mask, s.mask);
    assert.equal(r.sample.instanceMasks, s.instanceMasks);
    assert.notDeepEqual(r.sample.image.data, s.image.data);
    await rejectsWith(() => one('MotionBlur', { allowShifted: true }), 'unknown option "allowShifted"', 'Hint: options of');
  });
});
