/** Blur, noise and quality transforms: one registry line each. */
import { registerTransform } from '../../core/registry.js';
import { Downscale } from './downscale.js';
import { GaussNoise } from './gauss-noise.js';
import { GaussianBlur } from './gaussian-blur.js';
import { ISONoise } from './iso-noise.js';
import { JpegCompression } from './jpeg-compression.js';
import { MedianBlur } from './median-blur.js';
import { MotionBlur } from './motion-blur.js';

registerTransform(GaussianBlur);
registerTransform(MotionBlur);
registerTransform(MedianBlur);
registerTransform(GaussNoise);
registerTransform(ISONoise);
registerTransform(JpegCompression);
registerTransform(Downscale);

export { Downscale, GaussianBlur, GaussNoise, ISONoise, JpegCompression, MedianBlur, MotionBlur };
