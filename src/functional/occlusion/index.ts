/** Occlusion kernels: filling holes, and the hole geometry that updates box and keypoint visibility. */
export { fillMaskRects, fillRects, rectPixels, type HoleFill, type RandomNormalFill } from './fill.js';
export { checkRects, pointInRects, rectsCoverage, unionAreaIn, visibleFractionOfBox, visibleFractions, type Rect } from './coverage.js';
