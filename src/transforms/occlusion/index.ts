/** Occlusion transforms: one registry line each. */
import { registerTransform } from '../../core/registry.js';
import { CoarseDropout } from './coarse-dropout.js';
import { RandomErasing } from './random-erasing.js';

registerTransform(CoarseDropout);
registerTransform(RandomErasing);

export { CoarseDropout, RandomErasing };
