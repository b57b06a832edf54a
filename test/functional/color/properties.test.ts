/** Property tests (fast-check) of the color kernels. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as C from '../../../src/functional/color/index.js';
import { imageFrom, maxValueOf, type Image } from '../../../src/targets/image.js';
import { anyImageArb, u8ImageArb } from './helpers.js';

const colorSamples = (img: Image): number[] => Array.from(img.data).filter((_, i) => img.channels !== 4 || i % 4 !== 3);

describe('color kernel properties', () => {
  test('posterize is idempotent (all dtypes)', () => {
    fc.assert(
      fc.property(anyImageArb, fc.integer({ min: 0, max: 8 }), (img, bits) => {
        const once = C.posterize(img, bits);
        assert.deepEqual(C.posterize(once, bits), once);
      }),
    );
  });

  test('posterize keeps only the top bits of uint8 samples', () => {
    fc.assert(
      fc.property(u8ImageArb(3), fc.integer({ min: 0, max: 8 }), (img, bits) => {
        const out = C.posterize(img, bits);
        const low = (1 << (8 - bits)) - 1;
        out.data.forEach((v, i) => {
          assert.equal(v & low, 0);
          assert.ok(v <= img.data[i]! && img.data[i]! - v <= low);
        });
      }),
    );
  });

  test('invert is an involution (exact for integers, within 1e-7 for float32)', () => {
    fc.assert(
      fc.property(anyImageArb, (img) => {
        const twice = C.invert(C.invert(img));
        if (img.dtype !== 'float32') assert.deepEqual(twice, img);
        else twice.data.forEach((v, i) => assert.ok(Math.abs(v - img.data[i]!) <= 1e-7));
      }),
    );
  });

  test('solarize: threshold max + 1 is the identity, threshold 0 is invert', () => {
    fc.assert(
      fc.property(anyImageArb, (img) => {
        const max = maxValueOf(img);
        assert.deepEqual(C.solarize(img, max + 1), img);
        assert.deepEqual(C.solarize(img, 0), C.invert(img));
      }),
    );
  });

  test('equalize spans [0, 255] when at least 255 uint8 pixels lie below the brightest value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 3000 }), (data) => {
        const img = imageFrom(data.length, 1, 1, 'uint8', data);
        const top = Math.max(...data);
        fc.pre(data.filter((v) => v < top).length >= 255);
        const out = C.equalize(img);
        assert.equal(Math.min(...out.data), 0);
        assert.equal(Math.max(...out.data), 255);
      }),
    );
  });

  test('equalize spans the full uint16 range whenever a channel has two values', () => {
    fc.assert(
      fc.property(fc.uint16Array({ minLength: 2, maxLength: 300 }), (data) => {
        fc.pre(new Set(data).size >= 2);
        const out = C.equalize(imageFrom(data.length, 1, 1, 'uint16', data));
        assert.equal(Math.min(...out.data), 0);
        assert.equal(Math.max(...out.data), 65535);
      }),
    );
  });

  test('equalize and autocontrast preserve the order of samples within a channel', () => {
    fc.assert(
      fc.property(u8ImageArb(1), (img) => {
        for (const out of [C.equalize(img), C.autocontrast(img)]) {
          for (let i = 0; i < img.data.length; i++) {
            for (let j = 0; j < img.data.length; j++) {
              if (img.data[i]! < img.data[j]!) assert.ok(out.data[i]! <= out.data[j]!);
            }
          }
        }
      }),
    );
  });

  test('autocontrast maps each channel onto [0, max] (top within 1 level for integers)', () => {
    fc.assert(
      fc.property(anyImageArb, (img) => {
        const out = C.autocontrast(img);
        const max = maxValueOf(img);
        const ch = img.channels === 1 ? 1 : 3;
        for (let c = 0; c < ch; c++) {
          const src = Array.from(img.data).filter((_, i) => i % img.channels === c);
          const dst = Array.from(out.data).filter((_, i) => i % img.channels === c);
          if (Math.min(...src) === Math.max(...src)) {
            assert.deepEqual(dst, src);
            continue;
          }
          assert.equal(Math.min(...dst), 0);
          // PIL computes v * scale - lo * scale in doubles and truncates, which can land just below max.
          assert.ok(Math.max(...dst) >= max - (img.dtype === 'float32' ? 1e-6 : 1));
        }
      }),
    );
  });

  test('brightness is monotone in its factor', () => {
    fc.assert(
      fc.property(anyImageArb, fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (img, f1, f2) => {
        const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
        const a = C.adjustBrightness(img, lo);
        const b = C.adjustBrightness(img, hi);
        a.data.forEach((v, i) => assert.ok(v <= b.data[i]!));
      }),
    );
  });

  test('gray pixels are fixed points of saturation (any factor) and of toGray', () => {
    fc.assert(
      fc.property(u8ImageArb(1), fc.double({ min: 0, max: 3, noNaN: true }), (gray, factor) => {
        const rgb = C.toGray(gray, 3);
        assert.deepEqual(C.adjustSaturation(rgb, factor), rgb);
        assert.deepEqual(C.toGray(rgb, 3), rgb);
      }),
    );
  });

  test('contrast factor 0 gives the flat gray mean', () => {
    fc.assert(
      fc.property(anyImageArb, (img) => {
        const mean = C.grayMean(img);
        const out = C.adjustContrast(img, 0);
        colorSamples(out).forEach((v) => assert.ok(Math.abs(v - mean) <= (img.dtype === 'float32' ? 1e-6 : 0)));
      }),
    );
  });

  test('lut of composed tables equals two luts in a row', () => {
    const table = fc.oneof(
      fc.integer({ min: 0, max: 8 }).map((bits) => C.pointOpTable('posterize', { bits }, 'uint8')),
      fc.integer({ min: 0, max: 256 }).map((threshold) => C.pointOpTable('solarize', { threshold }, 'uint8')),
      fc.double({ min: 0, max: 3, noNaN: true }).map((gamma) => C.pointOpTable('gamma', { gamma }, 'uint8')),
      fc
        .tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }))
        .map(([alpha, beta]) => C.pointOpTable('brightnessContrast', { alpha, beta }, 'uint8')),
      fc.constant(C.pointOpTable('invert', {}, 'uint8')),
    );
    fc.assert(
      fc.property(u8ImageArb(4), table, table, (img, t1, t2) => {
        assert.deepEqual(C.lut(img, C.composeTables(t1, t2)), C.lut(C.lut(img, t1), t2));
      }),
    );
  });

  test('channelShuffle followed by the inverse order is the identity', () => {
    const perm = fc.constantFrom<number[]>([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]);
    fc.assert(
      fc.property(anyImageArb, perm, (img, order) => {
        fc.pre(img.channels !== 1);
        const inverse = [0, 1, 2].map((c) => order.indexOf(c));
        assert.deepEqual(C.channelShuffle(C.channelShuffle(img, order), inverse), img);
      }),
    );
  });

  test('adjustHue by h then by -h returns within 2 levels (uint8)', () => {
    fc.assert(
      fc.property(u8ImageArb(3), fc.double({ min: -0.5, max: 0.5, noNaN: true }), (img, h) => {
        const back = C.adjustHue(C.adjustHue(img, h), -h);
        back.data.forEach((v, i) => assert.ok(Math.abs(v - img.data[i]!) <= 2, `${v} vs ${img.data[i]}`));
      }),
    );
  });

  test('toFloat then fromFloat is an exact round trip', () => {
    fc.assert(
      fc.property(anyImageArb, (img) => {
        fc.pre(img.dtype !== 'float32');
        assert.deepEqual(C.fromFloat(C.toFloat(img), img.dtype as 'uint8' | 'uint16'), img);
      }),
    );
  });
});
