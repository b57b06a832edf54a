import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import type { Codec } from '../../../src/io/codecs/index.js';
import { sharpCodec } from '../../../src/io/codecs/index.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import type { Image } from '../../../src/targets/image.js';
import type { Sample } from '../../../src/targets/sample.js';
import { paramsOf, photo, rejectsWith, u8 } from './helpers.js';

const one = (name: string, options: Record<string, unknown> = {}) => Pipeline.fromConfig({ transforms: [{ name, p: 1, ...options }] });

function mse(a: Image, b: Image): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  return s / a.data.length;
}

describe('JpegCompression', () => {
  test('a real encode and decode through sharpCodec changes the photo and keeps its size and labels', async () => {
    const image = await photo();
    const s: Sample = { id: 'cat', image, boxes: createBoxes({ xyxy: [5, 5, 40, 30] }) };
    const low = await one('JpegCompression', { qualityRange: [10, 10] }).run(s, { codec: sharpCodec });
    const high = await one('JpegCompression', { qualityRange: [95, 95] }).run(s, { codec: sharpCodec });
    for (const r of [low, high]) {
      assert.equal(r.sample.image.width, image.width);
      assert.equal(r.sample.image.height, image.height);
      assert.equal(r.sample.image.channels, 3);
      assert.equal(r.sample.image.dtype, 'uint8');
      assert.equal(r.sample.boxes, s.boxes);
    }
    assert.equal(paramsOf(low.trace)['quality'], 10);
    const eLow = mse(low.sample.image, image);
    const eHigh = mse(high.sample.image, image);
    assert.ok(eLow > 10, `quality 10 should visibly change the photo (mse ${eLow})`);
    assert.ok(eHigh > 0 && eHigh < eLow / 4, `mse q95 ${eHigh}, q10 ${eLow}`);
    const replayed = await replayTrace(s, JSON.parse(JSON.stringify(low.trace)), { codec: sharpCodec });
    assert.deepEqual(replayed.sample.image.data, low.sample.image.data);
  });

  test('the quality is drawn from qualityRange, both ends included', async () => {
    const seen = new Set<number>();
    const s: Sample = { id: 'tiny', image: u8(8, 8, 3, (x, y) => x * 30 + y) };
    for (let seed = 0; seed < 40; seed++) seen.add(paramsOf((await one('JpegCompression', { qualityRange: [40, 42] }).run(s, { stream: { seed }, codec: sharpCodec })).trace)['quality'] as number);
    assert.deepEqual([...seen].sort(), [40, 41, 42]);
  });

  test('uses the injected codec with the drawn quality', async () => {
    const calls: unknown[] = [];
    const spy: Codec = {
      name: 'spy',
      encode: async (img, format, opts) => {
        calls.push([format, opts?.quality]);
        return sharpCodec.encode(img, format, opts);
      },
      decode: (bytes, opts) => sharpCodec.decode(bytes, opts),
    };
    await replayTrace({ id: 't', image: u8(8, 8, 3, () => 9) }, [{ name: 'JpegCompression', params: { quality: 33 } }], { codec: spy });
    assert.deepEqual(calls, [['jpeg', 33]]);
  });

  test('without a codec the run fails and says how to pass one', async () => {
    const s: Sample = { id: 't', image: u8(8, 8, 3, () => 9) };
    const e = await rejectsWith(() => one('JpegCompression').run(s), 'JpegCompression', 'no codec', 'Hint: pass one', '{ codec: sharpCodec }');
    assert.equal(e.code, 'unsupported');
    await rejectsWith(() => one('JpegCompression', { qualityRange: [0, 50] }), 'JpegCompression).qualityRange', 'inside [1, 100]');
  });
});

describe('Downscale', () => {
  test('nearest at 0.5 keeps an image made of 2x2 blocks exactly', async () => {
    const s: Sample = { id: 'blocks', image: u8(8, 6, 1, (x, y) => ((x >> 1) * 40 + (y >> 1) * 7) & 255) };
    const r = await one('Downscale', { scaleRange: 0.5 }).run(s);
    assert.deepEqual(paramsOf(r.trace), { scale: 0.5, down: 'nearest', up: 'nearest' });
    assert.deepEqual(r.sample.image.data, s.image.data);
  });

  test('area down, nearest up: a one-pixel checkerboard becomes flat 128 (127.5 ties to even)', async () => {
    const s: Sample = { id: 'checker', image: u8(8, 6, 1, (x, y) => ((x + y) % 2 === 0 ? 0 : 255)) };
    const r = await one('Downscale', { scaleRange: 0.5, interpolation: { downscale: 'area', upscale: 'nearest' } }).run(s);
    assert.deepEqual(paramsOf(r.trace), { scale: 0.5, down: 'area', up: 'nearest' });
    assert.ok(r.sample.image.data.every((v) => v === 128), [...r.sample.image.data].join(' '));
  });

  test('loses detail on the photo and keeps its size; a scale of 0 is refused', async () => {
    const image = await photo();
    const r = await one('Downscale', { scaleRange: [0.25, 0.25], interpolation: 'bilinear' }).run({ id: 'cat', image });
    assert.equal(r.sample.image.width, image.width);
    assert.equal(r.sample.image.height, image.height);
    assert.ok(mse(r.sample.image, image) > 20);
    await rejectsWith(() => one('Downscale', { scaleRange: [0, 0.5] }), 'Downscale).scaleRange', 'above 0');
    await rejectsWith(() => one('Downscale', { interpolation: 'cubic' }), 'Downscale).interpolation', 'expected one of nearest', 'received "cubic"');
  });
});
