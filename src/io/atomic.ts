/** Atomic file writes: write a temp file beside the target, then rename over it. */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AuguryError } from '../core/errors.js';

function tempBeside(path: string): string {
  return join(dirname(path), `.augury-tmp-${basename(path)}-${randomBytes(6).toString('hex')}`);
}

async function viaTemp(path: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempBeside(path);
  try {
    await fill(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AuguryError({ code: 'io', message: `could not write the file: ${(e as Error).message}`, file: path, cause: e });
  }
}

/** Writes `data` to `path` so that readers see either the old file or the whole new one. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await viaTemp(path, (tmp) => writeFile(tmp, data));
}

/** Copies `src` to `dest` atomically (copy to a temp name beside `dest`, then rename). */
export async function copyFileAtomic(src: string, dest: string): Promise<void> {
  await viaTemp(dest, (tmp) => copyFile(src, tmp));
}

/** Writes the chunks of `data` to `path` atomically, without holding the whole content in memory. */
export async function writeChunksAtomic(path: string, data: AsyncIterable<string | Uint8Array>): Promise<void> {
  await viaTemp(path, async (tmp) => {
    const fh = await open(tmp, 'w');
    try {
      for await (const chunk of data) await fh.appendFile(chunk);
    } finally {
      await fh.close();
    }
  });
}
