/** Pad, PadIfNeeded and RandomZoomOut: exact paddings, positions, borders, labels. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import { padAmount } from '../../../src/transforms/geometric/pad-if-needed.js';
import { px, rows, runStep, sampleWith, textured } from './crop-helpers.js';

const pads = (p: Record<string, unknown>) => ['padTop', 'padBottom', 'padLeft', 'padRight'].map((k) => p[k]);

describe('PadIfNeeded', () => {
  test('centre padding puts the odd pixel at the bottom and right', async () => {
    // 30x20 to at least 35x27: 5 columns (2 left, 3 right) and 7 rows (3 top, 4 bottom).
    const img = textured(30, 20, 1);
    const { sample, params } = await runStep('PadIfNeeded', { minHeight: 27, minWidth: 35, fill: 77 }, sampleWith(img, [0, 0, 30, 20]));
    assert.deepEqual(pads(params), [3, 4, 2, 3]);
    assert.equal(sample.image.width, 35);
    assert.equal(sample.image.height, 27);
    assert.deepEqual(rows(sample.boxes!.xyxy), [[2, 3, 32, 23]]);
    assert.equal(px(sample.image, 2, 3), px(img, 0, 0));
    assert.equal(px(sample.image, 31, 22), px(img, 29, 19));
    for (const [x, y] of [[1, 3], [32, 22], [2, 2], [31, 23]] as const) assert.equal(px(sample.image, x, y), 77);
  });

  test('corner positions put all the padding on the opposite sides; random splits it anywhere', async () => {
    const s = sampleWith(textured(30, 20, 1));
    const o = { minHeight: 24, minWidth: 40 };
    assert.deepEqual(pads((await runStep('PadIfNeeded', { ...o, position: 'top_left' }, s)).params), [0, 4, 0, 10]);
    assert.deepEqual(pads((await runStep('PadIfNeeded', { ...o, position: 'top_right' }, s)).params), [0, 4, 10, 0]);
    assert.deepEqual(pads((await runStep('PadIfNeeded', { ...o, position: 'bottom_left' }, s)).params), [4, 0, 0, 10]);
    assert.deepEqual(pads((await runStep('PadIfNeeded', { ...o, position: 'bottom_right' }, s)).params), [4, 0, 10, 0]);
    const tops = new Set<unknown>();
    for (let seed = 0; seed < 100; seed++) {
      const p = pads((await runStep('PadIfNeeded', { ...o, position: 'random' }, s, seed)).params) as number[];
      assert.equal(p[0]! + p[1]!, 4);
      assert.equal(p[2]! + p[3]!, 10);
      tops.add(p[0]);
    }
    assert.deepEqual([...tops].sort(), [0, 1, 2, 3, 4]);
  });

  test('no padding when the image is already large enough; divisors pad up to a multiple', async () => {
    const s = sampleWith(textured(30, 20, 1));
    assert.deepEqual(pads((await runStep('PadIfNeeded', { minHeight: 10, minWidth: 30 }, s)).params), [0, 0, 0, 0]);
    assert.deepEqual(pads((await runStep('PadIfNeeded', { padHeightDivisor: 8, padWidthDivisor: 32 }, s)).params), [2, 2, 1, 1]);
    assert.equal(padAmount(30, 33, 8), 10);
    assert.equal(padAmount(32, undefined, 8), 0);
    assert.equal(padAmount(30, 10, undefined), 0);
  });

  test('each axis needs a minimum or a divisor', () => {
    assert.throws(() => Pipeline.fromConfig([{ name: 'PadIfNeeded', minHeight: 10 }]), (e: unknown) => e instanceof AuguryError && /PadIfNeeded\)\.minWidth/.test(e.message));
  });

  test('reflect101 border mirrors the image without repeating the edge; masks follow', async () => {
    const img = textured(6, 4, 1);
    const lm = createLabelMap(6, 4, Uint8Array.from({ length: 24 }, (_, i) => i % 6));
    const { sample } = await runStep('PadIfNeeded', { minHeight: 4, minWidth: 10, border: 'reflect101' }, { ...sampleWith(img), mask: lm });
    // Two columns on the left: reflect101 reads columns 2, 1.
    assert.equal(px(sample.image, 0, 1), px(img, 2, 1));
    assert.equal(px(sample.image, 1, 1), px(img, 1, 1));
    assert.deepEqual(Array.from(sample.mask!.data.subarray(0, 10)), [2, 1, 0, 1, 2, 3, 4, 5, 4, 3]);
  });
});

describe('Pad', () => {
  test('one number, [x, y] and [left, top, right, bottom]', async () => {
    const s = sampleWith(textured(10, 8, 1), [1, 1, 3, 3]);
    const a = await runStep('Pad', { padding: 2 }, s);
    assert.deepEqual(pads(a.params), [2, 2, 2, 2]);
    const b = await runStep('Pad', { padding: [3, 1] }, s);
    assert.deepEqual(pads(b.params), [1, 1, 3, 3]);
    const c = await runStep('Pad', { padding: [4, 2, 6, 8] }, s);
    assert.deepEqual(pads(c.params), [2, 8, 4, 6]);
    assert.equal(c.sample.image.width, 20);
    assert.equal(c.sample.image.height, 18);
    assert.deepEqual(rows(c.sample.boxes!.xyxy), [[5, 3, 7, 5]]);
  });

  test('replicate border repeats the edge pixels', async () => {
    const img = textured(5, 5, 3);
    const { sample } = await runStep('Pad', { padding: [2, 0, 0, 0], border: 'replicate' }, sampleWith(img));
    for (let c = 0; c < 3; c++) assert.equal(px(sample.image, 0, 3, c), px(img, 0, 3, c));
  });

  test('negative or fractional padding is refused at config time', () => {
    assert.throws(() => Pipeline.fromConfig([{ name: 'Pad', padding: -1 }]), /Pad\)\.padding/);
    assert.throws(() => Pipeline.fromConfig([{ name: 'Pad', padding: [1, 2, 3] }]), /Pad\)\.padding/);
  });
});

describe('RandomZoomOut', () => {
  test('canvas sides are int(side * r) with r in sideRange; the image sits unchanged inside; labels shift', async () => {
    const img = textured(20, 10, 1);
    const s = sampleWith(img, [2, 3, 6, 8]);
    const ratios: number[] = [];
    for (let seed = 0; seed < 100; seed++) {
      const { sample, params } = await runStep('RandomZoomOut', { sideRange: [1, 3], fill: 255 }, s, seed);
      const [top, bottom, left, right] = pads(params) as number[];
      const cw = 20 + left! + right!, ch = 10 + top! + bottom!;
      assert.ok(cw >= 20 && cw <= 60 && ch >= 10 && ch <= 30);
      // Both sides come from one ratio: int(20 r) and int(10 r).
      const r = ch / 10;
      assert.ok(Math.abs(cw / 20 - r) < 0.1 + 1e-12);
      ratios.push(cw / 20);
      assert.equal(px(sample.image, left!, top!), px(img, 0, 0));
      assert.equal(px(sample.image, left! + 19, top! + 9), px(img, 19, 9));
      if (left! > 0) assert.equal(px(sample.image, left! - 1, top!), 255);
      assert.deepEqual(rows(sample.boxes!.xyxy), [[2 + left!, 3 + top!, 6 + left!, 8 + top!]]);
      assert.equal(sample.boxes!.visibility[0], 1);
    }
    assert.ok(Math.min(...ratios) < 1.1 && Math.max(...ratios) > 2.9);
  });
});
