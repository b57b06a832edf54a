import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { downscale, jpegCompress } from '../../../src/functional/blur-noise/index.js';
import type { Interpolation } from '../../../src/functional/types.js';
import { sharpCodec, type Codec } from '../../../src/io/codecs/index.js';
import { imageFrom } from '../../../src/targets/image.js';
import { f32, highFrequencyEnergy, mse, photo, throwsWith, u8 } from './helpers.js';

describe('downscale', () => {
  test('keeps size, dtype and channels, and loses high-frequency energy', async () => {
    const p = await photo();
    const pairs: [Interpolation, Interpolation][] = [
      ['nearest', 'nearest'],
      ['area', 'bilinear'],
      ['bilinear', 'bilinear'],
      ['area', 'nearest'],
      ['area', 'bicubic'],
      ['area', 'lanczos'],
    ];
    for (const [down, up] of pairs) {
      const out = downscale(p, 0.25, down, up);
      assert.equal(out.width, p.width);
      assert.equal(out.height, p.height);
      assert.equal(out.channels, 3);
      assert.equal(out.dtype, 'uint8');
      const ratio = highFrequencyEnergy(out) / highFrequencyEnergy(p);
      // Nearest up-sampling leaves block corners, where a horizontal and a vertical edge cross.
      assert.ok(ratio < (up === 'nearest' ? 0.5 : 0.05), `${down}/${up}: energy ratio ${ratio}`);
    }
  });

  test('a one-pixel checkerboard averaged by area becomes flat mid-grey (127.5 rounds half to even)', () => {
    const img = u8(8, 6, 1, (x, y) => ((x + y) % 2 === 0 ? 0 : 255));
    const out = downscale(img, 0.5, 'area', 'nearest');
    assert.ok(out.data.every((v) => v === 128), [...out.data].join(' '));
  });

  test('nearest at 0.5 keeps every other pixel and repeats it (half-pixel centres)', () => {
    const img = f32(4, 1, 1, (x) => x / 10); // 0 .1 .2 .3
    const out = downscale(img, 0.5, 'nearest', 'nearest');
    // Down: centres 1 and 3 of the source -> pixels 1, 3; up: each repeated twice.
    assert.deepEqual([...out.data].map((v) => Math.round(v * 10)), [1, 1, 3, 3]);
  });

  test('scale 1 is the identity', async () => {
    const p = await photo();
    assert.deepEqual(downscale(p, 1, 'bilinear', 'bilinear').data, p.data);
    assert.deepEqual(downscale(p, 1, 'area', 'nearest').data, p.data);
  });

  test('bad options throw with the option and a hint', () => {
    const img = u8(4, 4, 1, () => 0);
    throwsWith(() => downscale(img, 0), 'downscale.scale', 'Hint:');
    throwsWith(() => downscale(img, 1.5), 'downscale.scale', 'Hint:');
    throwsWith(() => downscale(img, 0.5, 'cubic' as Interpolation), 'downscale.downInterpolation', "Hint: use 'area'");
  });
});

describe('jpegCompress (through the real sharp codec)', () => {
  test('quality 10 loses more than quality 100; size, dtype and channels are kept', async () => {
    const p = await photo();
    const hi = await jpegCompress(p, 100, sharpCodec);
    const lo = await jpegCompress(p, 10, sharpCodec);
    for (const out of [hi, lo]) {
      assert.equal(out.width, p.width);
      assert.equal(out.height, p.height);
      assert.equal(out.channels, 3);
      assert.equal(out.dtype, 'uint8');
    }
    const eHi = mse(hi, p);
    const eLo = mse(lo, p);
    assert.ok(eHi < eLo / 4, `mse q100 ${eHi}, q10 ${eLo}`);
    assert.ok(eLo > 10, `q10 should visibly change the image (mse ${eLo})`);
  });

  test('RGBA keeps its alpha; grayscale stays grayscale; float32 comes back in 8-bit steps', async () => {
    const p = await photo();
    const n = p.width * p.height;
    const rgba = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) {
      rgba.set(p.data.subarray(i * 3, i * 3 + 3), i * 4);
      rgba[i * 4 + 3] = i % 256;
    }
    const out4 = await jpegCompress(imageFrom(p.width, p.height, 4, 'uint8', rgba), 50, sharpCodec);
    for (let i = 0; i < n; i++) assert.equal(out4.data[i * 4 + 3], i % 256);

    const gray = u8(40, 30, 1, (x, y) => (x * 6 + y * 3) % 256);
    const outG = await jpegCompress(gray, 50, sharpCodec);
    assert.equal(outG.channels, 1);
    assert.ok(mse(outG, gray) > 0);

    const fl = f32(24, 16, 3, (x, y, c) => 0.1 + 0.6 * (x / 23) + 0.2 * (y / 15) - 0.05 * c); // smooth: small JPEG error
    const outF = await jpegCompress(fl, 90, sharpCodec);
    assert.equal(outF.dtype, 'float32');
    for (const v of outF.data) assert.ok(Math.abs(v * 255 - Math.round(v * 255)) < 1e-4, String(v));
    assert.ok(mse(outF, fl) < 1e-4, String(mse(outF, fl)));
  });

  test('uses only the injected codec, passing the quality', async () => {
    const calls: string[] = [];
    const spy: Codec = {
      name: 'spy',
      encode: (img, format, opts) => {
        calls.push(`encode ${format} ${opts?.quality}`);
        return sharpCodec.encode(img, format, opts);
      },
      decode: (bytes, opts) => {
        calls.push('decode');
        return sharpCodec.decode(bytes, opts);
      },
    };
    await jpegCompress(u8(16, 16, 3, (x, y, c) => x * 8 + y + c), 42, spy);
    assert.deepEqual(calls, ['encode jpeg 42', 'decode']);
  });

  test('a codec that changes the size is reported, and a bad quality is refused', async () => {
    const img = u8(16, 16, 3, () => 9);
    const liar: Codec = { name: 'liar', encode: async () => new Uint8Array(1), decode: async () => u8(8, 8, 3, () => 0) };
    await assert.rejects(jpegCompress(img, 50, liar), (e: Error) => e.message.includes("codec 'liar'") && e.message.includes('Hint:'));
    await assert.rejects(jpegCompress(img, 0, sharpCodec), (e: Error) => e.message.includes('jpegCompress.quality') && e.message.includes('Hint:'));
  });
});
