/**
 * File-system helpers shared by the class-folder, YOLO and VOC readers and writers: which files
 * are images, a deterministic recursive listing, short paths for messages, record ids and
 * clash-free output names.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, posix, relative } from 'node:path';
import { AuguryError, show } from '../../core/errors.js';

/** Image extensions the dataset readers pick up (lower case, with the dot). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp'];

/** Whether a file name has one of {@link IMAGE_EXTENSIONS}, in any letter case. */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());
}

/** Plain code-unit order, the order Python's `sorted` gives for names in the BMP. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A path for messages: relative to the working directory when it lies below it (what the user
 * typed, usually), else absolute.
 */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** Whether `path` names an existing directory (following symlinks). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` names an existing regular file (following symlinks). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Every file below `dir`, as paths relative to it with forward slashes, in the order torchvision's
 * ImageFolder visits them (`sorted(os.walk(...))`, then sorted names): by folder path, then by
 * file name. Symbolic links are followed, as torchvision does, but a folder reached twice (a link
 * cycle) is walked once. Names starting with a dot are included; callers decide about them.
 */
export async function walkFiles(dir: string): Promise<string[]> {
  const found: { dir: string; name: string }[] = [];
  const seen = new Set<string>();
  async function visit(abs: string, rel: string): Promise<void> {
    const real = await realpath(abs);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(abs, { withFileTypes: true });
    for (const e of entries) {
      const childAbs = join(abs, e.name);
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFileEntry = e.isFile();
      if (e.isSymbolicLink()) {
        const s = await stat(childAbs).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFileEntry = s?.isFile() ?? false;
      }
      if (isDir) await visit(childAbs, childRel);
      else if (isFileEntry) found.push({ dir: rel, name: e.name });
    }
  }
  await visit(dir, '');
  found.sort((a, b) => byCodeUnit(a.dir, b.dir) || byCodeUnit(a.name, b.name));
  return found.map((f) => (f.dir === '' ? f.name : `${f.dir}/${f.name}`));
}

/**
 * Record ids for image files (relative paths): the file stem, as the model asks, except where
 * two files share a stem (`cat/1.jpg`, `dog/1.jpg`); those get their relative path without the
 * extension so that every id stays unique.
 */
export function stemIds(files: readonly string[]): string[] {
  const stems = files.map((f) => {
    const b = posix.basename(f);
    return b.slice(0, b.length - posix.extname(b).length);
  });
  const counts = new Map<string, number>();
  for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  return files.map((f, i) => {
    const s = stems[i]!;
    return counts.get(s) === 1 ? s : f.slice(0, f.length - posix.extname(f).length);
  });
}

/** `name` without its extension. */
export function stemOf(name: string): string {
  const b = basename(name);
  return b.slice(0, b.length - extname(b).length);
}

/**
 * Hands out file names inside output folders without clashes: the second `a.jpg` in a folder
 * becomes `a_1.jpg`, the third `a_2.jpg`, in the order names are claimed, so a run is repeatable.
 * Names are compared without letter case, because `A.jpg` and `a.jpg` are one file on macOS and
 * Windows.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  /**
   * @param byStem when a stem names a sidecar file too (YOLO `a.txt`, VOC `a.xml`), `a.jpg` and
   * `a.png` clash as well: compare names without their extension.
   */
  constructor(private readonly byStem = false) {}

  /** Claims `name` (a relative path) inside `folder`; returns the name to use. */
  claim(folder: string, name: string): { name: string; renamed: boolean } {
    const ext = posix.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let candidate = name;
    for (let n = 1; this.taken.has(this.key(folder, candidate)); n++) candidate = `${stem}_${n}${ext}`;
    this.taken.add(this.key(folder, candidate));
    return { name: candidate, renamed: candidate !== name };
  }

  private key(folder: string, name: string): string {
    const n = this.byStem ? name.slice(0, name.length - posix.extname(name).length) : name;
    return `${folder}\u0000${n}`.toLowerCase();
  }
}


/**
 * Checks that a split name is usable as one folder name (`train`, `val2017`), so that a split
 * taken from a dataset can never point a writer outside its output folder.
 */
export function checkSplitName(split: string): string {
  if (!/^[\w.-]+$/.test(split) || split === '.' || split === '..') {
    throw new AuguryError({
      code: 'validation',
      message: 'split name cannot be used as a folder name',
      key: 'split',
      received: show(split),
      hint: 'use letters, digits, "_", "-" and "." only, such as train, val or test',
    });
  }
  return split;
}
