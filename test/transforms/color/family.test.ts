/**
 * What holds for every color transform: labels never move, each handles the dtypes and channel
 * counts it documents (and refuses the others with an 'unsupported' error), and config mistakes
 * name the file, the step and the option.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFromText } from '../../../src/core/config-text.js';
import { AuguryError } from '../../../src/core/errors.js';
import { listTransforms } from '../../../src/core/registry.js';
import { KERNEL_TARGETS } from '../../../src/core/transform.js';
import type { Channels, DType } from '../../../src/targets/image.js';
import { makeSample, snapshot } from '../../conformance/fixture.js';
import { randomImage, runStep } from './helpers.js';

const COLOR = [
  'AutoContrast', 'Brightness', 'CLAHE', 'ChannelShuffle', 'ColorJitter', 'Contrast', 'Equalize', 'HueSaturationValue', 'Invert',
  'Normalize', 'Posterize', 'RandomBrightnessContrast', 'RandomGamma', 'Saturation', 'Sharpness', 'Solarize', 'SolarizeAdd', 'ToFloat', 'ToGray',
];

/** The documented refusals; every other dtype x channel combination must work. */
const REFUSES: Record<string, (dtype: DType, channels: Channels) => boolean> = {
  Equalize: (d) => d === 'float32',
  CLAHE: (d) => d === 'float32',
  HueSaturationValue: (_d, c) => c === 1,
};

/** Options for the dtype/channel sweep: ImageNet's three means do not fit a gray image (tested in convert.test.ts). */
const SWEEP_OPTIONS: Record<string, Record<string, unknown>> = { Normalize: { mean: 0.5, std: 0.25 } };

/** The output dtype: conversions make float32, everything else keeps the input's. */
const OUT_DTYPE: Record<string, DType> = { Normalize: 'float32', ToFloat: 'float32' };

describe('color transforms', () => {
  const defs = listTransforms().filter((d) => d.family === 'color');

  test('all are registered in the color family', () => {
    assert.deepEqual(defs.map((d) => d.name).sort(), [...COLOR].sort());
  });

  test('declare every label target invariant', () => {
    for (const d of defs) for (const t of KERNEL_TARGETS) if (t !== 'image') assert.equal(d.kernels[t], 'invariant', `${d.name}.${t}`);
  });

  for (const name of COLOR) {
    test(`${name} leaves boxes, polygons, keypoints, masks and the label as they were`, async () => {
      const s = makeSample();
      const out = (await runStep(name, {}, s, 1)).sample;
      const { image: _a, ...labelsIn } = s;
      const { image: _b, ...labelsOut } = out;
      assert.deepEqual(snapshot(labelsOut), snapshot(labelsIn));
    });

    test(`${name} handles the dtypes and channel counts it documents`, async () => {
      for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
        for (const channels of [1, 3, 4] as const) {
          const img = randomImage(7, dtype, channels, 12, 10);
          const run = runStep(name, SWEEP_OPTIONS[name] ?? {}, img, 2);
          if (REFUSES[name]?.(dtype, channels)) {
            await assert.rejects(run, (e: unknown) => e instanceof AuguryError && e.code === 'unsupported' && e.message.includes(name) && (e.hint ?? '') !== '', `${dtype} x${channels}`);
            continue;
          }
          const out = (await run).sample.image;
          assert.equal(out.dtype, OUT_DTYPE[name] ?? dtype, `${dtype} x${channels}`);
          assert.equal([out.width, out.height].join('x'), '12x10');
          if (name !== 'ToGray') assert.equal(out.channels, channels, `${dtype} x${channels}`);
        }
      }
    });
  }

  test('a config mistake names the file, the step and the option, with the valid options as a hint', () => {
    assert.throws(
      () => pipelineFromText('transforms:\n  - {name: Solarize, treshold: 100}\n', 'aug.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof AuguryError);
        assert.match(e.message, /aug\.yaml: transforms\[0\] \(Solarize\)/);
        assert.match(e.message, /"treshold"/);
        assert.match(e.hint ?? '', /threshold/);
        return true;
      },
    );
    assert.throws(
      () => pipelineFromText('transforms:\n  - {name: HueSaturationValue, hueShiftLimit: [30, 10]}\n', 'aug.yaml'),
      (e: unknown) => e instanceof AuguryError && /aug\.yaml: transforms\[0\] \(HueSaturationValue\)\.hueShiftLimit: expected \[min, max\] with min <= max/.test(e.message),
    );
  });
});
