/** normalize / denormalize / toFloat / fromFloat. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/functional/color/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage, imageFrom } from '../../../src/targets/image.js';
import { photo, scaleFromU8 } from './helpers.js';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

describe('normalize', () => {
  test('computes (v - mean * 255) / (std * 255) and the inverse formula recovers the input', () => {
    const img = photo('astronaut');
    const out = C.normalize(img, MEAN, STD);
    assert.equal(out.dtype, 'float32');
    assert.equal(out.maxValue, Infinity);
    assert.ok(C.isNormalized(out));
    let below = 0;
    let above = 0;
    out.data.forEach((y, i) => {
      const c = i % 3;
      const exact = (img.data[i]! - MEAN[c]! * 255) / (STD[c]! * 255);
      assert.ok(Math.abs(y - exact) <= 1e-5 * Math.max(1, Math.abs(exact)), `${y} vs ${exact}`);
      if (y < 0) below++;
      if (y > 1) above++;
      // The inverse, written out: x = (y * std + mean) * 255.
      assert.equal(Math.round((y * STD[c]! + MEAN[c]!) * 255) + 0, img.data[i]);
    });
    assert.ok(below > 0 && above > 0, 'normalized values leave [0, 1]');
  });

  test('denormalize returns the image as float32 in [0, 1]', () => {
    const img = photo('coffee');
    const back = C.denormalize(C.normalize(img, MEAN, STD), MEAN, STD);
    const ref = C.toFloat(img);
    back.data.forEach((v, i) => assert.ok(Math.abs(v - ref.data[i]!) <= 1e-6));
    assert.equal(back.maxValue, undefined);
  });

  test('maxPixelValue defaults to the image scale, so uint16 and float32 match uint8', () => {
    const ref = C.normalize(photo('coffee'), MEAN, STD);
    for (const dtype of ['uint16', 'float32'] as const) {
      const out = C.normalize(scaleFromU8(photo('coffee'), dtype), MEAN, STD);
      out.data.forEach((v, i) => assert.ok(Math.abs(v - ref.data[i]!) <= 1e-5, `${dtype}: ${v} vs ${ref.data[i]}`));
    }
    // An explicit maxPixelValue overrides it (Albumentations' default of 255 on a float image).
    const f = C.normalize(scaleFromU8(photo('coffee'), 'float32'), 0, 1, 255);
    assert.ok(Math.abs(f.data[0]! - photo('coffee').data[0]! / 255 / 255) < 1e-7);
  });

  test('single mean/std values apply to every channel; gray images take one value', () => {
    const img = photo('astronaut');
    assert.deepEqual(C.normalize(img, 0.5, 0.25), C.normalize(img, [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]));
    const gray = C.toGray(img, 1);
    assert.equal(C.normalize(gray, [0.5], [0.25]).channels, 1);
  });

  test('color kernels refuse a normalized image and say to move Normalize last', () => {
    const n = C.normalize(photo('astronaut'), MEAN, STD);
    for (const run of [() => C.adjustBrightness(n, 1.2), () => C.invert(n), () => C.toFloat(n), () => C.fromFloat(n, 'uint8')]) {
      assert.throws(run, (e: unknown) => e instanceof AuguryError && e.code === 'unsupported' && /Normalize to the end/.test(e.message));
    }
  });
});

describe('toFloat / fromFloat', () => {
  test('every uint8 and uint16 value survives the round trip', () => {
    const u8 = imageFrom(256, 1, 1, 'uint8', Uint8Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(C.fromFloat(C.toFloat(u8), 'uint8'), u8);
    const u16 = imageFrom(65536, 1, 1, 'uint16', Uint16Array.from({ length: 65536 }, (_, i) => i));
    assert.deepEqual(C.fromFloat(C.toFloat(u16), 'uint16'), u16);
  });

  test('a 12-bit image keeps its maxValue; stray values above it clip to 1', () => {
    const img = { ...createImage(4, 1, 1, 'uint16'), maxValue: 4095 };
    img.data.set([0, 2048, 4095, 5000]);
    const f = C.toFloat(img);
    assert.deepEqual(Array.from(f.data), [0, Math.fround(2048 / 4095), 1, 1]);
    const back = C.fromFloat(f, 'uint16', 4095);
    assert.equal(back.maxValue, 4095);
    assert.deepEqual(Array.from(back.data), [0, 2048, 4095, 4095]);
  });

  test('fromFloat rounds to nearest (Albumentations truncates)', () => {
    const f = imageFrom(3, 1, 1, 'float32', Float32Array.of(0.2, 0.5, 0.999));
    assert.deepEqual(Array.from(C.fromFloat(f, 'uint8').data), [51, 128, 255]);
  });
});
