/** Image file formats augury reads and writes, and how they are recognised from a path. */
import { AuguryError } from '../../core/errors.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff';

export const IMAGE_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'tiff'];

const BY_EXTENSION: Readonly<Record<string, ImageFormat>> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.tif': 'tiff',
  '.tiff': 'tiff',
};

/** Extensions `formatFromPath` accepts, lower case with the dot. */
export const IMAGE_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** Canonical extension for writing a format. */
export const EXTENSION_OF: Readonly<Record<ImageFormat, string>> = {
  jpeg: '.jpg',
  png: '.png',
  webp: '.webp',
  tiff: '.tif',
};

/** The format a path names by its extension, or undefined (never throws). */
export function tryFormatFromPath(path: string): ImageFormat | undefined {
  const name = path.replace(/^.*[\\/]/, '');
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[name.slice(dot).toLowerCase()];
}

/**
 * The format of an image path from its extension (case-insensitive).
 * @throws AuguryError `unknown-format` naming the file and the supported extensions.
 * @example formatFromPath('data/img/0001.JPG') // 'jpeg'
 */
export function formatFromPath(path: string): ImageFormat {
  const format = tryFormatFromPath(path);
  if (format !== undefined) return format;
  const name = path.replace(/^.*[\\/]/, '');
  const dot = name.lastIndexOf('.');
  throw new AuguryError({
    code: 'unknown-format',
    message: 'cannot tell the image format from the file extension',
    file: path,
    expected: `one of ${IMAGE_EXTENSIONS.join(', ')}`,
    received: dot > 0 ? name.slice(dot) : 'no extension',
    hint: `name the file with one of ${IMAGE_EXTENSIONS.join(', ')}`,
  });
}

/** Whether sharp's name for a decoded format is one of ours. */
export function isImageFormat(name: string): name is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(name);
}
