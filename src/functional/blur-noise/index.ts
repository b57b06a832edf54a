/** Blur, noise and quality kernels: pure, deterministic, explicit parameters (see each file). */
export { blur, boxBlur, convolve2d, sepFilter } from './convolve.js';
export { gaussianBlur, gaussianKernel1d, gaussianKsize } from './gaussian.js';
export { medianBlur } from './median.js';
export { motionBlur, motionBlurKernel } from './motion.js';
export { gaussNoise, multiplicativeNoise } from './noise.js';
export { hlsToRgb, isoNoise, rgbToHls } from './iso-noise.js';
export { downscale } from './downscale.js';
export { jpegCompress } from './jpeg.js';
export { borderIndex } from './border.js';
export { roundHalfEven } from './pixels.js';
