import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  adjustBrightness,
  adjustContrast,
  adjustGamma,
  adjustHue,
  adjustSaturation,
  autocontrast,
  brightnessContrast,
  colorJitter,
  equalize,
  gamma,
  grayMean,
  invert,
  lut,
  normalize,
  pointOpTable,
  posterize,
  solarize,
  solarizeAdd,
  toGray,
  type JitterOp,
} from '../../src/functional/color/index.js';
import type { Channels, Image } from '../../src/targets/image.js';
import { arbImage, assertImagesClose, bothBackends, randomImage } from './compare.js';

// Every wasm color kernel is exact (see src/backend/fast/color.ts): tolerance 0 throughout.

const arbTable = fc.uint8Array({ minLength: 256, maxLength: 256 });
/**
 * A real in [min, max], spread evenly (fc.double favours extremes such as 1e-300, which make
 * most kernels trivial), with the bounds themselves now and then.
 */
const real = (min: number, max: number) =>
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 1 << 24 }).map((k) => min + ((max - min) * k) / (1 << 24)) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
const same = (what: string, fn: () => Image) => {
  const { ts, wasm } = bothBackends(fn);
  assertImagesClose(ts, wasm, 0, what);
};

/** Every 3-byte RGB triplet on a grid of `step` (plus 255), as one image. */
function rgbGrid(step: number, channels: 3 | 4 = 3): Image {
  const levels: number[] = [];
  for (let v = 0; v < 255; v += step) levels.push(v);
  levels.push(255);
  const n = levels.length ** 3;
  const data = new Uint8Array(n * channels);
  let j = 0;
  for (const r of levels) for (const g of levels) for (const b of levels) {
    data[j] = r;
    data[j + 1] = g;
    data[j + 2] = b;
    if (channels === 4) data[j + 3] = (r * 7 + b) & 255;
    j += channels;
  }
  return { width: n, height: 1, channels, dtype: 'uint8', data };
}

describe('wasm lookup tables equal the reference exactly', () => {
  test('one random table, 1/3/4 channels, odd sizes (byte path)', () => {
    fc.assert(fc.property(arbImage(['uint8'], [1, 3, 4], 70), arbTable, (img, t) => same('lut', () => lut(img, t))));
  });

  test('a table per channel; alpha untouched', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [3, 4], 70), arbTable, arbTable, arbTable, (img, a, b, c) => {
        const { ts, wasm } = bothBackends(() => lut(img, [a, b, c]));
        assertImagesClose(ts, wasm, 0, 'lut per channel');
        if (img.channels === 4) for (let i = 3; i < img.data.length; i += 4) assert.equal(wasm.data[i], img.data[i]);
      }),
    );
  });

  test('large images take the pair tables: every period, odd byte counts and tails', () => {
    const a = Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 255);
    const b = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const c = Uint8Array.from({ length: 256 }, (_, i) => (i * i) >> 8);
    for (const [w, h, ch] of [[181, 183, 1], [129, 97, 3], [190, 181, 3], [171, 99, 4], [257, 131, 4]] as const) {
      const img = randomImage(w, h, ch, 'uint8', w * h);
      same(`one table ${w}x${h}x${ch}`, () => lut(img, a));
      if (ch !== 1) same(`three tables ${w}x${h}x${ch}`, () => lut(img, [a, b, c]));
    }
  });

  test('a uint8 image with a lower maxValue clamps every table entry, on both paths', () => {
    const t = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    for (const [w, h] of [[13, 7], [200, 120]] as const) {
      const img = { ...randomImage(w, h, 3, 'uint8', 5), maxValue: 200 };
      const { ts, wasm } = bothBackends(() => lut(img, t));
      assertImagesClose(ts, wasm, 0, 'lut maxValue 200');
      assert.equal(wasm.maxValue, 200);
      assert.ok(Math.max(...wasm.data) <= 200);
    }
  });

  test('every point op of the catalog, through its functional kernel', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8'], [1, 3, 4], 64),
        real(0, 3),
        real(-1, 1),
        fc.integer({ min: 0, max: 8 }),
        real(0, 256),
        (img, f, b, bits, thr) => {
          same('brightnessContrast', () => brightnessContrast(img, f, b));
          same('brightnessContrast by mean', () => brightnessContrast(img, f, b, false));
          same('gamma', () => gamma(img, f));
          same('adjustGamma', () => adjustGamma(img, f, 1 + b));
          same('posterize', () => posterize(img, bits));
          same('solarize', () => solarize(img, thr));
          same('solarizeAdd', () => solarizeAdd(img, b * 255, thr));
          same('invert', () => invert(img));
          same('adjustBrightness', () => adjustBrightness(img, f));
          same('adjustContrast', () => adjustContrast(img, f));
          same('autocontrast', () => autocontrast(img));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('wasm equalize equals the reference exactly', () => {
  test('random images, 1/3/4 channels', () => {
    fc.assert(fc.property(arbImage(['uint8'], [1, 3, 4], 70), (img) => same('equalize', () => equalize(img))));
  });

  test('narrow histograms, a single value, and a large photo-like image', () => {
    const flat = { width: 9, height: 5, channels: 3 as Channels, dtype: 'uint8' as const, data: new Uint8Array(135).fill(77) };
    same('equalize flat', () => equalize(flat));
    const narrow = randomImage(61, 33, 1, 'uint8', 3);
    narrow.data.forEach((v, i) => (narrow.data[i] = 100 + (v & 7)));
    same('equalize narrow', () => equalize(narrow));
    const big = randomImage(300, 200, 3, 'uint8', 9);
    big.data.forEach((v, i) => (big.data[i] = (v >> 2) + ((i >> 4) & 63)));
    same('equalize big', () => equalize(big));
  });
});

describe('wasm ToGray equals the reference exactly', () => {
  test('1, 3, 4 channels in; 1 or 3 channels out (alpha kept), vector body and tails', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [1, 3, 4], 70), fc.constantFrom(1 as const, 3 as const), (img, out) => {
        const { ts, wasm } = bothBackends(() => toGray(img, out));
        assertImagesClose(ts, wasm, 0, 'toGray');
      }),
    );
  });

  test('every RGB triplet on a grid of 5, gray pixels keep their value', () => {
    for (const ch of [3, 4] as const) {
      const img = rgbGrid(5, ch);
      same(`toGray grid ${ch}`, () => toGray(img, 3));
      same(`toGray grid ${ch} to 1`, () => toGray(img, 1));
    }
    const grays = { width: 256, height: 1, channels: 3 as Channels, dtype: 'uint8' as const, data: Uint8Array.from({ length: 768 }, (_, i) => Math.floor(i / 3)) };
    const { wasm } = bothBackends(() => toGray(grays, 1));
    assert.deepEqual(Array.from(wasm.data), Array.from({ length: 256 }, (_, i) => i));
  });
});

