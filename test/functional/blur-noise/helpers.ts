/** Small image builders and measures shared by the blur-noise tests. */
import { fileURLToPath } from 'node:url';
import { readImage } from '../../../src/io/codecs/index.js';
import { imageFrom, type Channels, type Image, type ImageOf } from '../../../src/targets/image.js';

export const FIXTURE = fileURLToPath(new URL('../../fixtures/blur-noise/chelsea-64.png', import.meta.url));

/** The 64x43 RGB photo fixture. */
export async function photo(): Promise<ImageOf<'uint8'>> {
  const img = await readImage(FIXTURE);
  if (img.dtype !== 'uint8' || img.channels !== 3) throw new Error('fixture should be RGB uint8');
  return img;
}

export function u8(width: number, height: number, channels: Channels, f: (x: number, y: number, c: number) => number): ImageOf<'uint8'> {
  const d = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) d[(y * width + x) * channels + c] = f(x, y, c);
  return imageFrom(width, height, channels, 'uint8', d);
}

export function f32(width: number, height: number, channels: Channels, f: (x: number, y: number, c: number) => number): ImageOf<'float32'> {
  const d = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) d[(y * width + x) * channels + c] = f(x, y, c);
  return imageFrom(width, height, channels, 'float32', d);
}

export function mean(img: Image): number {
  let s = 0;
  for (const v of img.data) s += v;
  return s / img.data.length;
}

/**
 * Energy of the mixed difference a - b - c + d over every 2x2 window: the highest spatial frequency
 * in both axes. Block edges from nearest up-sampling add nothing unless a horizontal and a vertical
 * edge cross inside the window, so it measures lost detail for every filter alike.
 */
export function highFrequencyEnergy(img: Image): number {
  const { width: w, height: h, channels: c, data } = img;
  const at = (x: number, y: number, ch: number): number => data[(y * w + x) * c + ch]!;
  let e = 0;
  for (let y = 0; y + 1 < h; y++) {
    for (let x = 0; x + 1 < w; x++) {
      for (let ch = 0; ch < c; ch++) e += (at(x, y, ch) - at(x + 1, y, ch) - at(x, y + 1, ch) + at(x + 1, y + 1, ch)) ** 2;
    }
  }
  return e;
}

export function mse(a: Image, b: Image): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  return s / a.data.length;
}

/** A tiny deterministic LCG for test data only (not the library's Rng, to keep test inputs independent). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Asserts that calling `f` throws an error whose message contains every part. */
export function throwsWith(f: () => unknown, ...parts: string[]): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  if (!(err instanceof Error)) throw new Error(`expected an error containing ${parts.join(', ')}`);
  for (const p of parts) if (!err.message.includes(p)) throw new Error(`error message lacks "${p}": ${err.message}`);
}
