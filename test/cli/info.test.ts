import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const DEMO = 'data/demo/coco';

describe('augury info', () => {
  test('prints counts, classes, sizes and box-size classes of the demo dataset as JSON', async () => {
    const r = await runCli('info', DEMO, '--json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      images: number;
      annotations: number;
      classes: { name: string; count: number; images: number }[];
      imageSizes: { common: { size: string; count: number }[] };
      cocoSizes: { small: number; medium: number; large: number };
      boxSizes: { count: number }[];
      annotationKinds: { polygons: number; keypoints: number };
    };
    assert.equal(j.images, 4);
    assert.equal(j.annotations, 14);
    const byName = Object.fromEntries(j.classes.map((c) => [c.name, c]));
    assert.equal(byName['tower']!.count, 4);
    assert.equal(byName['tower']!.images, 1);
    assert.equal(byName['eye']!.count, 2);
    assert.deepEqual(j.imageSizes.common, [
      { size: '200x133', count: 3 },
      { size: '200x200', count: 1 },
    ]);
    // Areas of the hand-made boxes (data/demo/make-demo.mjs), classed by hand: small < 32^2 <= medium < 96^2 <= large.
    assert.deepEqual(j.cocoSizes, { small: 6, medium: 7, large: 1 });
    assert.equal(j.boxSizes.reduce((n, b) => n + b.count, 0), 14);
    assert.equal(j.annotationKinds.polygons, 8);
    assert.equal(j.annotationKinds.keypoints, 1);
  });

  test('prints a readable table without --json', async () => {
    const r = await runCli('info', DEMO);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /images\s+4\s+annotations 14/);
    assert.match(r.stdout, /box size, sqrt\(area\) in px/);
    assert.match(r.stdout, /tower/);
  });

  test('a missing dataset path exits 2 and says what it accepts', async () => {
    const r = await runCli('info', 'no/such/dataset');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such\/dataset: dataset path does not exist/);
    assert.match(r.stderr, /COCO \.json/);
  });

  test('an unknown option exits 2; --help exits 0 and lists the commands', async () => {
    assert.equal((await runCli('info', DEMO, '--no-such-flag')).code, 2);
    const h = await runCli('--help');
    assert.equal(h.code, 0);
    assert.match(h.stdout, /info/);
    assert.match(h.stdout, /convert/);
  });

  test('skipped records are reported; --strict turns them into exit 1; --on-error fail into exit 2', async () => {
    const dir = tempDir();
    cpSync(DEMO, dir, { recursive: true });
    const ann = JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as { annotations: { category_id: number }[] };
    ann.annotations[2]!.category_id = 99;
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(ann));
    const lenient = await runCli('info', dir, '--json');
    assert.equal(lenient.code, 0, lenient.stderr);
    const j = JSON.parse(lenient.stdout) as { annotations: number; report: { skipped: number } };
    assert.equal(j.annotations, 13);
    assert.equal(j.report.skipped, 1);
    assert.equal((await runCli('info', dir, '--strict')).code, 1);
    const failing = await runCli('info', dir, '--on-error', 'fail');
    assert.equal(failing.code, 2);
    assert.match(failing.stderr, /annotations\.json/);
    assert.match(failing.stderr, /99/);
  });
});
