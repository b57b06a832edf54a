import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const FIX = 'test/fixtures/doctor';

function files(spec: Record<string, string>): Record<string, string> {
  const dir = tempDir('augury-doctor-');
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(spec)) {
    out[name] = join(dir, name);
    writeFileSync(out[name]!, text);
  }
  return out;
}

test('--json prints exactly {"findings": [...]} with the issue\'s finding shape', async () => {
  const f = files({ 'p.yaml': 'task: classification\ntransforms:\n  - {name: RandAugment, numOps: 2, magnitude: 20}\n', 'train.yaml': 'mixup: {alpha: 0.5, prob: 1}\n' });
  const r = await runCli('doctor', '--pipeline', f['p.yaml']!, '--train', f['train.yaml']!, '--json');
  const doc = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(doc), ['findings']);
  assert.ok(doc.findings.length > 0);
  for (const x of doc.findings) {
    assert.deepEqual(Object.keys(x), ['ruleId', 'severity', 'message', 'evidence', 'fix']);
    assert.ok(['info', 'warning', 'error'].includes(x['severity'] as string));
  }
  assert.ok(doc.findings.some((x) => x['ruleId'] === 'budget.mixup-randaugment'));
  // Warnings only: 0 without --strict, 1 with it.
  assert.equal(r.code, 0);
  assert.equal((await runCli('doctor', '--pipeline', f['p.yaml']!, '--train', f['train.yaml']!, '--json', '--strict')).code, 1);
});

test('exit codes: info alone is 0 even with --strict; an error finding is 2', async () => {
  const f = files({ 'aerial.yaml': 'domain: aerial\ntransforms:\n  - {name: RandomRotate90}\n', 'det.yaml': 'task: detection\ntransforms: [{name: HorizontalFlip}]\n', 'train.yaml': 'mixup: {alpha: 0.2}\n' });
  const info = await runCli('doctor', '--pipeline', f['aerial.yaml']!, '--strict');
  assert.equal(info.code, 0, info.stdout);
  assert.match(info.stdout, /domain\.safe/);
  const err = await runCli('doctor', '--pipeline', f['det.yaml']!, '--train', f['train.yaml']!);
  assert.equal(err.code, 2);
  assert.match(err.stdout, /label\.mixup-blend/);
});

test('an unreadable input gives 2, and the other inputs are still reported', async () => {
  const r = await runCli('doctor', '--log', join(FIX, 'keras-training.log.csv'), '--predictions', '/nonexistent/preds.jsonl');
  assert.equal(r.code, 2);
  assert.match(r.stdout, /\/nonexistent\/preds\.jsonl: cannot read the predictions/);
  assert.match(r.stdout, /curve\.train-below-val/);
});

test('the table names severity, rule and message, then the fixes', async () => {
  const r = await runCli('doctor', '--log', join(FIX, 'keras-training.log.csv'));
  assert.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^#\s+severity\s+rule\s+message$/);
  assert.match(r.stdout, /\nfixes\n\s+1\. weaken the strongest regularizer/);
  assert.match(r.stdout, /0 errors, 1 warnings, 1 info/);
});

test('no input is a usage error', async () => {
  const r = await runCli('doctor');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nothing to check.*--pipeline/);
});

test('--data: polygons in the dataset silence the box-inflation rule', async () => {
  const f = files({ 'p.yaml': 'task: detection\ntransforms:\n  - {name: Rotate, limit: 30}\n' });
  const without = await runCli('doctor', '--pipeline', f['p.yaml']!, '--json');
  assert.ok((JSON.parse(without.stdout) as { findings: { ruleId: string }[] }).findings.some((x) => x.ruleId === 'label.rotation-box-inflation'));
  // The demo COCO set has polygon annotations.
  const withData = await runCli('doctor', '--pipeline', f['p.yaml']!, '--data', 'data/demo/coco', '--json');
  assert.equal(withData.code, 0, withData.stdout);
  assert.ok(!(JSON.parse(withData.stdout) as { findings: { ruleId: string }[] }).findings.some((x) => x.ruleId === 'label.rotation-box-inflation'));
});
