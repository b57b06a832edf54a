/** Reading image files with errors that name the file and say what to do. */
import { readFile, stat } from 'node:fs/promises';
import { AuguryError } from '../../core/errors.js';
import { RE_EXPORT_HINT } from './plan.js';

/** Reads a whole image file. */
export async function readImageBytes(path: string): Promise<Uint8Array> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw fileError(e, path);
  }
  if (buf.byteLength === 0) throw emptyFile(path);
  // A plain view, so that callers never meet Buffer's sharing slice().
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Checks that a path is a non-empty regular file, without reading it. */
export async function checkImageFile(path: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    size = s.size;
  } catch (e) {
    throw fileError(e, path);
  }
  if (size === 0) throw emptyFile(path);
}

export function emptyFile(file: string | undefined): AuguryError {
  return new AuguryError({ code: 'corrupt-image', message: 'the image file is empty', file, hint: RE_EXPORT_HINT });
}

function fileError(e: unknown, path: string): AuguryError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new AuguryError({
      code: 'missing-image',
      message: 'the image file does not exist',
      file: path,
      hint: 'check the image path and the dataset root, or remove the record from the dataset',
      cause: e,
    });
  }
  return new AuguryError({
    code: 'io',
    message: `could not read the image file: ${(e as Error).message}`,
    file: path,
    hint: code === 'EISDIR' ? 'the path is a directory; point it at an image file' : 'check the file permissions',
    cause: e,
  });
}
