/**
 * JPEG compression artefacts through a real encoder (Albumentations ImageCompression /
 * JpegCompression). The codec is injected (sharp in Node, a wasm or canvas codec in a browser), so
 * this file uses no Node API.
 */
import { AuguryError } from '../../core/errors.js';
import type { Codec } from '../../io/codecs/codec.js';
import { createImage, maxValueOf, type Image, type ImageOf } from '../../targets/image.js';
import { checkInt, emptyLike, roundHalfEven, storeFor } from './pixels.js';

/**
 * Encodes the image as JPEG at `quality` (1..100) with `codec` and decodes it again.
 * - uint8 gray or RGB goes through as is.
 * - RGBA: the colour is compressed, the alpha channel is copied unchanged (JPEG has no alpha).
 * - uint16 / float32: scaled to 8 bits by round(v * 255 / maxValue) (clamped), compressed, and
 *   scaled back by v8 * maxValue / 255 (integers rounded half to even), so the result carries
 *   8-bit precision, as Albumentations' uint8 round trip does.
 * @throws AuguryError `unsupported` when the codec returns another size or channel layout.
 * @example const out = await jpegCompress(img, 30, sharpCodec);
 */
export async function jpegCompress<I extends Image>(img: I, quality: number, codec: Codec): Promise<I> {
  checkInt('jpegCompress.quality', quality, 1, 100, 'give a JPEG quality from 1 (worst) to 100 (best)');
  const { width: w, height: h } = img;
  const cc = img.channels === 1 ? 1 : 3;
  const max = maxValueOf(img);
  const direct = img.dtype === 'uint8' && img.channels !== 4 && max === 255;
  const input: ImageOf<'uint8'> = direct ? (img as ImageOf<'uint8'>) : to8bit(img, cc, max);

  // Optimized Huffman tables change the file size, never the pixels: skip that encoder pass.
  const bytes = await codec.encode(input, 'jpeg', { quality, optimizeCoding: false });
  const decoded = await codec.decode(bytes, { exif: 'ignore' });
  if (decoded.width !== w || decoded.height !== h || decoded.dtype !== 'uint8' || decoded.channels !== cc) {
    throw new AuguryError({
      code: 'unsupported',
      message: `codec '${codec.name}' did not return the image it was given`,
      key: 'jpegCompress',
      expected: `${w}x${h}, ${cc} channel(s), uint8`,
      received: `${decoded.width}x${decoded.height}, ${decoded.channels} channel(s), ${decoded.dtype}`,
      hint: 'use a codec that keeps size and channel count through a JPEG round trip (sharpCodec does)',
    });
  }
  // uint8 gray or RGB: the decoded pixels are the result (a fresh array from the codec).
  if (direct) return { ...img, data: decoded.data };
  const out = emptyLike(img);
  const store = storeFor(img);
  const c = img.channels;
  const d = decoded.data;
  const n = w * h;
  for (let p = 0; p < n; p++) {
    for (let ch = 0; ch < cc; ch++) {
      const v = d[p * cc + ch]!;
      store(out.data, p * c + ch, (v * max) / 255);
    }
    if (c === 4) out.data[p * 4 + 3] = img.data[p * 4 + 3]!;
  }
  return out;
}

function to8bit(img: Image, cc: 1 | 3, max: number): ImageOf<'uint8'> {
  const out = createImage(img.width, img.height, cc, 'uint8');
  const c = img.channels;
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    for (let ch = 0; ch < cc; ch++) {
      const v = (img.data[p * c + ch]! * 255) / max;
      out.data[p * cc + ch] = roundHalfEven(v < 0 ? 0 : v > 255 ? 255 : v);
    }
  }
  return out;
}
