import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hflipImage, hflipMask } from '../../src/functional/geometric/index.js';
import { wasmLoadError, wasmModule } from '../../src/backend/wasm.js';
import { arbImage, assertImagesClose, bothBackends } from './compare.js';

describe('wasm backend: loading', () => {
  test('the module loads (CI fails here when the build did not produce it)', () => {
    assert.ok(wasmModule(), `wasm did not load: ${wasmLoadError()?.message}`);
  });
});

describe('wasm flips equal the reference exactly', () => {
  test('hflip: every dtype, 1/3/4 channels, odd widths (vector body and scalar tail)', () => {
    fc.assert(
      fc.property(arbImage(['uint8', 'uint16', 'float32'], [1, 3, 4], 70), (img) => {
        const { ts, wasm } = bothBackends(() => hflipImage(img));
        assertImagesClose(ts, wasm, 0, 'hflip');
      }),
    );
  });

  test('hflip of a 3-channel row: pixel order reversed, channel order kept', () => {
    const data = Uint8Array.from({ length: 20 * 3 }, (_, i) => i);
    const { wasm } = bothBackends(() => hflipImage({ width: 20, height: 1, channels: 3, dtype: 'uint8', data }));
    for (let x = 0; x < 20; x++) assert.deepEqual(Array.from(wasm.data.subarray(x * 3, x * 3 + 3)), [57 - x * 3, 58 - x * 3, 59 - x * 3]);
  });

  test('hflip of int32 and uint16 masks', () => {
    const m32 = { width: 37, height: 3, data: Int32Array.from({ length: 111 }, (_, i) => i * 7919 - 300) };
    const a = bothBackends(() => hflipMask(m32));
    assert.deepEqual(Array.from(a.wasm.data), Array.from(a.ts.data));
    const m16 = { width: 33, height: 2, data: Uint16Array.from({ length: 66 }, (_, i) => i * 999) };
    const b = bothBackends(() => hflipMask(m16));
    assert.deepEqual(Array.from(b.wasm.data), Array.from(b.ts.data));
  });
});
