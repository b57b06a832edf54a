/** Sharpness: blend with a smoothed copy (PIL). */
import { adjustSharpness } from '../../functional/color/index.js';
import { enhanceTransform } from './enhance.js';

/**
 * Sharpness: PIL `ImageEnhance.Sharpness` (AutoAugment's Sharpness): blend with PIL's 3x3 SMOOTH
 * filter. The one-pixel border is unchanged for every factor, as in PIL. Any dtype, 1, 3 or 4
 * channels (alpha kept). Defaults: factor [0.1, 1.9], p 0.5.
 * @example `- {name: Sharpness, factor: [1, 3]}`
 */
export const Sharpness = enhanceTransform(
  'Sharpness',
  'Blends the image with its PIL SMOOTH-filtered version by a factor drawn from `factor` (PIL ImageEnhance.Sharpness): 0 is smoothed, 1 the identity, above 1 sharper. The one-pixel border is kept, as in PIL; labels are unchanged.',
  '0 gives the smoothed image, 1 the identity, above 1 sharper',
  adjustSharpness,
);
