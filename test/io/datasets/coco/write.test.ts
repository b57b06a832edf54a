import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { AuguryError } from '../../../../src/core/errors.js';
import { readCoco, shortestDelta, writeCoco } from '../../../../src/io/datasets/coco/index.js';
import type { ImageSink } from '../../../../src/io/datasets/io-types.js';
import type { DatasetIndex } from '../../../../src/io/datasets/model.js';
import { RunReport } from '../../../../src/io/datasets/report.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/coco/', import.meta.url));
const MAIN = join(FIXTURES, 'annotations.json');

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'augury-coco-'));

/** An image sink that copies the source file, as the convert command does without transforms. */
function copier(index: DatasetIndex, calls: [string, string][] = []): ImageSink {
  return async (record, dest) => {
    calls.push([record.file, dest]);
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(join(index.imageRoot, record.file), dest);
  };
}

/** Everything but where the dataset lives. */
function content(index: DatasetIndex): Omit<DatasetIndex, 'source' | 'imageRoot'> {
  const { source: _s, imageRoot: _r, ...rest } = index;
  return rest;
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8')) as unknown;

describe('writeCoco round trip', () => {
  test('read -> write reproduces the hand-written file field by field', async () => {
    const index = await readCoco(MAIN, { report: new RunReport('fail') });
    const out = tempDir();
    const report = new RunReport('fail');
    const calls: [string, string][] = [];
    const result = await writeCoco(index, out, { report, emitImage: copier(index, calls) });
    const written = join(out, 'annotations.json');
    assert.deepEqual(result.files, [...['astronaut.jpg', 'coffee.jpg', 'chelsea.jpg'].map((f) => join(out, 'images', f)), written]);
    assert.deepEqual(calls.map((c) => c[0]), ['astronaut.jpg', 'coffee.jpg', 'chelsea.jpg']);
    assert.deepEqual(await readJson(written), await readJson(MAIN));
    assert.deepEqual(await readFile(join(out, 'images', 'coffee.jpg')), await readFile(join(FIXTURES, 'images', 'coffee.jpg')));
    assert.equal(report.entries.length, 0);
  });

  test('read(write(read(x))) equals read(x)', async () => {
    const first = await readCoco(MAIN, { report: new RunReport('fail') });
    const out = tempDir();
    await writeCoco(first, out, { report: new RunReport('fail'), emitImage: copier(first) });
    const second = await readCoco(join(out, 'annotations.json'), { report: new RunReport('fail') });
    assert.deepEqual(content(second), content(first));
    assert.equal(second.imageRoot, join(out, 'images'));
  });

  test('decimals, compressed RLE, v = 0 keypoints with coordinates, and documented normalizations', async () => {
    const dir = tempDir();
    await mkdir(join(dir, 'images'));
    await copyFile(join(FIXTURES, 'images', 'coffee.jpg'), join(dir, 'images', 'c.jpg'));
    const source = {
      images: [{ id: 5, file_name: 'c.jpg', width: 120, height: 80 }],
      annotations: [
        // 0.1 + 0.2 and 3.1 + 42.7 both carry float noise once turned into corners.
        { id: 1, image_id: 5, category_id: 3, bbox: [0.1, 3.1, 0.2, 42.7], area: 8.54, iscrowd: 0, keypoints: [10.3, 20.7, 2, 7, 9, 0], num_keypoints: 1 },
        // 100 zeros, 50 ones (column 1, rows 20..69), 9450 zeros: "T3" "b1" "ZW9" in pycocotools' string form.
        { id: 2, image_id: 5, category_id: 3, bbox: [1, 20, 1, 50], area: 50, iscrowd: true, segmentation: { size: [80, 120], counts: 'T3b1ZW9' } },
        { id: 3, image_id: 5, category_id: 3, bbox: [1, 1, 2, 2], iscrowd: 0, keypoints: [1, 1, 2, 2, 2, 1], num_keypoints: 5 },
      ],
      categories: [{ id: 3, name: 'thing' }],
    };
    await writeFile(join(dir, 'a.json'), JSON.stringify(source));
    const report = new RunReport('skip');
    const index = await readCoco(join(dir, 'a.json'), { report });
    assert.deepEqual(report.entries.map((e) => e.reason), ['num-keypoints-mismatch']);
    assert.deepEqual(index.records[0]!.annotations[0]!.keypoints, { xy: [10.8, 21.2, 7, 9], visibility: [2, 0] });
    const out = tempDir();
    await writeCoco(index, out, { report: new RunReport('fail'), emitImage: copier(index) });
    const written = (await readJson(join(out, 'annotations.json'))) as typeof source;
    const [a, b, c] = written.annotations;
    assert.deepEqual(a!.bbox, [0.1, 3.1, 0.2, 42.7]);
    assert.deepEqual(a!.keypoints, [10.3, 20.7, 2, 7, 9, 0]);
    assert.deepEqual(b!.segmentation, { size: [80, 120], counts: 'T3b1ZW9' });
    assert.deepEqual(index.records[0]!.annotations[1]!.box, [1, 20, 2, 70]);
    assert.equal(b!.iscrowd, 1); // true -> 1
    assert.equal(c!.num_keypoints, 2); // recounted
    assert.equal(c!.area, 4); // absent -> box area
    const again = await readCoco(join(out, 'annotations.json'), { report: new RunReport('fail') });
    assert.deepEqual(again.records[0]!.annotations[0], index.records[0]!.annotations[0]);
  });

  test('widths are written back exactly for integer and 2-decimal input (property)', () => {
    const int = fc.integer({ min: 0, max: 100_000 });
    fc.assert(fc.property(int, int, (x, w) => assert.equal(shortestDelta(x, x + w), w)));
    fc.assert(fc.property(int, int, (j, k) => assert.equal(shortestDelta(j / 100, j / 100 + k / 100), k / 100)));
  });

  test('a width or keypoint that came from a read adds back to the same value (property)', () => {
    // What a reader makes: x2 = x + w for boxes, stored + 0.5 for keypoints.
    const v = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(v, v, (x, w) => {
        assert.equal(x + shortestDelta(x, x + w), x + w);
        assert.equal(shortestDelta(0.5, x + 0.5) + 0.5, x + 0.5);
      }),
      { numRuns: 5000 },
    );
  });

  test('for arbitrary corners the written width adds back within one unit in the last place (property)', () => {
    // Some corner pairs have no exact width in doubles (x1 + d skips over x2 for every d).
    const v = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(v, v, (a, b) => {
        const [x1, x2] = a <= b ? [a, b] : [b, a];
        assert.ok(Math.abs(x1 + shortestDelta(x1, x2) - x2) <= Number.EPSILON * x2);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('writeCoco from other formats', () => {
  const yolo: DatasetIndex = {
    format: 'yolo',
    source: '/data/yolo/data.yaml',
    imageRoot: FIXTURES,
    task: 'detection',
    categories: [{ id: 0, name: 'thing' }],
    keypoints: { count: 2, dims: 3, flipIndex: [1, 0] },
    extra: { nc: 1, path: '/data/yolo' },
    records: [
      {
        id: 'astronaut',
        file: 'images/astronaut.jpg',
        width: 128,
        height: 128,
        split: 'train',
        annotations: [
          { category: 0, polygons: [[0, 0, 4, 0, 4, 3]] },
          { category: 0, box: [1, 2, 5, 8], keypoints: { xy: [2.5, 3.5, 0, 0], visibility: [2, 0] } },
        ],
      },
      { id: 'coffee', file: 'images/coffee.jpg', width: 120, height: 80, split: 'val', annotations: [{ category: 0, box: [10, 10, 20, 30] }] },
    ],
  };

  test('fresh ids, computed area and box, keypoint names, and reported losses', async () => {
    const out = tempDir();
    const report = new RunReport('fail');
    await writeCoco(yolo, out, { report, emitImage: async () => {} }, { annotationFile: 'ann/train.json', imagesSubdir: 'pics' });
    const doc = (await readJson(join(out, 'ann', 'train.json'))) as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(doc), ['images', 'annotations', 'categories']);
    assert.deepEqual(doc['images'], [
      { id: 1, file_name: 'images/astronaut.jpg', width: 128, height: 128 },
      { id: 2, file_name: 'images/coffee.jpg', width: 120, height: 80 },
    ]);
    assert.deepEqual(doc['annotations'], [
      // triangle (0,0) (4,0) (4,3): area 4 * 3 / 2 = 6, box from its extent
      { id: 1, image_id: 1, category_id: 0, segmentation: [[0, 0, 4, 0, 4, 3]], area: 6, bbox: [0, 0, 4, 3], iscrowd: 0 },
      // keypoint (2.5, 3.5) is the center of pixel (2, 3)
      { id: 2, image_id: 1, category_id: 0, area: 24, bbox: [1, 2, 4, 6], iscrowd: 0, keypoints: [2, 3, 2, 0, 0, 0], num_keypoints: 1 },
      { id: 3, image_id: 2, category_id: 0, area: 200, bbox: [10, 10, 10, 20], iscrowd: 0 },
    ]);
    assert.deepEqual(doc['categories'], [{ id: 0, name: 'thing', keypoints: ['kp0', 'kp1'], flip_idx: [1, 0] }]);
    assert.deepEqual(
      report.entries.map((e) => [e.kind, e.reason]),
      [
        ['dropped-field', 'split'],
        ['dropped-field', 'dataset-attributes'],
      ],
    );
  });

  test('images go to <out>/<imagesSubdir>/<file>', async () => {
    const out = tempDir();
    const calls: [string, string][] = [];
    const result = await writeCoco(yolo, out, { report: new RunReport('fail'), emitImage: copier(yolo, calls) });
    assert.deepEqual(calls, [
      ['images/astronaut.jpg', join(out, 'images', 'images', 'astronaut.jpg')],
      ['images/coffee.jpg', join(out, 'images', 'images', 'coffee.jpg')],
    ]);
    assert.equal(result.files.length, 3);
    // The written dataset finds its own images again.
    const back = await readCoco(join(out, 'annotations.json'), { report: new RunReport('fail') });
    assert.equal(back.imageRoot, join(out, 'images'));
    assert.equal(back.records.length, 2);
  });

  test("imagesSubdir '.' puts images beside the annotation file; paths leaving the output are refused", async () => {
    const out = tempDir();
    const calls: [string, string][] = [];
    await writeCoco(yolo, out, { report: new RunReport('fail'), emitImage: copier(yolo, calls) }, { imagesSubdir: '.' });
    assert.equal(calls[0]![1], join(out, 'images', 'astronaut.jpg'));
    const back = await readCoco(join(out, 'annotations.json'), { report: new RunReport('fail') });
    assert.equal(back.imageRoot, out);
    await assert.rejects(writeCoco(yolo, out, { report: new RunReport('skip'), emitImage: async () => {} }, { annotationFile: '../a.json' }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'usage');
      assert.equal(e.key, 'annotationFile');
      return true;
    });
  });

  test('classification datasets are refused with a pointer to the folder format', async () => {
    const cls: DatasetIndex = { ...yolo, format: 'folder', task: 'classification' };
    await assert.rejects(writeCoco(cls, tempDir(), { report: new RunReport('skip'), emitImage: async () => {} }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.hint ?? '', /--to folder/);
      return true;
    });
  });

  test('a record whose path leaves the image folder is skipped, or fails the run', async () => {
    const bad: DatasetIndex = { ...yolo, records: [yolo.records[1]!, { ...yolo.records[0]!, file: '../../outside.jpg' }] };
    const report = new RunReport('skip');
    const out = tempDir();
    await writeCoco(bad, out, { report, emitImage: async () => {} });
    assert.equal(report.count('skipped'), 1);
    assert.match(report.entries.find((e) => e.kind === 'skipped')!.record ?? '', /record 1 \("\.\.\/\.\.\/outside\.jpg"\)/);
    const doc = (await readJson(join(out, 'annotations.json'))) as Record<string, unknown[]>;
    assert.equal(doc['images']!.length, 1);
    await assert.rejects(writeCoco(bad, tempDir(), { report: new RunReport('fail'), emitImage: async () => {} }), (e: unknown) => e instanceof AuguryError && e.code === 'path-escape');
  });

  test('two categories with one id are refused', async () => {
    const dup: DatasetIndex = { ...yolo, categories: [{ id: 0, name: 'a' }, { id: 0, name: 'b' }] };
    await assert.rejects(writeCoco(dup, tempDir(), { report: new RunReport('skip'), emitImage: async () => {} }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'duplicate-id');
      assert.equal(e.record, 'categories[1]');
      return true;
    });
  });
});
