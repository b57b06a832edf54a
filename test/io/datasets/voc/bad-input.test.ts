import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AuguryError } from '../../../../src/core/errors.js';
import { RunReport } from '../../../../src/io/datasets/report.js';
import { readVoc } from '../../../../src/io/datasets/voc/index.js';
import { FIXTURES, near } from '../yolo/helpers.js';

// Each bad file has its own ImageSets/Main/<case>.txt, so a case can be read alone.
const bad = join(FIXTURES, 'voc/bad');

describe('readVoc: bad input', () => {
  test('malformed XML: the file is skipped with its line and a hint', async () => {
    const report = new RunReport('skip');
    const index = await readVoc(bad, { report, split: 'malformed' });
    assert.equal(index.records.length, 0);
    assert.equal(report.entries.length, 1);
    const e = report.entries[0]!;
    assert.equal(e.reason, 'parse');
    assert.match(e.file!, /Annotations[/\\]malformed\.xml$/);
    // The <bndbox> opened on line 10 is closed by </object> on line 15.
    assert.equal(e.record, 'line 15');
    assert.match(e.message, /malformed\.xml: line 15: malformed XML: .*Hint: fix or regenerate this annotation file/);
    await assert.rejects(readVoc(bad, { report: new RunReport('fail'), split: 'malformed' }), (err: unknown) => err instanceof AuguryError && err.code === 'parse' && err.record === 'line 15');
  });

  test('bad objects are skipped one by one with <object> N (name) and a hint; good objects are read', async () => {
    const report = new RunReport('skip');
    const index = await readVoc(bad, { report, split: 'objects' });
    const anns = index.records[0]!.annotations;
    assert.deepEqual(anns.map((a) => index.categories[a.category]!.name), ['cup', 'saucer']);
    near(anns[0]!.box, [12, 8, 36, 24], 0, 'object 1');
    near(anns[1]!.box, [4, 16, 44, 32], 0, 'object 5');
    const got = report.entries.map((e) => [e.reason, e.record]);
    assert.deepEqual(got, [
      ['bad-box', '<object> 2 (saucer)'],
      ['bad-box', '<object> 3 (spoon)'],
      ['bad-box', '<object> 4 (table)'],
    ]);
    const [flipped, nobox, text] = report.entries.map((e) => e.message);
    assert.match(flipped!, /objects\.xml: <object> 2 \(saucer\): xmax is left of xmin \(expected xmin <= xmax and ymin <= ymax, received xmin 40, ymin 5, xmax 10, ymax 30\)\. Hint: the corners may be swapped/);
    assert.match(nobox!, /objects\.xml: <object> 3 \(spoon\): the object has no <bndbox>\. Hint: add <bndbox>/);
    assert.match(text!, /objects\.xml: <object> 4 \(table\): <xmin> is not a number \(received "one"\)\. Hint: write the four corners as numbers/);
  });

  test("bad objects fail the read with onError 'fail'", async () => {
    await assert.rejects(readVoc(bad, { report: new RunReport('fail'), split: 'objects' }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.file ?? '', /objects\.xml$/);
      assert.equal(e.record, '<object> 2 (saucer)');
      assert.match(e.message, /Hint: the corners may be swapped/);
      return true;
    });
  });

  test('a filename with ../ is refused: the file is skipped, naming the XML and <filename>', async () => {
    const report = new RunReport('skip');
    const index = await readVoc(bad, { report, split: 'escape' });
    assert.equal(index.records.length, 0);
    const e = report.entries[0]!;
    assert.equal(e.reason, 'path-escape');
    assert.equal(e.record, '<filename>');
    assert.match(e.message, /escape\.xml: <filename>: image path leaves the dataset folder \(received "\.\.\/\.\.\/secret\.jpg"\)\. Hint: store image paths relative to the dataset folder/);
    await assert.rejects(readVoc(bad, { report: new RunReport('fail'), split: 'escape' }), (err: unknown) => err instanceof AuguryError && err.code === 'path-escape');
  });

  test('reading the whole folder skips the bad files and keeps the rest', async () => {
    const report = new RunReport('skip');
    const index = await readVoc(bad, { report });
    assert.deepEqual(index.records.map((r) => r.id), ['objects']);
    assert.equal(report.count('skipped'), 5);
  });
});
