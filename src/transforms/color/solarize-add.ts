/** SolarizeAdd: add to the values below a threshold (timm). */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { solarizeAdd } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, fromUint8Scale, imageKernel, toneTable } from './common.js';

export type SolarizeAddParams = { add: number; threshold: number };

/**
 * SolarizeAdd (timm's RandAugment op): values below `threshold` get `add` added, clipped to the
 * full scale; others are kept. Both are on the uint8 scale for every dtype (scaled by
 * maxValue / 255 for uint16 and float32); integer images round the result. add 0 is the identity.
 * Any dtype and channel count (alpha kept).
 * Defaults: add [0, 110] (timm's range), threshold 128, p 0.5. Single numbers are exact values.
 * @example `- {name: SolarizeAdd, add: 60, threshold: 128}`
 */
export const SolarizeAdd = defineTransform({
  name: 'SolarizeAdd',
  family: 'color',
  description:
    "timm's SolarizeAdd: adds a draw from `add` to every color value below a threshold drawn from `threshold` (both on the uint8 scale, scaled for other dtypes), clipped. Any dtype and channel count; labels are unchanged.",
  schema: z
    .object({
      add: range({ scalar: 'exact', min: -255, max: 255, description: 'amount added, on the uint8 scale' }).prefault([0, 110]),
      threshold: range({ scalar: 'exact', min: 0, max: 256, description: 'values below this (uint8 scale) are changed' }).prefault(128),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): SolarizeAddParams => ({
    add: rng.uniform(o.add[0], o.add[1]),
    threshold: rng.uniform(o.threshold[0], o.threshold[1]),
  }),
  kernels: colorKernels(
    imageKernel<SolarizeAddParams>('SolarizeAdd', ANY_IMAGE, (img, p) => {
      const s = fromUint8Scale(img);
      return solarizeAdd(img, p.add * s, p.threshold * s);
    }),
  ),
  lut: (p, img) => toneTable('solarizeAdd', { add: p.add * fromUint8Scale(img), threshold: p.threshold * fromUint8Scale(img) }, img),
  conformance: { options: { add: [10, 100] }, covers: { param: 'add', range: [10, 100] }, edit: { param: 'threshold', value: 256 } },
});
