import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorOn, only } from './helpers.js';

const pipeline = {
  task: 'classification',
  transforms: [
    { name: 'ColorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
    { name: 'RandomResizedCrop', size: [224, 224] },
    { name: 'Normalize' },
  ],
};
// Injected timings, so the test does not depend on this machine's speed: 10 ms per image.
const slow = { imagesPerSecPerCore: 100, steps: [{ name: 'ColorJitter', ms: 6, share: 0.6 }, { name: 'RandomResizedCrop', ms: 3, share: 0.3 }, { name: 'Normalize', ms: 1, share: 0.1 }] };

describe('doctor throughput rule', () => {
  test('flags a GPU the cores cannot feed, with the cores needed, the slowest steps and a rewrite', async () => {
    const fs = only(await doctorOn(pipeline, { gpuRate: 2000, cores: 8 }, { data: { throughput: slow } }), 'throughput.gpu-starved');
    assert.equal(fs.length, 1);
    const f = fs[0]!;
    assert.equal(f.severity, 'warning');
    // 8 cores x 100/s x 0.9 = 720/s against 2000/s: 64% idle; 2000 / 90 -> 23 cores.
    assert.equal(f.evidence['coresNeeded'], 23);
    assert.equal(f.evidence['predicted'], 720);
    assert.equal(f.evidence['idleShare'], 0.64);
    assert.match(f.message, /ColorJitter 6 ms \(60%\)/);
    assert.match(f.message, /23 cores are needed/);
    assert.match(f.fix, /move ColorJitter after RandomResizedCrop/);
  });

  test('with a measured pool worker the measured model decides: workers add their rate until the CPU runs out', async () => {
    // One worker: 150/s using 10 ms of CPU per image. 8 cores: min(8 x 150, 8 x 1000 / 10) = 800/s.
    const measured = { ...slow, pool: { oneWorkerRate: 150, cpuMsPerImage: 10 } };
    const f = only(await doctorOn(pipeline, { gpuRate: 2000, cores: 8 }, { data: { throughput: measured } }), 'throughput.gpu-starved')[0]!;
    assert.equal(f.evidence['predicted'], 800);
    assert.equal(f.evidence['idleShare'], 0.6);
    assert.equal(f.evidence['coresNeeded'], 20); // 2000/s x 10 ms of CPU
    // With two workers measured at 75% of their bound, every N >= 2 is scaled the same way.
    const e = only(await doctorOn(pipeline, { gpuRate: 2000, cores: 8 }, { data: { throughput: { ...slow, pool: { oneWorkerRate: 150, cpuMsPerImage: 10, efficiency: 0.75 } } } }), 'throughput.gpu-starved')[0]!;
    assert.equal(e.evidence['predicted'], 600);
    assert.equal(e.evidence['coresNeeded'], 27); // ceil(20 / 0.75)
  });

  test('does not flag cores that keep up', async () => {
    const fs = await doctorOn(pipeline, { gpuRate: 500, cores: 8 }, { data: { throughput: slow } });
    assert.equal(only(fs, 'throughput.gpu-starved').length, 0);
    assert.equal(only(fs, 'throughput.ok').length, 1);
    assert.equal(only(fs, 'throughput.ok')[0]!.evidence['coresNeeded'], 6);
  });

  test('without a measurement it says how to get one, and without gpuRate it says nothing', async () => {
    const fs = only(await doctorOn(pipeline, { gpuRate: 2000, cores: 8 }), 'throughput.not-measured');
    assert.equal(fs.length, 1);
    assert.match(fs[0]!.fix, /augury profile .*--gpu-rate 2000 --cores 8/);
    const none = await doctorOn(pipeline, { epochs: 10 }, { data: { throughput: slow } });
    assert.equal(none.filter((f) => f.ruleId.startsWith('throughput.')).length, 0);
  });
});

describe('augury doctor --data times the pipeline for the throughput rule', () => {
  test('a GPU far faster than any CPU is flagged; a slow one is not', async () => {
    const { runCli, tempDir } = await import('../helpers/cli.js');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = tempDir();
    writeFileSync(join(dir, 'fast.yaml'), 'gpuRate: 1000000\ncores: 2\n');
    writeFileSync(join(dir, 'slow.yaml'), 'gpuRate: 0.5\ncores: 2\n');
    const fast = await runCli('doctor', '--pipeline', 'data/demo/pipeline.yaml', '--train', join(dir, 'fast.yaml'), '--data', 'data/demo/coco', '--json');
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    assert.ok(ids(fast).includes('throughput.gpu-starved'), fast.stdout);
    const slow = await runCli('doctor', '--pipeline', 'data/demo/pipeline.yaml', '--train', join(dir, 'slow.yaml'), '--data', 'data/demo/coco', '--json');
    assert.ok(!ids(slow).includes('throughput.gpu-starved'));
    assert.ok(ids(slow).includes('throughput.ok'));
  });
});
