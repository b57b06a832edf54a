/**
 * Reads an Ultralytics YOLO dataset (detection, segmentation or pose) into a DatasetIndex.
 *
 * Layout: a data.yaml names the classes and, per split, a folder of images, a .txt list of image
 * paths, or a list of those. Each image `.../images/.../x.jpg` has its labels in
 * `.../labels/.../x.txt` (the last `/images/` segment swapped for `/labels/`, as Ultralytics
 * does); an image without a label file has no objects. A folder with `images/` and `labels/` but
 * no yaml is read too, with classes named by index.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AuguryError, isAuguryError, show } from '../../../core/errors.js';
import type { ReadOptions } from '../io-types.js';
import type { Annotation, Category, DatasetIndex, ImageRecord, KeypointSchema } from '../model.js';
import { cleanRelative } from '../validate.js';
import { mapSettled } from '../concurrency.js';
import { byCodeUnit, displayPath, isDirectory, isFile, isImageFile, stemIds, walkFiles } from '../files.js';
import { findDataYaml, loadDataYaml } from './data-yaml.js';
import { parseLabelLine, type LabelLayout } from './labels.js';

/** Files read at once while sizing images and loading label files. */
const IO_CONCURRENCY = 16;

/**
 * Reads the split `opts.split` (default `train`) of a YOLO dataset. `path` is a data.yaml, or a
 * folder holding one (data.yaml, dataset.yaml, or its only yaml), or a folder with `images/` and
 * `labels/`. `opts.sizeOf` is required: YOLO coordinates are fractions of the image size.
 * `opts.imagesDir` replaces the split's image folder.
 *
 * @example
 * const index = await readYolo('datasets/coco8/data.yaml', { report: new RunReport(), split: 'val', sizeOf });
 */
