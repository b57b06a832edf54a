/** AutoContrast: stretch each channel to the full range (PIL). */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { autocontrast } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel } from './common.js';

export type AutoContrastParams = Record<string, never>;

/**
 * AutoContrast (PIL ImageOps.autocontrast with no cutoff, as torchvision and AutoAugment use it):
 * stretches each color channel so its lowest value becomes 0 and its highest the full scale;
 * a flat channel is unchanged. Any dtype and channel count (alpha kept). Defaults: p 0.5.
 * @example `- {name: AutoContrast, p: 0.3}`
 */
export const AutoContrast = defineTransform({
  name: 'AutoContrast',
  family: 'color',
  description: 'Stretches each color channel to the full value range (PIL ImageOps.autocontrast). Any dtype and channel count; labels are unchanged.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): AutoContrastParams => ({}),
  kernels: colorKernels(imageKernel<AutoContrastParams>('AutoContrast', ANY_IMAGE, (img) => autocontrast(img))),
  // The fixture's channels already span 0..255, and a full-range channel is left as it is.
  conformance: { options: {}, deterministic: true, mayBeIdentity: true },
});
