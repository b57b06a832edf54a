import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineTransform } from '../../src/core/transform.js';
import { registerTransform } from '../../src/core/registry.js';
import { probability } from '../../src/core/schema.js';
import { doctorOn, ids, only } from './helpers.js';

test('label.mixup-blend: trainer mixup on detection is an error, on classification it is not', async () => {
  const det = await doctorOn({ task: 'detection', transforms: [{ name: 'HorizontalFlip' }] }, { mixup: { alpha: 0.2, prob: 1 } });
  const f = only(det, 'label.mixup-blend');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.match(f[0]!.fix, /Mosaic|CutMix/);
  const cls = await doctorOn({ task: 'classification', transforms: [{ name: 'HorizontalFlip' }] }, { mixup: { alpha: 0.2, prob: 1 } });
  assert.ok(!ids(cls).includes('label.mixup-blend'));
});

test('label.mixup-blend: a MixUp step in a segmentation pipeline is an error; Mosaic is not', async () => {
  const seg = await doctorOn({ task: 'segmentation', transforms: [{ name: 'MixUp', alpha: 0.4 }] });
  assert.equal(only(seg, 'label.mixup-blend')[0]?.evidence['step'], 'transforms[0]');
  const mosaic = await doctorOn({ task: 'segmentation', transforms: [{ name: 'Mosaic' }] });
  assert.ok(!ids(mosaic).includes('label.mixup-blend'));
});

// A transform that cannot map boxes: none of the built-ins is, so the test registers one.
registerTransform(
  defineTransform({
    name: 'DoctorTestNoBoxes',
    family: 'custom',
    description: 'test transform without a box kernel',
    schema: z.object({ p: probability(0.5) }).strict(),
    sample: () => ({}),
    kernels: { image: 'invariant', mask: 'invariant', boxes: 'unsupported', polygons: 'invariant', keypoints: 'invariant', label: 'invariant' },
    alternatives: { boxes: 'HorizontalFlip' },
    conformance: { options: {}, deterministic: true, mayBeIdentity: true },
  }),
);

test('label.unsupported-target: a transform that cannot map a target the task has is an error', async () => {
  const det = await doctorOn({ task: 'detection', transforms: [{ name: 'DoctorTestNoBoxes' }] });
  const f = only(det, 'label.unsupported-target');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.evidence['target'], 'boxes');
  assert.match(f[0]!.fix, /HorizontalFlip/);
  const cls = await doctorOn({ task: 'classification', transforms: [{ name: 'DoctorTestNoBoxes' }] });
  assert.ok(!ids(cls).includes('label.unsupported-target'));
});

test('label.keypoint-flip-pairs: flips on keypoints need pairs from the pipeline or the data', async () => {
  const bare = await doctorOn({ task: 'keypoints', transforms: [{ name: 'HorizontalFlip' }, { name: 'Rotate', limit: 5 }] });
  const f = only(bare, 'label.keypoint-flip-pairs');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.evidence['transform'], 'HorizontalFlip');
  const paired = await doctorOn({ task: 'keypoints', keypoints: { flipPairs: [[0, 1]] }, transforms: [{ name: 'HorizontalFlip' }] });
  assert.ok(!ids(paired).includes('label.keypoint-flip-pairs'));
  const fromData = await doctorOn({ task: 'keypoints', transforms: [{ name: 'HorizontalFlip' }] }, undefined, { data: { flipPairs: true } });
  assert.ok(!ids(fromData).includes('label.keypoint-flip-pairs'));
});

test('label.rotation-box-inflation: states the growth of a rotated square box, computed by hand', async () => {
  const f = only(await doctorOn({ task: 'detection', transforms: [{ name: 'Rotate', limit: 30 }] }), 'label.rotation-box-inflation');
  assert.equal(f.length, 1);
  // Square of side 1 rotated 30 degrees: enclosing side cos 30 + sin 30 = 0.8660 + 0.5 = 1.3660.
  assert.ok(Math.abs((f[0]!.evidence['sideInflationPct'] as number) - 36.6) < 0.01);
  assert.ok(Math.abs((f[0]!.evidence['areaInflationPct'] as number) - 86.6) < 0.01); // 1.366^2 = 1 + sin 60
  assert.match(f[0]!.message, /36\.6% per side/);
  const ssr = only(await doctorOn({ task: 'detection', transforms: [{ name: 'ShiftScaleRotate' }] }), 'label.rotation-box-inflation');
  assert.equal(ssr[0]?.evidence['maxDegrees'], 45); // default rotateLimit 45: side sqrt(2)
  assert.ok(Math.abs((ssr[0]!.evidence['sideInflationPct'] as number) - 41.42) < 0.01);
});

test('label.rotation-box-inflation: small angles, mask boxes and data with polygons are not flagged', async () => {
  assert.ok(!ids(await doctorOn({ task: 'detection', transforms: [{ name: 'Rotate', limit: 8 }] })).includes('label.rotation-box-inflation'));
  assert.ok(!ids(await doctorOn({ task: 'detection', boxes: { method: 'mask' }, transforms: [{ name: 'Rotate', limit: 30 }] })).includes('label.rotation-box-inflation'));
  assert.ok(!ids(await doctorOn({ task: 'detection', transforms: [{ name: 'Rotate', limit: 30 }] }, undefined, { data: { masksOrPolygons: true } })).includes('label.rotation-box-inflation'));
  assert.ok(!ids(await doctorOn({ task: 'classification', transforms: [{ name: 'Rotate', limit: 30 }] })).includes('label.rotation-box-inflation'));
});
