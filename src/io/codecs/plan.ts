/**
 * How to decode an image, worked out from its header alone so that `readImageHeader` and
 * `decodeImage` agree on size, channels and dtype without touching pixel data.
 */
import type { Metadata } from 'sharp';
import { AuguryError } from '../../core/errors.js';
import type { Channels, DType } from '../../targets/image.js';
import { DEFAULT_MAX_PIXELS, type ImageHeader, type Orientation } from './codec.js';
import { IMAGE_FORMATS, isImageFormat } from './format.js';

export interface DecodePlan extends ImageHeader {
  /** sharp output colour space ('b-w', 'srgb', 'grey16', 'rgb16', or a float file's own) that keeps the stored samples. */
  colourspace: string;
  rawDepth: 'uchar' | 'ushort' | 'float';
}

export const RE_EXPORT_HINT = 're-export the image from its source, check that the download or copy completed, or remove the record from the dataset';

/** Checks a `maxPixels` option and turns it into sharp's `limitInputPixels` (0 means no limit). */
export function resolveMaxPixels(maxPixels: number | undefined): number {
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (limit === Infinity) return 0;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new AuguryError({
      code: 'validation',
      message: 'maxPixels must be a positive integer',
      key: 'maxPixels',
      expected: 'a positive integer, or Infinity for no limit',
      received: String(limit),
    });
  }
  return limit;
}

/** Throws `too-large` when width * height exceeds the limit (0 = no limit). */
export function checkPixels(width: number, height: number, limit: number, file: string | undefined): void {
  const pixels = width * height;
  if (limit === 0 || pixels <= limit) return;
  throw new AuguryError({
    code: 'too-large',
    message: 'image has more pixels than the limit allows',
    file,
    expected: `at most ${limit} pixels`,
    received: `${pixels} pixels (${width}x${height})`,
    hint: `if you trust this file, raise the limit with --max-pixels ${pixels} (or the maxPixels option); a tiny file that claims a huge size is a decompression bomb and should be removed`,
  });
}

/** Reads what decodeImage will produce from sharp's metadata. */
export function planDecode(meta: Metadata, exif: 'apply' | 'ignore', file: string | undefined): DecodePlan {
  const format = meta.format as string;
  if (!isImageFormat(format)) {
    throw new AuguryError({
      code: 'unknown-format',
      message: `${format.toUpperCase()} images are not supported`,
      file,
      expected: IMAGE_FORMATS.join(', '),
      received: format,
      hint: 'convert the image to PNG (keeps every pixel) or JPEG, or remove the record from the dataset',
    });
  }
  const storedWidth = meta.width;
  const storedHeight = meta.height;
  const orientation = toOrientation(meta.orientation);
  const swap = exif === 'apply' && orientation >= 5;
  const { dtype, rawDepth } = dtypeOf(meta, file);
  const bands = meta.channels;
  const hasAlpha = meta.space === 'cmyk' ? false : meta.hasAlpha;
  let channels: Channels;
  let colourspace: string;
  if (meta.space === 'cmyk') {
    // sharp converts CMYK with a generic profile; alpha would be a fifth band, which sharp cannot return.
    channels = 3;
    colourspace = 'srgb';
  } else if (dtype === 'float32') {
    if (bands === 2) {
      throw new AuguryError({
        code: 'unsupported',
        message: 'float gray+alpha images are not supported',
        file,
        received: '2-channel 32-bit float',
        hint: 'store the image as 1 (gray), 3 (RGB) or 4 (RGBA) channels',
      });
    }
    // Keep the stored interpretation (b-w, srgb, scrgb): any conversion would change float values.
    channels = bands === 1 ? 1 : bands === 3 ? 3 : 4;
    colourspace = meta.space;
  } else {
    const sixteen = dtype === 'uint16';
    // Gray stays one channel; gray+alpha has no Image layout, so it is widened to RGBA (gray copied to R, G and B).
    channels = bands === 1 ? 1 : bands === 3 ? 3 : 4;
    colourspace = bands === 1 ? (sixteen ? 'grey16' : 'b-w') : sixteen ? 'rgb16' : 'srgb';
  }
  return {
    format,
    width: swap ? storedHeight : storedWidth,
    height: swap ? storedWidth : storedHeight,
    channels,
    dtype,
    bitDepth: dtype === 'uint8' ? 8 : dtype === 'uint16' ? 16 : 32,
    hasAlpha,
    orientation,
    storedWidth,
    storedHeight,
    colourspace,
    rawDepth,
  };
}

/** The header part of a plan (what callers see). */
export function headerOf(plan: DecodePlan): ImageHeader {
  const { colourspace: _c, rawDepth: _r, ...header } = plan;
  return header;
}

function toOrientation(value: number | undefined): Orientation {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? (value as Orientation) : 1;
}

function dtypeOf(meta: Metadata, file: string | undefined): { dtype: DType; rawDepth: DecodePlan['rawDepth'] } {
  if (meta.space === 'cmyk') return { dtype: 'uint8', rawDepth: 'uchar' };
  switch (meta.depth) {
    case 'uchar':
      return { dtype: 'uint8', rawDepth: 'uchar' };
    case 'ushort':
      return { dtype: 'uint16', rawDepth: 'ushort' };
    case 'float':
      return { dtype: 'float32', rawDepth: 'float' };
    default:
      throw new AuguryError({
        code: 'unsupported',
        message: 'the pixel type of this image is not supported',
        file,
        expected: '8-bit or 16-bit unsigned integers, or 32-bit float',
        received: meta.depth,
        hint: 'convert the image to 8-bit or 16-bit unsigned (PNG or TIFF) or 32-bit float TIFF',
      });
  }
}
