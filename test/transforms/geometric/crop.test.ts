/** Crop, RandomCrop and CenterCrop: hand-computed windows, labels, errors. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createPolygons } from '../../../src/targets/polygons.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import { px, rows, runStep, sampleWith, textured } from './crop-helpers.js';

describe('Crop', () => {
  const crop = { xMin: 10, yMin: 5, xMax: 50, yMax: 40 };

  test('[10, 5, 50, 40] moves box [20, 10, 30, 20] to [10, 5, 20, 15] and copies the window', async () => {
    const img = textured(64, 48);
    const { sample } = await runStep('Crop', crop, sampleWith(img, [20, 10, 30, 20]));
    assert.equal(sample.image.width, 40);
    assert.equal(sample.image.height, 35);
    assert.deepEqual(rows(sample.boxes!.xyxy), [[10, 5, 20, 15]]);
    assert.equal(sample.boxes!.visibility[0], 1);
    for (const [x, y] of [[0, 0], [39, 34], [17, 9]] as const) {
      for (let c = 0; c < 3; c++) assert.equal(px(sample.image, x, y, c), px(img, x + 10, y + 5, c));
    }
  });

  test('a box crossing the window edge is clipped and keeps the share left inside as visibility', async () => {
    // [40, 30, 60, 50] is 20x20; inside the window [10, 5, 50, 40] is [40, 30, 50, 40], 10x10.
    const { sample } = await runStep('Crop', crop, sampleWith(textured(64, 48), [40, 30, 60, 50, 0, 0, 20, 10]));
    assert.deepEqual(rows(sample.boxes!.xyxy), [[30, 25, 40, 35], [0, 0, 10, 5]]);
    assert.equal(sample.boxes!.visibility[0], 0.25);
    // [0, 0, 20, 10] keeps [10, 5, 20, 10]: 10x5 of 20x10.
    assert.equal(sample.boxes!.visibility[1], 0.25);
  });

  test('a box outside the window is dropped; minVisibility drops mostly cut boxes', async () => {
    const s = sampleWith(textured(64, 48), [52, 0, 60, 8, 40, 30, 60, 50, 20, 10, 30, 20]);
    const all = await runStep('Crop', crop, s);
    assert.deepEqual(Array.from(all.sample.boxes!.sourceIndex), [1, 2]);
    const strict = await runStep('Crop', crop, s, 0, { boxes: { minVisibility: 0.3 } });
    assert.deepEqual(Array.from(strict.sample.boxes!.sourceIndex), [2]);
  });

  test('keypoints, polygons and masks move with the window', async () => {
    const img = textured(64, 48);
    const lm = new Uint8Array(64 * 48);
    lm[20 * 64 + 30] = 7;
    const s = sampleWith(img, [20, 10, 30, 20], {
      keypoints: createKeypoints({ xy: [10, 5, 60, 45, 30.25, 12.5] }),
      polygons: createPolygons({ instances: [[[20, 10, 30, 10, 30, 20, 20, 20]]] }),
      mask: createLabelMap(64, 48, lm),
    });
    const { sample } = await runStep('Crop', crop, s);
    assert.deepEqual(Array.from(sample.keypoints!.xy), [0, 0, 50, 40, 20.25, 7.5]);
    assert.deepEqual(Array.from(sample.keypoints!.visibility), [2, 0, 2]);
    assert.deepEqual(Array.from(sample.polygons!.instances[0]![0]!), [10, 5, 20, 5, 20, 15, 10, 15]);
    assert.equal(sample.mask!.width, 40);
    assert.equal(sample.mask!.data[15 * 40 + 20], 7);
    assert.equal(Array.from(sample.mask!.data).reduce((a, b) => a + b, 0), 7);
  });

  test('a window past the image is refused with the file, the record and a hint', async () => {
    const s = { ...sampleWith(textured(32, 24)), id: 'img-7', source: { file: 'images/img-7.jpg' } };
    await assert.rejects(runStep('Crop', crop, s), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'size-mismatch');
      assert.match(e.message, /images\/img-7\.jpg/);
      assert.match(e.message, /sample img-7/);
      assert.match(e.message, /padIfNeeded: true/);
      return true;
    });
  });

  test('padIfNeeded fills the part of the window outside the image', async () => {
    const img = textured(32, 24, 1);
    const { sample } = await runStep('Crop', { xMin: -2, yMin: 20, xMax: 6, yMax: 28, padIfNeeded: true, fill: 200, fillMask: 9 }, sampleWith(img, [0, 22, 4, 24]));
    assert.equal(px(sample.image, 0, 0), 200);
    assert.equal(px(sample.image, 2, 0), px(img, 0, 20));
    assert.equal(px(sample.image, 7, 3), px(img, 5, 23));
    assert.equal(px(sample.image, 2, 4), 200);
    assert.deepEqual(rows(sample.boxes!.xyxy), [[2, 2, 6, 4]]);
  });

  test('bad windows fail at config time, naming the option', () => {
    assert.throws(() => Pipeline.fromConfig([{ name: 'Crop', xMin: 10, xMax: 10, yMax: 5 }]), (e: unknown) => e instanceof AuguryError && /Crop\)\.xMax/.test(e.message) && /xMax > xMin/.test(e.message));
    assert.throws(() => Pipeline.fromConfig([{ name: 'Crop', xMax: 10.5, yMax: 5 }]), /xMax/);
  });
});

describe('RandomCrop', () => {
  test('windows have the asked size, stay inside, and every offset occurs', async () => {
    const s = sampleWith(textured(20, 10, 1));
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (let seed = 0; seed < 300; seed++) {
      const { sample, params } = await runStep('RandomCrop', { height: 8, width: 16 }, s, seed);
      const p = params as { xMin: number; yMin: number; xMax: number; yMax: number };
      assert.equal(p.xMax - p.xMin, 16);
      assert.equal(p.yMax - p.yMin, 8);
      assert.ok(p.xMin >= 0 && p.xMax <= 20 && p.yMin >= 0 && p.yMax <= 10);
      assert.equal(px(sample.image, 0, 0), px(s.image, p.xMin, p.yMin));
      xs.add(p.xMin);
      ys.add(p.yMin);
    }
    assert.deepEqual([...xs].sort((a, b) => a - b), [0, 1, 2, 3, 4]);
    assert.deepEqual([...ys].sort((a, b) => a - b), [0, 1, 2]);
  });

  test('an image smaller than the crop is refused with a hint naming PadIfNeeded', async () => {
    const s = { ...sampleWith(textured(30, 20)), id: 'small', source: { file: 'a/small.png' } };
    await assert.rejects(runStep('RandomCrop', { height: 32, width: 16 }, s), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.message, /a\/small\.png/);
      assert.match(e.message, /sample small/);
      assert.match(e.message, /PadIfNeeded \{minHeight: 32, minWidth: 16\}/);
      assert.match(e.message, /padIfNeeded: true/);
      return true;
    });
  });

  test('padIfNeeded centres a smaller axis (odd padding pixel at the bottom) and keeps the other random', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const { params } = await runStep('RandomCrop', { height: 25, width: 16, padIfNeeded: true }, sampleWith(textured(30, 20)), seed);
      // 5 rows of padding: 2 above, 3 below.
      assert.equal(params['yMin'], -2);
      assert.equal(params['yMax'], 23);
      assert.ok((params['xMin'] as number) >= 0 && (params['xMin'] as number) <= 14);
    }
  });
});

describe('CenterCrop', () => {
  test('window at ((W - w) // 2, (H - h) // 2), odd leftover at the bottom/right', async () => {
    const { params, sample } = await runStep('CenterCrop', { height: 7, width: 10 }, sampleWith(textured(25, 16), [0, 0, 25, 16]));
    assert.deepEqual([params['xMin'], params['yMin'], params['xMax'], params['yMax']], [7, 4, 17, 11]);
    assert.deepEqual(rows(sample.boxes!.xyxy), [[0, 0, 10, 7]]);
  });

  test('refuses a smaller image unless padIfNeeded, which centres it as PadIfNeeded would', async () => {
    const s = sampleWith(textured(8, 6));
    await assert.rejects(runStep('CenterCrop', { height: 9, width: 8 }, s), /padIfNeeded: true/);
    const { params } = await runStep('CenterCrop', { height: 9, width: 8, padIfNeeded: true }, s);
    // 3 rows of padding: 1 above, 2 below.
    assert.deepEqual([params['xMin'], params['yMin'], params['xMax'], params['yMax']], [0, -1, 8, 8]);
  });
});
