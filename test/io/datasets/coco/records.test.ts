import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuguryError } from '../../../../src/core/errors.js';
import { readCoco } from '../../../../src/io/datasets/coco/index.js';
import { RunReport } from '../../../../src/io/datasets/report.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/coco/', import.meta.url));

/** Writes `doc` as a COCO file beside a copy of coffee.jpg (120x80, image id 1) and reads it. */
async function readDoc(doc: Record<string, unknown>, onError: 'skip' | 'fail' = 'skip') {
  const dir = mkdtempSync(join(tmpdir(), 'augury-coco-'));
  mkdirSync(join(dir, 'images'));
  copyFileSync(join(FIXTURES, 'images', 'coffee.jpg'), join(dir, 'images', 'coffee.jpg'));
  const file = join(dir, 'doc.json');
  writeFileSync(file, JSON.stringify({ images: [{ id: 1, file_name: 'coffee.jpg', width: 120, height: 80 }], categories: [{ id: 1, name: 'cup' }], ...doc }));
  const report = new RunReport(onError);
  const index = await readCoco(file, { report });
  return { index, report, file };
}

const ann = (extra: Record<string, unknown>): Record<string, unknown> => ({ id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], ...extra });

describe('readCoco record checks', () => {
  test('wrong field types name the field, what it should hold and what it holds', async () => {
    const { report } = await readDoc({ annotations: [ann({ bbox: [1, 2, 3] }), ann({ id: 2, segmentation: 'poly' }), ann({ id: 3, category_id: '1' })] });
    const skipped = report.entries.filter((e) => e.kind === 'skipped');
    assert.deepEqual(skipped.map((e) => e.record), ['annotations[0] (id 1)', 'annotations[1] (id 2)', 'annotations[2] (id 3)']);
    assert.match(skipped[0]!.message, /expected \[x, y, width, height\]: four finite numbers in pixels, received \[1,2,3\]/);
    assert.match(skipped[1]!.message, /field "segmentation".*received "poly"/);
    assert.match(skipped[2]!.message, /field "category_id".*received "1"/);
  });

  test('a record that is not an object, or lacks a required key', async () => {
    const { index, report } = await readDoc({
      images: [{ id: 1, file_name: 'coffee.jpg', width: 120, height: 80 }, 42, { id: 3, width: 5, height: 5 }],
      annotations: [],
    });
    assert.equal(index.records.length, 1);
    const messages = report.entries.map((e) => e.message);
    assert.match(messages[0]!, /images\[1\]: image record is not a JSON object/);
    assert.match(messages[1]!, /images\[2\] \(id 3\): image has no "file_name"/);
  });

  test('RLE whose size is not the image size, or whose counts do not add up', async () => {
    const { index, report } = await readDoc({
      annotations: [
        ann({ iscrowd: 1, segmentation: { size: [120, 80], counts: [9600] } }),
        ann({ id: 2, iscrowd: 1, segmentation: { size: [80, 120], counts: [100, 5] } }),
        ann({ id: 3, iscrowd: 1, segmentation: { size: [80, 120], counts: [9600] } }),
      ],
    });
    assert.equal(index.records[0]!.annotations.length, 1);
    assert.match(report.entries[0]!.message, /RLE size differs from the image size \(expected \[80, 120\]/);
    assert.match(report.entries[1]!.message, /annotations\[1\] \(id 2\): RLE counts do not cover the mask exactly/);
  });

  test('keypoints: wrong count for the category, bad visibility, not triples', async () => {
    const categories = [{ id: 1, name: 'person', keypoints: ['a', 'b'], skeleton: [[1, 2]] }];
    const { index, report } = await readDoc({
      categories,
      annotations: [
        ann({ keypoints: [1, 1, 2] }),
        ann({ id: 2, keypoints: [1, 1, 2, 3, 3, 5] }),
        ann({ id: 3, keypoints: [1, 1, 2, 3, 3] }),
        ann({ id: 4, keypoints: [1, 1, 2, 3, 3, 1] }),
      ],
    });
    assert.deepEqual(index.records[0]!.annotations.map((a) => a.id), [4]);
    assert.deepEqual(index.keypoints, { count: 2, dims: 3, names: ['a', 'b'], skeleton: [[0, 1]] });
    const messages = report.entries.map((e) => e.message);
    assert.match(messages[0]!, /keypoint count differs from the category \(expected 2 keypoints/);
    assert.match(messages[1]!, /keypoint 1 has an invalid visibility \(expected 0, 1 or 2, received 5\)/);
    assert.match(messages[2]!, /not x, y, v triples/);
  });

  test('flip_idx is read; a flip mapping that does not mirror back is reported and ignored', async () => {
    const good = await readDoc({ categories: [{ id: 1, name: 'p', keypoints: ['l', 'r', 'n'], flip_idx: [1, 0, 2] }], annotations: [] });
    assert.deepEqual(good.index.keypoints?.flipIndex, [1, 0, 2]);
    assert.deepEqual(good.index.categories[0]!.extra, { flip_idx: [1, 0, 2] });
    const bad = await readDoc({ categories: [{ id: 1, name: 'p', keypoints: ['l', 'r', 'n'], flip_pairs: [[0, 1], [1, 2]] }], annotations: [] });
    assert.equal(bad.index.keypoints?.flipIndex, undefined);
    assert.equal(bad.report.count('skipped'), 1);
    assert.match(bad.report.entries[0]!.message, /categories\[0\] \(id 1\): flip_pairs: "flip_pairs" is not a valid flip mapping/);
    await assert.rejects(readDoc({ categories: [{ id: 1, name: 'p', keypoints: ['l', 'r'], flip_idx: [0] }], annotations: [] }, 'fail'), AuguryError);
  });

  test('a skeleton edge outside the keypoints skips the category and, quietly, its annotations', async () => {
    const { index, report } = await readDoc({
      categories: [{ id: 1, name: 'p', keypoints: ['a', 'b'], skeleton: [[0, 1]] }],
      annotations: [ann({})],
    });
    assert.equal(index.categories.length, 0);
    assert.equal(index.records[0]!.annotations.length, 0);
    assert.match(report.entries[0]!.message, /skeleton edge 0 points at a keypoint that does not exist.*Hint: COCO skeleton indices start at 1/);
    assert.deepEqual(report.entries.map((e) => e.kind), ['skipped', 'warning']);
  });

  test('degenerate polygon rings are dropped with a warning, the annotation stays', async () => {
    const { index, report } = await readDoc({ annotations: [ann({ segmentation: [[1, 1, 5, 5], [0, 0, 4, 0, 4, 4]] })] });
    assert.deepEqual(index.records[0]!.annotations[0]!.polygons, [[0, 0, 4, 0, 4, 4]]);
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'degenerate-polygon']]);
  });

  test('category ids missing from the file are listed as "no categories defined"', async () => {
    const { report } = await readDoc({ categories: [], annotations: [ann({})] });
    assert.match(report.entries[0]!.message, /expected one of \(no categories defined\)/);
  });
});
