import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

// The committed real-photo demo dataset (4 photos) and a small classification pipeline.
const data = 'data/demo/coco/annotations.json';

function pipelineFile(): string {
  const p = join(tempDir(), 'p.yaml');
  writeFileSync(p, 'transforms:\n  - {name: ColorJitter, brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1}\n  - {name: RandomResizedCrop, size: [64, 64]}\n  - {name: HorizontalFlip, p: 0.5}\n');
  return p;
}

describe('augury profile', () => {
  test('--json: per-step times, per-core rate, predictions and cores for the GPU', async () => {
    const r = await runCli('profile', '--pipeline', pipelineFile(), '--data', data, '--gpu-rate', '5000', '--cores', '4', '--budget-ms', '1', '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const prof = doc.profile;
    assert.ok(prof.samples >= 3);
    const names = prof.steps.map((s: { name: string }) => s.name);
    for (const n of ['ColorJitter', 'RandomResizedCrop']) assert.ok(names.includes(n), n);
    for (const n of names) assert.ok(['ColorJitter', 'RandomResizedCrop', 'HorizontalFlip'].includes(n));
    const cj = prof.steps.find((s: { name: string }) => s.name === 'ColorJitter');
    assert.equal(cj.runs, prof.samples);
    const shares = prof.steps.reduce((a: number, s: { share: number }) => a + s.share, 0);
    assert.ok(Math.abs(shares - 1) < 0.01);
    assert.ok(Math.abs(prof.imagesPerSecPerCore - 1000 / (prof.decodeMs + prof.pipelineMs)) / prof.imagesPerSecPerCore < 0.01);
    assert.deepEqual(doc.predicted.map((p: { workers: number }) => p.workers), [1, 2, 4]);
    // The measured model: N workers give N times one pool worker until the cores' CPU runs out.
    // Two workers were measured too (this machine has 2 cores or more), giving the efficiency.
    const { oneWorkerRate, cpuMsPerImage, efficiency } = doc.pool;
    assert.ok(oneWorkerRate > 0 && cpuMsPerImage > 0);
    assert.ok(efficiency > 0 && efficiency <= 1);
    for (const p of doc.predicted as { workers: number; imagesPerSec: number }[]) {
      const bound = Math.min(p.workers * oneWorkerRate, (Math.max(4, p.workers) * 1000) / cpuMsPerImage);
      const expected = bound * (p.workers >= 2 ? efficiency : 1);
      assert.ok(Math.abs(p.imagesPerSec - expected) < 0.2, `${p.workers} workers: ${p.imagesPerSec} vs ${expected}`);
    }
    assert.equal(doc.gpu.cores, 4);
    assert.equal(doc.gpu.coresNeeded, Math.ceil((5000 * cpuMsPerImage) / 1000 / efficiency));
    assert.equal(doc.gpu.workersNeeded, Math.ceil(5000 / (oneWorkerRate * efficiency)));
    assert.ok(Math.abs(doc.perCoreModel.imagesPerSec[1].imagesPerSec - prof.imagesPerSecPerCore * 2 * 0.9) < 0.2);
    assert.ok(doc.gpu.idleShare > 0 && doc.gpu.idleShare < 1);
    // ColorJitter runs on the full image before the crop: the rewrite moves it after.
    if (cj.share >= 0.15) assert.ok(doc.suggestions.some((s: { rewrite: string }) => /move ColorJitter after RandomResizedCrop/.test(s.rewrite)));
  });

  test('a missing pipeline file is reported with the file and exit 2', async () => {
    const r = await runCli('profile', '--pipeline', 'no/such/p.yaml', '--data', data, '--json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such\/p\.yaml/);
    assert.equal(r.stdout, '');
  });

  test('a bad --gpu-rate is a usage error naming the option', async () => {
    const r = await runCli('profile', '--pipeline', pipelineFile(), '--data', data, '--gpu-rate', 'fast');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--gpu-rate/);
    assert.match(r.stderr, /pass --gpu-rate <n>/);
  });
});
