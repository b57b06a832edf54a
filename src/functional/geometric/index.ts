/**
 * Geometric kernels: exact reference implementations that the geometric transforms call, and
 * that a faster backend must match. Conventions (sampling, rounding, borders, filters) are in
 * README.md next to this file.
 */
export type { MaskPlaneOf, PixelArray } from './common.js';
export { borderIndex, roundHalfEven } from './common.js';
export { hflipImage, vflipImage, transposeImage, rot90Image, hflipMask, vflipMask, transposeMask, rot90Mask } from './flip.js';
export { cropImage, padImage, cropMask, padMask } from './crop-pad.js';
export { cubicWeight, lanczos4Weight } from './sampler.js';
export { warpImage, warpMask, type MaskWarpOptions } from './warp.js';
export { remapImage, remapMask } from './remap.js';
export { resizeImage, resizeMask, nearestIndices, cropResizeImage } from './resize.js';
export { elasticField, displacementMaps, gridDistortionMaps, opticalDistortionMaps, type CoordinateMaps, type DisplacementField } from './fields.js';
export { mapPointsThroughMaps, evaluateMaps, MAP_POINTS_TOLERANCE, type MapPointsOptions } from './map-points.js';
