import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { registerMix, type MixDef, type PartnerProvider } from '../../src/core/mix.js';
import { probability } from '../../src/core/schema.js';
import { createImage } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';

/** A toy mix through the public API: averages the image with its partner's, label-free samples only. */
const Average: MixDef<z.ZodObject<{ p: z.ZodDefault<z.ZodNumber> }>, { weight: number }> = {
  name: 'TestAverageMix',
  family: 'mixing',
  description: 'test mix',
  schema: z.object({ p: probability(1) }).strict(),
  partnerCount: () => 1,
  sample: (rng) => ({ weight: Math.round(rng.uniform(0.2, 0.8) * 100) / 100 }),
  apply: (s, [b], p) => {
    const out = createImage(s.image.width, s.image.height, s.image.channels, 'uint8');
    for (let i = 0; i < out.data.length; i++) out.data[i] = Math.round(s.image.data[i]! * p.weight + b!.image.data[i]! * (1 - p.weight));
    return { ...s, image: out };
  },
  refuses: ['boxes', 'mask', 'polygons', 'keypoints'],
  alternatives: { boxes: 'blending moves no box: use a box-aware mix' },
};
registerMix(Average);

function flat(v: number): Sample {
  const image = createImage(4, 4, 1, 'uint8');
  image.data.fill(v);
  return { id: `flat${v}`, image };
}

const data = [flat(0), flat(100), flat(200)];
const provider: PartnerProvider = {
  size: data.length,
  get: async (i) => ({ id: data[i]!.id, sample: data[i]! }),
  byId: async (id) => data.find((d) => d.id === id)!,
};

test('a mix step draws partners through its Rng, records their ids, and replays with the same partners', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'TestAverageMix' }] });
  const r = await p.run(flat(50), { stream: { seed: 3 }, partners: provider });
  const step = r.trace.steps[0] as unknown as { params: { weight: number }; partners: string[] };
  assert.equal(step.partners.length, 1);
  const partner = data.find((d) => d.id === step.partners[0])!;
  assert.equal(r.sample.image.data[0], Math.round(50 * step.params.weight + partner.image.data[0]! * (1 - step.params.weight)));
  const again = await replayTrace(flat(50), JSON.parse(JSON.stringify(r.trace)), { partners: provider });
  assert.deepEqual(again.sample.image.data, r.sample.image.data);
  const same = await p.run(flat(50), { stream: { seed: 3 }, partners: provider });
  assert.deepEqual(same.trace, r.trace);
});

test('without partners a mix refuses to run or replay, saying where partners come from', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'TestAverageMix' }] });
  await assert.rejects(p.run(flat(50)), /TestAverageMix needs 1 partner sample.*augury augment.*--partner/);
  const r = await p.run(flat(50), { partners: provider });
  await assert.rejects(replayTrace(flat(50), r.trace), /TestAverageMix needs 1 partner sample/);
});

test('a mix refuses targets it cannot keep true, naming the alternative', async () => {
  const { createBoxes } = await import('../../src/targets/boxes.js');
  const s: Sample = { ...flat(50), boxes: createBoxes({ xyxy: [0, 0, 2, 2] }) };
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'TestAverageMix' }] }).run(s, { partners: provider }), /TestAverageMix cannot map boxes.*use a box-aware mix/);
});