/** RGB triplets whose fixed-point luma lands exactly on a rounding boundary (`(sum & mask) === half`). */
function boundaryTriplets(weights: readonly [number, number, number], bits: number): number[] {
  const mask = (1 << bits) - 1;
  const half = 1 << (bits - 1);
  const out: number[] = [];
  for (let r = 0; r < 256; r++) for (let g = 0; g < 256; g++) for (let b = 0; b < 256; b++) {
    if (((r * weights[0] + g * weights[1] + b * weights[2]) & mask) === half) out.push(r, g, b);
  }
  return out;
}

describe('rounding boundaries of the fixed-point lumas, on the vector body and the scalar tail', () => {
  const asImage = (rgb: number[], from: number, count: number): Image => ({
    width: count, height: 1, channels: 3, dtype: 'uint8', data: Uint8Array.from(rgb.slice(from * 3, (from + count) * 3)),
  });
  test('OpenCV gray (14-bit)', () => {
    const rgb = boundaryTriplets([4899, 9617, 1868], 14);
    const n = rgb.length / 3;
    assert.ok(n > 100);
    same('toGray boundaries', () => toGray(asImage(rgb, 0, n), 1));
    // 15 pixels: below one 16-pixel vector step, so every pixel goes through the scalar tail.
    for (let p = 0; p < n; p += 15) same('toGray boundaries, tail', () => toGray(asImage(rgb, p, Math.min(15, n - p)), 3));
  });
  test('PIL luma (16-bit), through the contrast mean and saturation', () => {
    const rgb = boundaryTriplets([19595, 38470, 7471], 16);
    const n = rgb.length / 3;
    assert.ok(n > 100);
    same('saturation boundaries, vector body', () => adjustSaturation(asImage(rgb, 0, n), 0.5));
    const rgba = { width: n, height: 1, channels: 4 as Channels, dtype: 'uint8' as const, data: Uint8Array.from({ length: n * 4 }, (_, i) => (i % 4 === 3 ? i & 255 : rgb[(i >> 2) * 3 + (i % 4)]!)) };
    same('saturation boundaries, rgba', () => adjustSaturation(rgba, 1.7));
    for (let p = 0; p < n; p += 7) {
      const img = asImage(rgb, p, Math.min(7, n - p));
      const { ts, wasm } = bothBackends(() => grayMean(img));
      assert.equal(wasm, ts);
      same('saturation boundaries', () => adjustSaturation(img, 0.5));
    }
  });
});

