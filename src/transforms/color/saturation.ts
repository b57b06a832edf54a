/** Saturation: blend towards each pixel's luma (PIL ImageEnhance.Color). */
import { adjustSaturation } from '../../functional/color/index.js';
import { enhanceTransform } from './enhance.js';

/**
 * Saturation: PIL `ImageEnhance.Color` (torchvision's adjust_saturation on PIL images,
 * AutoAugment's Color): blend each pixel with its own luma. Gray images are returned unchanged.
 * Any dtype, 1, 3 or 4 channels (alpha kept). Defaults: factor [0.1, 1.9], p 0.5.
 * @example `- {name: Saturation, factor: [0, 2]}`
 */
export const Saturation = enhanceTransform(
  'Saturation',
  "Blends each pixel with its own luma by a factor drawn from `factor` (PIL ImageEnhance.Color, AutoAugment's Color): 0 is grayscale, 1 the identity. Gray images pass unchanged; labels are unchanged.",
  '0 gives grayscale, 1 the identity, above 1 more saturated',
  adjustSaturation,
);
