/** Images: rows top to bottom, channels interleaved (HWC). Kernels never mutate their input. */
import { AuguryError } from '../core/errors.js';

export type DType = 'uint8' | 'uint16' | 'float32';
export type Channels = 1 | 3 | 4;

export interface DataOf {
  uint8: Uint8Array;
  uint16: Uint16Array;
  float32: Float32Array;
}

export interface ImageOf<D extends DType> {
  readonly width: number;
  readonly height: number;
  readonly channels: Channels;
  readonly dtype: D;
  readonly data: DataOf[D];
  /**
   * The value that means full intensity. Defaults: 255 for uint8, 65535 for uint16, 1 for float32.
   * Set it for 12-bit sensors or medical images stored in uint16.
   */
  readonly maxValue?: number;
}

export type Image = ImageOf<'uint8'> | ImageOf<'uint16'> | ImageOf<'float32'>;

const CTORS = { uint8: Uint8Array, uint16: Uint16Array, float32: Float32Array } as const;

export function defaultMaxValue(dtype: DType): number {
  return dtype === 'uint8' ? 255 : dtype === 'uint16' ? 65535 : 1;
}

export function maxValueOf(img: Image): number {
  return img.maxValue ?? defaultMaxValue(img.dtype);
}

/** A zero-filled image. */
export function createImage<D extends DType>(width: number, height: number, channels: Channels, dtype: D): ImageOf<D> {
  assertSize(width, height);
  const data = new CTORS[dtype](width * height * channels) as DataOf[D];
  return { width, height, channels, dtype, data };
}

/** Wraps existing pixel data, checking that its length matches the size. */
export function imageFrom<D extends DType>(
  width: number,
  height: number,
  channels: Channels,
  dtype: D,
  data: DataOf[D],
  maxValue?: number,
): ImageOf<D> {
  assertSize(width, height);
  if (!(data instanceof CTORS[dtype])) {
    throw new AuguryError({
      code: 'validation',
      message: 'image data has the wrong array type',
      expected: CTORS[dtype].name,
      received: (data as object).constructor.name,
    });
  }
  if (data.length !== width * height * channels) {
    throw new AuguryError({
      code: 'validation',
      message: 'image data length does not match width * height * channels',
      expected: String(width * height * channels),
      received: String(data.length),
    });
  }
  return maxValue === undefined ? { width, height, channels, dtype, data } : { width, height, channels, dtype, data, maxValue };
}

export function cloneImage<I extends Image>(img: I): I {
  return { ...img, data: img.data.slice() };
}

function assertSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new AuguryError({
      code: 'validation',
      message: 'image size must be positive integers',
      received: `${width}x${height}`,
    });
  }
}
