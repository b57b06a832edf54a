import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import { createImage } from '../../src/targets/image.js';
import { createKeypoints } from '../../src/targets/keypoints.js';
import type { Sample } from '../../src/targets/sample.js';
import { paintedSample, provider } from './helpers.js';

function flat(id: string, v: number, cls: number): Sample {
  const image = createImage(40, 30, 3, 'uint8');
  image.data.fill(v);
  return { id, image, label: { kind: 'class', index: cls } };
}
const a = flat('a', 200, 0);
const b = flat('b', 100, 2);
const params = (r: { trace: { steps: readonly unknown[] } }) => (r.trace.steps[0] as { params: Record<string, unknown> }).params;

test('MixUp: pixels and soft label both weighted by lambda, with timm label smoothing', async () => {
  const r = await Pipeline.fromConfig({ transforms: [{ name: 'MixUp', numClasses: 4, labelSmoothing: 0.1 }] }).run(a, { stream: { seed: 2 }, partners: provider([b]) });
  const lam = params(r)['lambda'] as number;
  assert.ok(lam > 0 && lam < 1);
  assert.equal(r.sample.image.data[0], Math.round(200 * lam + 100 * (1 - lam)));
  const probs = Array.from((r.sample.label as { probs: Float64Array }).probs);
  const off = 0.1 / 4, on = 1 - 0.1 + off;
  const want = [lam * on + (1 - lam) * off, off, lam * off + (1 - lam) * on, off];
  probs.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-9, `class ${i}: ${v} vs ${want[i]}`));
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'MixUp' }] }).run(a, { partners: provider([b]) }), /MixUp.numClasses.*set numClasses/);
});

test('CutMix: the soft label weight is the uncovered share of the clipped patch, not the drawn lambda', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'CutMix', numClasses: 3, alpha: 1 }] });
  for (let seed = 0; seed < 30; seed++) {
    const r = await p.run(a, { stream: { seed }, partners: provider([b]) });
    const [x0, y0, x1, y1] = params(r)['rect'] as number[];
    let fromPartner = 0;
    for (let i = 0; i < 40 * 30; i++) if (r.sample.image.data[i * 3] === 100) fromPartner++;
    assert.equal(fromPartner, (x1! - x0!) * (y1! - y0!));
    const probs = (r.sample.label as { probs: Float64Array }).probs;
    assert.ok(Math.abs(probs[2]! - fromPartner / 1200) < 1e-9);
    assert.ok(Math.abs(probs[0]! - (1 - fromPartner / 1200)) < 1e-9);
  }
});

test('MixUpCutMix switches between the two with switchProb, and refuses when both are disabled', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'MixUpCutMix', numClasses: 3, cutmixAlpha: 1, switchProb: 0.5 }] });
  const kinds = new Set<string>();
  for (let seed = 0; seed < 20; seed++) kinds.add(params(await p.run(a, { stream: { seed }, partners: provider([b]) }))['kind'] as string);
  assert.deepEqual([...kinds].sort(), ['cutmix', 'mixup']);
  const onlyCut = Pipeline.fromConfig({ transforms: [{ name: 'MixUpCutMix', numClasses: 3, mixupAlpha: 0, cutmixMinMax: [0.2, 0.4] }] });
  assert.equal(params(await onlyCut.run(a, { partners: provider([b]) }))['kind'], 'cutmix');
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'MixUpCutMix', mixupAlpha: 0 }] }).run(a, { partners: provider([b]) }), /both MixUp and CutMix disabled.*Hint: set mixupAlpha/);
});

test('CutMix with keypoints: the patch brings its keypoints, and the sample\'s keypoints under it become occluded', async () => {
  const base = { ...paintedSample(0, 64, 48, [[4, 4, 60, 44]]), keypoints: createKeypoints({ xy: [10, 10, 50, 40], fields: { instance: Int32Array.of(0, 0) } }) };
  const partner = { ...paintedSample(1, 64, 48, [[2, 2, 62, 46]]), keypoints: createKeypoints({ xy: [5, 5, 55, 42], fields: { instance: Int32Array.of(0, 0) } }) };
  const r = await Pipeline.fromConfig({ transforms: [{ name: 'CutMix', minMax: [0.3, 0.3] }] }).run(base, { stream: { seed: 4 }, partners: provider([partner]) });
  const [x0, y0, x1, y1] = params(r)['rect'] as number[];
  const k = r.sample.keypoints!;
  assert.equal(k.visibility.length, 4);
  const inside = (x: number, y: number) => x > x0! && x < x1! && y > y0! && y < y1!;
  for (let i = 0; i < 2; i++) assert.equal(k.visibility[i], inside(k.xy[2 * i]!, k.xy[2 * i + 1]!) ? 1 : 2);
  for (let i = 2; i < 4; i++) assert.equal(k.visibility[i], inside(k.xy[2 * i]!, k.xy[2 * i + 1]!) ? 2 : 0);
  assert.deepEqual(Array.from(k.fields['instance'] as Int32Array), [0, 0, 1, 1]);
});
