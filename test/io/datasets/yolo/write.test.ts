import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { AuguryError } from '../../../../src/core/errors.js';
import type { DatasetIndex } from '../../../../src/io/datasets/model.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { readYolo, writeYolo } from '../../../../src/io/datasets/yolo/index.js';
import { FIXTURES, copySink, near, nullSink, sizeOf, tempDir } from './helpers.js';

async function roundTrip(fixture: string, labelFiles: string[]): Promise<{ out: string; data: Record<string, unknown> }> {
  const index = await readYolo(join(FIXTURES, fixture), { report: new RunReport(), sizeOf });
  const out = await tempDir();
  const report = new RunReport();
  const written: string[] = [];
  const result = await writeYolo(index, out, { report, emitImage: copySink(index, written) });
  assert.equal(report.entries.length, 0, JSON.stringify(report.entries));
  for (const f of labelFiles) {
    const original = await readFile(join(FIXTURES, fixture, 'labels/train', f), 'utf8');
    const copy = await readFile(join(out, 'labels/train', f), 'utf8');
    assert.equal(copy, original, `labels/train/${f} comes back byte for byte`);
  }
  for (const w of written) assert.ok(result.files.includes(w), `${w} is listed in the result`);
  assert.ok(result.files.includes(join(out, 'data.yaml')));
  const back = await readYolo(out, { report: new RunReport(), sizeOf });
  assert.deepEqual(back.categories, index.categories);
  assert.deepEqual(back.keypoints, index.keypoints);
  assert.deepEqual(back.records.map((r) => r.annotations), index.records.map((r) => r.annotations));
  return { out, data: parseYaml(await readFile(join(out, 'data.yaml'), 'utf8')) as Record<string, unknown> };
}

