/** Policy behaviour: scales, traces, replay, validation, task and domain awareness, AugMix with labels. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { AuguryError } from '../../src/core/errors.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import type { CompositionTrace, LeafTrace } from '../../src/core/trace.js';
import { parseProfile } from '../../src/domains/profile.js';
import { augMixViews } from '../../src/policies/augmix.js';
import { setPolicyDomainProfiles } from '../../src/policies/domain.js';
import { GEOMETRIC_OPS } from '../../src/policies/ops.js';
import { makeSample, snapshot } from '../conformance/fixture.js';

type PolicyTrace = CompositionTrace & { info: Record<string, unknown>; steps: LeafTrace[] };
const policyStep = (t: { steps: readonly unknown[] }) => t.steps[0] as PolicyTrace;

describe('traces say which scale, and replay without policy code', () => {
  for (const step of [{ policy: 'rand-m9-n2-mstd0.5' }, { name: 'RandAugment' }, { policy: 'aa-imagenet' }, { policy: 'v0' }, { policy: 'ta_wide' }, { policy: 'augmix-m3-w2' }, { name: 'AugMix' }]) {
    test(JSON.stringify(step), async () => {
      const p = Pipeline.fromConfig({ task: 'detection', transforms: [step] });
      const s = makeSample();
      for (let seed = 0; seed < 4; seed++) {
        const r = await p.run(s, { stream: { seed } });
        const t = policyStep(r.trace);
        assert.ok(['torchvision', 'timm'].includes(t.info['magnitudeScale'] as string));
        assert.equal(t.info['task'], 'detection');
        const again = await replayTrace(s, JSON.parse(JSON.stringify(r.trace)));
        assert.deepEqual(snapshot(again.sample), snapshot(r.sample));
      }
    });
  }
  test('string scales: timm strings are timm, augury tv strings are torchvision', async () => {
    const s = makeSample({});
    const scale = async (policy: string) => policyStep((await Pipeline.fromConfig([{ policy }]).run(s)).trace).info['magnitudeScale'];
    assert.equal(await scale('rand-m9'), 'timm');
    assert.equal(await scale('original'), 'timm');
    assert.equal(await scale('tv-rand-m9-n2'), 'torchvision');
    assert.equal(await scale('aa-svhn'), 'torchvision');
  });
});

describe('the two scales differ in more than the range', () => {
  test('torchvision RandAugment applies every drawn op; timm applies each with p 0.5', async () => {
    const s = makeSample({});
    let tvApplied = 0, timmApplied = 0, timmDrawn = 0;
    for (let index = 0; index < 300; index++) {
      const tv = policyStep((await Pipeline.fromConfig([{ name: 'RandAugment', numOps: 2, magnitude: 9 }]).run(s, { stream: { index } })).trace);
      const tm = policyStep((await Pipeline.fromConfig([{ policy: 'rand-m9-n2' }]).run(s, { stream: { index } })).trace);
      const tvDrawn = tv.info['drawn'] as { skipped?: boolean }[];
      assert.equal(tvDrawn.length, 2);
      tvApplied += tvDrawn.filter((d) => !d.skipped).length;
      const d = tm.info['drawn'] as { skipped?: boolean }[];
      timmDrawn += d.length;
      timmApplied += d.filter((x) => !x.skipped).length;
    }
    assert.equal(tvApplied, 600);
    assert.ok(timmApplied / timmDrawn > 0.44 && timmApplied / timmDrawn < 0.56, `timm applied ${timmApplied} of ${timmDrawn}`);
  });

  test('fill: 0 and nearest for torchvision, the image mean and bilinear/bicubic for timm', async () => {
    const s = makeSample({});
    const seen = { tv: new Set<string>(), timm: new Set<string>(), fills: new Set<string>() };
    for (let index = 0; index < 200; index++) {
      for (const [key, step] of [['tv', { name: 'RandAugment', numOps: 3 }], ['timm', { policy: 'rand-m9-n3' }]] as const) {
        for (const op of policyStep((await Pipeline.fromConfig([step]).run(s, { stream: { index } })).trace).steps) {
          if (op.name !== 'Rotate' && op.name !== 'Affine') continue;
          seen[key].add(String(op.params!['interpolation']));
          seen.fills.add(`${key}:${JSON.stringify(op.params!['fill'])}`);
        }
      }
    }
    assert.deepEqual([...seen.tv], ['nearest']);
    assert.deepEqual([...seen.timm].sort(), ['bicubic', 'bilinear']);
    // The fixture's per-channel means, rounded.
    const img = s.image;
    const mean = [0, 1, 2].map((c) => {
      let sum = 0;
      for (let i = c; i < img.data.length; i += 3) sum += img.data[i]!;
      return Math.round(sum / (img.width * img.height));
    });
    assert.deepEqual([...seen.fills].sort(), [`timm:${JSON.stringify(mean)}`, 'tv:0']);
  });

  test('options of one scale are refused on the other', () => {
    assert.throws(() => Pipeline.fromConfig([{ name: 'RandAugment', magnitudeStd: 0.5 }]), /magnitudeStd exists on the timm scale only/);
    assert.throws(() => Pipeline.fromConfig([{ name: 'RandAugment', magnitudeScale: 'timm', numMagnitudeBins: 31 }]), /numMagnitudeBins exists on the torchvision scale only/);
    assert.throws(() => Pipeline.fromConfig([{ name: 'RandAugment', magnitude: 31 }]), /bin index below numMagnitudeBins \(31\)/);
    assert.throws(() => Pipeline.fromConfig([{ name: 'AutoAugment', table: 'imagenet', magnitudeScale: 'timm' }]), /imagenet table is on the torchvision scale/);
  });
});

describe('domain awareness', () => {
  const noColor = parseProfile({ id: 'test-no-color', description: 'test', rules: [{ transforms: ['Solarize', 'Posterize', 'Equalize', 'Invert', 'Saturation', 'SolarizeAdd'], verdict: 'forbid', why: 'colour carries the signal' }] });
  const smallTurns = parseProfile({ id: 'test-small-turns', description: 'test', rules: [{ transforms: ['Rotate'], verdict: 'limit', option: 'limit', max: 60, why: 'upright scenes' }] });

  test('without profiles, a domain is an error that says what to do', async () => {
    setPolicyDomainProfiles(undefined);
    await assert.rejects(Pipeline.fromConfig({ domain: 'test-no-color', transforms: [{ name: 'RandAugment' }] }).run(makeSample({})), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.hint ?? '', /setPolicyDomainProfiles/);
      return true;
    });
  });

  test('forbidden ops are never drawn, and the trace lists them', async () => {
    setPolicyDomainProfiles(new Map([[noColor.id, noColor], [smallTurns.id, smallTurns]]));
    try {
      const forbidden = new Set(['Solarize', 'Posterize', 'Equalize', 'Saturation']);
      for (const step of [{ name: 'RandAugment', numOps: 3 }, { policy: 'ta_wide' }, { policy: 'rand-m9-n3' }]) {
        const p = Pipeline.fromConfig({ domain: 'test-no-color', transforms: [step] });
        let ops = 0;
        for (let index = 0; index < 60; index++) {
          const t = policyStep((await p.run(makeSample({}), { stream: { index } })).trace);
          assert.ok(((t.info['removedFromOps'] as string[]) ?? []).includes('Solarize'), `${JSON.stringify(step)}: ${JSON.stringify(t.info)}`);
          for (const op of t.steps) assert.ok(!forbidden.has(op.name), `${JSON.stringify(step)} drew ${op.name}`);
          ops += t.steps.length;
        }
        assert.ok(ops > 0);
      }
      // AutoAugment's sub-policies are fixed: forbidden ops are dropped after the draw and reported.
      let removed = 0;
      for (let index = 0; index < 40; index++) {
        const t = policyStep((await Pipeline.fromConfig({ domain: 'test-no-color', transforms: [{ name: 'AutoAugment' }] }).run(makeSample({}), { stream: { index } })).trace);
        for (const op of t.steps) assert.ok(!forbidden.has(op.name));
        removed += ((t.info['removed'] as unknown[]) ?? []).length;
      }
      assert.ok(removed > 0, 'AutoAugment removed nothing');
      // A limit removes only the ops beyond it.
      const angles: number[] = [];
      let limited = 0;
      for (let index = 0; index < 200; index++) {
        const t = policyStep((await Pipeline.fromConfig({ domain: 'test-small-turns', transforms: [{ policy: 'ta_wide' }] }).run(makeSample({}), { stream: { index } })).trace);
        for (const op of t.steps) if (op.name === 'Rotate') angles.push(op.params!['angle'] as number);
        limited += ((t.info['removed'] as { verdict: string }[]) ?? []).filter((r) => r.verdict === 'limit').length;
      }
      assert.ok(angles.length > 0 && angles.every((a) => Math.abs(a) <= 60), `angles ${angles}`);
      assert.ok(limited > 0);
    } finally {
      setPolicyDomainProfiles(undefined);
    }
  });
});

describe('AugMix with labels', () => {
  test('with labels: pixel-value chains plus at most one shared geometric op; without: every op', async () => {
    let shared = 0, geometricInChains = 0;
    for (let index = 0; index < 80; index++) {
      const r = await Pipeline.fromConfig([{ name: 'AugMix', mixtureWidth: 3 }]).run(makeSample(), { stream: { index } });
      const leaf = policyStep(r.trace).steps[0]!;
      const params = leaf.params as { mode: string; shared: unknown; chains: { name: string }[][] };
      assert.equal(params.mode, 'pixel-only');
      assert.equal(policyStep(r.trace).info['mode'], 'pixel-only');
      if (params.shared) shared++;
      for (const chain of params.chains) for (const op of chain) assert.ok(op.name !== 'Affine' && op.name !== 'Rotate', `a chain moved pixels: ${op.name}`);
      const free = await Pipeline.fromConfig([{ name: 'AugMix', mixtureWidth: 3 }]).run(makeSample({ label: true }), { stream: { index } });
      const fp = policyStep(free.trace).steps[0]!.params as { mode: string; chains: { name: string }[][] };
      assert.equal(fp.mode, 'all-ops');
      geometricInChains += fp.chains.flat().filter((op) => op.name === 'Affine' || op.name === 'Rotate').length;
    }
    assert.ok(shared > 5 && shared < 75, `shared op in ${shared} of 80`);
    assert.ok(geometricInChains > 0);
    assert.ok(GEOMETRIC_OPS.has('Rotate'));
  });

  test('a task with spatial labels counts even when this sample has none', async () => {
    const r = await Pipeline.fromConfig({ task: 'segmentation', transforms: [{ name: 'AugMix' }] }).run(makeSample({}));
    assert.equal(policyStep(r.trace).info['mode'], 'pixel-only');
  });

  test('strict refuses samples with labels, naming the sample', async () => {
    await assert.rejects(Pipeline.fromConfig([{ name: 'AugMix', strict: true }]).run(makeSample({ boxes: true })), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /sample "fixture"|fixture/);
      assert.match(e.hint ?? '', /strict: false/);
      return true;
    });
    await Pipeline.fromConfig([{ name: 'AugMix', strict: true }]).run(makeSample({ label: true }));
  });

  test('the shared op moves the labels exactly as the op alone does', async () => {
    for (let index = 0; index < 60; index++) {
      const s = makeSample();
      const r = await Pipeline.fromConfig([{ name: 'AugMix' }]).run(s, { stream: { index } });
      const params = policyStep(r.trace).steps[0]!.params as { shared: { name: string; params: Record<string, unknown> } | null };
      if (!params.shared) continue;
      const alone = await replayTrace(s, [{ name: params.shared.name, params: params.shared.params }]);
      assert.deepEqual(snapshot(r.sample.boxes), snapshot(alone.sample.boxes));
      assert.deepEqual(snapshot(r.sample.keypoints), snapshot(alone.sample.keypoints));
      assert.deepEqual(snapshot(r.sample.mask), snapshot(alone.sample.mask));
      assert.deepEqual(snapshot(r.sample.polygons), snapshot(alone.sample.polygons));
      return;
    }
    assert.fail('no shared op was drawn in 60 draws');
  });

  test('augMixViews: the clean sample and independent views for the JSD loss', async () => {
    const s = makeSample({ label: true });
    const views = await augMixViews(s, { severity: 3 }, { stream: { seed: 2 }, views: 2 });
    assert.equal(views.length, 3);
    assert.equal(views[0], s);
    assert.notDeepEqual(snapshot(views[1]!.image), snapshot(views[2]!.image));
    assert.notDeepEqual(snapshot(views[1]!.image), snapshot(s.image));
  });

  test('timm blend: weights sum to one and the original weight is 1 - Beta draw', async () => {
    for (let index = 0; index < 20; index++) {
      const r = await Pipeline.fromConfig([{ policy: 'augmix-m3-w3' }]).run(makeSample({ label: true }), { stream: { index } });
      const p = policyStep(r.trace).steps[0]!.params as { weights: number[]; original: number; blend: string };
      assert.equal(p.blend, 'timm');
      assert.ok(Math.abs(p.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      assert.ok(p.original >= 0 && p.original <= 1);
    }
  });
});
