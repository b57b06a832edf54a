/** The sharp implementation of `Codec`, for injection into transforms that need a codec. */
import sharp from 'sharp';
import type { Codec } from './codec.js';
import { decodeImage } from './decode.js';
import { encodeImage } from './encode.js';

/** Decodes and encodes through sharp (libvips) in Node. */
export const sharpCodec: Codec = {
  name: 'sharp',
  decode: (bytes, opts) => decodeImage(bytes, opts),
  encode: (image, format, opts) => encodeImage(image, format, opts),
};

/** Limits libvips to `threads` threads per operation (benchmarks measure one core with 1). */
export function setCodecThreads(threads: number): void {
  sharp.concurrency(threads);
}
