/** Invert, Posterize, Solarize, SolarizeAdd, Equalize, AutoContrast: PIL / timm values by hand. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage } from '../../../src/targets/image.js';
import { apply, paramsOf, randomImage, row, runStep, values } from './helpers.js';

function close(actual: number[], expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= tol, `[${i}] ${v} vs ${expected[i]}`));
}

describe('Invert', () => {
  test('max - v on every dtype; alpha kept', async () => {
    assert.deepEqual(values(await apply('Invert', {}, row('uint8', 1, [10, 0, 255]))), [245, 255, 0]);
    assert.deepEqual(values(await apply('Invert', {}, row('uint16', 1, [10]))), [65525]);
    assert.deepEqual(values(await apply('Invert', {}, row('uint16', 1, [10], 4095))), [4085]);
    assert.deepEqual(values(await apply('Invert', {}, row('float32', 1, [0.25]))), [0.75]);
    assert.deepEqual(values(await apply('Invert', {}, row('uint8', 4, [10, 20, 30, 40]))), [245, 235, 225, 40]);
  });
});

describe('Posterize', () => {
  test('keeps the top bits', async () => {
    assert.deepEqual(values(await apply('Posterize', { numBits: 4 }, row('uint8', 1, [0b10111111]))), [0b10110000]);
    assert.deepEqual(values(await apply('Posterize', { numBits: 1 }, row('uint8', 1, [127, 128]))), [0, 128]);
    assert.deepEqual(values(await apply('Posterize', { numBits: 0 }, row('uint8', 1, [255]))), [0]);
  });

  test('8 bits is the identity for uint8; a range draws whole bit counts', async () => {
    const img = randomImage(8, 'uint8', 3);
    assert.deepEqual(values(await apply('Posterize', { numBits: 8 }, img)), values(img));
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) seen.add(paramsOf(await runStep('Posterize', { numBits: [2, 4] }, img, seed)).numBits as number);
    assert.deepEqual([...seen].sort(), [2, 3, 4]);
  });

  test('more than 8 bits or a fraction is refused when the pipeline is built', async () => {
    await assert.rejects(runStep('Posterize', { numBits: 9 }, row('uint8', 1, [1])), (e: unknown) => e instanceof AuguryError && /Posterize\)\.numBits/.test(e.message));
    await assert.rejects(runStep('Posterize', { numBits: 2.5 }, row('uint8', 1, [1])), (e: unknown) => e instanceof AuguryError && /numBits/.test(e.message));
  });
});

describe('Solarize', () => {
  test('threshold 128 on [100, 200] gives [100, 55]', async () => {
    assert.deepEqual(values(await apply('Solarize', { threshold: 128 }, row('uint8', 1, [100, 200]))), [100, 55]);
    // 128 itself is at the threshold: inverted
    assert.deepEqual(values(await apply('Solarize', { threshold: 128 }, row('uint8', 1, [127, 128]))), [127, 127]);
  });

  test('the threshold is on the uint8 scale for every dtype', async () => {
    // uint16: 100 * 257 and 200 * 257; the threshold 128 means 128 * 257
    assert.deepEqual(values(await apply('Solarize', { threshold: 128 }, row('uint16', 1, [25700, 51400]))), [25700, 65535 - 51400]);
    close(values(await apply('Solarize', { threshold: 128 }, row('float32', 1, [100 / 255, 200 / 255]))), [100 / 255, 55 / 255]);
  });

  test('threshold 256 is the identity, 0 inverts everything', async () => {
    const img = randomImage(9, 'uint8', 3);
    assert.deepEqual(values(await apply('Solarize', { threshold: 256 }, img)), values(img));
    assert.deepEqual(values(await apply('Solarize', { threshold: 0 }, img)), values(img).map((v) => 255 - v));
  });
});

describe('SolarizeAdd', () => {
  test('adds below the threshold only, clipped', async () => {
    assert.deepEqual(values(await apply('SolarizeAdd', { add: 50, threshold: 128 }, row('uint8', 1, [100, 200, 120, 128]))), [150, 200, 170, 128]);
    assert.deepEqual(values(await apply('SolarizeAdd', { add: 200, threshold: 128 }, row('uint8', 1, [100]))), [255]);
  });

  test('add and threshold are on the uint8 scale for float32', async () => {
    close(values(await apply('SolarizeAdd', { add: 51, threshold: 128 }, row('float32', 1, [0.2, 0.8]))), [0.4, 0.8]);
  });

  test('add 0 is the identity; the default add lies in [0, 110]', async () => {
    const img = randomImage(10, 'uint16', 1);
    assert.deepEqual(values(await apply('SolarizeAdd', { add: 0 }, img)), values(img));
    for (let seed = 0; seed < 20; seed++) {
      const p = paramsOf(await runStep('SolarizeAdd', {}, img, seed));
      assert.ok((p.add as number) >= 0 && (p.add as number) <= 110 && p.threshold === 128, JSON.stringify(p));
    }
  });
});

describe('Equalize', () => {
  test("PIL's integer rule: two equal halves go to 0 and 255", async () => {
    // 512 pixels, 256 of 10 and 256 of 20: step = floor((512 - 256) / 255) = 1;
    // lut[10] = 0 (nothing below), lut[20] = min(255, 256) = 255
    const img = createImage(32, 16, 1, 'uint8');
    for (let i = 0; i < img.data.length; i++) img.data[i] = i < 256 ? 10 : 20;
    const out = values(await apply('Equalize', {}, img));
    assert.deepEqual(out, values(img).map((v) => (v === 10 ? 0 : 255)));
  });

  test('a flat channel is unchanged; float32 is refused with a hint to use AutoContrast', async () => {
    assert.deepEqual(values(await apply('Equalize', {}, row('uint8', 3, [5, 6, 7, 5, 6, 7]))), [5, 6, 7, 5, 6, 7]);
    await assert.rejects(runStep('Equalize', {}, { id: 'f-1', image: row('float32', 1, [0.5]), source: { file: 'f.tif' } }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /f\.tif: sample "f-1": Equalize: Equalize does not support float32 images/);
      assert.match(e.hint ?? '', /AutoContrast/);
      return true;
    });
  });
});

describe('AutoContrast', () => {
  test('stretches each channel from its lowest to its highest value', async () => {
    // lo 10, hi 61: scale 255 / 51 = 5, offset -50
    assert.deepEqual(values(await apply('AutoContrast', {}, row('uint8', 1, [10, 20, 61]))), [0, 50, 255]);
    // per channel: R spans 0..51, G is flat (kept), B spans 100..151; alpha kept
    assert.deepEqual(values(await apply('AutoContrast', {}, row('uint8', 4, [0, 7, 100, 1, 51, 7, 151, 2]))), [0, 7, 0, 1, 255, 7, 255, 2]);
  });

  test('float32 is stretched without rounding', async () => {
    close(values(await apply('AutoContrast', {}, row('float32', 1, [0.25, 0.5, 0.75]))), [0, 0.5, 1]);
  });
});
