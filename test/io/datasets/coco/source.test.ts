import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { openDataset, type OpenOptions } from '../../../../src/io/datasets/open.js';
import { RunReport, type ReportEntry } from '../../../../src/io/datasets/report.js';
import { datasetKinds } from '../../../../src/io/datasets/sample.js';
import { openDatasetSource } from '../../../../src/io/datasets/source.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/coco/', import.meta.url));
const IMAGES = join(FIXTURES, 'images');
const SIZES: Record<string, [number, number]> = { 'astronaut.jpg': [128, 128], 'coffee.jpg': [120, 80], 'chelsea.jpg': [120, 80] };

const byJson = (entries: readonly ReportEntry[]): string[] => entries.map((e) => JSON.stringify(e)).sort();

/**
 * Opens `path` both ways and checks that the record-by-record source gives exactly what the
 * in-memory index holds: the header, every record in order, the target kinds and the report
 * (the image checks run concurrently, so report entries are compared as sets).
 */
async function assertSameAsIndex(path: string, opts: Omit<OpenOptions, 'report'> = {}): Promise<number> {
  const eagerReport = new RunReport('skip');
  const lazyReport = new RunReport('skip');
  let eagerError: unknown;
  let index;
  try {
    index = await openDataset(path, { ...opts, report: eagerReport });
  } catch (e) {
    eagerError = e;
  }
  if (eagerError !== undefined) {
    await assert.rejects(openDatasetSource(path, { ...opts, report: lazyReport }), (e: unknown) => {
      assert.equal(String(e), String(eagerError));
      return true;
    });
    return 0;
  }
  const source = await openDatasetSource(path, { ...opts, report: lazyReport });
  try {
    const { records, ...header } = index!;
    assert.deepEqual(source.header, header);
    assert.equal(source.size, records.length);
    for (let i = 0; i < source.size; i++) assert.deepEqual(await source.record(i), records[i], `record ${i}`);
    // Twice: a record is read back from the file on each call.
    if (source.size > 0) assert.deepEqual(await source.record(source.size - 1), records[source.size - 1]);
    assert.deepEqual(source.kinds, datasetKinds(index!));
    assert.deepEqual(byJson(lazyReport.entries), byJson(eagerReport.entries));
  } finally {
    await source.close();
  }
  return index!.records.length;
}

describe('COCO read record by record (the source augment walks)', () => {
  test('equals the in-memory index on every fixture, the defect cases and the demo dataset', async () => {
    assert.equal(await assertSameAsIndex(join(FIXTURES, 'annotations.json')), 3);
    assert.equal(await assertSameAsIndex('data/demo/coco'), 4);
    const cases = readdirSync(join(FIXTURES, 'cases')).filter((f) => f.endsWith('.json'));
    assert.ok(cases.length >= 10);
    for (const name of cases) await assertSameAsIndex(join(FIXTURES, 'cases', name), { imagesDir: IMAGES });
  });

  test('equals the in-memory index on random datasets: shuffled and orphaned annotations, duplicate ids, wrong or missing sizes (property)', async () => {
    const image = fc.record({
      file: fc.constantFrom('astronaut.jpg', 'coffee.jpg', 'chelsea.jpg', 'missing.jpg'),
      size: fc.constantFrom('right', 'none', 'wrong'),
      stringId: fc.boolean(),
      extra: fc.option(fc.constantFrom({ license: 2 }, { flickr_url: 'x', date: '2024' }), { nil: undefined }),
    });
    const annotation = fc.record({
      image: fc.nat({ max: 9 }),
      id: fc.nat({ max: 40 }),
      category: fc.constantFrom(1, 2, 3, 99),
      box: fc.tuple(fc.double({ min: -3, max: 130, noNaN: true }), fc.double({ min: -3, max: 130, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true })),
      ring: fc.option(fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 2, maxLength: 12 }), { nil: undefined }),
      keypoints: fc.boolean(),
      shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'bad'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'augury-coco-source-'));
    mkdirSync(join(dir, 'images'));
    for (const f of Object.keys(SIZES)) copyFileSync(join(IMAGES, f), join(dir, 'images', f));
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(image, { minLength: 1, maxLength: 8 }), fc.array(annotation, { maxLength: 24 }), fc.boolean(), async (images, annotations, check) => {
        const id = (i: number): number | string => (images[i]?.stringId ? `img${i}` : i + 1);
        const doc = {
          info: { note: 'generated' },
          images: images.map((im, i) => {
            const [w, h] = SIZES[im.file] ?? [50, 50];
            const size = im.size === 'right' ? { width: w, height: h } : im.size === 'wrong' ? { width: w + 1, height: h } : {};
            return { id: id(i), file_name: im.file, ...size, ...im.extra };
          }),
          annotations: annotations.map((a) => ({
            id: a.id,
            image_id: id(a.image),
            category_id: a.category,
            bbox: a.shape === 'bad' ? [a.box[0]] : a.box,
            ...(a.ring ? { segmentation: [a.ring] } : {}),
            ...(a.keypoints ? { keypoints: [10, 10, 2, 0, 0, 0], num_keypoints: 1 } : {}),
          })),
          categories: [
            { id: 1, name: 'cat' },
            { id: 2, name: 'dog' },
            { id: 3, name: 'cup', supercategory: 'kitchen' },
          ],
        };
        const path = join(dir, `doc-${k++}.json`);
        writeFileSync(path, JSON.stringify(doc, null, k % 2));
        await assertSameAsIndex(path, { checkImages: check });
      }),
      { numRuns: 40 },
    );
  });

  test('records come back in index order after records fail the image check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'augury-coco-source-'));
    mkdirSync(join(dir, 'images'));
    copyFileSync(join(IMAGES, 'coffee.jpg'), join(dir, 'images', 'coffee.jpg'));
    const images = [
      { id: 1, file_name: 'coffee.jpg', width: 120, height: 80 },
      { id: 2, file_name: 'coffee.jpg', width: 80, height: 120 },
      { id: 3, file_name: 'coffee.jpg' },
    ];
    // Only the record that fails the check has a polygon: the kinds must not count it.
    const annotations = [3, 1, 3, 2, 1].map((image_id, i) => ({ id: i + 1, image_id, category_id: 1, bbox: [i, i, 10, 10], ...(image_id === 2 ? { segmentation: [[3, 3, 13, 3, 13, 13]] } : {}) }));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ images, annotations, categories: [{ id: 1, name: 'cup' }] }));
    const report = new RunReport('skip');
    const source = await openDatasetSource(join(dir, 'a.json'), { report });
    try {
      assert.equal(source.size, 2);
      assert.equal(report.count('skipped'), 1);
      assert.match(report.entries[0]!.message, /another size/);
      const [a, b] = [await source.record(0), await source.record(1)];
      assert.deepEqual([a.id, a.annotations.map((x) => x.id)], [1, [2, 5]]);
      // The size read from the image header fills in what the record did not state.
      assert.deepEqual([b.id, b.width, b.height, b.annotations.map((x) => x.id)], [3, 120, 80, [1, 3]]);
      assert.deepEqual(source.kinds, { polygons: false, keypoints: false, rle: false });
    } finally {
      await source.close();
    }
    await assertSameAsIndex(join(dir, 'a.json'));
  });
});
