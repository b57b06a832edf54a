import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const P = 'test/fixtures/audit/pipelines/copy-paste.yaml';
const D = 'test/fixtures/audit';

test('augury audit --json prints the documented shape; --min-iou passes above the threshold', async () => {
  const r = await runCli('audit', '--pipeline', P, '--data', D, '--samples', '3', '--json', '--min-iou', '0.9', '--compare', 'naive-mixup');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { method: string; samples: number; overall: Record<string, number>; perStep: { name: string }[]; worst: { iou: number }[]; compare: { method: string } };
  assert.equal(j.method, 'mask');
  assert.equal(j.samples, 3);
  assert.deepEqual(Object.keys(j.overall).slice(0, 4), ['meanIoU', 'shareBelow05', 'lost', 'underMinVisibility']);
  assert.deepEqual(j.perStep.map((s) => s.name), ['HorizontalFlip', 'CopyPaste']);
  assert.ok(j.worst.length > 0 && j.worst.every((w, i) => i === 0 || w.iou >= j.worst[i - 1]!.iou));
  assert.equal(j.compare.method, 'naive-mixup');
});

test('augury audit exits 1 below --min-iou and writes a standalone HTML report', async () => {
  const dir = tempDir();
  const html = join(dir, 'audit.html');
  const r = await runCli('audit', '--pipeline', P, '--data', D, '--samples', '2', '--box-method', 'corners', '--min-iou', '0.9999', '--report', html);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /below --min-iou 0.9999/);
  assert.match(r.stdout, /overall \(corners\)/);
  const text = readFileSync(html, 'utf8');
  assert.match(text, /<img src="data:image\/png;base64,/);
  assert.doesNotMatch(text, /<img src="(?!data:)/);
});

test('augury audit refuses data without segmentation, naming the record and what to do', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'images'));
  copyFileSync(join(D, 'images', 'chelsea.png'), join(dir, 'images', 'chelsea.png'));
  writeFileSync(join(dir, 'annotations.json'), JSON.stringify({
    images: [{ id: 1, file_name: 'chelsea.png', width: 180, height: 120 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 }],
    categories: [{ id: 1, name: 'thing' }],
  }));
  const r = await runCli('audit', '--pipeline', P, '--data', dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sample 1 \(chelsea\.png\)/);
  assert.match(r.stderr, /Hint: audit a dataset with instance segmentation/);
});
