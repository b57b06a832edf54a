import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { AuguryError } from '../../../../src/core/errors.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { labelPathFor, readYolo } from '../../../../src/io/datasets/yolo/index.js';
import { FIXTURES, copyFixture, near, pixelBox, sizeOf } from './helpers.js';

const detect = join(FIXTURES, 'yolo/detect');

// Pixel numbers from test/fixtures/yolo/README.md (inclusive pixel ranges, chosen by hand).
const CUP = pixelBox(33, 83, 7, 59);
const SAUCER = pixelBox(15, 98, 20, 78);
const LEFT_EYE_IN_IMAGE = pixelBox(36, 56, 22, 39);
const RIGHT_EYE_IN_IMAGE = pixelBox(78, 92, 29, 43);

describe('readYolo: detection', () => {
  test('reads names, sizes and boxes of the train split in absolute xyxy', async () => {
    const report = new RunReport();
    const index = await readYolo(detect, { report, sizeOf });
    assert.equal(index.format, 'yolo');
    assert.equal(index.task, 'detection');
    assert.deepEqual(index.categories.map((c) => [c.id, c.name]), [[0, 'cup'], [1, 'saucer'], [2, 'eye'], [3, 'cat']]);
    assert.deepEqual(index.extra, { author: 'augury test fixtures' });
    assert.deepEqual(index.records.map((r) => [r.id, r.file, r.width, r.height, r.split]), [
      ['chelsea', 'images/train/chelsea.jpg', 120, 80, 'train'],
      ['coffee', 'images/train/coffee.jpg', 120, 80, 'train'],
    ]);
    const [chelsea, coffee] = index.records;
    assert.deepEqual(coffee!.annotations.map((a) => a.category), [0, 1]);
    near(coffee!.annotations[0]!.box, CUP, 1e-9, 'cup');
    near(coffee!.annotations[1]!.box, SAUCER, 1e-9, 'saucer');
    assert.deepEqual(chelsea!.annotations.map((a) => a.category), [2, 2]);
    near(chelsea!.annotations[0]!.box, LEFT_EYE_IN_IMAGE, 1e-9, 'eye');
    near(chelsea!.annotations[1]!.box, RIGHT_EYE_IN_IMAGE, 1e-9, 'eye');
    assert.equal(report.entries.length, 0);
  });

  test('reads a split given as a .txt list; an image without a label file has no objects', async () => {
    const report = new RunReport();
    const index = await readYolo(join(detect, 'data.yaml'), { report, sizeOf, split: 'val' });
    assert.deepEqual(index.records.map((r) => [r.file, r.width, r.height, r.annotations.length, r.split]), [['images/val/astronaut.jpg', 96, 96, 0, 'val']]);
    // No image of the split has a label file: worth a warning (a misplaced labels/ folder looks like this).
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'no-labels']]);
  });

  test('a missing split is a usage error listing the splits present', async () => {
    await assert.rejects(readYolo(detect, { report: new RunReport(), sizeOf, split: 'test' }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'usage');
      assert.match(e.message, /data\.yaml/);
      assert.match(e.message, /one of train, val/);
      assert.match(e.message, /Hint: pass --split train/);
      return true;
    });
  });

  test('needs a sizeOf callback', async () => {
    await assert.rejects(readYolo(detect, { report: new RunReport() }), (e: unknown) => e instanceof AuguryError && e.code === 'usage' && /sizeOf/.test(e.message));
  });

  test('a folder with images/ and labels/ but no yaml names classes by index, with a warning', async () => {
    const dir = await copyFixture('yolo/detect');
    await rm(join(dir, 'data.yaml'));
    const report = new RunReport();
    const index = await readYolo(dir, { report, sizeOf });
    assert.deepEqual(index.categories.map((c) => c.name), ['0', '1', '2']);
    assert.equal(index.records.length, 2);
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'no-data-yaml']]);
  });

  test("a data.yaml path that does not exist falls back to the yaml's folder, with a warning", async () => {
    const dir = await copyFixture('yolo/detect');
    await writeFile(join(dir, 'data.yaml'), 'path: ../datasets/coco8\ntrain: images/train\nnames: [cup, saucer, eye, cat]\n');
    const report = new RunReport();
    const index = await readYolo(dir, { report, sizeOf });
    assert.equal(index.records.length, 2);
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'path-not-found']]);
  });

  test('the label of an image swaps the last /images/ segment for /labels/', () => {
    const p = ['', 'd', 'images', 'x', 'images', 'a.b.jpg'].join(sep);
    assert.equal(labelPathFor(p), ['', 'd', 'images', 'x', 'labels', 'a.b.txt'].join(sep));
    assert.equal(labelPathFor(['', 'd', 'pics', 'a.png'].join(sep)), ['', 'd', 'pics', 'a.txt'].join(sep));
  });

  test('a box within the border tolerance is clipped and reported with file and line', async () => {
    const report = new RunReport();
    const index = await readYolo(join(FIXTURES, 'yolo/bad/clip.yaml'), { report, sizeOf });
    // Line 2 is 1 0.5 0.5 1.02 0.5 on a 48x32 image: x from 24 - 24.48 to 24 + 24.48.
    near(index.records[0]!.annotations[1]!.box, [0, 8, 48, 24], 1e-9, 'clipped box');
    const clipped = report.entries.filter((e) => e.kind === 'clipped');
    assert.equal(clipped.length, 1);
    assert.match(clipped[0]!.file!, /labels[/\\]clip[/\\]coffee\.txt$/);
    assert.equal(clipped[0]!.record, 'line 2');
    // With a tolerance below the overshoot the same line is an error.
    const strict = new RunReport();
    await readYolo(join(FIXTURES, 'yolo/bad/clip.yaml'), { report: strict, sizeOf, boxTolerance: 0.25 });
    assert.equal(strict.count('skipped'), 1);
  });
});

