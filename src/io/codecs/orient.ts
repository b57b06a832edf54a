/** Rewriting an EXIF-rotated image upright, for tools downstream that ignore EXIF. */
import type { DecodeOptions, EncodeOptions } from './codec.js';
import { decodeImage, readImageHeader } from './decode.js';
import { encodeImage } from './encode.js';
import { readImageBytes } from './files.js';

/**
 * Returns an image's bytes with its EXIF orientation applied to the pixels and no orientation
 * tag, in the same format. An image that is already upright (orientation 1 or no tag) comes back
 * byte for byte. Others are decoded and re-encoded, which drops all metadata and, for JPEG and
 * lossy WebP, costs one generation of compression (quality 95 unless `quality` says otherwise).
 * @example await writeFileAtomic(dest, await orientImageFile('raw/IMG_0042.jpg'));
 */
export async function orientImageFile(input: string | Uint8Array, opts: Omit<DecodeOptions, 'exif'> & EncodeOptions = {}): Promise<Uint8Array> {
  const file = opts.file ?? (typeof input === 'string' ? input : undefined);
  const bytes = typeof input === 'string' ? await readImageBytes(input) : input;
  const decodeOpts: DecodeOptions = { file, ...(opts.maxPixels === undefined ? {} : { maxPixels: opts.maxPixels }) };
  const header = await readImageHeader(bytes, decodeOpts);
  if (header.orientation === 1) return bytes;
  const image = await decodeImage(bytes, { ...decodeOpts, exif: 'apply' });
  return encodeImage(image, header.format, { ...opts, file });
}
