import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import '../../src/transforms/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import type { Sample } from '../../src/targets/sample.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeSample } from '../conformance/fixture.js';

const transforms = [
  { name: 'Rotate', limit: 25, p: 1 },
  { name: 'HorizontalFlip', p: 0.5 },
  { name: 'ColorJitter', brightness: 0.4, hue: 0.1, p: 1 },
  { name: 'RandomResizedCrop', size: [40, 48], p: 1 },
];

test('additional images and masks share every draw with the main ones', async () => {
  const base = makeSample({ mask: true });
  const s: Sample = { ...base, extraImages: { right: base.image }, extraMasks: { depth: base.mask! } };
  const p = Pipeline.fromConfig({ transforms, additionalTargets: { right: 'image', depth: 'mask' } });
  for (let seed = 0; seed < 5; seed++) {
    const r = await p.run(s, { stream: { seed } });
    assert.deepEqual(r.sample.extraImages!['right']!.data, r.sample.image.data);
    assert.deepEqual(r.sample.extraMasks!['depth']!.data, r.sample.mask!.data);
  }
});

test('undeclared or missing additional targets are refused with a hint', async () => {
  const base = makeSample({});
  await assert.rejects(Pipeline.fromConfig({ transforms }).run({ ...base, extraImages: { right: base.image } }), /does not declare.*Hint: add "right: image" to additionalTargets/);
  await assert.rejects(Pipeline.fromConfig({ transforms, additionalTargets: { right: 'image' } }).run(base), /declares the additional image "right".*--extra right=file/);
});

test('augury apply --extra writes the additional output beside --out', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'additionalTargets: {right: image}\ntransforms:\n  - {name: Rotate, limit: 20, p: 1}\n');
  const img = 'data/demo/coco/images/coffee.jpg';
  const r = await runCli('apply', '--pipeline', join(dir, 'p.yaml'), '--image', img, '--extra', `right=${img}`, '--out', join(dir, 'o.png'));
  assert.equal(r.code, 0, r.stderr);
  const a = await sharp(join(dir, 'o.png')).raw().toBuffer();
  const b = await sharp(join(dir, 'o.right.png')).raw().toBuffer();
  assert.deepEqual(b, a);
});
