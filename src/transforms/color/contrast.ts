/** Contrast: blend towards the mean gray (PIL). */
import { adjustContrast } from '../../functional/color/index.js';
import { enhanceTransform } from './enhance.js';

/**
 * Contrast: PIL `ImageEnhance.Contrast` (torchvision's adjust_contrast on PIL images,
 * AutoAugment's Contrast): blend with a flat image at the rounded mean of the gray image.
 * Any dtype, 1, 3 or 4 channels (alpha kept). Defaults: factor [0.1, 1.9], p 0.5.
 * @example `- {name: Contrast, factor: 1.5, p: 1}`
 */
export const Contrast = enhanceTransform(
  'Contrast',
  "Blends the image with a flat gray at its mean luma by a factor drawn from `factor` (PIL ImageEnhance.Contrast): 0 is flat gray, 1 the identity. Any dtype and channel count; labels are unchanged.",
  '0 gives a flat gray image, 1 the identity, above 1 more contrast',
  adjustContrast,
);
