/**
 * Color and pixel kernels: pure, deterministic, explicit parameters. Each returns a new image and
 * never mutates its input; the alpha channel (4th) passes through every color op.
 */
export { adjustBrightness, adjustContrast, adjustSaturation, adjustSharpness } from './enhance.js';
export { posterize, solarize, solarizeAdd, invert, equalize, autocontrast } from './ops.js';
export { adjustHue, adjustGamma } from './torchvision.js';
export { brightnessContrast, gamma, toGray, channelShuffle } from './albumentations.js';
export { shiftHsv } from './hsv.js';
export { clahe, clahePlane } from './clahe.js';
export { normalize, denormalize, isNormalized, NORMALIZED_MAX_VALUE, toFloat, fromFloat } from './convert.js';
export { lut, pointOpTable, composeTables, applyPointOp, type PointTable } from './lut.js';
export { pointFunction, type PointOpKind, type PointOpParams } from './point.js';
export { grayMean, pilLuma, cvLuma } from './gray.js';
export { colorJitter, JITTER_OPS, type JitterOp, type JitterParams } from './jitter.js';
