/** Equalize: per-channel histogram equalization (PIL). */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { equalize } from '../../functional/color/index.js';
import { colorKernels, imageKernel, INTEGER_IMAGES, type ColorSupport } from './common.js';

export type EqualizeParams = Record<string, never>;

const SUPPORT: ColorSupport = {
  dtypes: INTEGER_IMAGES,
  channels: [1, 3, 4],
  dtypeHint: 'histograms need integer values: place Equalize before ToFloat and Normalize, or use AutoContrast, which handles float32',
};

/**
 * Equalize (PIL ImageOps.equalize, as torchvision and AutoAugment use it): histogram equalization
 * of each color channel separately, with PIL's integer rule for uint8. uint8 and uint16 only;
 * 1, 3 or 4 channels (alpha kept). Albumentations' `mode`, `byChannels` and `mask` options are
 * not offered: this is the per-channel PIL variant. Defaults: p 0.5.
 * @example `- {name: Equalize, p: 0.2}`
 */
export const Equalize = defineTransform({
  name: 'Equalize',
  family: 'color',
  description: 'Equalizes the histogram of each color channel (PIL ImageOps.equalize). uint8 and uint16 only; labels are unchanged.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): EqualizeParams => ({}),
  kernels: colorKernels(imageKernel<EqualizeParams>('Equalize', SUPPORT, (img) => equalize(img))),
  conformance: { options: {}, deterministic: true },
});
