/**
 * The codec contract, free of sharp so that browser code (a canvas or wasm codec) can implement
 * it and transforms such as JpegCompression can receive one by injection.
 */
import type { Channels, DType, Image } from '../../targets/image.js';
import type { ImageFormat } from './format.js';

/** sharp's own default (0x3FFF squared): large enough for any photo, small enough to stop bombs. */
export const DEFAULT_MAX_PIXELS = 268402689;

export interface DecodeOptions {
  /**
   * `'apply'` (default) turns the pixels upright by the EXIF orientation, so width and height are
   * the displayed ones; `'ignore'` returns the pixels as stored.
   */
  exif?: 'apply' | 'ignore';
  /** Refuse images with more than this many pixels (width * height). Default 268402689. */
  maxPixels?: number;
  /** The file the bytes came from, for error messages. */
  file?: string;
}

export interface EncodeOptions {
  /** JPEG and WebP quality, 1..100. Default 95. */
  quality?: number;
  /** WebP only: store every pixel exactly. Default false. */
  lossless?: boolean;
  /** PNG zlib level, 0 (fast, large) .. 9 (slow, small). Default 6. */
  compressionLevel?: number;
  /**
   * JPEG: optimized Huffman tables (a few percent smaller files, about twice the encoding time;
   * the pixels are the same either way). Default true.
   */
  optimizeCoding?: boolean;
  /** The file being written, for error messages. */
  file?: string;
}

/** EXIF orientation: 1 upright, 3 rotated 180, 6 and 8 rotated a quarter turn, 2/4/5/7 mirrored. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** What an image file holds, read from its header without decoding pixels. */
export interface ImageHeader {
  format: ImageFormat;
  /** Width after orientation when `exif: 'apply'` (orientations 5-8 swap), else as stored. */
  width: number;
  height: number;
  /** Channels `decodeImage` returns (gray+alpha and palettes are expanded). */
  channels: Channels;
  /** The dtype `decodeImage` returns. */
  dtype: DType;
  /** Bits per sample of that dtype: 8, 16 or 32. */
  bitDepth: 8 | 16 | 32;
  hasAlpha: boolean;
  /** The EXIF orientation tag; 1 when absent. */
  orientation: Orientation;
  storedWidth: number;
  storedHeight: number;
}

/** Turns encoded bytes into images and back. */
export interface Codec {
  readonly name: string;
  decode(bytes: Uint8Array, opts?: DecodeOptions): Promise<Image>;
  encode(image: Image, format: ImageFormat, opts?: EncodeOptions): Promise<Uint8Array>;
}
