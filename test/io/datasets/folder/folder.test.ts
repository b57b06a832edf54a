import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuguryError } from '../../../../src/core/errors.js';
import { readFolder, writeFolder } from '../../../../src/io/datasets/folder/index.js';
import type { DatasetIndex } from '../../../../src/io/datasets/model.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { FIXTURES, copyFixture, copySink, nullSink, tempDir } from '../yolo/helpers.js';

const good = join(FIXTURES, 'folder/good');

describe('readFolder', () => {
  test('classes are the sorted sub-folders; images are found recursively; other files are warned about', async () => {
    const report = new RunReport();
    const index = await readFolder(good, { report });
    assert.equal(index.task, 'classification');
    assert.equal(index.imageRoot, good);
    assert.deepEqual(index.categories, [{ id: 0, name: 'cat' }, { id: 1, name: 'cup' }]);
    assert.deepEqual(index.records.map((r) => [r.id, r.file, r.label, r.annotations.length]), [
      ['chelsea', 'cat/chelsea.jpg', 0, 0],
      ['coffee', 'cup/coffee.jpg', 1, 0],
      ['coffee-crop', 'cup/more/coffee-crop.jpg', 1, 0],
    ]);
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'not-an-image']]);
    assert.match(report.entries[0]!.file!, /cup[/\\]notes\.txt$/);
  });

  test('an empty class keeps its index with a warning; dot-folders are not classes; upper-case extensions count', async () => {
    const dir = await copyFixture('folder/good');
    await mkdir(join(dir, 'Zebra'));
    await mkdir(join(dir, '.ipynb_checkpoints'));
    await cp(join(good, 'cat/chelsea.jpg'), join(dir, 'cat/LOUD.JPEG'));
    const report = new RunReport();
    const index = await readFolder(dir, { report });
    // Plain string order: upper case sorts before lower case, as in Python's sorted().
    assert.deepEqual(index.categories.map((c) => c.name), ['Zebra', 'cat', 'cup']);
    assert.deepEqual(index.records.map((r) => [r.file, r.label]), [
      ['cat/LOUD.JPEG', 1],
      ['cat/chelsea.jpg', 1],
      ['cup/coffee.jpg', 2],
      ['cup/more/coffee-crop.jpg', 2],
    ]);
    const reasons = report.entries.map((e) => e.reason).sort();
    assert.deepEqual(reasons, ['empty-class', 'hidden-folder', 'not-an-image']);
  });

  test('a split reads <root>/<split>/<class>/ and tags the records; split-looking classes are warned about', async () => {
    const dir = await tempDir();
    await cp(good, join(dir, 'train'), { recursive: true });
    const index = await readFolder(dir, { report: new RunReport(), split: 'train' });
    assert.deepEqual(index.records.map((r) => [r.file, r.split]), [
      ['cat/chelsea.jpg', 'train'],
      ['cup/coffee.jpg', 'train'],
      ['cup/more/coffee-crop.jpg', 'train'],
    ]);
    const report = new RunReport();
    await readFolder(dir, { report });
    assert.ok(report.entries.some((e) => e.reason === 'split-folders' && /pass --split train/.test(e.message)));
    await assert.rejects(readFolder(dir, { report: new RunReport(), split: 'val' }), (e: unknown) => e instanceof AuguryError && e.code === 'usage' && /one of train/.test(e.message));
  });
});

