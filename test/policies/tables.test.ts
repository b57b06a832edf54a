/** Every policy table and magnitude space equals its reference (torchvision 0.14.1, timm), entry by entry. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timmArg, TIMM_LEVEL_TO_ARG, torchvisionSpace, type TorchvisionSpaceKind } from '../../src/policies/magnitudes.js';
import { AUTO_AUGMENT_TABLES, TIMM_AUGMIX_TRANSFORMS, TIMM_RAND_3A, TIMM_RAND_INCREASING_TRANSFORMS, TIMM_RAND_TRANSFORMS, TIMM_RAND_WEIGHTED_0, TIMM_RAND_WEIGHTED_3A } from '../../src/policies/tables.js';
import { golden, type SpaceJson } from './golden.js';

function checkSpace(kind: TorchvisionSpaceKind, ref: SpaceJson): number {
  const [h, w] = ref.image_size_hw ?? [0, 0];
  const ours = torchvisionSpace(kind, ref.num_bins, w, h, ref.all_ops ?? true);
  assert.deepEqual(ours.map((o) => o.name), ref.op_order, `${kind} op order`);
  let n = 0;
  for (const r of ref.ops) {
    const o = ours.find((x) => x.name === r.name)!;
    assert.equal(o.signed, r.signed, `${kind} ${r.name} signed`);
    if (r.magnitudes === null) {
      assert.equal(o.magnitudes, null, `${kind} ${r.name} has no magnitudes`);
      continue;
    }
    // torch.linspace's vectorised lanes round differently from its scalar rule in a few entries:
    // within 4 float32 ulps, and never across an integer (translate uses int(), posterize bits are ints).
    assert.equal(o.magnitudes!.length, r.magnitudes.length);
    r.magnitudes.forEach((v, i) => {
      const m = o.magnitudes![i]!;
      assert.ok(Math.abs(m - v) <= 4.8e-7 * Math.max(1, Math.abs(v)), `${kind} ${r.name} bin ${i}: ${m} vs ${v} (${ref.num_bins} bins at ${w}x${h})`);
      assert.equal(Math.trunc(m), Math.trunc(v), `${kind} ${r.name} bin ${i} crosses an integer`);
    });
    n += r.magnitudes.length;
  }
  return n;
}

describe('torchvision magnitude spaces', () => {
  const tv = golden.torchvision;
  test('AutoAugment (10 bins, two image sizes)', () => {
    assert.equal(tv.AutoAugment.augmentation_space.length, 2);
    for (const s of tv.AutoAugment.augmentation_space) assert.ok(checkSpace('AutoAugment', s) > 0);
  });
  test('RandAugment (31 bins, two image sizes)', () => {
    for (const s of tv.RandAugment.augmentation_space) assert.ok(checkSpace('RandAugment', s) > 0);
  });
  test('TrivialAugmentWide (31 bins, fixed ranges)', () => {
    for (const s of tv.TrivialAugmentWide.augmentation_space) assert.ok(checkSpace('TrivialAugmentWide', s) > 0);
  });
  test('AugMix (all_ops true and false, two image sizes)', () => {
    assert.equal(tv.AugMix.augmentation_space.length, 4);
    for (const s of tv.AugMix.augmentation_space) assert.ok(checkSpace('AugMix', s) > 0);
  });
});

describe('AutoAugment tables', () => {
  for (const name of ['IMAGENET', 'CIFAR10', 'SVHN'] as const) {
    test(`torchvision ${name}: every sub-policy, probability and magnitude bin`, () => {
      const ref = golden.torchvision.AutoAugment.policies[name]!.sub_policies;
      const ours = AUTO_AUGMENT_TABLES[name.toLowerCase() as 'imagenet'].table;
      assert.equal(ours.length, ref.length);
      assert.equal(ours.length, 25);
      const space = torchvisionSpace('AutoAugment', 10, 224, 224);
      ref.forEach((sp, i) => {
        assert.equal(ours[i]!.length, sp.length);
        sp.forEach((e, j) => {
          const [op, prob, mag] = ours[i]![j]!;
          assert.deepEqual([op, prob, mag], [e.op, e.prob, e.magnitude_id], `sub-policy ${i} op ${j}`);
          const meta = space.find((s) => s.name === op)!;
          assert.equal(meta.signed, e.signed);
          const m = mag === null ? 0 : meta.magnitudes![mag]!;
          assert.ok(Math.abs(m - e.resolved_magnitude_224) <= 4.8e-7 * Math.max(1, m), `sub-policy ${i} op ${j} magnitude at 224: ${m} vs ${e.resolved_magnitude_224}`);
        });
      });
    });
  }
  for (const name of ['original', 'originalr', 'v0', 'v0r', '3a'] as const) {
    test(`timm ${name}: every sub-policy, probability, level and argument`, () => {
      const ref = golden.timm.policies[`auto_augment_policy_${name}`]!.sub_policies;
      const ours = AUTO_AUGMENT_TABLES[name].table;
      assert.equal(ours.length, ref.length);
      ref.forEach((sp, i) =>
        sp.forEach((e, j) => {
          const [op, prob, level] = ours[i]![j]!;
          assert.deepEqual([op, prob, level], [e.op, e.prob, e.magnitude], `sub-policy ${i} op ${j}`);
          assert.equal(timmArg(op, level!, false), e.arg_at_magnitude, `sub-policy ${i} op ${j} argument`);
        }),
      );
    });
  }
});

describe('timm level functions and op lists', () => {
  test('every op at levels 0..10, both sign branches', () => {
    const lv = golden.timm.level_to_arg;
    assert.deepEqual(Object.keys(TIMM_LEVEL_TO_ARG).sort(), lv.ops.map((o) => o.name).sort());
    for (const op of lv.ops) {
      lv.levels.forEach((level, i) => {
        const v = timmArg(op.name, level, false);
        assert.equal(v, op.values === null ? null : op.values[i], `${op.name} level ${level}`);
        if (op.values_negated) assert.ok(Object.is(timmArg(op.name, level, true), op.values_negated[i]), `${op.name} level ${level} negated`);
        else assert.equal(timmArg(op.name, level, true), v, `${op.name} is never negated`);
      });
    }
  });
  test('op lists and choice weights', () => {
    const l = golden.timm.op_lists;
    assert.deepEqual(TIMM_RAND_TRANSFORMS, l['_RAND_TRANSFORMS']);
    assert.deepEqual(TIMM_RAND_INCREASING_TRANSFORMS, l['_RAND_INCREASING_TRANSFORMS']);
    assert.deepEqual(TIMM_RAND_3A, l['_RAND_3A']);
    assert.deepEqual(TIMM_AUGMIX_TRANSFORMS, l['_AUGMIX_TRANSFORMS']);
    assert.deepEqual(TIMM_RAND_WEIGHTED_0, l['_RAND_WEIGHTED_0']);
    assert.deepEqual(TIMM_RAND_WEIGHTED_3A, l['_RAND_WEIGHTED_3A']);
  });
});
