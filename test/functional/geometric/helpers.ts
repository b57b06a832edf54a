/** Small deterministic images for the geometric kernel tests. */
import type { Channels, DType, Image } from '../../../src/targets/image.js';
import { createImage } from '../../../src/targets/image.js';

export const DTYPES: readonly DType[] = ['uint8', 'uint16', 'float32'];
export const CHANNELS: readonly Channels[] = [1, 3, 4];

/** A patterned image whose pixels all differ from their neighbours, in the dtype's own scale. */
export function patterned(width: number, height: number, channels: Channels, dtype: DType): Image {
  const img = createImage(width, height, channels, dtype) as Image;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = (x * 37 + y * 101 + c * 53 + ((x * y) % 7) * 11) % 256;
        img.data[(y * width + x) * channels + c] = dtype === 'uint8' ? v : dtype === 'uint16' ? v * 257 : v / 255;
      }
    }
  }
  return img;
}

/** A uint8 image from explicit rows of single-channel values. */
export function gray(rows: number[][]): Image {
  const h = rows.length, w = rows[0]!.length;
  const img = createImage(w, h, 1, 'uint8');
  rows.forEach((r, y) => r.forEach((v, x) => (img.data[y * w + x] = v)));
  return img;
}

export function rowsOf(img: { width: number; height: number; data: ArrayLike<number> }): number[][] {
  const out: number[][] = [];
  for (let y = 0; y < img.height; y++) out.push(Array.from({ length: img.width }, (_, x) => img.data[y * img.width + x]!));
  return out;
}

export function same(a: Image, b: Image): boolean {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels || a.dtype !== b.dtype) return false;
  for (let i = 0; i < a.data.length; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}
