/** Policy strings: timm's parsed configs reproduced, augury's own strings, errors that point at the bad part, configs written back. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { AuguryError } from '../../src/core/errors.js';
import { Pipeline } from '../../src/core/pipeline.js';
import { parsePolicyString } from '../../src/core/policy.js';
import { policyConfig } from '../../src/policies/config.js';
import { timmRandOps } from '../../src/policies/rand-augment.js';
import { timmArg } from '../../src/policies/magnitudes.js';
import { makeSample, snapshot } from '../conformance/fixture.js';
import { golden, type ConfigJson } from './golden.js';

const CLASS_TO_POLICY: Record<string, string> = { RandAugment: 'RandAugment', AugMixAugment: 'AugMix', AutoAugment: 'AutoAugment' };

function checkConfig(ref: ConfigJson): void {
  const { name, options: o } = parsePolicyString(ref.config);
  assert.equal(name, CLASS_TO_POLICY[ref.returned_class]);
  assert.equal(o['magnitudeScale'], 'timm');
  assert.deepEqual(o['magnitudeStd'] ?? 0, ref.magnitude_std, 'magnitude_std');
  assert.equal(o['magnitudeMax'] ?? null, ref.magnitude_max, 'magnitude_max');
  if (name === 'RandAugment') {
    assert.equal(o['numOps'], ref.num_layers);
    assert.equal(o['magnitude'], ref.magnitude);
    assert.equal(o['opProbability'] ?? 0.5, ref.prob_per_op);
    assert.equal(o['increasing'] ?? false, ref.increasing);
    const ops = timmRandOps({ increasing: o['increasing'] === true, ops: o['ops'] as undefined });
    assert.deepEqual(ops.names, ref.op_names);
    for (const [op, arg] of Object.entries(ref.args_at_magnitude!)) {
      const level = Math.max(0, Math.min(ref.magnitude!, ref.clamp_upper_bound));
      assert.equal(timmArg(op, level, false), arg, `${op} at ${level}`);
    }
  } else if (name === 'AugMix') {
    assert.deepEqual([o['severity'], o['mixtureWidth'], o['chainDepth'], o['alpha'], o['blended']], [ref.magnitude, ref.width, ref.depth, ref.alpha, ref.blended]);
  } else {
    assert.equal(o['table'], ref.policy_name);
  }
  // And the options are valid for the policy they name.
  Pipeline.fromConfig({ transforms: [{ policy: ref.config }] });
}

describe('timm strings parse as timm parses them', () => {
  for (const ref of [...golden.timm.parsed_configs, ...golden.timm.parsed_configs_extra]) test(ref.config, () => checkConfig(ref));

  test('the issue examples, with their quirks', () => {
    assert.deepEqual(parsePolicyString('rand-m9-n2-mstd0.5-mmax10-inc1').options, { magnitudeScale: 'timm', magnitude: 9, numOps: 2, magnitudeStd: 0.5, magnitudeMax: 10, increasing: true });
    // b0 is blended like inc0 is increasing: timm tests bool('0').
    assert.equal(parsePolicyString('augmix-m5-w4-d2-a1-b0').options['blended'], true);
    assert.deepEqual(parsePolicyString('rand-n3-tweights').options, { magnitudeScale: 'timm', magnitude: 10, numOps: 3, ops: 'weights' });
    assert.deepEqual(parsePolicyString('3a').options, { table: '3a', magnitudeScale: 'timm' });
  });
});

describe("augury's strings", () => {
  test('TrivialAugmentWide, torchvision AutoAugment tables and RandAugment', () => {
    assert.equal(parsePolicyString('ta_wide').name, 'TrivialAugmentWide');
    assert.equal(parsePolicyString('trivialaugment').name, 'TrivialAugmentWide');
    assert.deepEqual(parsePolicyString('aa-cifar10'), { name: 'AutoAugment', options: { table: 'cifar10', magnitudeScale: 'torchvision' } });
    assert.deepEqual(parsePolicyString('tv-rand-m9-n2-b31'), { name: 'RandAugment', options: { magnitudeScale: 'torchvision', magnitude: 9, numOps: 2, numMagnitudeBins: 31 } });
  });
});

describe('malformed strings', () => {
  const cases: [string, string, RegExp][] = [
    ['rand-m9x-n2', 'm9x', /"9x" is not a whole number/],
    ['rand-m9-q3', 'q3', /unknown RandAugment section "q"/],
    ['rand-m9-mstd', 'mstd', /has no value/],
    ['augmix-m5-z2', 'z2', /unknown AugMix section "z"/],
    ['original-m9', 'm9', /only mstd/],
    ['aa-imagenett', 'imagenett', /unknown AutoAugment table/],
    ['randaug-m9', 'randaug', /starts with "rand-"/],
  ];
  for (const [text, part, why] of cases) {
    test(text, () => {
      assert.throws(() => Pipeline.fromConfig({ transforms: [{ policy: text }] }), (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.match(e.message, why);
        const lines = e.message.split('\n');
        const at = lines.findIndex((l) => l.trim() === text);
        assert.ok(at >= 0, 'the string is shown on its own line');
        const shown = lines[at]!;
        const pointer = lines[at + 1]!;
        // The carets sit under the bad part.
        assert.equal(shown.indexOf(text) + text.indexOf(part), pointer.indexOf('^'));
        assert.match(e.hint ?? '', /rand-m<int>-n<int>/);
        assert.match(e.hint ?? '', /augmix-m<int>/);
        return true;
      });
    });
  }
});

describe('every policy writes itself back as a config', () => {
  const steps: (string | Record<string, unknown>)[] = ['rand-m9-n2-mstd0.5-inc1', 'augmix-m5-w4-d2', 'original-mstd0.5', 'v0r', 'ta_wide', 'aa-svhn', 'tv-rand-m7-n3', { name: 'RandAugment', numOps: 3 }, { name: 'AugMix', severity: 2, mixtureWidth: 2 }, { policy: 'rand-m7', p: 0.8 }];
  for (const step of steps) {
    test(JSON.stringify(step), async () => {
      const explicit = policyConfig(step);
      assert.equal(typeof explicit['name'], 'string');
      assert.equal(typeof explicit['p'], 'number');
      const original = Pipeline.fromConfig({ task: 'detection', transforms: [typeof step === 'string' ? { policy: step } : step] });
      const rebuilt = Pipeline.fromConfig(JSON.parse(JSON.stringify({ task: 'detection', transforms: [explicit] })));
      // The explicit config is a fixed point.
      assert.deepEqual(policyConfig(explicit), explicit);
      const s = makeSample();
      for (const seed of [1, 2, 3]) {
        const a = await original.run(s, { stream: { seed } });
        const b = await rebuilt.run(s, { stream: { seed } });
        assert.deepEqual(snapshot(b.sample), snapshot(a.sample));
        assert.deepEqual(JSON.parse(JSON.stringify(b.trace.steps)), JSON.parse(JSON.stringify(a.trace.steps)));
      }
      // And the pipeline's own toConfig reloads identically.
      const again = Pipeline.fromConfig(JSON.parse(JSON.stringify(original.toConfig())));
      assert.deepEqual(snapshot((await again.run(s, { stream: { seed: 5 } })).sample), snapshot((await original.run(s, { stream: { seed: 5 } })).sample));
    });
  }
});
