// Mix steps through the CLI: partners from the dataset (augment) or the command line (apply),
// and where soft labels and weights go in each format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

interface Coco {
  images: { id: number; file_name: string; softLabel?: number[] }[];
  annotations: { image_id: number; bbox: number[]; weight?: number }[];
}

test('augment draws Mosaic partners from the dataset; the output does not depend on --workers', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'task: detection\ntransforms:\n  - {name: Mosaic, size: [200, 200], p: 1}\nboxes: {method: mask, minVisibility: 0.2}\n');
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const r = await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', 'data/demo/coco', '--out', a, '--copies', '2', '--seed', '5');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', 'data/demo/coco', '--out', b, '--copies', '2', '--seed', '5', '--workers', '3')).code, 0);
  assert.equal(readFileSync(join(a, 'annotations.json'), 'utf8'), readFileSync(join(b, 'annotations.json'), 'utf8'));
  const traces = readFileSync(join(a, 'traces.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { trace: { steps: { partners?: string[] }[] } });
  for (const t of traces) assert.equal(t.trace.steps[0]!.partners!.length, 3, 'a 2x2 mosaic takes three partners');
  const doc = JSON.parse(readFileSync(join(a, 'annotations.json'), 'utf8')) as Coco;
  assert.equal(doc.images.length, 8);
  assert.ok(doc.annotations.length > 8, 'mosaics gather the objects of four images');
});

test('detection MixUp (overlay) writes per-box weights: COCO weight field, YOLO weights.jsonl sidecar', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'task: detection\ntransforms:\n  - {name: MixUp, boxes: overlay, p: 1}\n');
  const coco = join(dir, 'coco');
  const r = await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', 'data/demo/coco', '--out', coco, '--seed', '2');
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(coco, 'annotations.json'), 'utf8')) as Coco;
  const weights = doc.annotations.map((x) => x.weight);
  assert.ok(weights.every((w) => typeof w === 'number' && w > 0 && w < 1), `weights ${weights}`);
  const yolo = join(dir, 'yolo');
  assert.equal((await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', 'test/fixtures/yolo/detect', '--out', yolo, '--seed', '2')).code, 0);
  const side = readFileSync(join(yolo, 'weights.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { labels: string; weights: number[] });
  assert.ok(side.length > 0);
  for (const s of side) {
    const lines = readFileSync(join(yolo, s.labels), 'utf8').trim().split('\n');
    assert.equal(s.weights.length, lines.length, 'one weight per label line');
  }
});

test('classification MixUp on class folders writes soft labels to labels.jsonl', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'task: classification\ntransforms:\n  - {name: MixUp, numClasses: 2, p: 1}\n');
  const out = join(dir, 'f');
  const r = await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', 'test/fixtures/folder/good', '--out', out, '--copies', '2', '--seed', '1');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(out, 'labels.jsonl')));
  const lines = readFileSync(join(out, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; label: number; softLabel?: number[] });
  for (const l of lines) {
    assert.ok(existsSync(join(out, l.file)), l.file);
    if (l.softLabel) {
      assert.ok(Math.abs(l.softLabel.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      assert.equal(l.label, l.softLabel.indexOf(Math.max(...l.softLabel)), 'the folder is the strongest class');
    }
  }
  assert.ok(lines.some((l) => l.softLabel));
});

test('apply --partner runs a mix and --replay needs the same partner', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'task: detection\ntransforms:\n  - {name: CutMix, p: 1}\n');
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ boxes: [[58, 6, 137, 92]], boxLabels: [0] }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ boxes: [[59, 37, 93, 64]], boxLabels: [1] }));
  const base = ['--image', 'data/demo/coco/images/coffee.jpg', '--targets', join(dir, 'a.json')];
  const partner = ['--partner', 'data/demo/coco/images/chelsea.jpg', '--partner-targets', join(dir, 'b.json')];
  const none = await runCli('apply', '--pipeline', join(dir, 'p.yaml'), ...base, '--out', join(dir, 'x.png'));
  assert.equal(none.code, 2);
  assert.match(none.stderr, /CutMix needs 1 partner sample.*--partner/);
  const r = await runCli('apply', '--pipeline', join(dir, 'p.yaml'), ...base, ...partner, '--out', join(dir, 'o.png'), '--trace', join(dir, 't.json'), '--seed', '4');
  assert.equal(r.code, 0, r.stderr);
  const noPartner = await runCli('apply', '--replay', join(dir, 't.json'), ...base, '--out', join(dir, 'r.png'));
  assert.equal(noPartner.code, 2);
  const again = await runCli('apply', '--replay', join(dir, 't.json'), ...base, ...partner, '--out', join(dir, 'r.png'));
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readFileSync(join(dir, 'r.png')), readFileSync(join(dir, 'o.png')));
});
