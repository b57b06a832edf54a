/**
 * Benchmark inputs: the committed fixtures in bench/fixtures, or the photos of a folder made into
 * fixtures with the same recipe (resized with the exact area filter, JPEG quality 90, 4:2:0).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuguryError } from '../core/errors.js';
import { resizeImage } from '../functional/geometric/index.js';
import { decodeImage, encodeImage, IMAGE_EXTENSIONS, readImage } from '../io/codecs/index.js';
import { readImageBytes } from '../io/codecs/files.js';
import type { Image } from '../targets/image.js';
import type { BenchSize } from './ops.js';

/** One benchmark photo at one size: its JPEG bytes and the decoded image. */
export interface BenchInput {
  readonly name: string;
  readonly jpeg: Uint8Array;
  readonly image: Image;
}

export const FIXTURE_RECIPE = 'resized with augury\'s exact area filter, JPEG quality 90, 4:2:0 (sharp default)';

/** bench/fixtures of this checkout (the fixtures are not part of the npm package). */
export function fixtureDir(): string {
  return fileURLToPath(new URL('../../bench/fixtures/', import.meta.url));
}

export function parseSize(s: BenchSize): { width: number; height: number } {
  const [w, h] = s.split('x').map(Number);
  return { width: w!, height: h! };
}

/** The committed fixtures at `size` (`<name>-<size>-q90.jpg`). */
export async function fixtureInputs(size: BenchSize, dir = fixtureDir()): Promise<BenchInput[]> {
  if (!existsSync(dir)) {
    throw new AuguryError({ code: 'io', message: 'the benchmark fixtures are missing', file: dir, hint: 'run augury bench from a clone of the repository, or pass --images DIR' });
  }
  const files = (await readdir(dir)).filter((f) => f.endsWith(`-${size}-q90.jpg`)).sort();
  return Promise.all(files.map(async (f) => {
    const jpeg = await readImageBytes(join(dir, f));
    return { name: f, jpeg, image: await decodeImage(jpeg) };
  }));
}

/** The photos in `dir` made into fixtures at `size` with the committed recipe. */
export async function folderInputs(dir: string, size: BenchSize): Promise<BenchInput[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => IMAGE_EXTENSIONS.some((e) => f.toLowerCase().endsWith(e))).sort();
  } catch (e) {
    throw new AuguryError({ code: 'io', message: `cannot read the image folder: ${(e as Error).message}`, file: dir, hint: 'pass --images a folder of photos (jpg, png, ...)', cause: e });
  }
  if (names.length === 0) {
    throw new AuguryError({ code: 'usage', message: 'the image folder holds no images', file: dir, expected: `files ending in ${IMAGE_EXTENSIONS.join(', ')}`, received: 'none', hint: 'pass --images a folder of photos, or leave it out to use bench/fixtures' });
  }
  const { width, height } = parseSize(size);
  const out: BenchInput[] = [];
  for (const n of names) {
    const photo = await readImage(join(dir, n));
    const rgb = photo.channels === 3 && photo.dtype === 'uint8' ? photo : undefined;
    if (!rgb) continue; // the figures are for 8-bit RGB photos
    const jpeg = await encodeImage(resizeImage(rgb, width, height, 'area'), 'jpeg', { quality: 90 });
    out.push({ name: `${n}@${size}`, jpeg, image: await decodeImage(jpeg) });
  }
  if (out.length === 0) {
    throw new AuguryError({ code: 'usage', message: 'the image folder holds no 8-bit RGB photos', file: dir, hint: 'the benchmark figures are for 8-bit RGB photos; pass a folder of such photos' });
  }
  return out;
}

/**
 * Writes `inputs` as a tiny COCO dataset (images, no annotations) so that the worker pool can
 * open them by path in every thread. Returns the annotations file.
 */
export async function writeInputDataset(inputs: readonly BenchInput[], dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const images = await Promise.all(inputs.map(async (inp, i) => {
    const file = `img${i}.jpg`;
    await writeFile(join(dir, file), inp.jpeg);
    return { id: i + 1, file_name: file, width: inp.image.width, height: inp.image.height };
  }));
  const path = join(dir, 'annotations.json');
  await writeFile(path, JSON.stringify({ images, annotations: [], categories: [{ id: 1, name: 'photo' }] }));
  return path;
}
