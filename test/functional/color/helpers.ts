/**
 * Test inputs for the color kernels: the two 64x64 photos of the golden fixture, seeded random
 * images, and exact rescaling between dtypes written here (not with the kernels under test).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.js';
import { createImage, imageFrom, type Channels, type DType, type Image, type ImageOf } from '../../../src/targets/image.js';

interface GoldenImages {
  images: Record<string, { width: number; height: number; b64: string }>;
}

let photos: Map<string, ImageOf<'uint8'>> | undefined;

/** 'astronaut' or 'coffee': 64x64 RGB uint8 real photos (see test/fixtures/golden/README-color.md). */
export function photo(name: 'astronaut' | 'coffee'): ImageOf<'uint8'> {
  if (!photos) {
    const doc = JSON.parse(
      readFileSync(new URL('../../fixtures/golden/color-autoaugment.json', import.meta.url), 'utf8'),
    ) as GoldenImages;
    photos = new Map();
    for (const [k, v] of Object.entries(doc.images)) {
      photos.set(k, imageFrom(v.width, v.height, 3, 'uint8', new Uint8Array(Buffer.from(v.b64, 'base64'))));
    }
  }
  return photos.get(name)!;
}

/** The photo with an alpha channel added (a diagonal ramp, so every alpha value differs from its neighbours). */
export function photoRgba(name: 'astronaut' | 'coffee'): ImageOf<'uint8'> {
  const rgb = photo(name);
  const out = createImage(rgb.width, rgb.height, 4, 'uint8');
  for (let p = 0; p < rgb.width * rgb.height; p++) {
    out.data.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
    out.data[p * 4 + 3] = (p * 37) % 256;
  }
  return out;
}

/** A seeded random uint8 image. */
export function randomU8(seed: number, width: number, height: number, channels: Channels): ImageOf<'uint8'> {
  const rng = new Rng(seed);
  const img = createImage(width, height, channels, 'uint8');
  for (let i = 0; i < img.data.length; i++) img.data[i] = rng.int(0, 255);
  return img;
}

/**
 * The same picture in another dtype: uint16 as v * 257 (255 -> 65535 exactly), float32 as v / 255.
 * Both are exact scalings of the uint8 values.
 */
export function scaleFromU8(img: ImageOf<'uint8'>, dtype: DType): Image {
  if (dtype === 'uint8') return img;
  const out = createImage(img.width, img.height, img.channels, dtype) as Image;
  for (let i = 0; i < img.data.length; i++) out.data[i] = dtype === 'uint16' ? img.data[i]! * 257 : img.data[i]! / 255;
  return out;
}

/** Any image's samples on the uint8 scale (doubles, not rounded). */
export function onU8Scale(img: Image): Float64Array {
  const scale = img.dtype === 'uint8' ? 1 : img.dtype === 'uint16' ? 1 / 257 : 255;
  return Float64Array.from(img.data, (v) => v * scale);
}

/** Max absolute difference and how many samples differ by more than `tol`. */
export function compare(a: ArrayLike<number>, b: ArrayLike<number>, tol = 0): { max: number; over: number } {
  let max = 0;
  let over = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > max) max = d;
    if (d > tol) over++;
  }
  return { max, over };
}

/** fast-check: a small uint8 image (1..12 x 1..12) with the given channels. */
export function u8ImageArb(channels: Channels): fc.Arbitrary<ImageOf<'uint8'>> {
  return fc
    .record({ w: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 12 }) })
    .chain(({ w, h }) =>
      fc
        .uint8Array({ minLength: w * h * channels, maxLength: w * h * channels })
        .map((data) => imageFrom(w, h, channels, 'uint8', data)),
    );
}

/** fast-check: an image of any dtype and channel count, values spanning the dtype's range. */
export const anyImageArb: fc.Arbitrary<Image> = fc
  .record({
    channels: fc.constantFrom<Channels>(1, 3, 4),
    dtype: fc.constantFrom<DType>('uint8', 'uint16', 'float32'),
    w: fc.integer({ min: 1, max: 10 }),
    h: fc.integer({ min: 1, max: 10 }),
  })
  .chain(({ channels, dtype, w, h }) => {
    const n = w * h * channels;
    if (dtype === 'uint8') return fc.uint8Array({ minLength: n, maxLength: n }).map((d) => imageFrom(w, h, channels, dtype, d) as Image);
    if (dtype === 'uint16') return fc.uint16Array({ minLength: n, maxLength: n }).map((d) => imageFrom(w, h, channels, dtype, d) as Image);
    return fc
      .float32Array({ minLength: n, maxLength: n, min: 0, max: 1, noNaN: true, noDefaultInfinity: true })
      .map((d) => imageFrom(w, h, channels, dtype, d) as Image);
  });
