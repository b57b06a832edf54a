/** The detection policies of Zoph et al. 2019: tables, level arguments, string, run and replay. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { AuguryError } from '../../src/core/errors.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { parsePolicyString } from '../../src/core/policy.js';
import type { CompositionTrace, LeafTrace } from '../../src/core/trace.js';
import { hasTransform } from '../../src/core/registry.js';
import { DET_V0, DET_V1, DET_V2, DET_V3, detectionArg } from '../../src/policies/detection-tables.js';
import { detectionOp } from '../../src/policies/detection.js';
import { Rng } from '../../src/core/rng.js';
import { snapshot } from '../conformance/fixture.js';
import { paintedSample } from '../helpers/painted.js';

type PolicyTrace = CompositionTrace & { info: Record<string, unknown>; steps: LeafTrace[] };

describe('tables equal tensorflow/tpu autoaugment_utils.py', () => {
  test('sub-policy counts and sizes', () => {
    assert.deepEqual([DET_V0.length, DET_V1.length, DET_V2.length, DET_V3.length], [5, 20, 15, 15]);
    assert.ok(DET_V0.every((s) => s.length === 2) && DET_V1.every((s) => s.length === 2) && DET_V3.every((s) => s.length === 2));
    assert.deepEqual(DET_V2.map((s) => s.length), [3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
  });
  test('entries written out by hand from the reference', () => {
    assert.deepEqual(DET_V0[1], [['TranslateY_Only_BBoxes', 0.2, 2], ['Cutout', 0.8, 8]]);
    assert.deepEqual(DET_V0[4], [['Rotate_BBox', 0.6, 10], ['Color', 1.0, 6]]);
    assert.deepEqual(DET_V1[6], [['ShearY_Only_BBoxes', 0.8, 2], ['Flip_Only_BBoxes', 0.0, 10]]);
    assert.deepEqual(DET_V1[12], [['Cutout_Only_BBoxes', 0.4, 6], ['TranslateY_Only_BBoxes', 0.8, 2]]);
    assert.deepEqual(DET_V2[10], [['Rotate_BBox', 0.6, 10], ['BBox_Cutout', 1.0, 4], ['Cutout', 0.2, 8]]);
    assert.deepEqual(DET_V3[14], [['SolarizeAdd', 0.8, 6], ['Equalize', 0.8, 8]]);
  });
  test('level to argument (hparams translate_const 250, translate_bbox_const 120, cutout_const 100, cutout_bbox_const 50)', () => {
    assert.equal(detectionArg('TranslateX_BBox', 4), 100);
    assert.equal(detectionArg('TranslateY_Only_BBoxes', 6), 72);
    assert.equal(detectionArg('Cutout', 8), 80);
    assert.equal(detectionArg('Cutout_Only_BBoxes', 6), 30);
    assert.equal(detectionArg('Rotate_BBox', 10), 30);
    assert.ok(Math.abs(detectionArg('ShearX_BBox', 2)! - 0.06) < 1e-12);
    assert.ok(Math.abs(detectionArg('BBox_Cutout', 4)! - 0.3) < 1e-12);
    assert.equal(detectionArg('Posterize', 2), 0);
    assert.equal(detectionArg('SolarizeAdd', 6), 66);
    assert.equal(detectionArg('Equalize', 10), null);
  });
  test('every op of every table becomes registered catalog transforms', () => {
    const s = paintedSample();
    const ctx = { width: s.image.width, height: s.image.height, sample: s };
    for (const t of [DET_V0, DET_V1, DET_V2, DET_V3]) {
      for (const [op, prob, level] of t.flat()) {
        for (const o of detectionOp(new Rng(1), ctx, op, Math.max(prob, 0.9), detectionArg(op, level ?? 0), { interpolation: 'nearest', fill: 128 })) {
          assert.ok(hasTransform(o.name), `${op} -> ${o.name} is not registered`);
        }
      }
    }
  });
  test('box-only translate moves content by -pixels, as tf.contrib.image.translate', () => {
    const s = paintedSample();
    const [op] = detectionOp(new Rng(3), { width: 96, height: 72, sample: s }, 'TranslateY_Only_BBoxes', 3, 24, { interpolation: 'nearest', fill: 128 });
    assert.equal(op!.params['dy'], -24);
    assert.deepEqual([...(op!.params['rows'] as number[])].sort(), [0, 1, 2]);
  });
});

describe('aa-detection strings', () => {
  test('aa-detection-v0 .. v3 parse', () => {
    for (const v of ['v0', 'v1', 'v2', 'v3']) assert.deepEqual(parsePolicyString(`aa-detection-${v}`), { name: 'AutoAugmentDetection', options: { table: v } });
  });
  test('a bad version points at it and shows the grammar', () => {
    assert.throws(() => parsePolicyString('aa-detection-v9'), (e: unknown) => e instanceof AuguryError && /v9/.test(e.message) && /aa-detection-v0\.\.v3/.test(e.message));
  });
});

describe('a pipeline with {policy: aa-detection-v0} runs on a COCO-like sample and replays', () => {
  for (const table of ['aa-detection-v0', 'aa-detection-v1', 'aa-detection-v2', 'aa-detection-v3']) {
    test(table, async () => {
      const p = Pipeline.fromConfig({ task: 'detection', transforms: [{ policy: table }] });
      const s = paintedSample();
      const seenOps = new Set<string>();
      for (let seed = 0; seed < 24; seed++) {
        const r = await p.run(s, { stream: { seed } });
        const t = r.trace.steps[0] as PolicyTrace;
        assert.equal(t.info['magnitudeScale'], 'detection');
        assert.equal(t.info['task'], 'detection');
        for (const st of t.steps) seenOps.add(st.name);
        const again = await replayTrace(s, JSON.parse(JSON.stringify(r.trace)));
        assert.deepEqual(snapshot(again.sample), snapshot(r.sample));
        assert.equal(r.sample.boxes!.xyxy.length / 4, r.sample.polygons!.instances.length);
      }
      assert.ok(seenOps.size >= 3, `only ${[...seenOps].join(', ')} drawn`);
    });
  }
});
