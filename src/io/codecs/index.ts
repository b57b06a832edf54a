/** Image codecs: bytes and files to `Image` and back, through sharp. The only place sharp is used. */
export type { Codec, DecodeOptions, EncodeOptions, ImageHeader, Orientation } from './codec.js';
export { DEFAULT_MAX_PIXELS } from './codec.js';
export { EXTENSION_OF, IMAGE_EXTENSIONS, IMAGE_FORMATS, formatFromPath, tryFormatFromPath, type ImageFormat } from './format.js';
export { decodeImage, readImage, readImageHeader } from './decode.js';
export { encodeImage, writeImage } from './encode.js';
export { orientImageFile } from './orient.js';
export { setCodecThreads, sharpCodec } from './sharp-codec.js';
