/**
 * The uint16 and float32 paths agree with the uint8 path after scaling. Inputs are the two photos
 * scaled exactly (uint16 = v * 257, float32 = v / 255); parameters in image scale are scaled the
 * same way; outputs are compared on the uint8 scale.
 *
 * Tolerances (uint8 levels), and why:
 * - 1: one rounding step. uint8 truncates or rounds to whole levels where the wider dtypes keep
 *   fractions (brightness, posterize, autocontrast, gamma, hue, gray, ...).
 * - 1.5: two rounding steps: PIL's uint8 blend truncates after a degenerate image that was itself
 *   rounded (contrast: rounded mean; saturation: rounded luma; sharpness: rounded smooth).
 * - 4: shiftHsv, because OpenCV's 8-bit HSV quantizes hue to 2-degree steps and S, V to 1/255.
 * - 1e-4: exact ops (solarize, solarizeAdd, invert, channelShuffle); float32 storage of v / 255 is
 *   the only error.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/functional/color/index.js';
import { createImage, type DType, type Image } from '../../../src/targets/image.js';
import { compare, onU8Scale, photo, scaleFromU8 } from './helpers.js';

/** A value given on the uint8 scale, in the scale of `dtype`. */
const s = (dtype: DType, v: number): number => (dtype === 'uint8' ? v : dtype === 'uint16' ? v * 257 : v / 255);

const CASES: [string, number, (img: Image, dtype: DType) => Image][] = [
  ['adjustBrightness 1.37', 1, (i) => C.adjustBrightness(i, 1.37)],
  ['adjustBrightness 0.5', 1, (i) => C.adjustBrightness(i, 0.5)],
  ['adjustContrast 0.6', 1.5, (i) => C.adjustContrast(i, 0.6)],
  ['adjustContrast 1.6', 1.5, (i) => C.adjustContrast(i, 1.6)],
  ['adjustSaturation 0.3', 1.5, (i) => C.adjustSaturation(i, 0.3)],
  ['adjustSaturation 1.8', 1.5, (i) => C.adjustSaturation(i, 1.8)],
  ['adjustSharpness 0.2', 1.5, (i) => C.adjustSharpness(i, 0.2)],
  ['adjustSharpness 1.9', 1.5, (i) => C.adjustSharpness(i, 1.9)],
  ['posterize 3', 1, (i) => C.posterize(i, 3)],
  ['posterize 6', 1, (i) => C.posterize(i, 6)],
  ['solarize 128', 1e-4, (i, d) => C.solarize(i, s(d, 128))],
  ['solarizeAdd 40 < 128', 1e-4, (i, d) => C.solarizeAdd(i, s(d, 40), s(d, 128))],
  ['solarizeAdd 40 default threshold', 1e-4, (i, d) => C.solarizeAdd(i, s(d, 40))],
  ['invert', 1e-4, (i) => C.invert(i)],
  ['autocontrast', 1, (i) => C.autocontrast(i)],
  ['adjustHue 0.21', 1, (i) => C.adjustHue(i, 0.21)],
  ['adjustHue -0.4', 1, (i) => C.adjustHue(i, -0.4)],
  ['adjustGamma 0.7 gain 1.1', 1, (i) => C.adjustGamma(i, 0.7, 1.1)],
  ['brightnessContrast 1.2, 0.1', 1, (i) => C.brightnessContrast(i, 1.2, 0.1)],
  ['brightnessContrast 0.8, -0.2 by mean', 1, (i) => C.brightnessContrast(i, 0.8, -0.2, false)],
  ['gamma 1.6', 1, (i) => C.gamma(i, 1.6)],
  ['gamma 0.5', 1, (i) => C.gamma(i, 0.5)],
  ['shiftHsv 15, -20, 10', 4, (i) => C.shiftHsv(i, 15, -20, 10)],
  ['shiftHsv -40, 30, -25', 4, (i) => C.shiftHsv(i, -40, 30, -25)],
  ['toGray 3', 1, (i) => C.toGray(i, 3)],
  ['channelShuffle [2, 1e-4, 1]', 1e-4, (i) => C.channelShuffle(i, [2, 0, 1])],
];

describe('uint16 and float32 agree with uint8 after scaling', () => {
  for (const [name, tol, run] of CASES) {
    for (const dtype of ['uint16', 'float32'] as const) {
      test(`${name}: ${dtype} within ${tol}`, () => {
        for (const p of ['astronaut', 'coffee'] as const) {
          const ref = run(photo(p), 'uint8');
          const out = run(scaleFromU8(photo(p), dtype), dtype);
          assert.equal(out.dtype, dtype);
          const c = compare(onU8Scale(out), ref.data, tol);
          assert.equal(c.over, 0, `${p}: ${c.over} samples off by more than ${tol} (max ${c.max})`);
        }
      });
    }
  }

  test('equalize: uint16 within 1 on a 512x512 image', () => {
    // PIL's uint8 rule uses an integer step (n - last) / 255, the uint16 rule a real one; the
    // truncation matters for small images (up to 16 levels at 64x64) and fades with size, so
    // the photo is tiled 8 x 8, which keeps its histogram shape.
    for (const p of ['astronaut', 'coffee'] as const) {
      const small = photo(p);
      const big = createImage(512, 512, 3, 'uint8');
      for (let y = 0; y < 512; y++) {
        for (let x = 0; x < 512; x++) {
          for (let c = 0; c < 3; c++) big.data[(y * 512 + x) * 3 + c] = small.data[((y % 64) * 64 + (x % 64)) * 3 + c]!;
        }
      }
      const ref = C.equalize(big);
      const out = C.equalize(scaleFromU8(big, 'uint16'));
      const c = compare(onU8Scale(out), ref.data, 1);
      assert.equal(c.over, 0, `${p}: max ${c.max}`);
    }
  });

  test('clahe: gray uint16 within 1 when values sit at the top of their 8-bit bin', () => {
    // uint16 shares 256 histogram bins and maps a value by its position inside the bin; v * 256 + 255
    // is the top of bin v, where the mapping equals the uint8 table. (RGB goes through L*, which the
    // two dtypes quantize to different level counts, so only gray is comparable.)
    for (const p of ['astronaut', 'coffee'] as const) {
      const gray = C.toGray(photo(p), 1);
      const wide = createImage(gray.width, gray.height, 1, 'uint16');
      for (let i = 0; i < gray.data.length; i++) wide.data[i] = gray.data[i]! * 256 + 255;
      for (const [clip, grid] of [[2, [4, 4]], [0, [1, 1]], [4, [8, 8]], [40, [3, 5]]] as const) {
        const ref = C.clahe(gray, clip, grid);
        const out = C.clahe(wide, clip, grid);
        const c = compare(onU8Scale(out), ref.data, 1);
        assert.equal(c.over, 0, `${p} clip ${clip} grid ${grid.join('x')}: max ${c.max}`);
      }
    }
  });
});