describe('wasm Normalize equals the reference exactly (f32 arithmetic in both)', () => {
  const imagenet = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
  test('uint8 and float32, 1/3/4 channels, ImageNet and random statistics', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8', 'float32'], [1, 3, 4], 70),
        fc.array(real(-1, 2), { minLength: 3, maxLength: 3 }),
        fc.array(real(0.01, 3), { minLength: 3, maxLength: 3 }),
        (img, mean, std) => {
          const pick = (v: number[]) => (img.channels === 1 ? v[0]! : v);
          same('normalize imagenet', () => normalize(img, pick(imagenet.mean), pick(imagenet.std)));
          same('normalize random', () => normalize(img, pick(mean), pick(std)));
          same('normalize maxPixelValue', () => normalize(img, pick(mean), pick(std), 1 + std[0]!));
        },
      ),
    );
  });

  test('uint16 and an alpha scale that is no float32 value stay on the reference', () => {
    const img16 = randomImage(5, 4, 3, 'uint16', 1);
    assert.throws(() => bothBackends(() => normalize(img16, 0.5, 0.25)), /not called/);
    const f = { ...randomImage(5, 4, 4, 'float32', 1), maxValue: 0.1 };
    assert.throws(() => bothBackends(() => normalize(f, 0.5, 0.25)), /not called/);
  });
});

describe('wasm ColorJitter kernels equal the reference exactly', () => {
  test('contrast mean (PIL luma sum), 3 and 4 channels', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [3, 4], 70), (img) => {
        const { ts, wasm } = bothBackends(() => grayMean(img));
        assert.equal(wasm, ts);
      }),
    );
  });

  test('saturation: random images and factors, including 0, 1 and large', () => {
    fc.assert(
      fc.property(arbImage(['uint8'], [3, 4], 70), fc.oneof(fc.constantFrom(0, 1, 0.5, 2, 1e6), real(0, 4)), (img, f) =>
        same('adjustSaturation', () => adjustSaturation(img, f)),
      ),
    );
  });

  test('saturation over an RGB grid', () => {
    const grid = rgbGrid(3);
    for (const f of [0, 0.6, 1.4, 1.9]) same(`adjustSaturation ${f}`, () => adjustSaturation(grid, f));
  });

  test('hue: random images and shifts', () => {
    fc.assert(
      // Shift 0 is a copy on both backends (no kernel runs).
      fc.property(arbImage(['uint8'], [3, 4], 70), real(-0.5, 0.5).filter((h) => h !== 0), (img, h) =>
        same('adjustHue', () => adjustHue(img, h)),
      ),
    );
  });

  test('hue over an RGB grid (every sector, grays, saturated primaries) and the extreme shifts', () => {
    const grid = rgbGrid(3);
    // -1e-9 on a red pixel (h = 0) gives h + shift just below 0, whose mod 1 rounds up to 1.
    for (const h of [-0.5, -0.1, -1e-9, 1e-7, 0.1, 1 / 3, 0.5]) same(`adjustHue ${h}`, () => adjustHue(grid, h));
    same('adjustHue rgba', () => adjustHue(rgbGrid(15, 4), 0.25));
  });
});

