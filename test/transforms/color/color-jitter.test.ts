/** ColorJitter: factors, the per-call order (recorded and replayed), and its identity setting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import type { LeafTrace } from '../../../src/core/trace.js';
import type { Sample } from '../../../src/targets/sample.js';
import { apply, paramsOf, randomImage, row, runStep, values } from './helpers.js';

const OPS = ['brightness', 'contrast', 'saturation', 'hue'];

/**
 * Brightness 2 and saturation 0 do not commute on (200, 100, 50):
 * brightness first gives (255, 200, 100), whose PIL luma is 205; saturation first gives luma 124,
 * then doubled, 248.
 */
const FIXED = { brightness: [2, 2], contrast: [1, 1], saturation: [0, 0], hue: [0, 0] };
const PIXEL = () => row('uint8', 3, [200, 100, 50]);
const expectedFor = (order: string[]) => (order.indexOf('brightness') < order.indexOf('saturation') ? 205 : 248);

describe('ColorJitter', () => {
  test('identity ranges give the input back, for every dtype and channel count', async () => {
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
      for (const channels of [1, 3, 4] as const) {
        const img = randomImage(channels, dtype, channels);
        const out = await apply('ColorJitter', { brightness: 0, contrast: 0, saturation: 0, hue: 0 }, img);
        assert.deepEqual(values(out), values(img), `${dtype} x${channels}`);
      }
    }
  });

  test('the order is drawn per call, recorded, and decides the result', async () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 24; seed++) {
      const r = await runStep('ColorJitter', FIXED, PIXEL(), seed);
      const order = paramsOf(r).order as string[];
      assert.deepEqual([...order].sort(), [...OPS].sort());
      seen.add(order.join(','));
      const v = expectedFor(order);
      assert.deepEqual(values(r.sample.image), [v, v, v], order.join(','));
    }
    assert.ok(seen.size >= 6, `only ${seen.size} distinct orders in 24 draws`);
  });

  test('a trace replays its order, and an edited order is applied', async () => {
    const p = Pipeline.fromConfig({ transforms: [{ name: 'ColorJitter', ...FIXED, p: 1 }] });
    const s: Sample = { id: 'px', image: PIXEL() };
    const r = await p.run(s, { stream: { seed: 2 } });
    const trace = JSON.parse(JSON.stringify(r.trace)) as { steps: LeafTrace[] };
    assert.deepEqual(values((await replayTrace(s, trace)).sample.image), values(r.sample.image));
    const leaf = trace.steps[0]!;
    const order = leaf.params!['order'] as string[];
    const reversed = [...order].reverse();
    const edited = { ...trace, steps: [{ ...leaf, params: { ...leaf.params, order: reversed } }] };
    const v = expectedFor(reversed);
    assert.notEqual(v, expectedFor(order));
    assert.deepEqual(values((await replayTrace(s, edited)).sample.image), [v, v, v]);
  });

  test('records the four factors within their ranges', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const p = paramsOf(await runStep('ColorJitter', { brightness: 0.4, contrast: [0.5, 0.7], saturation: 0.1, hue: 0.05 }, PIXEL(), seed));
      const b = p.brightness as number;
      const c = p.contrast as number;
      const sat = p.saturation as number;
      const h = p.hue as number;
      assert.ok(b >= 0.6 && b <= 1.4 && c >= 0.5 && c <= 0.7 && sat >= 0.9 && sat <= 1.1 && h >= -0.05 && h <= 0.05, JSON.stringify(p));
    }
  });

  test('hue 0.5 turns pure red into cyan', async () => {
    const out = await apply('ColorJitter', { brightness: 0, contrast: 0, saturation: 0, hue: [0.5, 0.5] }, row('uint8', 3, [255, 0, 0]));
    assert.deepEqual(values(out), [0, 255, 255]);
  });

  test('a hue outside [-0.5, 0.5] or a negative factor is refused when the pipeline is built', () => {
    assert.throws(() => Pipeline.fromConfig({ transforms: [{ name: 'ColorJitter', hue: 0.7 }] }), (e: unknown) => e instanceof AuguryError && /hue/.test(e.message));
    assert.throws(() => Pipeline.fromConfig({ transforms: [{ name: 'ColorJitter', brightness: [-0.5, 1] }] }), (e: unknown) => e instanceof AuguryError && /brightness/.test(e.message));
  });

  test('an edited order that is not a permutation names the sample and says what to write', async () => {
    const s: Sample = { id: 'cat-7', image: PIXEL(), source: { file: 'images/cat.png' } };
    const bad = [{ name: 'ColorJitter', params: { brightness: 1, contrast: 1, saturation: 1, hue: 0, order: ['brightness', 'brightness'] } }];
    await assert.rejects(replayTrace(s, bad), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'validation');
      assert.match(e.message, /images\/cat\.png/);
      assert.match(e.message, /sample "cat-7"/);
      assert.match(e.message, /ColorJitter\.order/);
      assert.match(e.hint ?? '', /each of the four ops exactly once/);
      return true;
    });
  });
});
