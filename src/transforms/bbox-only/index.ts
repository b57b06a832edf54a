/** Box-only transforms (the "BBox only" ops of the detection policies): one registry line each. */
import { registerTransform } from '../../core/registry.js';
import { BBoxOnlyCutout } from './bbox-only-cutout.js';
import { BBoxOnlyEqualize } from './bbox-only-equalize.js';
import { BBoxOnlyHorizontalFlip } from './bbox-only-horizontal-flip.js';
import { BBoxOnlyRotate } from './bbox-only-rotate.js';
import { BBoxOnlyShear } from './bbox-only-shear.js';
import { BBoxOnlySolarize } from './bbox-only-solarize.js';
import { BBoxOnlyTranslate } from './bbox-only-translate.js';

registerTransform(BBoxOnlyTranslate);
registerTransform(BBoxOnlyShear);
registerTransform(BBoxOnlyRotate);
registerTransform(BBoxOnlyHorizontalFlip);
registerTransform(BBoxOnlyEqualize);
registerTransform(BBoxOnlySolarize);
registerTransform(BBoxOnlyCutout);

export { BBoxOnlyCutout, BBoxOnlyEqualize, BBoxOnlyHorizontalFlip, BBoxOnlyRotate, BBoxOnlyShear, BBoxOnlySolarize, BBoxOnlyTranslate };
