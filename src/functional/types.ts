/**
 * Shared option types of the pure kernels. Kernels take an `Image` (or mask) and plain numbers,
 * return a new one, never mutate their input, and hold no randomness: per-pixel randomness comes
 * in as a 32-bit sub-seed.
 */

/** Resampling filter. Masks always use 'nearest'. */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'area' | 'lanczos';

/**
 * How pixels outside the source are filled (OpenCV's border modes under readable names):
 * constant = fill value; replicate = aaaa|abcd|dddd; reflect = dcba|abcd|dcba;
 * reflect101 = dcb|abcd|cba; wrap = abcd|abcd|abcd.
 */
export type BorderMode = 'constant' | 'replicate' | 'reflect' | 'reflect101' | 'wrap';

/** A fill value in the image's own value scale (0..255 for uint8), one number for all channels or one per channel. */
export type Fill = number | readonly number[];

export interface WarpOptions {
  readonly interpolation: Interpolation;
  readonly border: BorderMode;
  readonly fill: Fill;
}

/** An integer-valued mask plane (semantic label map or one instance mask). */
export type MaskData = Uint8Array | Uint16Array | Int32Array;

export interface MaskPlane {
  readonly width: number;
  readonly height: number;
  readonly data: MaskData;
}
