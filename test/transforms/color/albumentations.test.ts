/** RandomBrightnessContrast, RandomGamma, HueSaturationValue, ToGray, ChannelShuffle, CLAHE. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage } from '../../../src/targets/image.js';
import { apply, paramsOf, randomImage, row, runStep, values } from './helpers.js';

describe('RandomBrightnessContrast', () => {
  test('alpha = 1 + contrast draw, beta * 255 added, truncated and clipped', async () => {
    // alpha 1.5, offset 0.1 * 255 = 25.5: 100 -> 175.5 -> 175; 200 -> 325.5 -> 255; 0 -> 25
    const r = await runStep('RandomBrightnessContrast', { brightnessLimit: [0.1, 0.1], contrastLimit: [0.5, 0.5] }, row('uint8', 1, [100, 200, 0]));
    assert.deepEqual(values(r.sample.image), [175, 255, 25]);
    assert.deepEqual(paramsOf(r), { alpha: 1.5, beta: 0.1, brightnessByMax: true });
  });

  test('brightnessByMax false offsets by alpha * beta * mean', async () => {
    // mean 100: offset 1.5 * 0.1 * 100 = 15
    const out = await apply('RandomBrightnessContrast', { brightnessLimit: [0.1, 0.1], contrastLimit: [0.5, 0.5], brightnessByMax: false }, row('uint8', 1, [100, 200, 0]));
    assert.deepEqual(values(out), [165, 255, 15]);
  });

  test('zero limits are the identity', async () => {
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
      const img = randomImage(4, dtype, 3);
      assert.deepEqual(values(await apply('RandomBrightnessContrast', { brightnessLimit: 0, contrastLimit: 0 }, img)), values(img), dtype);
    }
  });
});

describe('RandomGamma', () => {
  test('gammaLimit is gamma times 100', async () => {
    // gamma 2: 255 * (128 / 255)^2 = 64.25 -> 64
    const r = await runStep('RandomGamma', { gammaLimit: 200 }, row('uint8', 1, [0, 128, 255]));
    assert.deepEqual(values(r.sample.image), [0, 64, 255]);
    assert.equal(paramsOf(r).gamma, 2);
  });

  test('gammaLimit 100 is the identity', async () => {
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
      const img = randomImage(5, dtype, 4);
      assert.deepEqual(values(await apply('RandomGamma', { gammaLimit: 100 }, img)), values(img), dtype);
    }
  });

  test('the default draws gamma in [0.8, 1.2]', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const g = paramsOf(await runStep('RandomGamma', {}, row('uint8', 1, [1]), seed)).gamma as number;
      assert.ok(g >= 0.8 && g <= 1.2, String(g));
    }
  });
});

describe('HueSaturationValue', () => {
  const only = (o: Record<string, unknown>) => ({ hueShiftLimit: 0, satShiftLimit: 0, valShiftLimit: 0, ...o });

  test('a hue shift of 60 units (120 degrees) turns red into green', async () => {
    assert.deepEqual(values(await apply('HueSaturationValue', only({ hueShiftLimit: [60, 60] }), row('uint8', 3, [255, 0, 0]))), [0, 255, 0]);
  });

  test('value and saturation shifts are in uint8 units', async () => {
    assert.deepEqual(values(await apply('HueSaturationValue', only({ valShiftLimit: [-50, -50] }), row('uint8', 3, [100, 100, 100]))), [50, 50, 50]);
    // saturation -255 leaves gray at the pixel's value (its max channel)
    assert.deepEqual(values(await apply('HueSaturationValue', only({ satShiftLimit: [-255, -255] }), row('uint8', 3, [200, 100, 100]))), [200, 200, 200]);
    // the same shift means the same on float32
    const f = await apply('HueSaturationValue', only({ valShiftLimit: [-51, -51] }), row('float32', 3, [0.6, 0.6, 0.6]));
    for (const v of values(f)) assert.ok(Math.abs(v - 0.4) < 1e-6, String(v));
  });

  test('keeps alpha; zero shifts are the identity', async () => {
    assert.deepEqual(values(await apply('HueSaturationValue', only({ hueShiftLimit: [60, 60] }), row('uint8', 4, [255, 0, 0, 9]))), [0, 255, 0, 9]);
    const img = randomImage(6, 'uint8', 3);
    assert.deepEqual(values(await apply('HueSaturationValue', only({}), img)), values(img));
  });

  test('refuses gray images and points to RandomBrightnessContrast', async () => {
    await assert.rejects(
      runStep('HueSaturationValue', {}, { id: 'xray-3', image: row('uint8', 1, [1, 2]), source: { file: 'scans/xray-3.png' } }),
      (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.equal(e.code, 'unsupported');
        assert.match(e.message, /HueSaturationValue does not support images with 1 channel/);
        assert.match(e.message, /scans\/xray-3\.png/);
        assert.match(e.message, /sample "xray-3"/);
        assert.match(e.hint ?? '', /RandomBrightnessContrast/);
        return true;
      },
    );
  });
});

describe('ToGray', () => {
  // OpenCV luma of (200, 100, 50): (200*4899 + 100*9617 + 50*1868 + 8192) >> 14 = 124
  test('outputs the requested channel count', async () => {
    const one = await apply('ToGray', { numOutputChannels: 1 }, row('uint8', 3, [200, 100, 50]));
    assert.equal(one.channels, 1);
    assert.deepEqual(values(one), [124]);
    const three = await apply('ToGray', {}, row('uint8', 3, [200, 100, 50]));
    assert.equal(three.channels, 3);
    assert.deepEqual(values(three), [124, 124, 124]);
  });

  test('RGBA keeps alpha with 3 output channels and drops it with 1', async () => {
    const rgba = row('uint8', 4, [200, 100, 50, 33]);
    assert.deepEqual(values(await apply('ToGray', { numOutputChannels: 3 }, rgba)), [124, 124, 124, 33]);
    assert.deepEqual(values(await apply('ToGray', { numOutputChannels: 1 }, rgba)), [124]);
  });

  test('gray input is replicated; numOutputChannels other than 1 or 3 is refused', async () => {
    assert.deepEqual(values(await apply('ToGray', { numOutputChannels: 3 }, row('uint8', 1, [7]))), [7, 7, 7]);
    await assert.rejects(runStep('ToGray', { numOutputChannels: 2 }, row('uint8', 1, [7])), (e: unknown) => e instanceof AuguryError && /numOutputChannels: expected one of 1, 3/.test(e.message));
  });
});

describe('ChannelShuffle', () => {
  test('output channel c is input channel order[c]; every permutation occurs; alpha stays', async () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const r = await runStep('ChannelShuffle', {}, row('uint8', 4, [10, 20, 30, 99]), seed);
      const order = paramsOf(r).order as number[];
      seen.add(order.join(''));
      assert.deepEqual(values(r.sample.image), [...order.map((c) => [10, 20, 30][c]!), 99]);
    }
    assert.deepEqual([...seen].sort(), ['012', '021', '102', '120', '201', '210']);
  });

  test('gray images are unchanged', async () => {
    const r = await runStep('ChannelShuffle', {}, row('uint8', 1, [5, 6]));
    assert.deepEqual(paramsOf(r).order, [0]);
    assert.deepEqual(values(r.sample.image), [5, 6]);
  });
});

describe('CLAHE', () => {
  test('one tile without clipping is plain histogram equalization', async () => {
    // cdf of [0, 85, 170, 255] is 1, 2, 3, 4 of 4: round(cdf * 255 / 4) = 64, 128, 191, 255
    const img = createImage(2, 2, 1, 'uint8');
    img.data.set([0, 85, 170, 255]);
    assert.deepEqual(values(await apply('CLAHE', { clipLimit: [0, 0], tileGridSize: 1 }, img)), [64, 128, 191, 255]);
  });

  test('stretches a low-contrast image; a number v draws the clip limit in [1, v]', async () => {
    const img = createImage(32, 32, 1, 'uint8');
    for (let i = 0; i < img.data.length; i++) img.data[i] = 100 + ((i * 7) % 20);
    for (let seed = 0; seed < 10; seed++) {
      const r = await runStep('CLAHE', { clipLimit: 3, tileGridSize: 2 }, img, seed);
      const p = paramsOf(r);
      assert.ok((p.clipLimit as number) >= 1 && (p.clipLimit as number) <= 3, String(p.clipLimit));
      assert.deepEqual(p.tileGridSize, [2, 2]);
      const out = values(r.sample.image);
      assert.ok(Math.max(...out) - Math.min(...out) > 19, `range ${Math.min(...out)}..${Math.max(...out)}`);
    }
  });

  test('works on uint16 and RGB, and refuses float32 with a hint', async () => {
    assert.equal((await apply('CLAHE', {}, randomImage(1, 'uint16', 3, 16, 16))).dtype, 'uint16');
    await assert.rejects(runStep('CLAHE', {}, randomImage(1, 'float32', 3)), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /CLAHE does not support float32/);
      assert.match(e.hint ?? '', /before ToFloat and Normalize/);
      return true;
    });
  });
});
