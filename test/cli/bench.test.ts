import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

describe('augury bench', () => {
  test('--json has the issue\'s shape (speeds are not asserted)', async () => {
    // Tiny op list and budget; --no-pin keeps the test runner's process on every core.
    const r = await runCli('bench', '--ops', 'HorizontalFlip,Posterize', '--size', '224x224', '--workers', '2', '--budget-ms', '20', '--no-pin', '--no-opencv', '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    const machine = doc['machine'] as Record<string, unknown>;
    assert.equal(typeof machine['cpu'], 'string');
    assert.ok(Number.isInteger(machine['cores']) && (machine['cores'] as number) >= 1);
    assert.equal(machine['node'], process.version);
    const ops = doc['ops'] as Record<string, unknown>[];
    assert.deepEqual(ops.map((o) => [o['name'], o['size']]), [['HorizontalFlip', '224x224'], ['Posterize', '224x224']]);
    // HorizontalFlip has a wasm kernel, which CI must load; which backend ran is recorded per op.
    assert.equal(ops[0]!['backend'], 'wasm-simd');
    for (const o of ops) {
      assert.ok((o['imagesPerSec'] as number) > 0);
      assert.ok(['wasm-simd', 'ts'].includes(o['backend'] as string));
      assert.ok(Math.abs((o['ratio'] as number) - (o['imagesPerSec'] as number) / (o['reference'] as number)) < 0.01);
    }
    assert.deepEqual(ops.map((o) => o['reference']), [46507, 16910]);
    const names = (k: string) => (doc[k] as Record<string, unknown>[]).map((x) => x['name']);
    assert.deepEqual(names('pipelines'), ['detection-10-boxes', 'detection-50-boxes', 'classification']);
    assert.deepEqual(names('decode'), ['jpeg-500x375-q90']);
    const scaling = doc['scaling'] as Record<string, unknown>[];
    assert.deepEqual(scaling.map((s) => s['workers']), [1, 2]);
    for (const x of [...(doc['pipelines'] as Record<string, number>[]), ...(doc['decode'] as Record<string, number>[]), ...(scaling as Record<string, number>[])]) assert.ok(x['imagesPerSec']! > 0);
    assert.ok((doc['notes'] as string[]).some((n) => /opencv/i.test(n)));
    assert.equal(doc['opencv'], null);
  });

  test('with python3-opencv, OpenCV is timed in the same run and every reference is rescaled by the machine ratio', async () => {
    const r = await runCli('bench', '--ops', 'Rotate', '--size', '500x375', '--workers', '1', '--budget-ms', '10', '--no-pin', '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { opencv: { machineRatio: number; ops: Record<string, Record<string, number>> } | null; ops: { reference: number }[]; pipelines: { name: string; reference: number }[]; notes: string[] };
    const cv = doc.opencv;
    assert.ok(cv, `.ci/run installs python3-opencv, so OpenCV must have been timed: ${doc.notes.join(' | ')}`);
    assert.ok(cv.machineRatio > 0);
    assert.ok(cv.ops['Rotate']!['500x375']! > 0 && cv.ops['GaussianBlur']!['500x375']! > 0 && cv.ops['GaussianBlur']!['224x224'] === undefined);
    assert.equal(doc.ops[0]!.reference, Math.round(1170 * cv.machineRatio));
    assert.equal(doc.pipelines.find((p) => p.name === 'classification')!.reference, Math.round(492 * cv.machineRatio));
    assert.ok(doc.notes.some((n) => n.includes(`${cv.machineRatio}x the development machine`)));
  });

  test('--report writes an HTML page with every figure, a ratio bar per op and the notes', async () => {
    const dir = tempDir();
    const report = join(dir, 'bench.html');
    const r = await runCli('bench', '--ops', 'HorizontalFlip,GaussianBlur', '--size', '224x224', '--workers', '1', '--budget-ms', '10', '--no-pin', '--no-opencv', '--report', report, '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { ops: { name: string; ratio: number }[] };
    const html = readFileSync(report, 'utf8');
    for (const o of doc.ops) {
      assert.ok(html.includes(`<td>${o.name}</td>`), o.name);
      assert.ok(html.includes(`aria-label="${o.ratio.toFixed(2)}x"`), `${o.name}: a bar labelled with its ratio`);
    }
    for (const n of ['detection-50-boxes', 'classification', 'jpeg-500x375-q90', 'Worker pool', 'allocator']) assert.ok(html.includes(n), n);
    assert.match(html, /Content-Security-Policy/);
  });

  test('an unknown op is a usage error naming the option and the known names', async () => {
    const r = await runCli('bench', '--ops', 'Rotat', '--no-pin', '--json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ops/);
    assert.match(r.stderr, /Rotat/);
    assert.match(r.stderr, /first word of the throughput table/);
    assert.equal(r.stdout, '');
  });

  test('an image folder without photos names the folder and what to pass', async () => {
    const dir = tempDir();
    const r = await runCli('bench', '--images', dir, '--ops', 'HorizontalFlip', '--no-pin', '--json');
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(dir));
    assert.match(r.stderr, /pass --images a folder of photos/);
  });
});
