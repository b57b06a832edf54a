import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuguryError, type ErrorCode } from '../../../../src/core/errors.js';
import { readCoco } from '../../../../src/io/datasets/coco/index.js';
import { RunReport } from '../../../../src/io/datasets/report.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/coco/', import.meta.url));
const IMAGES = join(FIXTURES, 'images');
const casePath = (name: string): string => join(FIXTURES, 'cases', `${name}.json`);

interface BadCase {
  readonly name: string;
  readonly code: ErrorCode;
  readonly record: string;
  /** A phrase of the hint (or of the message) that tells the user what to do. */
  readonly hint: RegExp;
  /** What a skipping read still gets: records and annotations in total. */
  readonly records: number;
  readonly annotations: number;
}

// Each case file is the same three-image dataset with one defect in the fourth record.
const CASES: readonly BadCase[] = [
  { name: 'bbox-nan', code: 'bad-box', record: 'annotations[3] (id 4)', hint: /JSON has no NaN/, records: 3, annotations: 3 },
  { name: 'bbox-negative-width', code: 'bad-box', record: 'annotations[3] (id 4)', hint: /COCO stores \[x, y, width, height\]/, records: 3, annotations: 3 },
  { name: 'bbox-outside', code: 'bad-box', record: 'annotations[3] (id 4)', hint: /belong to another image/, records: 3, annotations: 3 },
  { name: 'unknown-image-id', code: 'missing-image', record: 'annotations[3] (id 4)', hint: /image_id must be the id of an entry in "images"/, records: 3, annotations: 3 },
  { name: 'unknown-category', code: 'unknown-category', record: 'annotations[3] (id 4)', hint: /add the category to "categories"/, records: 3, annotations: 3 },
  { name: 'duplicate-annotation-id', code: 'duplicate-id', record: 'annotations[3] (id 2)', hint: /its own id/, records: 3, annotations: 3 },
  { name: 'duplicate-image-id', code: 'duplicate-id', record: 'images[3] (id 2, file_name "chelsea.jpg")', hint: /its own id/, records: 3, annotations: 3 },
  { name: 'missing-image-file', code: 'missing-image', record: 'images[3] (id 4, file_name "not-there.jpg")', hint: /--images DIR/, records: 3, annotations: 3 },
  { name: 'path-escape', code: 'path-escape', record: 'images[3] (id 4, file_name "../annotations.json")', hint: /without "\.\.\/"/, records: 3, annotations: 3 },
];

describe('readCoco bad input, one file per defect', () => {
  for (const c of CASES) {
    test(`${c.name}: fails with file, record and hint; skipping keeps the rest`, async () => {
      await assert.rejects(readCoco(casePath(c.name), { report: new RunReport('fail'), imagesDir: IMAGES }), (e: unknown) => {
        assert.ok(e instanceof AuguryError, String(e));
        assert.equal(e.code, c.code);
        assert.equal(e.file, casePath(c.name));
        assert.equal(e.record, c.record);
        assert.ok(e.message.includes(`${c.name}.json`), e.message);
        assert.ok(e.message.includes(c.record), e.message);
        assert.match(e.message, /Hint: /);
        assert.match(e.hint ?? '', c.hint);
        return true;
      });
      const report = new RunReport('skip');
      const index = await readCoco(casePath(c.name), { report, imagesDir: IMAGES });
      assert.equal(index.records.length, c.records);
      assert.equal(index.records.reduce((n, r) => n + r.annotations.length, 0), c.annotations);
      assert.equal(report.count('skipped'), 1);
      assert.equal(report.entries.find((e) => e.kind === 'skipped')?.record, c.record);
    });
  }

  test('the annotation of a skipped image is left out with one warning, not a second error', async () => {
    const report = new RunReport('skip');
    await readCoco(casePath('missing-image-file'), { report, imagesDir: IMAGES });
    assert.equal(report.count('skipped'), 1);
    assert.deepEqual(
      report.entries.filter((e) => e.kind === 'warning').map((e) => e.reason),
      ['annotation-of-skipped-record'],
    );
  });

  test('unknown category lists the known ids', async () => {
    await assert.rejects(readCoco(casePath('unknown-category'), { report: new RunReport('fail'), imagesDir: IMAGES }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.expected, 'one of 1, 17, 47');
      assert.equal(e.received, '5');
      return true;
    });
  });

  test('malformed JSON: parse error at line and column, whatever onError says', async () => {
    for (const onError of ['fail', 'skip'] as const) {
      await assert.rejects(readCoco(casePath('malformed'), { report: new RunReport(onError), imagesDir: IMAGES }), (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.equal(e.code, 'parse');
        // The comma after the second image record is missing; the third starts at line 5, column 5.
        assert.equal(e.record, 'line 5, column 5');
        assert.ok(e.message.includes('malformed.json'), e.message);
        assert.match(e.hint ?? '', /missing or extra comma/);
        return true;
      });
    }
  });

  test('not a COCO document: images is not an array', async () => {
    await assert.rejects(readCoco(casePath('not-coco'), { report: new RunReport('skip') }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'validation');
      assert.match(e.message, /"images" is not an array/);
      assert.ok(e.message.includes('not-coco.json'));
      assert.match(e.hint ?? '', /COCO annotation file/);
      return true;
    });
  });

  test('a missing annotation file is an io error naming it', async () => {
    await assert.rejects(readCoco(casePath('does-not-exist'), { report: new RunReport('skip') }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'io');
      assert.ok(e.message.includes('does-not-exist.json'));
      return true;
    });
  });
});
