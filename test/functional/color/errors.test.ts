/** Bad input: every kernel error names the op and parameter and tells the user what to do. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../src/functional/color/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/targets/image.js';
import { photo, scaleFromU8 } from './helpers.js';

function expectError(run: () => unknown, code: string, key: string, hint: RegExp): AuguryError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof AuguryError, `expected an AuguryError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.key, key);
  assert.match(caught.hint ?? '', hint);
  assert.ok(caught.message.includes(caught.hint!), 'hint missing from the message');
  return caught;
}

const rgb = photo('astronaut');
const float = scaleFromU8(rgb, 'float32');

describe('color kernel errors', () => {
  test('unsupported dtype names the op and suggests a conversion', () => {
    expectError(() => C.equalize(float), 'unsupported', 'equalize', /fromFloat\(img, 'uint8'\)/);
    expectError(() => C.clahe(float), 'unsupported', 'clahe', /fromFloat/);
    expectError(() => C.lut(float, new Uint8Array(256)), 'unsupported', 'lut', /fromFloat/);
    expectError(() => C.fromFloat(rgb, 'uint8'), 'unsupported', 'fromFloat', /toFloat\(img\)/);
  });

  test('the transform layer can add file and record, and the message shows them with the hint', () => {
    const e = expectError(() => C.equalize(float), 'unsupported', 'equalize', /fromFloat/);
    const located = e.at({ file: 'images/cat.png', record: 'sample 12' });
    assert.match(located.message, /^images\/cat\.png: sample 12: equalize: /);
    assert.match(located.message, /Hint: .*fromFloat/);
    assert.match(located.message, /expected uint8 or uint16, received float32/);
  });

  test('out-of-range parameters', () => {
    expectError(() => C.posterize(rgb, 9), 'validation', 'posterize.bits', /between 0 and 8/);
    expectError(() => C.posterize(rgb, 2.5), 'validation', 'posterize.bits', /whole number/);
    expectError(() => C.adjustHue(rgb, 0.7), 'validation', 'adjustHue.hueFactor', /\[-0\.5, 0\.5\]/);
    expectError(() => C.adjustBrightness(rgb, -1), 'validation', 'adjustBrightness.factor', />= 0/);
    expectError(() => C.adjustContrast(rgb, Number.NaN), 'validation', 'adjustContrast.factor', /number/);
    expectError(() => C.adjustGamma(rgb, -2), 'validation', 'adjustGamma.gamma', /number/);
    expectError(() => C.shiftHsv(rgb, 500, 0, 0), 'validation', 'shiftHsv.hueShift', /\[-180, 180\]/);
    expectError(() => C.solarize(rgb, Number.POSITIVE_INFINITY), 'validation', 'solarize.threshold', /finite number/);
    expectError(() => C.clahe(rgb, 2, [0, 8]), 'validation', 'clahe.tileGridSize[0]', /whole number/);
    expectError(() => C.clahe(rgb, -1), 'validation', 'clahe.clipLimit', /number/);
  });

  test('malformed tables, orders and statistics', () => {
    expectError(() => C.lut(rgb, new Uint8Array(255)), 'validation', 'lut.table', /pointOpTable/);
    expectError(() => C.lut(rgb, [new Uint8Array(256), new Uint8Array(256)]), 'validation', 'lut.table', /one per color channel/);
    expectError(() => C.composeTables(new Uint8Array(256), new Uint16Array(65536)), 'validation', 'composeTables', /same dtype/);
    expectError(() => C.channelShuffle(rgb, [0, 0, 1]), 'validation', 'channelShuffle.order', /exactly once/);
    expectError(() => C.normalize(rgb, [0.5, 0.5], 0.2), 'validation', 'normalize.mean', /\[r, g, b\]/);
    expectError(() => C.normalize(rgb, 0.5, [0.2, 0, 0.2]), 'validation', 'normalize.std[1]', /dataset statistics/);
    expectError(() => C.fromFloat(float, 'uint16', 70000), 'validation', 'fromFloat.maxValue', /4095/);
    expectError(() => C.toGray(rgb, 2 as 1), 'validation', 'toGray.numOutputChannels', /1 for a single gray plane/);
    expectError(() => C.fromFloat(float, 'float32' as 'uint8'), 'validation', 'fromFloat.dtype', /toFloat/);
    expectError(() => C.denormalize(rgb as Image, 0, 1), 'unsupported', 'denormalize', /normalize/);
  });
});
