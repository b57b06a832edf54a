/** `--policy` on augury apply and augury preview. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli, tempDir } from '../helpers/cli.js';

const IMAGE = 'test/fixtures/policies/chelsea-120x80.jpg';
const TARGETS = 'test/fixtures/policies/chelsea-120x80.targets.json';

test('augury preview --policy rand-m9-n2 draws a grid on a real photo with its boxes', async () => {
  const dir = tempDir();
  const out = join(dir, 'grid.png');
  const r = await runCli('preview', '--policy', 'rand-m9-n2', '--image', IMAGE, '--targets', TARGETS, '--n', '5', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const meta = await sharp(out).metadata();
  assert.equal(meta.width, 3 * 260 + 4);
});

test('augury apply --policy appends the step to the pipeline; the trace says the scale and replays', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'task: detection\ndomain: documents\ntransforms:\n  - {name: HorizontalFlip, p: 0}\n');
  const args = ['--image', IMAGE, '--targets', TARGETS];
  const r = await runCli('apply', '--pipeline', join(dir, 'p.yaml'), '--policy', 'tv-rand-m9-n3', ...args, '--out', join(dir, 'o.png'), '--out-targets', join(dir, 'o.json'), '--trace', join(dir, 't.json'), '--seed', '3');
  assert.equal(r.code, 0, r.stderr);
  const trace = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as { steps: { name: string; info?: Record<string, unknown> }[] };
  assert.deepEqual(trace.steps.map((s) => s.name), ['HorizontalFlip', 'RandAugment']);
  assert.equal(trace.steps[1]!.info!['magnitudeScale'], 'torchvision');
  assert.equal(trace.steps[1]!.info!['domain'], 'documents');
  const again = await runCli('apply', '--replay', join(dir, 't.json'), ...args, '--out', join(dir, 'r.png'), '--out-targets', join(dir, 'r.json'));
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')), JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8')));
  assert.deepEqual(readFileSync(join(dir, 'r.png')), readFileSync(join(dir, 'o.png')));
});

test('a malformed --policy is a usage error that shows the grammar', async () => {
  const dir = tempDir();
  const r = await runCli('apply', '--policy', 'rand-m9-zz3', '--image', IMAGE, '--out', join(dir, 'o.png'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown RandAugment section "zz"/);
  assert.match(r.stderr, /rand-m<int>-n<int>/);
});
