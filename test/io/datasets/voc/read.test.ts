import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuguryError } from '../../../../src/core/errors.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { readVoc } from '../../../../src/io/datasets/voc/index.js';
import { FIXTURES, copyFixture, near, pixelBox, sizeOf } from '../yolo/helpers.js';

const good = join(FIXTURES, 'voc/good');

// Hand-picked pixel ranges from test/fixtures/voc/README.md. VOC writes the first and last pixel
// 1-based: pixels 33..83 are xmin 34, xmax 84.
const CUP = pixelBox(33, 83, 7, 59);
const SAUCER = pixelBox(15, 98, 20, 78);
const EYE_1 = pixelBox(36, 56, 22, 39);
const EYE_2 = pixelBox(78, 92, 29, 43);
// The nose is stored with fractional corners: xmin 61.5, ymin 60, xmax 77.5, ymax 69.
const NOSE: [number, number, number, number] = [61.5 - 1, 60 - 1, 77.5, 69];

describe('readVoc', () => {
  test('reads boxes (1-based inclusive -> continuous), fields and classes in order of first appearance', async () => {
    const report = new RunReport();
    const index = await readVoc(good, { report });
    assert.equal(index.format, 'voc');
    assert.equal(index.imageRoot, join(good, 'JPEGImages'));
    // Files are read in sorted order: chelsea.xml (eye, nose) before coffee.xml (cup, saucer).
    assert.deepEqual(index.categories.map((c) => [c.id, c.name]), [[0, 'eye'], [1, 'nose'], [2, 'cup'], [3, 'saucer']]);
    assert.deepEqual(index.records.map((r) => [r.id, r.file, r.width, r.height]), [
      ['chelsea', 'chelsea.jpg', 120, 80],
      ['coffee', 'coffee.jpg', 120, 80],
    ]);
    const [chelsea, coffee] = index.records;
    assert.deepEqual(chelsea!.annotations.map((a) => a.category), [0, 0, 1]);
    near(chelsea!.annotations[0]!.box, EYE_1, 0, 'eye 1');
    near(chelsea!.annotations[1]!.box, EYE_2, 0, 'eye 2');
    near(chelsea!.annotations[2]!.box, NOSE, 0, 'nose');
    assert.deepEqual(chelsea!.annotations[2]!.extra, { pose: 'Frontal', truncated: 0, difficult: 1 });
    near(coffee!.annotations[0]!.box, CUP, 0, 'cup');
    near(coffee!.annotations[1]!.box, SAUCER, 0, 'saucer');
    assert.deepEqual(coffee!.annotations[1]!.extra, { pose: 'Unspecified', truncated: 0, difficult: 0, occluded: 1, attributes: { material: 'ceramic' } });
    assert.deepEqual(coffee!.extra, {
      folder: 'augury',
      source: { database: 'augury test fixtures', annotation: 'hand-made', image: 'scikit-image data (coffee.png, CC0)' },
      owner: { name: 'Rachel Michetti' },
      size: { depth: '3' },
      segmented: '0',
    });
    assert.equal(report.entries.length, 0);
  });

  test('a split reads the ids of ImageSets/Main/<split>.txt and tags the records', async () => {
    const index = await readVoc(good, { report: new RunReport(), split: 'val' });
    assert.deepEqual(index.records.map((r) => [r.id, r.split]), [['coffee', 'val']]);
    assert.deepEqual(index.categories.map((c) => c.name), ['cup', 'saucer']);
  });

  test('a missing split is a usage error listing the splits present', async () => {
    await assert.rejects(readVoc(good, { report: new RunReport(), split: 'test' }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'usage');
      assert.match(e.message, /no ImageSets\/Main\/test\.txt \(expected one of train, val, received test\)\. Hint: pass --split train/);
      return true;
    });
  });

  test('labels.txt fixes the class order; a class missing from it skips the object', async () => {
    const dir = await copyFixture('voc/good');
    await writeFile(join(dir, 'labels.txt'), 'saucer\ncup\neye\n');
    const report = new RunReport();
    const index = await readVoc(dir, { report });
    assert.deepEqual(index.categories.map((c) => c.name), ['saucer', 'cup', 'eye']);
    assert.deepEqual(index.records[1]!.annotations.map((a) => a.category), [1, 0]);
    assert.equal(report.entries.length, 1);
    const e = report.entries[0]!;
    assert.equal(e.reason, 'unknown-category');
    assert.equal(e.record, '<object> 3 (nose)');
    assert.match(e.message, /chelsea\.xml: <object> 3 \(nose\): class "nose" is not in the class list.*Hint: add the class to labels\.txt/);
  });

  test('a file without <size> gets the size from the image when sizeOf is given, with a warning', async () => {
    const dir = await copyFixture('voc/good');
    const xml = join(dir, 'Annotations/coffee.xml');
    await writeFile(xml, (await readFile(xml, 'utf8')).replace(/<size>[\s\S]*<\/size>/, ''));
    const report = new RunReport();
    const index = await readVoc(dir, { report, sizeOf, split: 'val' });
    assert.deepEqual([index.records[0]!.width, index.records[0]!.height], [120, 80]);
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason, e.record]), [['warning', 'missing-size', '<size>']]);
  });

  test('a folder without Annotations/ is refused with a hint', async () => {
    await assert.rejects(readVoc(join(FIXTURES, 'voc'), { report: new RunReport() }), (e: unknown) => e instanceof AuguryError && e.code === 'unknown-format' && /Hint: point at the folder that holds Annotations\//.test(e.message));
  });
});
