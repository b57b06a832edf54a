import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorOn, ids, only } from './helpers.js';

test('domain.forbidden: hue jitter on medical-color, flips on medical-laterality and digits', async () => {
  const color = await doctorOn({ domain: 'medical-color', transforms: [{ name: 'ColorJitter', brightness: 0.2, hue: 0.1 }] });
  const f = only(color, 'domain.forbidden');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.match(f[0]!.message, /stain or lesion colour/);
  const noHue = await doctorOn({ domain: 'medical-color', transforms: [{ name: 'ColorJitter', brightness: 0.2, contrast: 0.2, saturation: 0, hue: 0 }] });
  assert.ok(!ids(noHue).includes('domain.forbidden'));
  assert.ok(ids(await doctorOn({ domain: 'medical-laterality', transforms: [{ name: 'HorizontalFlip' }] })).includes('domain.forbidden'));
  assert.ok(ids(await doctorOn({ domain: 'digits', transforms: [{ name: 'VerticalFlip' }] })).includes('domain.forbidden'));
  // --domain overrides the pipeline's own.
  assert.ok(!ids(await doctorOn({ domain: 'medical-laterality', transforms: [{ name: 'HorizontalFlip' }] }, undefined, { domain: 'aerial' })).includes('domain.forbidden'));
});

test('domain.limit: documents allow small rotations only', async () => {
  const f = only(await doctorOn({ domain: 'documents', transforms: [{ name: 'Rotate', limit: 30 }] }), 'domain.limit');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.evidence['value'], 30);
  assert.equal(f[0]!.evidence['max'], 5);
  assert.ok(!ids(await doctorOn({ domain: 'documents', transforms: [{ name: 'Rotate', limit: 3 }] })).includes('domain.limit'));
});

test('domain.safe: flips and quarter turns on aerial images are reported as safe (info)', async () => {
  const f = only(await doctorOn({ domain: 'aerial', transforms: [{ name: 'RandomRotate90' }, { name: 'VerticalFlip' }] }), 'domain.safe');
  assert.equal(f.length, 2);
  assert.ok(f.every((x) => x.severity === 'info'));
  assert.ok(!ids(await doctorOn({ domain: 'aerial', transforms: [{ name: 'GaussianBlur' }] })).includes('domain.safe'));
});

test('domain.requires: flips on faces need keypoint flip pairs', async () => {
  assert.ok(ids(await doctorOn({ domain: 'faces', transforms: [{ name: 'HorizontalFlip' }] })).includes('domain.requires'));
  assert.ok(!ids(await doctorOn({ domain: 'faces', keypoints: { flipPairs: [[0, 1]] }, transforms: [{ name: 'HorizontalFlip' }] })).includes('domain.requires'));
});

test('an unknown domain is an error finding that lists the known ones', async () => {
  const f = only(await doctorOn({ domain: 'xrays', transforms: [{ name: 'HorizontalFlip' }] }), 'input.domain');
  assert.equal(f[0]?.severity, 'error');
  assert.match(f[0]!.fix, /medical-laterality/);
});

test('bad pipeline input: unknown keys, unknown steps and bad options are reported with file, line and hint; the rest is still judged', async () => {
  const text = ['task: detection', 'seeed: 3', 'transforms:', '  - {name: HorizontalFlp}', '  - {name: Rotate, limit: [30, 10]}', '  - {name: Rotate, limit: 40}', ''].join('\n');
  const fs = await doctorOn(text);
  const input = only(fs, 'input.pipeline');
  assert.equal(input.length, 3, JSON.stringify(input));
  assert.match(input[0]!.message, /^p\.yaml:2: seeed: unknown key/);
  assert.match(input[0]!.fix, /did you mean "seed"/);
  assert.match(input[1]!.message, /^p\.yaml:4: transforms\[0\]: unknown transform "HorizontalFlp"/);
  assert.match(input[1]!.fix, /HorizontalFlip/);
  assert.match(input[2]!.message, /^p\.yaml:5: transforms\[1\]:.*min <= max/);
  // The valid step is still judged.
  assert.equal(only(fs, 'label.rotation-box-inflation').find((f) => f.evidence['step'] === 'transforms[2]')?.evidence['maxDegrees'], 40);
});

test('bad train.yaml: unknown keys and bad values name the file, line and key; valid keys still count', async () => {
  const text = ['labelSmothing: 0.2', 'mixup: {alpha: -1}', 'cutmix: {alpha: 1, prob: 0.5}', ''].join('\n');
  const fs = await doctorOn({ task: 'detection', transforms: [] }, text);
  const input = only(fs, 'input.train-config');
  assert.equal(input.length, 2);
  assert.match(input[0]!.message, /^train\.yaml:1: unknown key "labelSmothing"/);
  assert.match(input[0]!.fix, /did you mean "labelSmoothing"/);
  assert.match(input[1]!.message, /^train\.yaml:2: mixup\.alpha: /);
  assert.ok(input.every((f) => f.severity === 'error'));
  // The invalid mixup is dropped, so no mixup rule fires; the valid cutmix is read.
  assert.ok(!ids(fs).includes('label.mixup-blend'));
});

test('unparseable YAML is reported as unreadable input', async () => {
  const fs = await doctorOn('transforms: [\n  {name: Rotate');
  assert.equal(only(fs, 'input.unreadable')[0]?.severity, 'error');
});
