/** Test helpers shared by the YOLO, VOC and class-folder tests. */
import { cp, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';
import sharp from 'sharp';
import type { ImageSink } from '../../../../src/io/datasets/io-types.js';
import type { DatasetIndex } from '../../../../src/io/datasets/model.js';

export const FIXTURES = resolve('test/fixtures');

/** Image size as augury sees it: from the header, width and height swapped for EXIF orientations 5..8. */
export async function sizeOf(path: string): Promise<{ width: number; height: number }> {
  const m = await sharp(path).metadata();
  const w = m.width ?? 0;
  const h = m.height ?? 0;
  return (m.orientation ?? 1) >= 5 ? { width: h, height: w } : { width: w, height: h };
}

/** A fresh temporary folder, removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'augury-ds-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary copy of a fixture folder. */
export async function copyFixture(rel: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, rel), dir, { recursive: true });
  return dir;
}

/** An image sink that copies each record's source file, recording what it wrote. */
export function copySink(index: DatasetIndex, written: string[] = []): ImageSink {
  return async (record, destination) => {
    await mkdir(dirname(destination), { recursive: true });
    await copyFile(join(index.imageRoot, record.file), destination);
    written.push(destination);
  };
}

/** A sink that writes nothing (for indexes built in memory). */
export const nullSink: ImageSink = async () => {};

/** Continuous box of the pixels x0..x1, y0..y1 (inclusive pixel indices). */
export function pixelBox(x0: number, x1: number, y0: number, y1: number): [number, number, number, number] {
  return [x0, y0, x1 + 1, y1 + 1];
}

/** Asserts two number lists agree within `tol`. */
export function near(actual: readonly number[] | undefined, expected: readonly number[], tol = 1e-9, what = 'values'): void {
  if (!actual || actual.length !== expected.length || actual.some((v, i) => Math.abs(v - expected[i]!) > tol)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)} (within ${tol}), got ${JSON.stringify(actual)}`);
  }
}
