/** Normalize and ToFloat: output dtype and documented values. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { apply, paramsOf, row, runStep, values } from './helpers.js';

function close(actual: number[], expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= tol, `[${i}] ${v} vs ${expected[i]}`));
}

describe('Normalize', () => {
  test('ImageNet defaults: (v / 255 - mean) / std per channel, float32 out', async () => {
    const out = await apply('Normalize', {}, row('uint8', 3, [255, 0, 128]));
    assert.equal(out.dtype, 'float32');
    assert.ok(out.data instanceof Float32Array);
    assert.equal(out.channels, 3);
    close(values(out), [(1 - 0.485) / 0.229, (0 - 0.456) / 0.224, (128 / 255 - 0.406) / 0.225]);
  });

  test('mean 0.5, std 0.5 maps [0, 255] to [-1, 1]; maxPixelValue defaults to the image scale', async () => {
    close(values(await apply('Normalize', { mean: 0.5, std: 0.5 }, row('uint8', 1, [0, 255]))), [-1, 1]);
    close(values(await apply('Normalize', { mean: 0.5, std: 0.5 }, row('uint16', 1, [0, 65535]))), [-1, 1]);
    close(values(await apply('Normalize', { mean: 0.5, std: 0.5 }, row('uint16', 1, [0, 4095], 4095))), [-1, 1]);
    close(values(await apply('Normalize', { mean: 0, std: 1, maxPixelValue: 100 }, row('uint8', 1, [50]))), [0.5]);
  });

  test('alpha is scaled to [0, 1], not normalized; params are self-sufficient', async () => {
    const r = await runStep('Normalize', { mean: 0, std: 1 }, row('uint8', 4, [255, 255, 255, 51]));
    close(values(r.sample.image), [1, 1, 1, 0.2]);
    assert.deepEqual(paramsOf(r), { mean: 0, std: 1, maxPixelValue: null });
  });

  test('a gray image with three means is refused with a hint', async () => {
    await assert.rejects(runStep('Normalize', {}, { id: 'g', image: row('uint8', 1, [1]), source: { file: 'gray.png' } }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.message, /gray\.png: sample "g": Normalize\.mean/);
      assert.match(e.hint ?? '', /single number/);
      return true;
    });
  });

  test('a color transform after Normalize is refused with a hint to move Normalize last', async () => {
    const p = Pipeline.fromConfig({ transforms: [{ name: 'Normalize' }, { name: 'Brightness', p: 1 }] });
    await assert.rejects(p.run({ id: 'n', image: row('uint8', 3, [1, 2, 3]), source: { file: 'a.jpg' } }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /a\.jpg: sample "n": Brightness: Brightness cannot run on a normalized image/);
      assert.match(e.hint ?? '', /move Normalize to the end/);
      return true;
    });
  });
});

describe('ToFloat', () => {
  test('divides by the image scale by default', async () => {
    const out = await apply('ToFloat', {}, row('uint8', 1, [0, 51, 255]));
    assert.equal(out.dtype, 'float32');
    close(values(out), [0, 0.2, 1], 1e-7);
    close(values(await apply('ToFloat', {}, row('uint16', 1, [0, 65535]))), [0, 1], 1e-7);
  });

  test('maxValue reads 12-bit data in uint16; values above it clip to 1', async () => {
    close(values(await apply('ToFloat', { maxValue: 4095 }, row('uint16', 1, [0, 4095, 8190]))), [0, 1, 1], 1e-7);
  });

  test('a maxValue of zero is refused when the pipeline is built', async () => {
    await assert.rejects(runStep('ToFloat', { maxValue: 0 }, row('uint8', 1, [1])), (e: unknown) => e instanceof AuguryError && /ToFloat\)\.maxValue/.test(e.message));
  });
});
