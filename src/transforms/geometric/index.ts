/** Geometric transforms: one registry line each. */
import { registerTransform } from '../../core/registry.js';
import { HorizontalFlip } from './horizontal-flip.js';
import { Rotate } from './rotate.js';

registerTransform(HorizontalFlip);
registerTransform(Rotate);

export { HorizontalFlip, Rotate };
