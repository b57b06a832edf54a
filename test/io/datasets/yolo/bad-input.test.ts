import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuguryError } from '../../../../src/core/errors.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { readYolo } from '../../../../src/io/datasets/yolo/index.js';
import { FIXTURES, near, sizeOf, tempDir } from './helpers.js';

const bad = join(FIXTURES, 'yolo/bad');

/**
 * Each case's label file has a good line 1, the bad line 2 and a good line 3 (see the fixture
 * README). `hint` is a piece of the hint the message must carry.
 */
const CASES: { name: string; reason: string; detail: RegExp; hint: RegExp }[] = [
  { name: 'count', reason: 'bad-annotation', detail: /wrong number of values on the line \(expected 5, or an odd number >= 7, received 4 values\)/, hint: /5 values \(class cx cy w h\) for a box, or 1 \+ 2n values/ },
  { name: 'nan', reason: 'bad-annotation', detail: /value 2 is NaN or infinite/, hint: /replace it with a number between 0 and 1/ },
  { name: 'class', reason: 'unknown-category', detail: /class index is not one of the classes in data\.yaml \(expected an integer 0\.\.1, received 2\)/, hint: /add the missing class to `names` in data\.yaml/ },
  { name: 'negative', reason: 'bad-annotation', detail: /negative width or height/, hint: /w and h >= 0/ },
  { name: 'outside', reason: 'bad-box', detail: /box lies entirely outside the image/, hint: /remove it or fix its coordinates/ },
  { name: 'pose', reason: 'bad-annotation', detail: /received 11 values/, hint: /14 values per line \(kpt_shape \[3, 3\]\): class cx cy w h, then 3 keypoints as x y visibility/ },
];

describe('readYolo: bad label lines', () => {
  for (const c of CASES) {
    test(`${c.name}: skipped with file, line and hint; the other lines are read`, async () => {
      const report = new RunReport('skip');
      const index = await readYolo(join(bad, `${c.name}.yaml`), { report, sizeOf });
      const record = index.records[0]!;
      assert.equal(record.annotations.length, 2, 'lines 1 and 3 are read');
      // Line 1 (0 0.5 0.5 0.5 0.5) on the 48x32 image: pixels x 12..35, y 8..23.
      near(record.annotations[0]!.box, [12, 8, 36, 24], 1e-9, 'line 1');
      assert.equal(report.entries.length, 1);
      const entry = report.entries[0]!;
      assert.equal(entry.kind, 'skipped');
      assert.equal(entry.reason, c.reason);
      assert.equal(entry.record, 'line 2');
      assert.match(entry.message, new RegExp(`labels[/\\\\]${c.name}[/\\\\]coffee\\.txt: line 2: `));
      assert.match(entry.message, c.detail);
      assert.match(entry.message, /Hint: /);
      assert.match(entry.message, c.hint);
    });

    test(`${c.name}: with onError 'fail' the read throws the same error`, async () => {
      await assert.rejects(readYolo(join(bad, `${c.name}.yaml`), { report: new RunReport('fail'), sizeOf }), (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.match(e.file ?? '', new RegExp(`labels[/\\\\]${c.name}[/\\\\]coffee\\.txt$`));
        assert.equal(e.record, 'line 2');
        assert.match(e.message, c.detail);
        assert.match(e.message, c.hint);
        return true;
      });
    });
  }

  test('pixel values instead of fractions get a hint saying so', async () => {
    const dir = await tempDir();
    await cp(join(bad, 'images/count'), join(dir, 'images/train'), { recursive: true });
    await mkdir(join(dir, 'labels/train'), { recursive: true });
    await writeFile(join(dir, 'labels/train/coffee.txt'), '0 24 16 10 10\n');
    await writeFile(join(dir, 'data.yaml'), 'train: images/train\nnames: [cup]\n');
    const report = new RunReport();
    await readYolo(dir, { report, sizeOf });
    assert.match(report.entries[0]!.message, /line 1: .*Hint: YOLO coordinates are fractions of the image size \(0\.\.1\) but this line looks like pixels/);
  });
});

describe('readYolo: bad data.yaml', () => {
  for (const onError of ['skip', 'fail'] as const) {
    test(`malformed YAML fails the read with the file, line and a hint (onError ${onError})`, async () => {
      // A broken dataset file leaves nothing to read, so it fails whatever onError says.
      await assert.rejects(readYolo(join(bad, 'malformed.yaml'), { report: new RunReport(onError), sizeOf }), (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.equal(e.code, 'parse');
        assert.match(e.message, /malformed\.yaml: line \d+: the dataset yaml is not valid YAML/);
        assert.match(e.message, /Hint: fix the YAML syntax/);
        return true;
      });
    });
  }
});
