import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../src/transforms/index.js';
import { hasTransform } from '../../src/core/registry.js';
import { judgeStep, resolveRules } from '../../src/domains/profile.js';
import { loadDomainProfiles } from '../../src/io/domains.js';
import { tempDir } from '../helpers/cli.js';

test('the six built-in profiles load, and every transform they name is registered', async () => {
  const profiles = await loadDomainProfiles();
  assert.deepEqual([...profiles.keys()].sort(), ['aerial', 'digits', 'documents', 'faces', 'medical-color', 'medical-laterality']);
  for (const p of profiles.values()) for (const r of p.rules) for (const t of r.transforms) assert.ok(hasTransform(t), `${p.id} names unknown transform ${t}`);
});

test('verdicts: forbidden options, limits, requirements and safe steps', async () => {
  const profiles = await loadDomainProfiles();
  const color = resolveRules('medical-color', profiles);
  assert.equal(judgeStep(color, 'ColorJitter', { brightness: [0.8, 1.2], hue: [-0.1, 0.1] }).verdict, 'forbid');
  assert.equal(judgeStep(color, 'ColorJitter', { brightness: [0.8, 1.2], hue: [0, 0], saturation: [1, 1] }).verdict, 'allowed');
  const docs = resolveRules('documents', profiles);
  assert.equal(judgeStep(docs, 'HorizontalFlip', {}).verdict, 'forbid');
  const big = judgeStep(docs, 'Rotate', { limit: [-30, 30] });
  assert.equal(big.verdict, 'limit');
  assert.equal(big.value, 30);
  assert.equal(judgeStep(docs, 'Rotate', { limit: [-3, 3] }).verdict, 'allowed');
  assert.equal(judgeStep(resolveRules('digits', profiles), 'VerticalFlip', {}).verdict, 'forbid');
  assert.equal(judgeStep(resolveRules('aerial', profiles), 'RandomRotate90', {}).verdict, 'safe');
  assert.equal(judgeStep(resolveRules('faces', profiles), 'HorizontalFlip', {}).rule?.needs, 'flipPairs');
});

test('user profiles extend built-ins; bad profiles and unknown ids get clear errors', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'xray.yaml'), 'id: chest-xray\ndescription: chest radiographs\nextends: [medical-laterality]\nrules:\n  - {transforms: [Invert], verdict: forbid, why: "inverted radiographs are not used"}\n');
  const profiles = await loadDomainProfiles([join(dir, 'xray.yaml')]);
  const rules = resolveRules('chest-xray', profiles);
  assert.equal(judgeStep(rules, 'HorizontalFlip', {}).verdict, 'forbid');
  assert.equal(judgeStep(rules, 'Invert', {}).verdict, 'forbid');
  assert.throws(() => resolveRules('xrays', profiles), /unknown domain "xrays".*known domains: .*chest-xray/);
  writeFileSync(join(dir, 'bad.yaml'), 'id: Bad Name\ndescription: x\n');
  await assert.rejects(loadDomainProfiles([join(dir, 'bad.yaml')]), /bad\.yaml.*not a valid domain profile.*docs\/domains\.md/);
});