describe('writeFolder', () => {
  test('round trip: same classes, files and labels; images copied', async () => {
    const index = await readFolder(good, { report: new RunReport() });
    const out = await tempDir();
    const report = new RunReport();
    const { files } = await writeFolder(index, out, { report, emitImage: copySink(index) });
    assert.equal(report.entries.length, 0);
    assert.equal(files.length, 3);
    const back = await readFolder(out, { report: new RunReport() });
    assert.deepEqual(back.categories, index.categories);
    // The nested image lands in cup/ by its base name; "-" sorts before ".".
    assert.deepEqual(back.records.map((r) => [r.file, r.label]), [
      ['cat/chelsea.jpg', 0],
      ['cup/coffee-crop.jpg', 1],
      ['cup/coffee.jpg', 1],
    ]);
    assert.deepEqual(await readFile(join(out, 'cup/coffee-crop.jpg')), await readFile(join(good, 'cup/more/coffee-crop.jpg')));
  });

  test('name clashes get a suffix in record order and are reported; empty classes get a folder', async () => {
    const index: DatasetIndex = {
      format: 'folder',
      source: 'memory',
      imageRoot: '/nowhere',
      categories: [{ id: 0, name: 'cat' }, { id: 1, name: 'dog' }, { id: 2, name: '../escape' }],
      records: [
        { id: 'a', file: 'a/x.jpg', annotations: [], label: 0 },
        { id: 'b', file: 'b/x.jpg', annotations: [], label: 0 },
        { id: 'c', file: 'c/X.jpg', annotations: [], label: 0 },
      ],
      task: 'classification',
    };
    const out = await tempDir();
    const report = new RunReport();
    const dests: string[] = [];
    await writeFolder(index, out, { report, emitImage: async (_r, d) => void dests.push(d) });
    assert.deepEqual(dests, [join(out, 'cat/x.jpg'), join(out, 'cat/x_1.jpg'), join(out, 'cat/X_2.jpg')]);
    assert.deepEqual((await readdir(out)).sort(), ['___escape', 'cat', 'dog']);
    assert.deepEqual(report.entries.map((e) => e.reason), ['class-renamed', 'name-clash', 'name-clash']);
  });

  test('records with splits are written under <split>/<class>/', async () => {
    const index = await readFolder(good, { report: new RunReport() });
    const split: DatasetIndex = { ...index, records: index.records.map((r, i) => ({ ...r, split: i === 0 ? 'val' : 'train' })) };
    const out = await tempDir();
    await writeFolder(split, out, { report: new RunReport(), emitImage: copySink(index) });
    const val = await readFolder(out, { report: new RunReport(), split: 'val' });
    assert.deepEqual(val.records.map((r) => r.file), ['cat/chelsea.jpg']);
    assert.deepEqual(val.categories.map((c) => c.name), ['cat', 'cup'], 'every class has a folder in every split');
  });

  test('refuses detection data with a hint', async () => {
    const index: DatasetIndex = {
      format: 'coco',
      source: 'memory.json',
      imageRoot: '/nowhere',
      categories: [{ id: 0, name: 'cup' }],
      records: [{ id: 1, file: 'a.jpg', annotations: [{ category: 0, box: [0, 0, 1, 1] }] }],
      task: 'detection',
    };
    const out = await tempDir();
    await assert.rejects(writeFolder(index, out, { report: new RunReport(), emitImage: nullSink }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /class folders hold one label per image; this dataset has boxes \(1 objects in 1 images\)/);
      assert.match(e.message, /Hint: crop the objects .*--to coco, --to yolo or --to voc/);
      return true;
    });
    assert.deepEqual(await readdir(out), [], 'nothing was written');
  });

  test('a record without a label is skipped, or fails the run', async () => {
    const index: DatasetIndex = {
      format: 'folder',
      source: 'memory',
      imageRoot: '/nowhere',
      categories: [{ id: 0, name: 'cat' }],
      records: [{ id: 'a', file: 'a.jpg', annotations: [] }, { id: 'b', file: 'b.jpg', annotations: [], label: 0 }],
      task: 'classification',
    };
    const report = new RunReport('skip');
    const { files } = await writeFolder(index, await tempDir(), { report, emitImage: async (_r, d) => writeFile(d, '') });
    assert.equal(files.length, 1);
    assert.match(report.entries[0]!.message, /a\.jpg: image has no class label\. Hint: give the record a class label/);
    await assert.rejects(writeFolder(index, await tempDir(), { report: new RunReport('fail'), emitImage: nullSink }), AuguryError);
  });
});
