import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import { imageFrom } from '../../../src/targets/image.js';
import type { Sample } from '../../../src/targets/sample.js';
import { makeSample } from '../../conformance/fixture.js';
import { paramsOf, rejectsWith, u8 } from './helpers.js';

const one = (name: string, options: Record<string, unknown> = {}) => Pipeline.fromConfig({ transforms: [{ name, p: 1, ...options }] });
const grey = (): Sample => ({ id: 'grey', image: u8(64, 64, 3, () => 128) });

/** Mean and population std of out - 128 over the colour values. */
function noiseStats(data: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  let sq = 0;
  for (let i = 0; i < data.length; i++) {
    const d = data[i]! - 128;
    s += d;
    sq += d * d;
  }
  const mean = s / data.length;
  return { mean, std: Math.sqrt(sq / data.length - mean * mean) };
}

describe('GaussNoise', () => {
  test('the same seed gives the same image, and replaying the JSON trace reproduces it bit for bit', async () => {
    const s = makeSample();
    const p = one('GaussNoise');
    const a = await p.run(s, { stream: { seed: 11 } });
    const b = await p.run(s, { stream: { seed: 11 } });
    assert.deepEqual(a.sample.image.data, b.sample.image.data);
    const replayed = await replayTrace(s, JSON.parse(JSON.stringify(a.trace)));
    assert.deepEqual(replayed.sample.image.data, a.sample.image.data);
    const other = await p.run(s, { stream: { seed: 12 } });
    assert.notDeepEqual(other.sample.image.data, a.sample.image.data);
    assert.equal(a.sample.boxes, s.boxes);
    assert.equal(a.sample.mask, s.mask);
  });

  test('the params hold std, mean and a 32-bit seed; a different seed in an edited trace gives other noise', async () => {
    const r = await one('GaussNoise', { stdRange: [8, 8] }).run(grey());
    const p = paramsOf(r.trace);
    assert.deepEqual(Object.keys(p).sort(), ['mean', 'perChannel', 'seed', 'std']);
    assert.ok(Number.isInteger(p['seed']) && (p['seed'] as number) >= 0 && (p['seed'] as number) < 2 ** 32);
    const edited = await replayTrace(grey(), [{ name: 'GaussNoise', params: { ...p, seed: ((p['seed'] as number) + 1) >>> 0 } }]);
    assert.notDeepEqual(edited.sample.image.data, r.sample.image.data);
  });

  test('the noise has the std drawn, in the image value scale', async () => {
    const r = await one('GaussNoise', { stdRange: [10, 10] }).run(grey());
    const { mean, std } = noiseStats(r.sample.image.data);
    assert.ok(Math.abs(std - 10) < 0.3, `std ${std}`);
    assert.ok(Math.abs(mean) < 0.3, `mean ${mean}`);
    const shifted = noiseStats((await one('GaussNoise', { stdRange: [10, 10], mean: 20 }).run(grey())).sample.image.data);
    assert.ok(Math.abs(shifted.mean - 20) < 0.5, `mean ${shifted.mean}`);
  });

  test('varLimit is a variance (Albumentations 1.3): [100, 100] gives std 10; both names at once are refused', async () => {
    const r = await one('GaussNoise', { varLimit: [100, 100] }).run(grey());
    assert.equal(paramsOf(r.trace)['std'], 10);
    await rejectsWith(() => one('GaussNoise', { stdRange: 5, varLimit: 25 }), 'GaussNoise).varLimit', 'not both');
  });

  test('perChannel: false adds the same value to every colour channel of a pixel', async () => {
    const r = await one('GaussNoise', { stdRange: [10, 10], perChannel: false }).run(grey());
    const d = r.sample.image.data;
    let differs = 0;
    for (let i = 0; i < d.length; i += 3) {
      assert.equal(d[i], d[i + 1]);
      assert.equal(d[i], d[i + 2]);
      if (d[i] !== 128) differs++;
    }
    assert.ok(differs > 3000);
  });

  test('the default std is [3, 7] on uint8 and the same share of the range on float32', async () => {
    const f32: Sample = { id: 'f', image: imageFrom(8, 8, 1, 'float32', new Float32Array(64).fill(0.5)) };
    for (let seed = 0; seed < 30; seed++) {
      const u = paramsOf((await one('GaussNoise').run(grey(), { stream: { seed } })).trace)['std'] as number;
      assert.ok(u >= 3 && u < 7, `uint8 std ${u}`);
      const f = paramsOf((await one('GaussNoise').run(f32, { stream: { seed } })).trace)['std'] as number;
      assert.ok(Math.abs(f - u / 255) < 1e-12, `float32 std ${f} vs ${u / 255}`);
    }
  });
});

describe('ISONoise', () => {
  test('replays bit for bit and changes a textured colour image', async () => {
    const s = makeSample();
    const r = await one('ISONoise').run(s, { stream: { seed: 5 } });
    assert.notDeepEqual(r.sample.image.data, s.image.data);
    const again = await replayTrace(s, JSON.parse(JSON.stringify(r.trace)));
    assert.deepEqual(again.sample.image.data, r.sample.image.data);
    assert.equal(r.sample.keypoints, s.keypoints);
  });

  test('a grayscale image is refused, pointing at GaussNoise', async () => {
    const s: Sample = { id: 'gray', image: u8(8, 8, 1, (x) => x * 20) };
    const e = await rejectsWith(() => one('ISONoise').run(s), 'ISONoise', 'Hint: use GaussNoise');
    assert.equal(e.code, 'unsupported');
  });
});
