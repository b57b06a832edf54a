/** Invert: max - v. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { invert } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel, toneTable } from './common.js';

export type InvertParams = Record<string, never>;

/**
 * Invert (Albumentations InvertImg, PIL ImageOps.invert): `max - v` on every color value
 * (255 - v for uint8, maxValue - v for uint16, 1 - v for float32). Alpha kept.
 * Any dtype and channel count. Defaults: p 0.5.
 * @example `- {name: Invert, p: 0.1}`
 */
export const Invert = defineTransform({
  name: 'Invert',
  family: 'color',
  description: 'Inverts every color value (`max - v`; alpha kept). Any dtype and channel count; labels are unchanged.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): InvertParams => ({}),
  kernels: colorKernels(imageKernel<InvertParams>('Invert', ANY_IMAGE, (img) => invert(img))),
  lut: (_p, img) => toneTable('invert', {}, img),
  conformance: { options: {}, deterministic: true },
});
