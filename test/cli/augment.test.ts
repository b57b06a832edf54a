import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

interface Coco {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { id: number; image_id: number; bbox: number[]; segmentation?: number[][] }[];
}

function pipelineFile(dir: string): string {
  const p = join(dir, 'p.yaml');
  writeFileSync(p, 'task: detection\ntransforms:\n  - {name: HorizontalFlip}\n  - {name: Rotate, limit: 30, p: 0.9}\nboxes: {minVisibility: 0.2}\n');
  return p;
}

const readCoco = (dir: string): Coco => JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as Coco;

describe('augury augment', () => {
  test('writes a COCO dataset whose polygon boxes are tight, with traces and a manifest', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = await runCli('augment', '--pipeline', pipelineFile(dir), '--data', 'data/demo/coco', '--out', out, '--copies', '2', '--seed', '3');
    assert.equal(r.code, 0, r.stderr);
    const doc = readCoco(out);
    assert.deepEqual(doc.images.map((i) => i.id), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(doc.images.slice(0, 2).map((i) => i.file_name), ['chelsea_0.jpg', 'chelsea_1.jpg']);
    assert.deepEqual(readdirSync(join(out, 'images')).sort().length, 8);
    let checked = 0;
    for (const a of doc.annotations) {
      if (!a.segmentation || a.segmentation.length === 0) continue;
      const xs = a.segmentation.flatMap((ring) => ring.filter((_, k) => k % 2 === 0));
      const ys = a.segmentation.flatMap((ring) => ring.filter((_, k) => k % 2 === 1));
      const tight = [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
      a.bbox.forEach((v, k) => assert.ok(Math.abs(v - tight[k]!) < 1e-6, `annotation ${a.id}: bbox ${String(a.bbox)} vs polygon box ${String(tight)}`));
      checked++;
    }
    assert.ok(checked >= 12, `checked ${checked} polygon boxes`);
    const traces = readFileSync(join(out, 'traces.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: number; source: { index: number; copy: number } });
    assert.deepEqual(traces.map((t) => [t.source.index, t.source.copy]), [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1], [3, 0], [3, 1]]);
    const manifest = JSON.parse(readFileSync(join(out, 'augury.manifest.json'), 'utf8')) as { seed: number; copies: number; configHash: string };
    assert.equal(manifest.seed, 3);
    assert.equal(manifest.copies, 2);
    assert.match(manifest.configHash, /^[0-9a-f]{64}$/);
  });

  test('the output does not depend on --workers', async () => {
    const dir = tempDir();
    const p = pipelineFile(dir);
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    assert.equal((await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', a, '--copies', '2')).code, 0);
    assert.equal((await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', b, '--copies', '2', '--workers', '3')).code, 0);
    assert.deepEqual(readCoco(b), readCoco(a));
    for (const f of readdirSync(join(a, 'images'))) assert.deepEqual(readFileSync(join(b, 'images', f)), readFileSync(join(a, 'images', f)), f);
    assert.equal(readFileSync(join(b, 'traces.jsonl'), 'utf8'), readFileSync(join(a, 'traces.jsonl'), 'utf8'));
  });

  test('a rerun resumes (an interrupted output is redone); another manifest is refused unless --restart', async () => {
    const dir = tempDir();
    const p = pipelineFile(dir);
    const out = join(dir, 'out');
    assert.equal((await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', out)).code, 0);
    const first = readCoco(out);
    // Simulate an interruption after three outputs: the fourth line never made it.
    const done = join(out, '.augury', 'done.jsonl');
    const lines = readFileSync(done, 'utf8').trim().split('\n');
    writeFileSync(done, lines.slice(0, 3).join('\n') + '\n' + lines[3]!.slice(0, 20));
    const again = await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', out, '--json');
    assert.equal(again.code, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { resumed: number }).resumed, 3);
    assert.deepEqual(readCoco(out), first);
    const other = await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', out, '--seed', '9');
    assert.equal(other.code, 2);
    assert.match(other.stderr, /another manifest/);
    assert.match(other.stderr, /--restart/);
    assert.equal((await runCli('augment', '--pipeline', p, '--data', 'data/demo/coco', '--out', out, '--seed', '9', '--restart')).code, 0);
  });

  test('YOLO in, YOLO out', async () => {
    const dir = tempDir();
    const out = join(dir, 'y');
    const r = await runCli('augment', '--pipeline', pipelineFile(dir), '--data', 'test/fixtures/yolo/detect', '--out', out, '--copies', '1');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(join(out, 'labels', 'train')).sort(), ['chelsea_0.txt', 'coffee_0.txt']);
  });
});
