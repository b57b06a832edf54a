/**
 * Reads a class-folder dataset (torchvision ImageFolder layout, `root/<class>/<image>`) into a
 * classification DatasetIndex.
 *
 * As in torchvision: classes are the sub-folder names in plain string order and give the class
 * indices; images are found recursively inside each class folder (`cat/kittens/a.jpg` is a cat),
 * following symbolic links, in sorted order. Unlike torchvision, folders whose name starts with a
 * dot (`.ipynb_checkpoints`, `.git`) are not classes: they are skipped with a warning, since
 * counting them would shift every class index.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AuguryError, show } from '../../../core/errors.js';
import type { ReadOptions } from '../io-types.js';
import type { Category, DatasetIndex, ImageRecord } from '../model.js';
import { byCodeUnit, displayPath, isDirectory, isImageFile, stemIds, walkFiles } from '../files.js';

const SPLIT_NAMES = new Set(['train', 'val', 'valid', 'validation', 'test']);

/**
 * Reads class folders under `root`. With `opts.split`, reads `root/<split>/` instead (the common
 * `train/` + `val/` layout) and tags records with the split. Images are not opened; sizes stay
 * unknown until the images are checked.
 *
 * @example
 * const index = await readFolder('data/flowers', { report: new RunReport(), split: 'train' });
 */
export async function readFolder(root: string, opts: ReadOptions): Promise<DatasetIndex> {
  const top = resolve(root);
  if (!(await isDirectory(top))) {
    throw new AuguryError({ code: 'io', message: 'no such folder', file: root, hint: 'point at the folder that holds one sub-folder per class' });
  }
  let base = top;
  if (opts.split !== undefined) {
    base = join(top, opts.split);
    if (!/^[\w.-]+$/.test(opts.split) || !(await isDirectory(base))) {
      const subs = await subfolders(top);
      throw new AuguryError({
        code: 'usage',
        message: `there is no ${show(opts.split)} folder`,
        file: root,
        key: 'split',
        expected: subs.length > 0 ? `one of ${subs.join(', ')}` : 'a split folder holding class folders',
        received: opts.split,
        hint: 'leave --split out when the class folders sit directly in the dataset folder',
      });
    }
  }

  const entries = await readdir(base, { withFileTypes: true });
  const classes: string[] = [];
  for (const e of entries) {
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await isDirectory(join(base, e.name))));
    if (isDir && e.name.startsWith('.')) {
      opts.report.warn('hidden-folder', `folder ${show(e.name)} starts with a dot and is not taken as a class`, displayPath(join(base, e.name)));
    } else if (isDir) {
      classes.push(e.name);
    } else {
      opts.report.warn(
        isImageFile(e.name) ? 'outside-class-folder' : 'not-an-image',
        `${show(e.name)} is not inside a class folder and is ignored`,
        displayPath(join(base, e.name)),
      );
    }
  }
  classes.sort(byCodeUnit);
  if (opts.split === undefined && classes.length > 0 && classes.every((c) => SPLIT_NAMES.has(c.toLowerCase()))) {
    opts.report.warn(
      'split-folders',
      `the classes are named ${classes.join(', ')}, which look like splits; pass --split ${classes[0]} to read the class folders inside`,
      root,
    );
  }

  const files: string[] = [];
  const labels: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    const name = classes[c]!;
    let count = 0;
    for (const rel of await walkFiles(join(base, name))) {
      if (!isImageFile(rel)) {
        opts.report.warn('not-an-image', 'not an image file (by extension); ignored', displayPath(join(base, name, rel)));
        continue;
      }
      files.push(`${name}/${rel}`);
      labels.push(c);
      count++;
    }
    if (count === 0) {
      opts.report.warn('empty-class', `class ${show(name)} has no images; it keeps its index ${c}`, displayPath(join(base, name)));
    }
  }
  const ids = stemIds(files);
  const records: ImageRecord[] = files.map((file, i) => ({
    id: ids[i]!,
    file,
    annotations: [],
    label: labels[i]!,
    ...(opts.split !== undefined ? { split: opts.split } : {}),
  }));
  const categories: Category[] = classes.map((name, id) => ({ id, name }));
  return { format: 'folder', source: root, imageRoot: base, categories, records, task: 'classification' };
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byCodeUnit);
}
