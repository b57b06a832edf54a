import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { pipelineFromText, pipelineToText } from '../../src/core/config-text.js';
import { AuguryError } from '../../src/core/errors.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { registerTransform } from '../../src/core/registry.js';
import { probability, range } from '../../src/core/schema.js';
import { defineTransform } from '../../src/core/transform.js';
import { createImage } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';

/**
 * A custom transform registered through the public API, as a user would: adds a constant to
 * every pixel value. It maps no label, so it declares labels invariant and masks unsupported.
 */
const AddConstant = defineTransform({
  name: 'TestAddConstant',
  family: 'custom',
  description: 'adds a constant drawn from `amount` to every pixel (test transform)',
  schema: z.object({ amount: range({ scalar: 'zero-to', min: 0, max: 255, integer: true, description: 'value to add' }).prefault(10), p: probability(1) }).strict(),
  sample: (rng, _ctx, o) => ({ amount: rng.int(o.amount[0], o.amount[1]) }),
  kernels: {
    image: (img, p) => {
      const out = createImage(img.width, img.height, img.channels, 'uint8');
      for (let i = 0; i < out.data.length; i++) out.data[i] = Math.min(255, img.data[i]! + (p.amount as number));
      return out;
    },
    mask: 'unsupported',
    boxes: 'invariant',
    polygons: 'invariant',
    keypoints: 'invariant',
    label: 'invariant',
  },
  alternatives: { mask: 'masks are label maps: adding to them would change classes' },
  conformance: { options: { amount: [5, 50] }, covers: { param: 'amount', range: [5, 50] }, edit: { param: 'amount', value: 0 } },
});
registerTransform(AddConstant);

function sample(): Sample {
  const image = createImage(4, 3, 1, 'uint8');
  image.data.set([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]);
  return { id: 's', image };
}

describe('Pipeline', () => {
  test('runs, records a trace, and replays it exactly, also from a bare step array', async () => {
    const p = Pipeline.fromConfig({ transforms: [{ name: 'TestAddConstant', amount: [1, 100] }] });
    const r = await p.run(sample(), { stream: { seed: 7 } });
    const amount = (r.trace.steps[0] as unknown as { params: { amount: number } }).params.amount;
    assert.deepEqual(Array.from(r.sample.image.data), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110].map((v) => v + amount));
    assert.equal(r.trace.version, 1);
    assert.deepEqual(r.trace.input, { width: 4, height: 3 });
    const replayed = await replayTrace(sample(), JSON.parse(JSON.stringify(r.trace)));
    assert.deepEqual(replayed.sample.image.data, r.sample.image.data);
    const bare = await replayTrace(sample(), [{ name: 'TestAddConstant', params: { amount: 3 } }]);
    assert.equal(bare.sample.image.data[0], 3);
  });

  test('OneOf picks one child by weight and records which; SomeOf picks n distinct ones', async () => {
    const p = Pipeline.fromConfig({
      transforms: [
        { name: 'OneOf', transforms: [{ name: 'TestAddConstant', amount: [1, 1], p: 0.25 }, { name: 'TestAddConstant', amount: [2, 2], p: 0.75 }] },
        { name: 'SomeOf', n: 2, transforms: [{ name: 'TestAddConstant', amount: [10, 10] }, { name: 'TestAddConstant', amount: [20, 20] }, { name: 'TestAddConstant', amount: [40, 40] }] },
      ],
    });
    const counts = [0, 0];
    for (let index = 0; index < 400; index++) {
      const r = await p.run(sample(), { stream: { index } });
      const one = r.trace.steps[0] as unknown as { chosen: number[]; steps: unknown[] };
      assert.equal(one.chosen.length, 1);
      counts[one.chosen[0]!]!++;
      const some = r.trace.steps[1] as unknown as { chosen: number[] };
      assert.equal(new Set(some.chosen).size, 2);
      const added = [1, 2][one.chosen[0]!]! + some.chosen.reduce((a, i) => a + [10, 20, 40][i]!, 0);
      assert.equal(r.sample.image.data[0], added);
    }
    assert.ok(counts[1]! / counts[0]! > 2 && counts[1]! / counts[0]! < 4.5, `weights 1:3 gave ${counts[0]}:${counts[1]}`);
  });

  test('a skipped composition and skipped steps are recorded as skipped', async () => {
    const p = Pipeline.fromConfig({ transforms: [{ name: 'Sequential', p: 0, transforms: [{ name: 'TestAddConstant' }] }, { name: 'TestAddConstant', p: 0 }] });
    const r = await p.run(sample());
    assert.deepEqual(r.trace.steps, [
      { name: 'Sequential', skipped: true, steps: [] },
      { name: 'TestAddConstant', skipped: true },
    ]);
  });

  test('configs reload from their own YAML and JSON into identical pipelines', async () => {
    const text = 'task: classification\ntransforms:\n  - {name: TestAddConstant, amount: [3, 9]}\n  - name: OneOf\n    transforms: [{name: TestAddConstant, amount: 4}]\n';
    const p = pipelineFromText(text, 'p.yaml');
    for (const fmt of ['yaml', 'json'] as const) {
      const q = pipelineFromText(pipelineToText(p, fmt));
      assert.deepEqual(q.toConfig(), p.toConfig());
      const a = await p.run(sample(), { stream: { seed: 2 } });
      const b = await q.run(sample(), { stream: { seed: 2 } });
      assert.deepEqual(b.sample.image.data, a.sample.image.data);
    }
  });

  test('validation errors name the key path, the allowed values and the nearest transform name', () => {
    const err = (cfg: unknown): AuguryError => {
      try {
        Pipeline.fromConfig(cfg);
      } catch (e) {
        assert.ok(e instanceof AuguryError);
        return e;
      }
      assert.fail('expected an error');
    };
    const unknown = err({ transforms: [{ name: 'TestAddConstnt' }] });
    assert.match(unknown.message, /transforms\[0\]\.name: unknown transform "TestAddConstnt"/);
    assert.match(unknown.message, /did you mean "TestAddConstant"/);
    const badRange = err({ transforms: [{ name: 'TestAddConstant', amount: [30, 10] }] });
    assert.match(badRange.message, /transforms\[0\] \(TestAddConstant\)\.amount: expected \[min, max\] with min <= max \(received \[30,10\]\)/);
    const badKey = err({ transforms: [{ name: 'TestAddConstant', amout: 3 }] });
    assert.match(badKey.message, /unknown option "amout"/);
    assert.match(badKey.message, /options of .*: amount, p/);
    const badMethod = err({ transforms: [], boxes: { method: 'hull' } });
    assert.match(badMethod.message, /pipeline\.boxes\.method: expected one of "corners", "ellipse", "mask"/);
    assert.throws(() => pipelineFromText('transforms: [\n', 'bad.yaml'), /bad\.yaml: the pipeline is not valid YAML or JSON at line/);
  });

  test('an unsupported target fails with the transform, the target and the alternative', async () => {
    const s: Sample = { ...sample(), mask: { width: 4, height: 3, data: new Uint8Array(12) } };
    await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'TestAddConstant' }] }).run(s), /TestAddConstant cannot map masks.*Hint: masks are label maps/);
  });

  test('replay refuses an image of another size', async () => {
    const r = await Pipeline.fromConfig({ transforms: [{ name: 'TestAddConstant' }] }).run(sample());
    const other: Sample = { id: 'o', image: createImage(5, 3, 1, 'uint8') };
    await assert.rejects(replayTrace(other, r.trace), /recorded on an image of another size.*expected 4x3, received 5x3/);
  });
});

