/** Encoding `Image` into JPEG, PNG, WebP and TIFF. */
import sharp from 'sharp';
import { AuguryError } from '../../core/errors.js';
import { imageFrom, type Image } from '../../targets/image.js';
import { writeFileAtomic } from '../atomic.js';
import type { EncodeOptions } from './codec.js';
import { formatFromPath, type ImageFormat } from './format.js';
import { writeError } from './sharp-errors.js';
import { encodeFloatTiff } from './tiff-float.js';

const MAX_SIDE: Record<ImageFormat, number> = { jpeg: 65535, png: 0x7fffffff, webp: 16383, tiff: 0x7fffffff };

/**
 * Encodes an image. The output carries no metadata, so no orientation tag: pixels are written
 * as they are. uint16 goes to 16-bit PNG or TIFF, float32 to 32-bit float TIFF only; TIFF is
 * always lossless (LZW, or uncompressed for float). RGBA to JPEG is accepted only when the alpha
 * is fully opaque (it is then dropped). JPEG uses 4:2:0 chroma subsampling. `maxValue` is not
 * stored: a 12-bit image in uint16 is written with its values as they are.
 * Defaults: quality 95, lossless false, compressionLevel 6, optimizeCoding true.
 * @throws AuguryError `unsupported` for a dtype or alpha the format cannot hold, with the alternative.
 * @example const jpg = await encodeImage(img, 'jpeg', { quality: 90 });
 */
export async function encodeImage(image: Image, format: ImageFormat, opts: EncodeOptions = {}): Promise<Uint8Array> {
  const { file } = opts;
  checkImage(image, file);
  const quality = intOption(opts.quality, 95, 1, 100, 'quality', file);
  const compressionLevel = intOption(opts.compressionLevel, 6, 0, 9, 'compressionLevel', file);
  const lossless = opts.lossless ?? false;
  const optimizeCoding = opts.optimizeCoding ?? true;
  if (typeof optimizeCoding !== 'boolean') {
    throw new AuguryError({ code: 'validation', message: 'optimizeCoding must be true or false', file, key: 'optimizeCoding', expected: 'a boolean', received: String(optimizeCoding) });
  }
  const { width, height, channels } = image;
  if (Math.max(width, height) > MAX_SIDE[format]) {
    throw new AuguryError({
      code: 'unsupported',
      message: `${format.toUpperCase()} cannot store an image this large`,
      file,
      expected: `width and height at most ${MAX_SIDE[format]}`,
      received: `${width}x${height}`,
      hint: 'write PNG or TIFF instead, or resize the image',
    });
  }
  if (image.dtype === 'float32') {
    if (format === 'tiff') return encodeFloatTiff(image, file);
    throw unsupportedDtype('float32', format, file, 'write a TIFF (.tif or .tiff), which stores 32-bit float, or convert the image to uint8 or uint16 first');
  }
  const sixteen = image.dtype === 'uint16';
  if (sixteen && (format === 'jpeg' || format === 'webp')) {
    throw unsupportedDtype('uint16', format, file, 'write PNG or TIFF to keep all 16 bits, or convert the image to uint8 first');
  }
  let pipe = sharp(image.data, { raw: { width, height, channels } });
  pipe = pipe.toColourspace(channels === 1 ? (sixteen ? 'grey16' : 'b-w') : sixteen ? 'rgb16' : 'srgb');
  if (format === 'jpeg' && channels === 4) {
    if (!alphaIsOpaque(image.data, 255)) {
      throw new AuguryError({
        code: 'unsupported',
        message: 'JPEG cannot store transparency, and this image has transparent pixels',
        file,
        received: 'RGBA with alpha below 255',
        hint: 'write PNG or WebP to keep the alpha channel, or drop or flatten the alpha first',
      });
    }
    pipe = pipe.removeAlpha();
  }
  switch (format) {
    case 'jpeg':
      pipe = pipe.jpeg({ quality, optimiseCoding: optimizeCoding });
      break;
    case 'png':
      pipe = pipe.png({ compressionLevel });
      break;
    case 'webp':
      // sharp does not expose libwebp's `exact`, so lossless WebP may change the colour hidden
      // under fully transparent pixels; every visible pixel is kept.
      pipe = pipe.webp({ quality, lossless });
      break;
    case 'tiff':
      pipe = pipe.tiff({ compression: 'lzw', predictor: 'horizontal' });
      break;
  }
  let buf: Buffer;
  try {
    buf = await pipe.toBuffer();
  } catch (e) {
    throw writeError(e, file);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Encodes an image in the format its path names and writes it atomically (a temp file beside
 * the target, renamed over it), so a crash never leaves half an image.
 * @example await writeImage('out/0001.png', img);
 */
export async function writeImage(path: string, image: Image, opts: EncodeOptions = {}): Promise<void> {
  const format = formatFromPath(path);
  const bytes = await encodeImage(image, format, { ...opts, file: opts.file ?? path });
  await writeFileAtomic(path, bytes);
}

function checkImage(image: Image, file: string | undefined): void {
  try {
    switch (image.dtype) {
      case 'uint8':
        imageFrom(image.width, image.height, image.channels, 'uint8', image.data);
        break;
      case 'uint16':
        imageFrom(image.width, image.height, image.channels, 'uint16', image.data);
        break;
      case 'float32':
        imageFrom(image.width, image.height, image.channels, 'float32', image.data);
        break;
      default:
        throw new AuguryError({ code: 'validation', message: 'unknown image dtype', received: String((image as { dtype: unknown }).dtype) });
    }
  } catch (e) {
    throw e instanceof AuguryError ? e.at({ file }) : e;
  }
  const channels: number = image.channels;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new AuguryError({ code: 'validation', message: 'images have 1, 3 or 4 channels', file, received: String(channels) });
  }
}

function intOption(value: number | undefined, fallback: number, min: number, max: number, key: string, file: string | undefined): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new AuguryError({
    code: 'validation',
    message: `${key} is out of range`,
    file,
    key,
    expected: `an integer in [${min}, ${max}]`,
    received: String(value),
  });
}

function unsupportedDtype(dtype: string, format: ImageFormat, file: string | undefined, hint: string): AuguryError {
  return new AuguryError({
    code: 'unsupported',
    message: `${format.toUpperCase()} cannot store ${dtype} pixels`,
    file,
    received: `${dtype} image`,
    hint,
  });
}

function alphaIsOpaque(data: ArrayLike<number>, max: number): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== max) return false;
  return true;
}