describe('wasm ColorJitter (all four steps on one copy) equals the reference exactly', () => {
  const arbOrder = fc.shuffledSubarray(['brightness', 'contrast', 'saturation', 'hue'] as JitterOp[], { minLength: 4, maxLength: 4 });
  const arbFactor = fc.oneof(fc.constant(1), real(0, 2.5));
  test('random images, factors (identities included) and orders, 3 and 4 channels', () => {
    fc.assert(
      fc.property(
        arbImage(['uint8'], [3, 4], 70),
        arbFactor,
        arbFactor,
        arbFactor,
        fc.oneof(fc.constant(0), real(-0.5, 0.5)),
        arbOrder,
        (img, brightness, contrast, saturation, hue, order) => {
          const { ts, wasm } = bothBackends(() => colorJitter(img, { brightness, contrast, saturation, hue, order }));
          assertImagesClose(ts, wasm, 0, 'colorJitter');
          assert.notEqual(wasm.data, img.data, 'a new array, even when every step is skipped');
        },
      ),
    );
  });

  test('a photo-sized image takes the pair tables; gray images keep to the per-op path', () => {
    const big = randomImage(211, 157, 3, 'uint8', 77);
    const order: JitterOp[] = ['hue', 'contrast', 'brightness', 'saturation'];
    same('colorJitter big', () => colorJitter(big, { brightness: 1.3, contrast: 0.7, saturation: 1.4, hue: -0.08, order }));
    const gray = randomImage(31, 17, 1, 'uint8', 5);
    same('colorJitter gray', () => colorJitter(gray, { brightness: 0.8, contrast: 1.2, saturation: 0.5, hue: 0.3, order }));
  });

  test('invalid params fail as on the reference', () => {
    const img = randomImage(8, 8, 3, 'uint8', 1);
    const order: JitterOp[] = ['brightness', 'contrast', 'saturation', 'hue'];
    for (const bad of [{ brightness: -1 }, { hue: 0.7 }, { saturation: NaN }]) {
      const p = { brightness: 1.1, contrast: 1.1, saturation: 1.1, hue: 0.1, order, ...bad };
      assert.throws(() => colorJitter(img, p), /invalid/);
    }
    assert.throws(() => colorJitter(img, { brightness: 1, contrast: 1, saturation: 1, hue: 0, order: ['hue', 'hue', 'contrast', 'brightness'] }), /order/);
  });
});

describe('exhaustive checks behind the float shortcuts', () => {
  test('gamma tables (a faster power) equal the plain Math.pow formula, uint8 and 12/16-bit', () => {
    const plain = (g: number, max: number, v: number) => Math.min(max, Math.max(0, Math.trunc(Math.pow(Math.min(v, max) / max, g) * max)));
    const gammas = [0, 1e-9, 0.01, 0.5, 1, 1.0000001, 2, 3.7, 999, 1e4];
    for (let k = 1; k <= 4000; k++) gammas.push(k / 800);
    for (const g of gammas) {
      const t = pointOpTable('gamma', { gamma: g }, 'uint8');
      for (let v = 0; v < 256; v++) assert.equal(t[v], plain(g, 255, v), `gamma ${g}, v ${v}`);
    }
    for (const [g, max] of [[0.8, 65535], [1.25, 4095], [2.2, 65535], [0.45, 1023]] as const) {
      const t = pointOpTable('gamma', { gamma: g }, 'uint16', max);
      for (let v = 0; v < 65536; v++) if (t[v] !== plain(g, max, v)) assert.fail(`gamma ${g} max ${max} v ${v}: ${t[v]} vs ${plain(g, max, v)}`);
    }
  });

  test('f32(v / 255) equals the double product v * (1/255) rounded to f32 for every byte (the wasm hue input)', () => {
    for (let v = 0; v < 256; v++) assert.equal(Math.fround(v * (1 / 255)), Math.fround(v / 255), `v = ${v}`);
  });

  test('wasm hue: one quotient per pixel and f32(hh / 6) as a double product, for every (max, median, min) byte triple', () => {
    // The kernel divides only (max - median) / cr (the minimum's term is cr / cr = 1) and takes
    // hh / 6 as f32(hh * (1/6)). Both are checked against the reference's own terms.
    const f = Math.fround;
    for (let a = 1; a < 256; a++) {
      const maxc = f(a / 255);
      for (let c = 0; c < a; c++) {
        const minc = f(c / 255);
        const cr = f(maxc - minc);
        assert.equal(f(f(maxc - minc) / cr), 1);
        for (let b = c; b <= a; b++) {
          const q = f(f(maxc - f(b / 255)) / cr);
          // Red, green, blue max with the median first or second: (k + q) - 1 or (k + 1) - q.
          for (const k of [0, 2, 4]) {
            for (const hh of [f(f(k + q) - 1), f(f(k + 1) - q)]) {
              if (f(hh * (1 / 6)) !== f(hh / 6)) assert.fail(`hh ${hh} (bytes ${a}, ${b}, ${c})`);
            }
          }
        }
      }
    }
  });

  test('the luma sum stays exact past 2^22 pixels (the kernel flushes its 32-bit lanes per block)', () => {
    const img = randomImage(2100, 2100, 3, 'uint8', 11);
    img.data.fill(255, 0, 3 * 1_000_000);
    const { ts, wasm } = bothBackends(() => grayMean(img));
    assert.equal(wasm, ts);
  });
});
