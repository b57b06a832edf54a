import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorOn, ids, only } from './helpers.js';

const BUDGET_IDS = ['budget.mixup-randaugment', 'budget.mixup-smoothing-color', 'budget.over-regularization'];
const budgetFindings = (fs: Awaited<ReturnType<typeof doctorOn>>) => fs.filter((f) => BUDGET_IDS.includes(f.ruleId));
type Suggestion = { source: string; knob: string; from: number; to: number };

test('mixup alpha > 0.4 with RandAugment magnitude > 15 of 30 is flagged with its cost and a weaker setting that passes', async () => {
  const pipeline = { task: 'classification', transforms: [{ name: 'RandAugment', numOps: 2, magnitude: 20, magnitudeScale: 'torchvision', numMagnitudeBins: 31 }] };
  const fs = await doctorOn(pipeline, { mixup: { alpha: 0.5, prob: 1 } });
  const f = only(fs, 'budget.mixup-randaugment');
  assert.equal(f.length, 1, JSON.stringify(fs));
  assert.equal(f[0]!.severity, 'warning');
  assert.match(f[0]!.message, /1 to 3 points of ImageNet top-1/);
  assert.equal(f[0]!.evidence['randAugmentMagnitude30'], 20);
  // The suggestion, applied, gives a recipe the doctor no longer flags.
  const sug = f[0]!.evidence['suggestion'] as Suggestion[];
  assert.ok(sug.length > 0);
  let alpha = 0.5;
  let magnitude = 20;
  for (const s of sug) {
    if (s.knob === 'mixup.alpha') alpha = s.to;
    else if (s.knob === 'magnitude') magnitude = s.to;
    else assert.fail(`unexpected knob ${s.knob}`);
  }
  assert.ok(alpha <= 0.4);
  assert.match(f[0]!.fix, /mixup\.alpha 0\.5 -> /);
  const again = await doctorOn({ ...pipeline, transforms: [{ ...pipeline.transforms[0]!, magnitude }] }, { mixup: { alpha, prob: 1 } });
  assert.deepEqual(budgetFindings(again), []);
});

test('the boundary: alpha 0.41 with magnitude 16 is flagged, alpha 0.4 with magnitude 15 is not', async () => {
  const ra = (m: number) => ({ transforms: [{ name: 'RandAugment', numOps: 2, magnitude: m }] });
  assert.ok(ids(await doctorOn(ra(16), { mixup: { alpha: 0.41 } })).includes('budget.mixup-randaugment'));
  assert.deepEqual(budgetFindings(await doctorOn(ra(15), { mixup: { alpha: 0.4 } })), []);
});

test('timm and torchvision magnitudes compare as fraction of the range times the op probability', async () => {
  // timm m9 is 0.9 of its 0-10 range, applied with probability 0.5: 13.5 on the 0-30 scale.
  const timm = await doctorOn({ transforms: [{ policy: 'rand-m9-n2' }] }, { mixup: { alpha: 0.5 } });
  assert.deepEqual(budgetFindings(timm), []);
  // The same level applied every time is 27 of 30, like torchvision's magnitude 27: both flagged.
  const always = await doctorOn({ transforms: [{ name: 'RandAugment', magnitudeScale: 'timm', magnitude: 9, opProbability: 1, numOps: 2 }] }, { mixup: { alpha: 0.5 } });
  assert.equal(only(always, 'budget.mixup-randaugment')[0]?.evidence['randAugmentMagnitude30'], 27);
  const tv = await doctorOn({ transforms: [{ name: 'RandAugment', magnitude: 27, numOps: 2 }] }, { mixup: { alpha: 0.5 } });
  assert.equal(only(tv, 'budget.mixup-randaugment')[0]?.evidence['randAugmentMagnitude30'], 27);
  assert.ok(!ids(timm).some((id) => id.startsWith('input.')), JSON.stringify(timm));
});

test('mixup 0.5 + label smoothing 0.2 + heavy colour jitter is flagged, and its weaker setting passes', async () => {
  const jitter = { name: 'ColorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 };
  const fs = await doctorOn({ task: 'classification', transforms: [{ name: 'HorizontalFlip' }, jitter] }, { mixup: { alpha: 0.5, prob: 1 }, labelSmoothing: 0.2 });
  const f = only(fs, 'budget.mixup-smoothing-color');
  assert.equal(f.length, 1, JSON.stringify(fs));
  assert.match(f[0]!.message, /50 to 100%/);
  let alpha = 0.5;
  let ls = 0.2;
  let scale = 1;
  for (const s of f[0]!.evidence['suggestion'] as Suggestion[]) {
    if (s.knob === 'mixup.alpha') alpha = s.to;
    else if (s.knob === 'labelSmoothing') ls = s.to;
    else if (s.knob === 'strength') scale = s.to;
  }
  const weaker = { ...jitter, brightness: 0.4 * scale, contrast: 0.4 * scale, saturation: 0.4 * scale, hue: 0.1 * scale };
  const again = await doctorOn({ task: 'classification', transforms: [{ name: 'HorizontalFlip' }, weaker] }, { mixup: { alpha, prob: 1 }, labelSmoothing: ls });
  assert.deepEqual(budgetFindings(again), []);
});

test('a mild recipe is not flagged', async () => {
  const fs = await doctorOn(
    { task: 'classification', transforms: [{ name: 'HorizontalFlip' }, { name: 'RandAugment', numOps: 2, magnitude: 9 }, { name: 'ColorJitter', brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.05 }, { name: 'RandomErasing', p: 0.25 }] },
    { mixup: { alpha: 0.2, prob: 1 }, labelSmoothing: 0.1 },
  );
  assert.deepEqual(budgetFindings(fs), []);
});

test('other recipes over the budget get the generic finding with their contributions', async () => {
  const fs = await doctorOn({ transforms: [{ name: 'RandAugment', numOps: 3, magnitude: 30 }] }, { labelSmoothing: 0.3 });
  const f = only(fs, 'budget.over-regularization');
  assert.equal(f.length, 1);
  const kinds = (f[0]!.evidence['contributions'] as { kind: string }[]).map((c) => c.kind).sort();
  assert.deepEqual(kinds, ['labelSmoothing', 'randAugment']);
  assert.ok((f[0]!.evidence['score'] as number) > 1);
  assert.ok((f[0]!.evidence['scoreAfter'] as number) <= 1);
});

test('policy provenance: no held-out validation and a small data share are flagged; a sound search is not', async () => {
  const weak = await doctorOn({ transforms: [{ name: 'RandAugment', magnitude: 9, provenance: { dataShare: 0.02, proxy: 'resnet18', epochs: 10, folds: 1, heldOut: false } }] });
  assert.ok(ids(weak).includes('policy.no-held-out'));
  assert.equal(only(weak, 'policy.small-data-share')[0]?.evidence['dataShare'], 0.02);
  const sound = await doctorOn({ transforms: [{ name: 'RandAugment', magnitude: 9, provenance: { dataShare: 0.5, proxy: 'resnet18', epochs: 30, folds: 5, heldOut: true } }] });
  assert.ok(!ids(sound).some((id) => id.startsWith('policy.')));
});
