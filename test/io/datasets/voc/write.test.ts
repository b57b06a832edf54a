import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { AuguryError } from '../../../../src/core/errors.js';
import type { DatasetIndex } from '../../../../src/io/datasets/model.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { readVoc, writeVoc } from '../../../../src/io/datasets/voc/index.js';
import { FIXTURES, copySink, near, nullSink, tempDir } from '../yolo/helpers.js';

const good = join(FIXTURES, 'voc/good');

// An independent reading of the XML: every element as text, repeated elements as arrays.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: false, isArray: (name) => name === 'object' });
async function parsed(path: string): Promise<unknown> {
  return parser.parse(await readFile(path, 'utf8'));
}

describe('writeVoc', () => {
  test('a VOC -> VOC round trip keeps every element of every file', async () => {
    const index = await readVoc(good, { report: new RunReport(), split: 'train' });
    const out = await tempDir();
    const report = new RunReport();
    const { files } = await writeVoc(index, out, { report, emitImage: copySink(index) });
    assert.equal(report.entries.length, 0, JSON.stringify(report.entries));
    assert.deepEqual(await parsed(join(out, 'Annotations/chelsea.xml')), await parsed(join(good, 'Annotations/chelsea.xml')));
    assert.equal(await readFile(join(out, 'ImageSets/Main/train.txt'), 'utf8'), 'chelsea\n');
    assert.equal(await readFile(join(out, 'labels.txt'), 'utf8'), 'eye\nnose\n');
    assert.deepEqual(await readFile(join(out, 'JPEGImages/chelsea.jpg')), await readFile(join(good, 'JPEGImages/chelsea.jpg')));
    assert.deepEqual(files.map((f) => f.slice(out.length + 1)).sort(), ['Annotations/chelsea.xml', 'ImageSets/Main/train.txt', 'JPEGImages/chelsea.jpg', 'labels.txt']);
  });

  test('every file of the fixture survives, and reading the output gives the same index', async () => {
    const index = await readVoc(good, { report: new RunReport() });
    const out = await tempDir();
    await writeVoc(index, out, { report: new RunReport(), emitImage: copySink(index) });
    for (const f of ['chelsea.xml', 'coffee.xml']) {
      assert.deepEqual(await parsed(join(out, 'Annotations', f)), await parsed(join(good, 'Annotations', f)), f);
      // The fixtures use VOC's own layout (tabs, this element order), so even the text comes back.
      assert.equal(await readFile(join(out, 'Annotations', f), 'utf8'), await readFile(join(good, 'Annotations', f), 'utf8'), f);
    }
    const back = await readVoc(out, { report: new RunReport() });
    assert.deepEqual(back.categories, index.categories);
    assert.deepEqual(back.records, index.records);
  });

  test('continuous boxes become xmin = x1 + 1, xmax = x2, with the fewest decimals', async () => {
    const index: DatasetIndex = {
      format: 'coco',
      source: 'memory.json',
      imageRoot: '/nowhere',
      categories: [{ id: 1, name: 'cup', supercategory: 'kitchen' }],
      records: [
        {
          id: 42,
          file: 'val2017/a.jpg',
          width: 100,
          height: 50,
          annotations: [
            { id: 1, category: 0, box: [10.25, 0, 20, 30.5], area: 200, polygons: [[10.25, 0, 20, 0, 20, 30.5]] },
            { id: 2, category: 0, box: [0, 0, 100, 50], iscrowd: true },
            { id: 3, category: 0, box: [0.1 + 0.2, 1, 3, 4], keypoints: { xy: [1, 1], visibility: [2] } },
          ],
        },
      ],
      task: 'detection',
      extra: { info: {} },
    };
    const out = await tempDir();
    const report = new RunReport();
    await writeVoc(index, out, { report, emitImage: nullSink });
    const doc = (await parsed(join(out, 'Annotations/a.xml'))) as { annotation: { object: { bndbox: Record<string, string>; name: string; pose: string }[]; size: Record<string, string> } };
    const objects = doc.annotation.object;
    assert.equal(objects.length, 2, 'the crowd annotation is left out');
    assert.deepEqual(objects[0]!.bndbox, { xmin: '11.25', ymin: '1', xmax: '20', ymax: '30.5' });
    // 0.1 + 0.2 is 0.30000000000000004: written as 1.3, which is within 1e-9 px.
    assert.deepEqual(objects[1]!.bndbox, { xmin: '1.3', ymin: '2', xmax: '3', ymax: '4' });
    assert.equal(objects[0]!.name, 'cup');
    assert.equal(objects[0]!.pose, 'Unspecified');
    assert.deepEqual(doc.annotation.size, { width: '100', height: '50', depth: '3' });
    const dropped = report.entries.filter((e) => e.kind === 'dropped-field').map((e) => e.reason).sort();
    assert.deepEqual(dropped, ['annotation-ids', 'area', 'category-ids', 'crowd', 'dataset-attributes', 'image-ids', 'keypoints', 'polygons', 'supercategory']);
    assert.match(report.entries.find((e) => e.reason === 'annotation-ids')!.message, /^2 annotation ids/);
    const back = await readVoc(out, { report: new RunReport() });
    near(back.records[0]!.annotations[0]!.box, [10.25, 0, 20, 30.5], 1e-12, 'read back');
  });

  test('refuses a classification dataset', async () => {
    const index: DatasetIndex = { format: 'folder', source: 'x', imageRoot: 'x', categories: [{ id: 0, name: 'cat' }], records: [], task: 'classification' };
    await assert.rejects(writeVoc(index, await tempDir(), { report: new RunReport(), emitImage: nullSink }), (e: unknown) => e instanceof AuguryError && e.code === 'unsupported');
  });
});