describe('pipeline box and keypoint options', () => {
  test('boxes.clip: false keeps the part of a box that leaves the image', async () => {
    await import('../../src/transforms/index.js');
    const { createBoxes } = await import('../../src/targets/boxes.js');
    const s: Sample = { id: 'b', image: createImage(40, 30, 3, 'uint8'), boxes: createBoxes({ xyxy: [20, 10, 36, 20] }) };
    const shift = { name: 'Affine', translatePx: { x: 10, y: 0 }, p: 1 };
    const clipped = await Pipeline.fromConfig({ transforms: [shift] }).run(s);
    const open = await Pipeline.fromConfig({ transforms: [shift], boxes: { clip: false } }).run(s);
    assert.deepEqual(Array.from(clipped.sample.boxes!.xyxy), [30, 10, 40, 20]);
    assert.deepEqual(Array.from(open.sample.boxes!.xyxy), [30, 10, 46, 20]);
    // Visibility is the share in frame either way: 10 of 16 px.
    assert.equal(open.sample.boxes!.visibility[0], 10 / 16);
    assert.equal(clipped.sample.boxes!.visibility[0], 10 / 16);
  });

  test('keypoints.flipPairs from the config swap left and right on a flip when the data has none', async () => {
    await import('../../src/transforms/index.js');
    const { createKeypoints } = await import('../../src/targets/keypoints.js');
    const s: Sample = { id: 'k', image: createImage(40, 30, 3, 'uint8'), keypoints: createKeypoints({ xy: [10.5, 5.5, 30.5, 5.5] }) };
    const flip = { transforms: [{ name: 'HorizontalFlip', p: 1 }] };
    const without = await Pipeline.fromConfig(flip).run(s);
    const withPairs = await Pipeline.fromConfig({ ...flip, keypoints: { flipPairs: [[0, 1]] } }).run(s);
    assert.deepEqual(Array.from(without.sample.keypoints!.xy), [29.5, 5.5, 9.5, 5.5]);
    assert.deepEqual(Array.from(withPairs.sample.keypoints!.xy), [9.5, 5.5, 29.5, 5.5]);
  });
});
