/** Brightness: scale by a fixed or drawn factor (PIL). */
import { adjustBrightness } from '../../functional/color/index.js';
import { toneTable } from './common.js';
import { enhanceTransform } from './enhance.js';

/**
 * Brightness: PIL `ImageEnhance.Brightness` (torchvision's adjust_brightness, AutoAugment's
 * Brightness): `out = factor * v`, clipped. Any dtype, 1, 3 or 4 channels (alpha kept).
 * Defaults: factor [0.1, 1.9], p 0.5. A single number is that exact factor.
 * @example `- {name: Brightness, factor: [0.5, 1.5]}`
 */
export const Brightness = enhanceTransform(
  'Brightness',
  'Scales every color value by a factor drawn from `factor` (PIL ImageEnhance.Brightness, as AutoAugment uses it): 0 is black, 1 the identity. Any dtype and channel count; labels are unchanged.',
  '0 gives black, 1 the identity, above 1 brighter (clipped)',
  adjustBrightness,
  (p, img) => toneTable('brightness', { factor: p.factor }, img),
);
