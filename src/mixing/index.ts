/** Importing this module registers the mixes: MixUp, CutMix, MixUpCutMix, Mosaic, CopyPaste. */
export { MixUp, INTERPOLATE_WHY, type MixUpParams } from './mixup.js';
export { CutMix, sampleCutMix, type CutMixParams } from './cutmix.js';
export { MixUpCutMix, type MixUpCutMixParams } from './mixup-cutmix.js';
export { Mosaic, type MosaicParams, type MosaicCell } from './mosaic.js';
export { CopyPaste, type CopyPasteParams } from './copy-paste.js';
export { beta, gamma } from './random.js';
export { SOURCE_FIELD } from './layer.js';
