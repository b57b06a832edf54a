import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCoco } from '../../../../src/io/datasets/coco/index.js';
import { RunReport } from '../../../../src/io/datasets/report.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/coco/', import.meta.url));
const MAIN = join(FIXTURES, 'annotations.json');

describe('readCoco on the hand-checked fixture', () => {
  test('images: ids, paths, sizes, image root and extra keys', async () => {
    const report = new RunReport('fail');
    const index = await readCoco(MAIN, { report });
    assert.equal(index.format, 'coco');
    assert.equal(index.task, 'detection');
    assert.equal(index.source, MAIN);
    // file_name is a bare name and the files are in images/ beside the JSON.
    assert.equal(index.imageRoot, resolve(FIXTURES, 'images'));
    assert.deepEqual(
      index.records.map((r) => [r.id, r.file, r.width, r.height, r.annotations.length]),
      [
        [1, 'astronaut.jpg', 128, 128, 1],
        [2, 'coffee.jpg', 120, 80, 1],
        [3, 'chelsea.jpg', 120, 80, 2],
      ],
    );
    assert.deepEqual(index.records[0]!.extra, {
      license: 1,
      date_captured: '2024-05-01 10:00:00',
      coco_url: '',
      flickr_url: '',
      source_note: 'skimage astronaut.png downscaled to 128 px',
    });
    assert.deepEqual(index.records[1]!.extra, { license: 2 });
    assert.deepEqual(Object.keys(index.extra ?? {}), ['info', 'licenses']);
    assert.equal(report.entries.length, 0);
  });

  test('categories: index order, extra keys, skeleton 0-based, keypoint schema with flip pairs', async () => {
    const index = await readCoco(MAIN, { report: new RunReport('fail') });
    assert.deepEqual(
      index.categories.map((c) => [c.id, c.name, c.supercategory]),
      [
        [1, 'person', 'person'],
        [17, 'cat', 'animal'],
        [47, 'cup', 'kitchen'],
        [100, 'eye', 'animal'],
      ],
    );
    assert.deepEqual(index.categories[3]!.extra, { color: [0, 200, 0] });
    const person = index.categories[0]!;
    assert.equal(person.keypoints?.length, 17);
    // The file's first edges are [16, 14] (left_ankle-left_knee) and [1, 2] (nose-left_eye) at position 13.
    assert.deepEqual(person.skeleton?.[0], [15, 13]);
    assert.deepEqual(person.skeleton?.[13], [0, 1]);
    assert.equal(index.keypoints?.count, 17);
    assert.equal(index.keypoints?.names?.[2], 'right_eye');
    assert.deepEqual(index.keypoints?.skeleton, person.skeleton);
    // flip_pairs [[1, 2], [3, 4], ...] (0-based): each pair swaps, the nose stays.
    assert.deepEqual(index.keypoints?.flipIndex, [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]);
  });

  test('annotations: xyxy boxes, polygons as stored, RLE as stored, crowd, area, extra', async () => {
    const index = await readCoco(MAIN, { report: new RunReport('fail') });
    const [person] = index.records[0]!.annotations;
    const [cup] = index.records[1]!.annotations;
    const [eyes, cat] = index.records[2]!.annotations;
    assert.equal(person!.id, 101);
    assert.equal(person!.category, 0);
    assert.deepEqual(person!.box, [5, 4, 91, 128]); // [5, 4, 86, 124] xywh
    assert.equal(person!.polygons?.[0]?.length, 38);
    assert.deepEqual(person!.polygons?.[0]?.slice(0, 4), [57, 4, 70, 8]);
    assert.equal(person!.area, 7503);
    assert.equal(person!.iscrowd, false);
    // cup: [34.3, 3.1, 49.6, 42.7] xywh; the corners are whatever double addition gives.
    assert.deepEqual(cup!.box, [34.3, 3.1, 34.3 + 49.6, 3.1 + 42.7]);
    assert.equal(cup!.category, 2);
    assert.deepEqual(cup!.extra, { attributes: { handle_visible: false } });
    assert.equal(eyes!.iscrowd, true);
    assert.equal(eyes!.category, 3);
    assert.deepEqual(eyes!.rle?.size, [80, 120]);
    assert.ok(Array.isArray(eyes!.rle?.counts));
    assert.deepEqual(eyes!.box, [36, 22, 93, 45]);
    assert.equal(cat!.polygons, undefined);
    assert.equal(cat!.rle, undefined);
    assert.deepEqual(cat!.box, [0, 0, 120, 80]);
  });

  test('keypoints: +0.5 for labelled points, v = 0 points untouched', async () => {
    const index = await readCoco(MAIN, { report: new RunReport('fail') });
    const kp = index.records[0]!.annotations[0]!.keypoints!;
    assert.equal(kp.visibility.length, 17);
    assert.deepEqual(kp.visibility.slice(0, 7), [2, 2, 2, 0, 1, 2, 2]);
    // nose stored at pixel (56, 31) -> center (56.5, 31.5); right ear (45, 29) has v = 1.
    assert.deepEqual(kp.xy.slice(0, 2), [56.5, 31.5]);
    assert.deepEqual(kp.xy.slice(2, 6), [62.5, 25.5, 50.5, 25.5]);
    assert.deepEqual(kp.xy.slice(6, 8), [0, 0]); // left ear, v = 0
    assert.deepEqual(kp.xy.slice(8, 10), [45.5, 29.5]);
    assert.deepEqual(kp.xy.slice(10, 14), [84.5, 67.5, 24.5, 66.5]);
    assert.ok(kp.xy.slice(14).every((v) => v === 0));
  });

  test('image root: the JSON folder when file_name already includes the image folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'augury-coco-'));
    mkdirSync(join(dir, 'pics'));
    copyFileSync(join(FIXTURES, 'images', 'coffee.jpg'), join(dir, 'pics', 'coffee.jpg'));
    const doc = { images: [{ id: 7, file_name: 'pics/coffee.jpg', width: 120, height: 80 }], annotations: [], categories: [] };
    writeFileSync(join(dir, 'a.json'), JSON.stringify(doc));
    const index = await readCoco(join(dir, 'a.json'), { report: new RunReport('fail') });
    assert.equal(index.imageRoot, resolve(dir));
    assert.equal(index.records[0]!.file, 'pics/coffee.jpg');
  });

  test('--images overrides the lookup', async () => {
    const index = await readCoco(join(FIXTURES, 'cases', 'bbox-nan.json'), { report: new RunReport('skip'), imagesDir: join(FIXTURES, 'images') });
    assert.equal(index.imageRoot, resolve(FIXTURES, 'images'));
    assert.equal(index.records.length, 3);
  });

  test('a box 0.5 px past the border is clipped and counted', async () => {
    const report = new RunReport('fail');
    const index = await readCoco(join(FIXTURES, 'cases', 'box-past-border.json'), { report, imagesDir: join(FIXTURES, 'images') });
    // [100, 10, 20.5, 30] on the 120 px wide coffee.jpg reaches x = 120.5.
    assert.deepEqual(index.records[1]!.annotations[1]!.box, [100, 10, 120, 40]);
    assert.equal(report.count('clipped'), 1);
    assert.equal(report.count('skipped'), 0);
    assert.match(report.entries[0]!.record ?? '', /annotations\[3\] \(id 4\)/);
    // With no tolerance the same box is refused instead.
    const strict = new RunReport('skip');
    const again = await readCoco(join(FIXTURES, 'cases', 'box-past-border.json'), { report: strict, imagesDir: join(FIXTURES, 'images'), boxTolerance: 0 });
    assert.equal(strict.count('skipped'), 1);
    assert.equal(again.records[1]!.annotations.length, 1);
  });
});
