import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.js';
import { gaussNoise, hlsToRgb, isoNoise, multiplicativeNoise, rgbToHls } from '../../../src/functional/blur-noise/index.js';
import { poissonCdf, sampleCdf } from '../../../src/functional/blur-noise/iso-noise.js';
import { f32, mean, photo, throwsWith, u8 } from './helpers.js';

function std(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i]!;
  m /= values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return Math.sqrt(s / values.length);
}

describe('gaussNoise', () => {
  test('same seed, same output; different seeds differ', () => {
    const img = u8(32, 24, 3, () => 128);
    assert.deepEqual(gaussNoise(img, 10, 0, 5).data, gaussNoise(img, 10, 0, 5).data);
    assert.notDeepEqual(gaussNoise(img, 10, 0, 5).data, gaussNoise(img, 10, 0, 6).data);
  });

  test('empirical std within 5% and mean preserved on a flat 128 image', () => {
    const img = u8(200, 150, 3, () => 128);
    const out = gaussNoise(img, 10, 0, 123);
    const s = std(out.data);
    assert.ok(Math.abs(s - 10) < 0.5, `std ${s}`);
    assert.ok(Math.abs(mean(out) - 128) < 0.2, `mean ${mean(out)}`);
    const shifted = gaussNoise(img, 10, 5, 123);
    assert.ok(Math.abs(mean(shifted) - 133) < 0.2, `mean ${mean(shifted)}`);
  });

  test('uint8 saturates at 0 and 255', () => {
    const hi = gaussNoise(u8(50, 50, 1, () => 250), 30, 0, 1);
    const lo = gaussNoise(u8(50, 50, 1, () => 5), 30, 0, 1);
    assert.ok(hi.data.some((v) => v === 255) && lo.data.some((v) => v === 0));
    assert.ok(Math.max(...hi.data) === 255 && Math.min(...lo.data) === 0);
  });

  test('follows the documented draw order bit for bit: raster order, one normal per colour channel', () => {
    const img = u8(7, 5, 3, (x, y, c) => 40 * c + 3 * x + y);
    const out = gaussNoise(img, 12.5, -1, 99);
    const rng = new Rng(99);
    for (let i = 0; i < img.data.length; i++) {
      const v = Math.min(255, Math.max(0, img.data[i]! + rng.normal(-1, 12.5)));
      const r = Math.round(v);
      const want = r - v === 0.5 && r % 2 === 1 ? r - 1 : r;
      assert.equal(out.data[i], want, `index ${i}`);
    }
  });

  test('perChannel false shares one draw per pixel across colour channels; alpha is copied', () => {
    const img = u8(10, 10, 4, (x, _y, c) => (c === 3 ? 200 - x : 100));
    const out = gaussNoise(img, 20, 0, 3, false);
    const rng = new Rng(3);
    for (let p = 0; p < 100; p++) {
      const n = rng.normal(0, 20);
      for (let c = 0; c < 3; c++) assert.equal(out.data[p * 4 + c], Math.round(Math.min(255, Math.max(0, 100 + n))));
      assert.equal(out.data[p * 4 + 3], img.data[p * 4 + 3]);
    }
  });

  test('float32 is clamped to [0, maxValue]', () => {
    const out = gaussNoise(f32(20, 20, 1, () => 0.5), 1, 0, 8);
    assert.ok(out.data.every((v) => v >= 0 && v <= 1));
    assert.ok(out.data.some((v) => v === 0) && out.data.some((v) => v === 1));
  });

  test('bad options throw with the option and a hint', () => {
    const img = u8(2, 2, 1, () => 0);
    throwsWith(() => gaussNoise(img, -1, 0, 1), 'gaussNoise.std', 'Hint:');
    throwsWith(() => gaussNoise(img, 1, 0, 1.5), 'gaussNoise.seed', 'Hint:');
  });
});

describe('multiplicativeNoise', () => {
  test('reproduces the documented draws: one uniform in [lo, hi) per colour channel', () => {
    const img = f32(6, 4, 3, (x, y, c) => 0.1 * c + 0.02 * x + 0.01 * y);
    const out = multiplicativeNoise(img, 0.8, 1.2, 17);
    const rng = new Rng(17);
    for (let i = 0; i < img.data.length; i++) {
      const want = Math.min(1, img.data[i]! * rng.uniform(0.8, 1.2));
      assert.ok(Math.abs(out.data[i]! - want) < 1e-7, `index ${i}`);
    }
  });
});