describe('writeYolo: same-format round trips', () => {
  test('detection labels come back byte for byte; data.yaml keeps names and extra keys', async () => {
    const { data } = await roundTrip('yolo/detect', ['coffee.txt', 'chelsea.txt']);
    assert.deepEqual(data, { path: '.', train: 'images/train', nc: 4, names: ['cup', 'saucer', 'eye', 'cat'], author: 'augury test fixtures' });
  });

  test('segmentation labels come back byte for byte', async () => {
    const { data } = await roundTrip('yolo/segment', ['coffee.txt']);
    assert.deepEqual(data['names'], ['cup', 'saucer']);
  });

  test('pose labels come back byte for byte, with kpt_shape and flip_idx', async () => {
    const { out, data } = await roundTrip('yolo/pose', ['astronaut.txt', 'chelsea.txt']);
    assert.deepEqual(data['kpt_shape'], [3, 3]);
    assert.deepEqual(data['flip_idx'], [1, 0, 2]);
    assert.match(await readFile(join(out, 'data.yaml'), 'utf8'), /kpt_shape: \[ 3, 3 \]/);
  });

  test('records of several splits go to their own folders and data.yaml lists each', async () => {
    const report = new RunReport();
    const train = await readYolo(join(FIXTURES, 'yolo/detect'), { report, sizeOf });
    const val = await readYolo(join(FIXTURES, 'yolo/detect'), { report, sizeOf, split: 'val' });
    const both: DatasetIndex = { ...train, records: [...train.records, ...val.records] };
    const out = await tempDir();
    await writeYolo(both, out, { report: new RunReport(), emitImage: nullSink });
    const data = parseYaml(await readFile(join(out, 'data.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(data['train'], 'images/train');
    assert.equal(data['val'], 'images/val');
    assert.equal(await readFile(join(out, 'labels/val/astronaut.txt'), 'utf8'), '', 'an image without objects gets an empty label file');
  });
});

describe('writeYolo: precision and losses', () => {
  test('read(write(box)) recovers arbitrary boxes within 1e-6 px', async () => {
    const out = await tempDir();
    const W = 97;
    const H = 61;
    const sized = async () => ({ width: W, height: H });
    const coord = (max: number) => fc.double({ min: 0, max, noNaN: true });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(coord(W), coord(H), coord(W), coord(H)), { minLength: 1, maxLength: 5 }), async (raw) => {
        // A box that touches the image only along its border counts as outside, so keep clear of that.
        const boxes = raw
          .map(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)] as [number, number, number, number])
          .filter((b) => b[2] > 1e-3 && b[3] > 1e-3 && b[0] < W - 1e-3 && b[1] < H - 1e-3);
        const index: DatasetIndex = {
          format: 'coco',
          source: 'memory',
          imageRoot: out,
          categories: [{ id: 0, name: 'thing' }],
          records: [{ id: 'a', file: 'a.jpg', width: W, height: H, annotations: boxes.map((box) => ({ category: 0, box })) }],
          task: 'detection',
        };
        await writeYolo(index, out, { report: new RunReport(), emitImage: async (_r, dest) => writeFile(dest, '') });
        const back = await readYolo(out, { report: new RunReport(), sizeOf: sized });
        const got = back.records[0]!.annotations.map((a) => a.box!);
        assert.equal(got.length, boxes.length);
        got.forEach((b, i) => near(b, boxes[i]!, 1e-6, `box ${i}`));
      }),
      { seed: 20240611, numRuns: 60 },
    );
  });

  test('what YOLO cannot hold is reported once per reason, with counts', async () => {
    const index: DatasetIndex = {
      format: 'coco',
      source: 'memory.json',
      imageRoot: '/nowhere',
      categories: [
        { id: 1, name: 'cup', supercategory: 'kitchen' },
        { id: 3, name: 'saucer', supercategory: 'kitchen' },
      ],
      records: [
        {
          id: 7,
          file: 'train2017/a.jpg',
          width: 100,
          height: 50,
          annotations: [
            { id: 1, category: 0, box: [10, 10, 30, 20], area: 200 },
            { id: 2, category: 1, box: [0, 0, 100, 50], iscrowd: true, rle: { size: [50, 100], counts: [0, 5000] } },
            { id: 3, category: 1, box: [50, 0, 60, 10], extra: { score: 0.9 } },
          ],
        },
      ],
      task: 'detection',
      extra: { info: { year: 2024 }, licenses: [] },
    };
    const out = await tempDir();
    const report = new RunReport();
    await writeYolo(index, out, { report, emitImage: nullSink });
    // Box [10, 10, 30, 20] on 100x50: centre (20, 15), size 20x10.
    assert.equal(await readFile(join(out, 'labels/train/a.txt'), 'utf8'), '0 0.2 0.3 0.2 0.2\n1 0.55 0.1 0.1 0.2\n');
    const dropped = Object.fromEntries(report.entries.filter((e) => e.kind === 'dropped-field').map((e) => [e.reason, e.message]));
    assert.deepEqual(Object.keys(dropped).sort(), ['annotation-attributes', 'annotation-ids', 'area', 'category-ids', 'crowd', 'dataset-attributes', 'image-ids', 'supercategory']);
    assert.match(dropped['crowd']!, /^1 crowd annotations/);
    assert.match(dropped['annotation-ids']!, /^2 annotation ids/, 'the crowd annotation is dropped before its id is counted');
    assert.match(dropped['category-ids']!, /^2 category ids/);
    const data = parseYaml(await readFile(join(out, 'data.yaml'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(data['names'], ['cup', 'saucer']);
    assert.equal(data['info'], undefined);
  });

  test('segmentation: several rings become one; box-only objects become rectangles', async () => {
    const index: DatasetIndex = {
      format: 'coco',
      source: 'memory.json',
      imageRoot: '/nowhere',
      categories: [{ id: 0, name: 'thing' }],
      records: [
        {
          id: 'a',
          file: 'a.jpg',
          width: 100,
          height: 100,
          annotations: [
            { category: 0, box: [0, 0, 60, 10], polygons: [[0, 0, 10, 0, 10, 10, 0, 10], [50, 0, 60, 0, 60, 10, 50, 10]] },
            { category: 0, box: [20, 20, 40, 30] },
          ],
        },
      ],
      task: 'detection',
    };
    const out = await tempDir();
    const report = new RunReport();
    await writeYolo(index, out, { report, emitImage: nullSink }, { kind: 'segment' });
    const lines = (await readFile(join(out, 'labels/train/a.txt'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 2);
    const ring = lines[0]!.split(' ').slice(1).map((v) => Number(v) * 100);
    assert.equal(shoelace(ring), 200, 'two 10x10 squares joined by a zero-width bridge keep their total area');
    assert.equal(lines[1], '0 0.2 0.2 0.4 0.2 0.4 0.3 0.2 0.3');
    const reasons = report.entries.map((e) => e.reason).sort();
    assert.deepEqual(reasons, ['box-as-polygon', 'multi-ring-polygon']);
  });

  test('a clash of file names is resolved with a suffix and reported', async () => {
    const index: DatasetIndex = {
      format: 'coco',
      source: 'memory.json',
      imageRoot: '/nowhere',
      categories: [{ id: 0, name: 'thing' }],
      records: [
        { id: 'a', file: 'a/x.jpg', width: 10, height: 10, annotations: [{ category: 0, box: [0, 0, 5, 5] }] },
        { id: 'b', file: 'b/x.png', width: 10, height: 10, annotations: [{ category: 0, box: [5, 5, 10, 10] }] },
      ],
      task: 'detection',
    };
    const out = await tempDir();
    const report = new RunReport();
    const dests: string[] = [];
    await writeYolo(index, out, { report, emitImage: async (_r, d) => void dests.push(d) });
    assert.deepEqual(dests, [join(out, 'images/train/x.jpg'), join(out, 'images/train/x_1.png')]);
    assert.equal(await readFile(join(out, 'labels/train/x_1.txt'), 'utf8'), '0 0.75 0.75 0.5 0.5\n');
    assert.deepEqual(report.entries.map((e) => [e.kind, e.reason]), [['warning', 'name-clash']]);
  });

  test('refuses a classification dataset', async () => {
    const index: DatasetIndex = { format: 'folder', source: 'x', imageRoot: 'x', categories: [{ id: 0, name: 'cat' }], records: [], task: 'classification' };
    await assert.rejects(writeYolo(index, await tempDir(), { report: new RunReport(), emitImage: nullSink }), (e: unknown) => e instanceof AuguryError && e.code === 'unsupported' && /--to folder/.test(e.message));
  });
});

function shoelace(ring: number[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i += 2) {
    const j = (i + 2) % ring.length;
    s += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return Math.abs(s) / 2;
}
