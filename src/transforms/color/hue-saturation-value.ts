/** HueSaturationValue: shifts in OpenCV's HSV (Albumentations). */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { shiftHsv } from '../../functional/color/index.js';
import { colorKernels, imageKernel, type ColorSupport } from './common.js';

export type HsvParams = { hueShift: number; satShift: number; valShift: number };

const SUPPORT: ColorSupport = {
  dtypes: ['uint8', 'uint16', 'float32'],
  channels: [3, 4],
  channelHint: 'a gray image has no hue or saturation: use RandomBrightnessContrast (or RandomGamma) to vary its brightness',
};

/**
 * HueSaturationValue (Albumentations, on OpenCV's HSV): shifts hue, saturation and value by draws
 * from their limits. Units are the same for every dtype, so a limit means the same change
 * everywhere: hue in OpenCV 8-bit hue units (180 per turn, 1 unit = 2 degrees), saturation and
 * value in uint8 units (out of 255). uint8 is bit-exact with Albumentations + OpenCV.
 * Needs 3 or 4 channels (alpha kept): a gray image has no hue or saturation.
 * Defaults: hueShiftLimit 20, satShiftLimit 30, valShiftLimit 20, p 0.5.
 * @example `- {name: HueSaturationValue, hueShiftLimit: 10, satShiftLimit: [-40, 20], valShiftLimit: 0}`
 */
export const HueSaturationValue = defineTransform({
  name: 'HueSaturationValue',
  family: 'color',
  description:
    'Albumentations HueSaturationValue: shifts hue (OpenCV units, 2 degrees each), saturation and value (uint8 units, for every dtype) by draws from their limits. RGB or RGBA only; labels are unchanged.',
  schema: z
    .object({
      hueShiftLimit: range({ scalar: 'symmetric', min: -180, max: 180, description: 'hue shift in OpenCV hue units (180 per turn)' }).prefault(20),
      satShiftLimit: range({ scalar: 'symmetric', min: -255, max: 255, description: 'saturation shift in uint8 units' }).prefault(30),
      valShiftLimit: range({ scalar: 'symmetric', min: -255, max: 255, description: 'value shift in uint8 units' }).prefault(20),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): HsvParams => ({
    hueShift: rng.uniform(o.hueShiftLimit[0], o.hueShiftLimit[1]),
    satShift: rng.uniform(o.satShiftLimit[0], o.satShiftLimit[1]),
    valShift: rng.uniform(o.valShiftLimit[0], o.valShiftLimit[1]),
  }),
  kernels: colorKernels(imageKernel<HsvParams>('HueSaturationValue', SUPPORT, (img, p) => shiftHsv(img, p.hueShift, p.satShift, p.valShift))),
  conformance: { options: { hueShiftLimit: 20, satShiftLimit: 30, valShiftLimit: 20 }, covers: { param: 'hueShift', range: [-20, 20] }, edit: { param: 'valShift', value: -255 } },
});
