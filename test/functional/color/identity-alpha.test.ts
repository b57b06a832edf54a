/**
 * Contracts every color kernel keeps, on every dtype and channel count it supports:
 * identity parameters return the input exactly; the input is never mutated; alpha passes through
 * and does not influence the color channels (RGBA result = RGB result + the same alpha).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/functional/color/index.js';
import { createImage, type Channels, type DType, type Image } from '../../../src/targets/image.js';
import { photo, photoRgba, randomU8, scaleFromU8 } from './helpers.js';

const s = (dtype: DType, v: number): number => (dtype === 'uint8' ? v : dtype === 'uint16' ? v * 257 : v / 255);

/** Identity parameters of each kernel. */
const IDENTITIES: [string, (img: Image, dtype: DType) => Image][] = [
  ['adjustBrightness 1', (i) => C.adjustBrightness(i, 1)],
  ['adjustContrast 1', (i) => C.adjustContrast(i, 1)],
  ['adjustSaturation 1', (i) => C.adjustSaturation(i, 1)],
  ['adjustSharpness 1', (i) => C.adjustSharpness(i, 1)],
  ['adjustHue 0', (i) => C.adjustHue(i, 0)],
  ['adjustGamma 1 gain 1', (i) => C.adjustGamma(i, 1, 1)],
  ['brightnessContrast 1, 0', (i) => C.brightnessContrast(i, 1, 0)],
  ['brightnessContrast 1, 0 by mean', (i) => C.brightnessContrast(i, 1, 0, false)],
  ['gamma 1', (i) => C.gamma(i, 1)],
  ['shiftHsv 0, 0, 0', (i) => C.shiftHsv(i, 0, 0, 0)],
  ['solarize above max', (i, d) => C.solarize(i, s(d, 255) + (d === 'float32' ? 1e-6 : 1))],
  ['solarizeAdd 0', (i) => C.solarizeAdd(i, 0)],
  ['channelShuffle identity', (i) => C.channelShuffle(i, i.channels === 1 ? [0] : [0, 1, 2])],
  ['lut identity table', (i) => C.lut(i, Uint8Array.from({ length: 256 }, (_, k) => k))],
];

function inputs(dtype: DType, channels: Channels): Image {
  const base = channels === 3 ? photo('coffee') : randomU8(channels * 11, 23, 17, channels);
  return scaleFromU8(base, dtype);
}

describe('identity parameters are exact identities', () => {
  for (const [name, run] of IDENTITIES) {
    for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
      test(`${name} (${dtype})`, () => {
        for (const channels of [1, 3, 4] as const) {
          if (name.startsWith('lut') && dtype !== 'uint8') continue; // uint16 below; float32 has no tables
          const img = inputs(dtype, channels);
          const out = run(img, dtype);
          assert.notEqual(out.data, img.data, 'returned the input buffer');
          assert.deepEqual(out, img, `${channels} channel(s)`);
        }
      });
    }
  }

  test('posterize 8 is the identity for uint8; a uint16 identity lut is one too', () => {
    const img = photo('astronaut');
    assert.deepEqual(C.posterize(img, 8), img);
    const wide = scaleFromU8(img, 'uint16');
    assert.deepEqual(C.lut(wide, Uint16Array.from({ length: 65536 }, (_, k) => k)), wide);
  });
});

/** Kernels with non-trivial parameters, for the alpha and mutation checks. */
const KERNELS: [string, (img: Image) => Image][] = [
  ['adjustBrightness', (i) => C.adjustBrightness(i, 1.4)],
  ['adjustContrast', (i) => C.adjustContrast(i, 0.5)],
  ['adjustSaturation', (i) => C.adjustSaturation(i, 1.7)],
  ['adjustSharpness', (i) => C.adjustSharpness(i, 0.3)],
  ['posterize', (i) => C.posterize(i, 3)],
  ['solarize', (i) => C.solarize(i, i.dtype === 'uint8' ? 100 : 0.4)],
  ['solarizeAdd', (i) => C.solarizeAdd(i, i.dtype === 'uint8' ? 60 : 0.2)],
  ['equalize', (i) => C.equalize(i)],
  ['autocontrast', (i) => C.autocontrast(i)],
  ['invert', (i) => C.invert(i)],
  ['adjustHue', (i) => C.adjustHue(i, 0.3)],
  ['adjustGamma', (i) => C.adjustGamma(i, 1.8, 0.9)],
  ['brightnessContrast', (i) => C.brightnessContrast(i, 1.3, -0.1)],
  ['brightnessContrast by mean', (i) => C.brightnessContrast(i, 0.7, 0.3, false)],
  ['gamma', (i) => C.gamma(i, 0.6)],
  ['shiftHsv', (i) => C.shiftHsv(i, 20, 30, -15)],
  ['channelShuffle', (i) => C.channelShuffle(i, [1, 2, 0])],
  ['clahe', (i) => C.clahe(i, 3, [4, 4])],
  ['toGray 3', (i) => C.toGray(i, 3)],
  ['lut', (i) => C.lut(i, C.pointOpTable('posterize', { bits: 2 }, 'uint8'))],
];

function dropAlpha(img: Image): Image {
  const out = createImage(img.width, img.height, 3, img.dtype) as Image;
  for (let p = 0; p < img.width * img.height; p++) {
    for (let c = 0; c < 3; c++) out.data[p * 3 + c] = img.data[p * 4 + c]!;
  }
  return out;
}

describe('alpha passes through and the input is not mutated', () => {
  for (const [name, run] of KERNELS) {
    for (const dtype of ['uint8', 'float32'] as const) {
      if (dtype === 'float32' && ['equalize', 'clahe', 'lut'].includes(name)) continue;
      test(`${name} (${dtype})`, () => {
        const rgba = scaleFromU8(photoRgba('astronaut'), dtype);
        const before = rgba.data.slice();
        const out = run(rgba);
        assert.deepEqual(rgba.data, before, 'input mutated');
        assert.equal(out.channels, 4);
        for (let i = 3; i < out.data.length; i += 4) assert.equal(out.data[i], rgba.data[i], `alpha at ${i}`);
        assert.deepEqual(dropAlpha(out), run(dropAlpha(rgba)), 'alpha changed the color result');
      });
    }
  }

  test('the dtype conversions scale alpha with the colors', () => {
    const rgba = photoRgba('coffee');
    const f = C.toFloat(rgba);
    const n = C.normalize(rgba, [0.5, 0.4, 0.3], [0.2, 0.25, 0.3]);
    const back = C.fromFloat(f, 'uint8');
    for (let i = 3; i < rgba.data.length; i += 4) {
      assert.equal(f.data[i], Math.fround(rgba.data[i]! / 255));
      assert.equal(n.data[i], Math.fround(rgba.data[i]! / 255));
      assert.equal(back.data[i], rgba.data[i]);
    }
  });
});
