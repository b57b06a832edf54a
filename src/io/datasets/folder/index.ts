/** Class-folder datasets (torchvision ImageFolder layout): one sub-folder per class. */
export { readFolder } from './read.js';
export { writeFolder } from './write.js';
export { IMAGE_EXTENSIONS, isImageFile } from '../files.js';