describe('readYolo: segmentation and pose', () => {
  test('a polygon line gives the ring in pixels and its tight box', async () => {
    const index = await readYolo(join(FIXTURES, 'yolo/segment'), { report: new RunReport(), sizeOf });
    const [cup, saucer] = index.records[0]!.annotations;
    const cupRing = [33, 12, 45, 6, 72, 6, 84, 12, 81, 36, 69, 51, 48, 51, 36, 36];
    near(cup!.polygons?.[0], cupRing, 1e-9, 'cup ring');
    near(cup!.box, [33, 6, 84, 51], 1e-9, 'cup box');
    near(saucer!.polygons?.[0], [15, 20, 99, 20, 99, 79, 15, 79], 1e-9, 'saucer ring');
    near(saucer!.box, SAUCER, 1e-9, 'saucer box');
  });

  test('pose lines give box, keypoints with visibility, and flip_idx', async () => {
    const index = await readYolo(join(FIXTURES, 'yolo/pose'), { report: new RunReport(), sizeOf });
    assert.deepEqual(index.keypoints, { count: 3, dims: 3, flipIndex: [1, 0, 2] });
    const [astronaut, chelsea] = index.records;
    assert.equal(astronaut!.file, 'images/train/astronaut.jpg');
    const person = astronaut!.annotations[0]!;
    near(person.box, pixelBox(30, 56, 3, 32), 1e-9, 'head');
    // Keypoints are pixel centres: pixel (43, 19) -> (43.5, 19.5).
    near(person.keypoints?.xy, [43.5, 19.5, 37.5, 19.5, 40.5, 22.5], 1e-9, 'person keypoints');
    assert.deepEqual(person.keypoints?.visibility, [2, 2, 1]);
    const cat = chelsea!.annotations[0]!;
    assert.equal(cat.category, 1);
    near(cat.box, pixelBox(30, 98, 10, 79), 1e-9, 'cat face');
    near(cat.keypoints?.xy, [85.5, 36.5, 46.5, 31, 0, 0], 1e-9, 'cat keypoints');
    assert.deepEqual(cat.keypoints?.visibility, [2, 2, 0]);
  });

  test('in the two-value keypoint form, x = y = 0 means unlabelled and anything else visible', async () => {
    const dir = await copyFixture('yolo/pose');
    await writeFile(join(dir, 'data.yaml'), 'train: images/train\nkpt_shape: [2, 2]\nnames: [person, cat]\n');
    await writeFile(join(dir, 'labels/train/astronaut.txt'), '0 0.5 0.5 0.5 0.5 0 0 0.25 0.75\n');
    await rm(join(dir, 'images/train/chelsea.jpg'));
    const index = await readYolo(dir, { report: new RunReport(), sizeOf });
    const kp = index.records[0]!.annotations[0]!.keypoints!;
    assert.deepEqual(kp.visibility, [0, 2]);
    near(kp.xy, [0, 0, 24, 72], 1e-9, 'keypoints on 96x96');
    assert.equal(index.keypoints?.dims, 2);
  });

  test('flip_idx must be a permutation of 0..K-1', async () => {
    const dir = await copyFixture('yolo/pose');
    await writeFile(join(dir, 'data.yaml'), 'train: images/train\nkpt_shape: [3, 3]\nflip_idx: [1, 1, 2]\nnames: [person, cat]\n');
    await assert.rejects(readYolo(dir, { report: new RunReport(), sizeOf }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.message, /data\.yaml: flip_idx: flip_idx must list each keypoint index/);
      assert.match(e.message, /Hint: give, for each keypoint, the index of its mirror partner/);
      return true;
    });
  });

  test('a list entry leaving the dataset folder is skipped with the list file and line', async () => {
    const dir = await copyFixture('yolo/detect');
    await mkdir(join(dir, 'lists'));
    await writeFile(join(dir, 'lists/val.txt'), '../images/val/astronaut.jpg\n../../outside.jpg\n');
    await writeFile(join(dir, 'data.yaml'), 'train: images/train\nval: lists/val.txt\nnames: [cup, saucer, eye, cat]\n');
    const report = new RunReport();
    const index = await readYolo(dir, { report, sizeOf, split: 'val' });
    assert.deepEqual(index.records.map((r) => r.file), ['images/val/astronaut.jpg']);
    const skipped = report.entries.filter((e) => e.kind === 'skipped');
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]!.reason, 'path-escape');
    assert.equal(skipped[0]!.record, 'line 2');
    assert.match(skipped[0]!.message, /lists[/\\]val\.txt: line 2: image path leaves the dataset folder.*Hint:/);
  });
});
