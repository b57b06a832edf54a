import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipelineFromText } from '../../src/core/config-text.js';
import { AuguryError } from '../../src/core/errors.js';
import { discardSink } from '../../src/io/augment-sinks.js';
import { augmentDataset, type AugmentOptions, type AugmentOutput, type AugmentSink } from '../../src/io/augment.js';
import { RunReport } from '../../src/io/datasets/report.js';
import '../../src/transforms/index.js';

const PIPELINE = 'task: detection\ntransforms:\n  - {name: HorizontalFlip}\n  - {name: Affine, rotate: [-20, 20], p: 0.9}\n  - {name: RandomBrightnessContrast}\nboxes: {minVisibility: 0.2}\n';

function options(extra: Partial<AugmentOptions>): AugmentOptions {
  const report = new RunReport('skip');
  return { pipeline: pipelineFromText(PIPELINE), input: 'data/demo/coco', copies: 2, seed: 5, workers: 2, open: { report }, report, version: 'test', ...extra };
}

/** A sink that keeps every output, to compare with what the file sink wrote. */
function collectingSink(): AugmentSink & { outputs: AugmentOutput[] } {
  const outputs: AugmentOutput[] = [];
  return { outputs, open: async () => ({ resumed: 0, isDone: () => false }), write: async (o) => void outputs.push(o), close: async () => ({ files: 0 }) };
}

interface TraceLine {
  id: number;
  file: string;
  source: { index: number; copy: number; file: string };
  trace: unknown;
}
const traceLines = (dir: string): TraceLine[] => readFileSync(join(dir, 'traces.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceLine);

describe('augmentDataset sinks', () => {
  test('discardSink: every output reaches it, nothing is written; with encode it encodes', async () => {
    const sink = discardSink();
    const r = await augmentDataset(options({ sink }));
    assert.deepEqual([r.outputs, r.resumed, r.files], [8, 0, 0]);
    assert.deepEqual(sink.stats, { outputs: 8, bytes: 0 });
    const encoding = discardSink({ encode: true });
    await augmentDataset(options({ sink: encoding, copies: 1 }));
    assert.equal(encoding.stats.outputs, 4);
    // Four JPEGs of 200x133 or 200x200 px and their labels: a few kilobytes each at least.
    assert.ok(encoding.stats.bytes > 4 * 2000, String(encoding.stats.bytes));
  });

  test('the file sink writes what any sink receives: the same traces, in (record, copy) order', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'augury-augment-')), 'out');
    await augmentDataset(options({ outDir: out }));
    const collected = collectingSink();
    await augmentDataset(options({ sink: collected, workers: 3 }));
    const sorted = [...collected.outputs].sort((a, b) => a.index - b.index || a.copy - b.copy);
    const lines = traceLines(out);
    assert.equal(lines.length, 8);
    lines.forEach((l, n) => {
      const o = sorted[n]!;
      assert.equal(l.id, n + 1);
      assert.deepEqual([l.file, l.source], [o.file, { index: o.index, copy: o.copy, file: o.sourceFile }]);
      assert.deepEqual(l.trace, JSON.parse(JSON.stringify(o.trace)));
    });
    const doc = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as { images: { id: number; file_name: string; width: number }[]; annotations: { image_id: number }[] };
    assert.deepEqual(doc.images.map((i) => i.file_name), sorted.map((o) => o.file));
    assert.deepEqual(doc.images.map((i) => i.width), sorted.map((o) => o.image.width));
    assert.equal(doc.annotations.length, sorted.reduce((n, o) => n + o.record.annotations.length, 0));
  });

  test('resuming after an interruption cuts the torn line, so done.jsonl stays one output per line', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'augury-augment-')), 'out');
    await augmentDataset(options({ outDir: out }));
    const first = readFileSync(join(out, 'traces.jsonl'), 'utf8');
    const done = join(out, '.augury', 'done.jsonl');
    const lines = readFileSync(done, 'utf8').trim().split('\n');
    writeFileSync(done, lines.slice(0, 3).join('\n') + '\n' + lines[3]!.slice(0, 30));
    const r = await augmentDataset(options({ outDir: out }));
    assert.deepEqual([r.outputs, r.resumed], [8, 3]);
    const after = readFileSync(done, 'utf8').trim().split('\n');
    assert.equal(after.length, 8);
    for (const l of after) JSON.parse(l);
    assert.equal(readFileSync(join(out, 'traces.jsonl'), 'utf8'), first);
  });

  test('without an output folder or a sink it is a usage error, before anything is read', async () => {
    await assert.rejects(augmentDataset(options({ input: 'does-not-exist' })), (e: unknown) => e instanceof AuguryError && e.code === 'usage' && /outDir/.test(e.message));
    assert.equal(existsSync('does-not-exist'), false);
  });
});
