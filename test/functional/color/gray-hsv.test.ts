/** toGray, the luma rules, and the OpenCV-style HSV used by shiftHsv. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import * as C from '../../../src/functional/color/index.js';
import { hsvToRgb8, rgbToHsv8 } from '../../../src/functional/color/hsv.js';
import { createImage, imageFrom, type Image } from '../../../src/targets/image.js';
import { photo, photoRgba } from './helpers.js';

function grayRgb(values: number[], dtype: 'uint8' | 'uint16' | 'float32'): Image {
  const img = createImage(values.length, 1, 3, dtype) as Image;
  values.forEach((v, i) => img.data.fill(v, i * 3, i * 3 + 3));
  return img;
}

describe('toGray', () => {
  test('a gray RGB pixel keeps its value (every uint8 value, uint16 and float32 samples)', () => {
    const u8 = Array.from({ length: 256 }, (_, v) => v);
    assert.deepEqual(Array.from(C.toGray(grayRgb(u8, 'uint8'), 1).data), u8);
    const u16 = Array.from({ length: 257 }, (_, k) => Math.min(65535, k * 256 + (k % 7)));
    assert.deepEqual(Array.from(C.toGray(grayRgb(u16, 'uint16'), 1).data), u16);
    const f = Array.from({ length: 101 }, (_, k) => Math.fround(k / 100));
    const out = C.toGray(grayRgb(f, 'float32'), 1);
    f.forEach((v, i) => assert.ok(Math.abs(out.data[i]! - v) <= 6e-8, `${v} -> ${out.data[i]}`));
  });

  test('uint8 result is 0.299 R + 0.587 G + 0.114 B rounded (within fixed-point error)', () => {
    const img = photo('coffee');
    const out = C.toGray(img, 1);
    for (let p = 0; p < img.width * img.height; p++) {
      const exact = 0.299 * img.data[p * 3]! + 0.587 * img.data[p * 3 + 1]! + 0.114 * img.data[p * 3 + 2]!;
      assert.ok(Math.abs(out.data[p]! - exact) <= 0.5 + 1e-3, `pixel ${p}: ${out.data[p]} vs ${exact}`);
    }
  });

  test('output layouts: 1 channel drops alpha, 3 keeps it, gray input is replicated', () => {
    const rgba = photoRgba('astronaut');
    const one = C.toGray(rgba, 1);
    const three = C.toGray(rgba, 3);
    assert.equal(one.channels, 1);
    assert.equal(three.channels, 4);
    for (let p = 0; p < one.data.length; p++) {
      assert.deepEqual(Array.from(three.data.subarray(p * 4, p * 4 + 4)), [one.data[p], one.data[p], one.data[p], rgba.data[p * 4 + 3]]);
    }
    const rep = C.toGray(one, 3);
    assert.equal(rep.channels, 3);
    assert.deepEqual(C.toGray(rep, 1), one);
  });

  test('PIL luma (saturation 0) is within 0.5 of the exact weighted sum', () => {
    const img = photo('astronaut');
    const out = C.adjustSaturation(img, 0);
    for (let p = 0; p < img.width * img.height; p++) {
      const exact = 0.299 * img.data[p * 3]! + 0.587 * img.data[p * 3 + 1]! + 0.114 * img.data[p * 3 + 2]!;
      assert.equal(out.data[p * 3], out.data[p * 3 + 1]);
      assert.equal(out.data[p * 3], out.data[p * 3 + 2]);
      assert.ok(Math.abs(out.data[p * 3]! - exact) <= 0.5 + 1e-3);
    }
  });
});

describe('OpenCV 8-bit HSV', () => {
  test('rgbToHsv8 matches continuous HSV (hue / 2, s * 255) within one level', () => {
    const rng = new Rng('hsv');
    const hsv = new Int32Array(3);
    for (let k = 0; k < 20000; k++) {
      const [r, g, b] = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
      rgbToHsv8(r, g, b, hsv);
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      assert.equal(hsv[2], max);
      assert.ok(Math.abs(hsv[1]! - (max === 0 ? 0 : (255 * d) / max)) <= 1);
      if (d === 0) continue;
      let deg = max === r ? (60 * (g - b)) / d : max === g ? 120 + (60 * (b - r)) / d : 240 + (60 * (r - g)) / d;
      if (deg < 0) deg += 360;
      const diff = Math.abs(hsv[0]! - deg / 2);
      assert.ok(Math.min(diff, 180 - diff) <= 1, `${r},${g},${b}: ${hsv[0]} vs ${deg / 2}`);
    }
  });

  test('an 8-bit HSV round trip loses at most 5 levels (OpenCV quantizes H, S, V to bytes)', () => {
    const rng = new Rng('roundtrip');
    const hsv = new Int32Array(3);
    const rgb = new Float64Array(3);
    for (let k = 0; k < 50000; k++) {
      const px = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
      rgbToHsv8(px[0]!, px[1]!, px[2]!, hsv);
      hsvToRgb8(hsv[0]!, hsv[1]!, hsv[2]!, rgb);
      px.forEach((v, c) => assert.ok(Math.abs(rgb[c]! - v) <= 5));
    }
  });

  test('shiftHsv moves primaries around the hue circle (60 units = 120 degrees)', () => {
    const red = imageFrom(1, 1, 3, 'uint8', Uint8Array.of(255, 0, 0));
    assert.deepEqual(Array.from(C.shiftHsv(red, 60, 0, 0).data), [0, 255, 0]);
    assert.deepEqual(Array.from(C.shiftHsv(red, 120, 0, 0).data), [0, 0, 255]);
    assert.deepEqual(Array.from(C.shiftHsv(red, -60, 0, 0).data), [0, 0, 255]);
    assert.deepEqual(Array.from(C.shiftHsv(red, 0, -255, 0).data), [255, 255, 255]);
    assert.deepEqual(Array.from(C.shiftHsv(red, 0, 0, -255).data), [0, 0, 0]);
    for (const dtype of ['uint16', 'float32'] as const) {
      const wide = createImage(1, 1, 3, dtype) as Image;
      wide.data[0] = dtype === 'uint16' ? 65535 : 1;
      const max = wide.data[0];
      assert.deepEqual(Array.from(C.shiftHsv(wide, 60, 0, 0).data), [0, max, 0]);
    }
  });

  test('shiftHsv on gray images applies only the value shift', () => {
    const gray = imageFrom(4, 1, 1, 'uint8', Uint8Array.of(0, 100, 200, 250));
    assert.deepEqual(Array.from(C.shiftHsv(gray, 40, 50, 10).data), [10, 110, 210, 255]);
    assert.deepEqual(C.shiftHsv(gray, 40, 50, 0), gray);
  });
});