export async function readYolo(path: string, opts: ReadOptions): Promise<DatasetIndex> {
  const sizeOf = opts.sizeOf;
  if (!sizeOf) {
    throw new AuguryError({
      code: 'usage',
      message: 'reading YOLO labels needs image sizes, and no sizeOf callback was given',
      key: 'sizeOf',
      hint: 'pass ReadOptions.sizeOf (for example one built on sharp metadata); YOLO stores coordinates as fractions of the image size',
    });
  }
  const layout = await resolveLayout(path, opts);
  const images = await listImages(layout, opts);

  const root = layout.root;
  const inside = images.every((abs) => isBelow(root, abs));
  const imageRoot = inside ? root : commonFolder(images.map((abs) => dirname(abs)));
  const files = images.map((abs) => cleanRelative(relative(imageRoot, abs)));
  const ids = stemIds(files);

  const loaded = await mapSettled(images, IO_CONCURRENCY, async (abs) => {
    const size = await sizeOf(abs);
    const text = await readFile(labelPathFor(abs), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return { size, text };
  });

  const labelLayout: LabelLayout = {
    ...(layout.names ? { classCount: layout.names.length } : {}),
    ...(layout.keypoints ? { keypoints: { count: layout.keypoints.count, dims: layout.keypoints.dims ?? 3 } } : {}),
  };
  const records: ImageRecord[] = [];
  let labelFiles = 0;
  let maxClass = -1;
  for (let i = 0; i < images.length; i++) {
    const abs = images[i]!;
    const got = loaded[i]!;
    if (!got.ok) {
      opts.report.skip(imageError(got.error, abs), 'unreadable-image');
      continue;
    }
    const { size, text } = got.value;
    if (!Number.isInteger(size.width) || !Number.isInteger(size.height) || size.width <= 0 || size.height <= 0) {
      opts.report.skip(
        new AuguryError({ code: 'corrupt-image', message: 'image has no usable size', file: displayPath(abs), received: `${size.width}x${size.height}`, hint: 'replace or remove the image' }),
        'unreadable-image',
      );
      continue;
    }
    const annotations: Annotation[] = [];
    if (text !== null) {
      labelFiles++;
      const labelFile = displayPath(labelPathFor(abs));
      const lines = text.split(/\r?\n/);
      for (let n = 0; n < lines.length; n++) {
        if (lines[n]!.trim() === '') continue;
        const loc = { file: labelFile, record: `line ${n + 1}` };
        try {
          const ann = parseLabelLine(lines[n]!, labelLayout, size, loc, opts.report, opts.boxTolerance);
          annotations.push(ann);
          if (ann.category > maxClass) maxClass = ann.category;
        } catch (e) {
          if (!isAuguryError(e)) throw e;
          opts.report.skip(e, e.code);
        }
      }
    }
    records.push({
      id: ids[i]!,
      file: files[i]!,
      width: size.width,
      height: size.height,
      annotations,
      ...(layout.split !== undefined ? { split: layout.split } : {}),
    });
  }
  if (images.length > 0 && labelFiles === 0) {
    opts.report.warn(
      'no-labels',
      `none of the ${images.length} images has a label file, so the split has no objects; labels are looked up by swapping /images/ for /labels/ in each image path`,
      displayPath(root),
    );
  }

  const names = layout.names ?? Array.from({ length: maxClass + 1 }, (_, i) => String(i));
  const categories: Category[] = names.map((name, id) => ({ id, name }));
  return {
    format: 'yolo',
    source: path,
    imageRoot,
    categories,
    records,
    ...(layout.keypoints ? { keypoints: layout.keypoints } : {}),
    task: 'detection',
    ...(layout.extra && Object.keys(layout.extra).length > 0 ? { extra: layout.extra } : {}),
  };
}

/**
 * The label file of an image: the last `/images/` segment of its path becomes `/labels/` and
 * the extension `.txt` (an image outside any `images` folder has its labels beside it).
 */
export function labelPathFor(imagePath: string): string {
  const sa = `${sep}images${sep}`;
  const i = imagePath.lastIndexOf(sa);
  const swapped = i < 0 ? imagePath : imagePath.slice(0, i) + `${sep}labels${sep}` + imagePath.slice(i + sa.length);
  return swapped.slice(0, swapped.length - extname(swapped).length) + '.txt';
}

interface Layout {
  readonly root: string;
  /** Where split entries come from, for messages. */
  readonly yamlFile?: string;
  readonly split?: string;
  readonly entries: readonly string[];
  readonly names?: readonly string[];
  readonly keypoints?: KeypointSchema;
  readonly extra?: Readonly<Record<string, unknown>>;
}

async function resolveLayout(path: string, opts: ReadOptions): Promise<Layout> {
  const yamlFile = await findDataYaml(path);
  const override = opts.imagesDir !== undefined ? [resolve(opts.imagesDir)] : undefined;
  if (yamlFile) {
    const cfg = await loadDataYaml(yamlFile);
    const split = opts.split ?? 'train';
    const entries = cfg.splits[split];
    if (!entries && !override) {
      const present = Object.keys(cfg.splits);
      throw new AuguryError({
        code: 'usage',
        message: `data.yaml has no ${show(split)} split`,
        file: displayPath(yamlFile),
        key: split,
        expected: present.length > 0 ? `one of ${present.join(', ')}` : 'a split key such as train: images/train',
        received: split,
        hint: present.length > 0 ? `pass --split ${present[0]} (or another listed split)` : `add \`${split}: images/${split}\` to data.yaml`,
      });
    }
    if (cfg.namesFromNc) {
      opts.report.warn('names-from-nc', `data.yaml has nc but no names; classes are named class_0..class_${cfg.names.length - 1}`, displayPath(yamlFile));
    }
    let root = cfg.root;
    // Ultralytics' own yamls say `path: ../datasets/coco8`, relative to its install; when that
    // folder is absent the dataset usually sits beside the yaml, which is where we look instead.
    if (!(await isDirectory(root)) && root !== dirname(yamlFile)) {
      opts.report.warn('path-not-found', `data.yaml path ${show(displayPath(root))} does not exist; reading the dataset from the yaml's folder`, displayPath(yamlFile), 'path');
      root = dirname(yamlFile);
    }
    return {
      root,
      yamlFile,
      split,
      entries: override ?? entries ?? [],
      names: cfg.names,
      ...(cfg.keypoints ? { keypoints: cfg.keypoints } : {}),
      extra: cfg.extra,
    };
  }

  const root = resolve(path);
  const imagesDir = resolve(root, 'images');
  if (!(await isDirectory(imagesDir)) && !override) {
    throw new AuguryError({
      code: 'unknown-format',
      message: 'not a YOLO dataset: no data.yaml and no images/ folder',
      file: path,
      hint: 'point at a data.yaml, or at a folder with images/ and labels/ inside',
    });
  }
  opts.report.warn('no-data-yaml', 'no data.yaml found: classes are named by their index ("0", "1", ...)', path);
  let split: string | undefined;
  let entries = override ?? ['images'];
  if (!override) {
    const wanted = opts.split ?? 'train';
    if (await isDirectory(resolve(imagesDir, wanted))) {
      split = wanted;
      entries = [`images/${wanted}`];
    } else if (opts.split !== undefined) {
      const subs = (await readdir(imagesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort(byCodeUnit);
      throw new AuguryError({
        code: 'usage',
        message: `there is no images/${opts.split} folder`,
        file: displayPath(imagesDir),
        expected: subs.length > 0 ? `one of ${subs.join(', ')}` : 'split folders under images/',
        received: opts.split,
        hint: subs.length > 0 ? `pass --split ${subs[0]}, or leave --split out to read every image under images/` : 'leave --split out to read every image under images/',
      });
    }
  }
  return { root, ...(split !== undefined ? { split } : {}), entries };
}

/** Image paths (absolute) of the layout's entries, in listing order. */
async function listImages(layout: Layout, opts: ReadOptions): Promise<string[]> {
  const out: string[] = [];
  for (const entry of layout.entries) {
    let abs = resolve(layout.root, entry);
    // Ultralytics retries `../x` as `x` when the first does not exist (Roboflow exports need it).
    if (!(await exists(abs)) && entry.startsWith('../')) {
      const alt = resolve(layout.root, entry.slice(3));
      if (await exists(alt)) abs = alt;
    }
    if (await isDirectory(abs)) {
      for (const rel of await walkFiles(abs)) if (isImageFile(rel)) out.push(resolve(abs, rel));
    } else if ((await isFile(abs)) && extname(abs).toLowerCase() === '.txt') {
      out.push(...(await readList(abs, layout.root, opts)));
    } else if ((await isFile(abs)) && isImageFile(abs)) {
      out.push(abs);
    } else {
      const missing = !(await exists(abs));
      throw new AuguryError({
        code: missing ? 'io' : 'usage',
        message: missing ? 'the split points at a path that does not exist' : 'the split points at a file that is neither a folder, a .txt list nor an image',
        file: displayPath(layout.yamlFile ?? layout.root),
        key: layout.split ?? 'images',
        received: show(entry),
        expected: `a path relative to ${displayPath(layout.root)}`,
        hint: 'fix the split entry in data.yaml: a folder of images, a .txt file listing image paths, or a list of those, relative to `path`',
      });
    }
  }
  return out;
}

/** Image paths of a .txt list: one per line, relative to the list's folder, kept inside root. */
async function readList(listFile: string, root: string, opts: ReadOptions): Promise<string[]> {
  const text = await readFile(listFile, 'utf8');
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const loc = { file: displayPath(listFile), record: `line ${n + 1}` };
    const stored = line.replace(/\\/g, '/');
    const full = isAbsolute(stored) ? resolve(stored) : resolve(dirname(listFile), stored);
    if (!isBelow(root, full)) {
      opts.report.skip(
        new AuguryError({
          code: 'path-escape',
          message: 'image path leaves the dataset folder',
          ...loc,
          received: show(line),
          hint: 'list images inside the dataset folder (relative to the list file, e.g. ./images/train/x.jpg), or move the dataset `path` up to include them',
        }),
        'path-escape',
      );
      continue;
    }
    if (!(await isFile(full))) {
      opts.report.skip(
        new AuguryError({ code: 'missing-image', message: 'listed image does not exist', ...loc, received: show(line), hint: 'remove the line or restore the image' }),
        'missing-image',
      );
      continue;
    }
    out.push(full);
  }
  return out;
}

function imageError(error: unknown, abs: string): AuguryError {
  if (isAuguryError(error)) return error.at({ file: displayPath(abs) });
  return new AuguryError({
    code: 'corrupt-image',
    message: `cannot read the image or its label file: ${(error as Error)?.message ?? String(error)}`,
    file: displayPath(abs),
    hint: 'check that the image opens and its label file is readable; remove or replace it',
    cause: error,
  });
}

async function exists(p: string): Promise<boolean> {
  return (await isDirectory(p)) || (await isFile(p));
}

function isBelow(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

function commonFolder(dirs: readonly string[]): string {
  if (dirs.length === 0) return sep;
  let parts = dirs[0]!.split(sep);
  for (const d of dirs.slice(1)) {
    const p = d.split(sep);
    let k = 0;
    while (k < parts.length && k < p.length && parts[k] === p[k]) k++;
    parts = parts.slice(0, k);
  }
  return parts.join(sep) || sep;
}