describe('isoNoise', () => {
  test('reproducible from the seed, and seeds differ', async () => {
    const p = await photo();
    assert.deepEqual(isoNoise(p, 0.05, 0.5, 1).data, isoNoise(p, 0.05, 0.5, 1).data);
    assert.notDeepEqual(isoNoise(p, 0.05, 0.5, 1).data, isoNoise(p, 0.05, 0.5, 2).data);
  });

  test('intensity 0 returns the image (the HLS round trip is exact after rounding)', async () => {
    const p = await photo();
    assert.deepEqual(isoNoise(p, 0.05, 0, 1).data, p.data);
  });

  test('a flat grey image is unchanged: no luminance spread means lambda 0, and grey has no hue', () => {
    const img = u8(16, 16, 3, () => 90);
    assert.deepEqual(isoNoise(img, 0.05, 0.5, 4).data, img.data);
  });

  test('luminance noise only brightens; alpha is copied', async () => {
    const p = await photo();
    const out = isoNoise(p, 0, 0.5, 11);
    assert.ok(mean(out) > mean(p) + 1, `${mean(out)} vs ${mean(p)}`);
    const rgba = u8(8, 8, 4, (x, y, c) => (c === 3 ? 7 * x + y : 20 * c + 10 * x + 5 * y));
    const o4 = isoNoise(rgba, 0.05, 0.5, 2);
    for (let i = 3; i < rgba.data.length; i += 4) assert.equal(o4.data[i], rgba.data[i]);
  });

  test('grayscale is refused with a hint', () => {
    throwsWith(() => isoNoise(u8(4, 4, 1, () => 3), 0.05, 0.5, 1), 'isoNoise', 'Hint: use gaussNoise');
  });

  test('the Poisson sampler has mean and variance lambda', () => {
    for (const lambda of [0.7, 20, 150]) {
      const cdf = poissonCdf(lambda);
      const rng = new Rng(5);
      const ks = Array.from({ length: 40000 }, () => sampleCdf(cdf, rng.next()));
      const m = ks.reduce((a, b) => a + b, 0) / ks.length;
      const v = std(ks) ** 2;
      assert.ok(Math.abs(m - lambda) < 0.03 * lambda + 0.02, `lambda ${lambda}: mean ${m}`);
      assert.ok(Math.abs(v - lambda) < 0.06 * lambda + 0.03, `lambda ${lambda}: var ${v}`);
    }
    assert.equal(sampleCdf(poissonCdf(0), 0.999), 0);
  });
});

describe('HLS conversion (OpenCV float formulas)', () => {
  test('primaries and grey', () => {
    const o = new Float64Array(3);
    rgbToHls(1, 0, 0, o);
    assert.deepEqual([...o], [0, 0.5, 1]);
    rgbToHls(0, 1, 0, o);
    assert.deepEqual([...o], [120, 0.5, 1]);
    rgbToHls(0, 0, 1, o);
    assert.deepEqual([...o], [240, 0.5, 1]);
    rgbToHls(0.25, 0.25, 0.25, o);
    assert.deepEqual([...o], [0, 0.25, 0]);
    rgbToHls(1, 1, 0.5, o); // light yellow: h 60, l 0.75, s = 0.5 / (2 - 1.5)
    assert.deepEqual([...o], [60, 0.75, 1]);
  });

  // Colours closer to grey than float32 epsilon become grey (OpenCV's threshold), hence 1e-7.
  test('RGB -> HLS -> RGB round trips', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, (r, g, b) => {
        const hls = new Float64Array(3);
        const rgb = new Float64Array(3);
        rgbToHls(r, g, b, hls);
        hlsToRgb(hls[0]!, hls[1]!, hls[2]!, rgb);
        return Math.abs(rgb[0]! - r) < 1e-7 && Math.abs(rgb[1]! - g) < 1e-7 && Math.abs(rgb[2]! - b) < 1e-7;
      }),
    );
  });
});
