import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import '../../src/transforms/index.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { registerPolicy, registerPolicyParser, type PolicyDef } from '../../src/core/policy.js';
import { probability } from '../../src/core/schema.js';
import { makeSample, snapshot } from '../conformance/fixture.js';

/** A toy policy through the public API: numOps ops drawn from a flip and a rotation. */
const Toy: PolicyDef<z.ZodObject<{ numOps: z.ZodDefault<z.ZodNumber>; p: z.ZodDefault<z.ZodNumber> }>> = {
  name: 'TestToyPolicy',
  description: 'test policy',
  schema: z.object({ numOps: z.number().int().min(1).default(2), p: probability(1) }).strict(),
  choose: (rng, ctx, o) => ({
    ops: Array.from({ length: o.numOps }, () =>
      rng.bool(0.5) ? { name: 'HorizontalFlip', params: {} } : { name: 'Rotate', params: { angle: rng.uniform(-20, 20), interpolation: 'bilinear', border: 'constant', fill: 0, fillMask: 0 } },
    ),
    info: { width: ctx.width, task: ctx.task ?? null },
  }),
};
registerPolicy(Toy);
registerPolicyParser((s) => {
  const m = /^toy-n(\d+)$/.exec(s);
  return m ? { name: 'TestToyPolicy', options: { numOps: Number(m[1]) } } : null;
});

test('a policy step draws catalog ops that run and trace as ordinary steps, and replays without the policy', async () => {
  const s = makeSample();
  const p = Pipeline.fromConfig({ task: 'detection', transforms: [{ name: 'TestToyPolicy', numOps: 3 }] });
  const r = await p.run(s, { stream: { seed: 4 } });
  const step = r.trace.steps[0] as { name: string; info: { width: number; task: string }; steps: { name: string }[] };
  assert.equal(step.name, 'TestToyPolicy');
  assert.deepEqual(step.info, { width: 64, task: 'detection' });
  assert.equal(step.steps.length, 3);
  for (const op of step.steps) assert.ok(['HorizontalFlip', 'Rotate'].includes(op.name));
  const replayed = await replayTrace(s, JSON.parse(JSON.stringify(r.trace)));
  assert.deepEqual(snapshot(replayed.sample), snapshot(r.sample));
});

test('a policy string is a step; it writes itself back and reloads identically', async () => {
  const s = makeSample();
  const p = Pipeline.fromConfig({ transforms: [{ policy: 'toy-n2', p: 1 }] });
  const a = await p.run(s, { stream: { seed: 1 } });
  assert.equal((a.trace.steps[0] as unknown as { steps: unknown[] }).steps.length, 2);
  const q = Pipeline.fromConfig(JSON.parse(JSON.stringify(p.toConfig())));
  assert.deepEqual(snapshot((await q.run(s, { stream: { seed: 1 } })).sample), snapshot(a.sample));
  assert.throws(() => Pipeline.fromConfig({ transforms: [{ policy: 'toy-nX' }] }), /not a policy string: "toy-nX".*docs\/policies\.md/);
});
