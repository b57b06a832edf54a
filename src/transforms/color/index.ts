/** Color and pixel transforms: one registry line each. Every one maps no label (all invariant). */
import { registerTransform } from '../../core/registry.js';
import { AutoContrast } from './auto-contrast.js';
import { Brightness } from './brightness.js';
import { ChannelShuffle } from './channel-shuffle.js';
import { CLAHE } from './clahe.js';
import { ColorJitter } from './color-jitter.js';
import { Contrast } from './contrast.js';
import { Equalize } from './equalize.js';
import { HueSaturationValue } from './hue-saturation-value.js';
import { Invert } from './invert.js';
import { Normalize } from './normalize.js';
import { Posterize } from './posterize.js';
import { RandomBrightnessContrast } from './random-brightness-contrast.js';
import { RandomGamma } from './random-gamma.js';
import { Saturation } from './saturation.js';
import { Sharpness } from './sharpness.js';
import { Solarize } from './solarize.js';
import { SolarizeAdd } from './solarize-add.js';
import { ToFloat } from './to-float.js';
import { ToGray } from './to-gray.js';

registerTransform(ColorJitter);
registerTransform(Brightness);
registerTransform(Contrast);
registerTransform(Saturation);
registerTransform(Sharpness);
registerTransform(RandomBrightnessContrast);
registerTransform(RandomGamma);
registerTransform(HueSaturationValue);
registerTransform(ToGray);
registerTransform(ChannelShuffle);
registerTransform(Invert);
registerTransform(Posterize);
registerTransform(Solarize);
registerTransform(SolarizeAdd);
registerTransform(Equalize);
registerTransform(AutoContrast);
registerTransform(CLAHE);
registerTransform(Normalize);
registerTransform(ToFloat);

export {
  AutoContrast,
  Brightness,
  ChannelShuffle,
  CLAHE,
  ColorJitter,
  Contrast,
  Equalize,
  HueSaturationValue,
  Invert,
  Normalize,
  Posterize,
  RandomBrightnessContrast,
  RandomGamma,
  Saturation,
  Sharpness,
  Solarize,
  SolarizeAdd,
  ToFloat,
  ToGray,
};
