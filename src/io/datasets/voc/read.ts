/**
 * Reads a Pascal VOC folder (`Annotations/*.xml`, `JPEGImages/`, optional
 * `ImageSets/Main/<split>.txt`) into a DatasetIndex.
 *
 * VOC boxes are 1-based, inclusive pixel indices: `xmin = 1` is the first pixel column and
 * `xmax` the last one covered. In continuous coordinates (pixel i covers [i, i+1)) the box is
 * [xmin - 1, ymin - 1, xmax, ymax]; detectron2 reads VOC the same way. Fractional values, which
 * some tools write, go through the same formula.
 *
 * Class order: the lines of `labels.txt` (or `classes.txt`) at the root when present, so that
 * indices are stable; otherwise order of first appearance, reading files in sorted order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AuguryError, isAuguryError, show } from '../../../core/errors.js';
import type { ReadOptions } from '../io-types.js';
import type { Annotation, Category, DatasetIndex, ImageRecord } from '../model.js';
import { checkBox, cleanRelative, resolveInside } from '../validate.js';
import { mapSettled } from '../concurrency.js';
import { byCodeUnit, displayPath, isDirectory, isFile } from '../files.js';
import { parseDecimal } from '../numbers.js';
import { isElement, parseVocXml, textOf, type XmlElement, type XmlValue } from './xml.js';

/** Object children the model interprets; the rest go to the annotation's `extra`. */
const OBJECT_FIELDS = new Set(['name', 'bndbox']);
/** Flags stored as numbers in `extra` when they are integers, as VOC means them. */
const NUMERIC_FLAGS = new Set(['truncated', 'difficult', 'occluded']);
/** Files naming the class order, looked up at the dataset root in this order. */
export const CLASS_LIST_FILES = ['labels.txt', 'classes.txt'] as const;

/**
 * Reads a VOC dataset. With `opts.split`, only the images listed in
 * `ImageSets/Main/<split>.txt` are read; `opts.imagesDir` replaces `JPEGImages/`.
 *
 * @example
 * const index = await readVoc('VOCdevkit/VOC2012', { report: new RunReport(), split: 'val' });
 */
export async function readVoc(path: string, opts: ReadOptions): Promise<DatasetIndex> {
  const root = resolve(path);
  const annDir = join(root, 'Annotations');
  if (!(await isDirectory(annDir))) {
    throw new AuguryError({
      code: 'unknown-format',
      message: 'not a Pascal VOC folder: there is no Annotations/ folder',
      file: path,
      hint: 'point at the folder that holds Annotations/ and JPEGImages/ (for example VOCdevkit/VOC2012)',
    });
  }
  const imageRoot = opts.imagesDir !== undefined ? resolve(opts.imagesDir) : join(root, 'JPEGImages');
  const stems = await listStems(root, annDir, opts.split);
  const fixed = await readClassList(root);
  const classIndex = new Map<string, number>((fixed ?? []).map((n, i) => [n, i]));
  const classNames: string[] = [...(fixed ?? [])];

  const texts = await mapSettled(stems, 16, async ({ stem }) => (isSafeStem(stem) ? readFile(join(annDir, `${stem}.xml`), 'utf8') : ''));
  const records: ImageRecord[] = [];
  for (let i = 0; i < stems.length; i++) {
    const { stem, where } = stems[i]!;
    if (!isSafeStem(stem)) {
      opts.report.skip(
        new AuguryError({
          code: 'path-escape',
          message: 'image id is not a plain file name',
          file: where?.file ?? displayPath(annDir),
          ...(where ? { record: where.record } : {}),
          received: show(stem),
          hint: 'ImageSets lists hold ids such as 2008_000123, without folders or "../"',
        }),
        'path-escape',
      );
      continue;
    }
    const file = displayPath(join(annDir, `${stem}.xml`));
    const got = texts[i]!;
    if (!got.ok) {
      const missing = (got.error as NodeJS.ErrnoException)?.code === 'ENOENT';
      opts.report.skip(
        new AuguryError({
          code: missing ? 'missing-image' : 'io',
          message: missing ? `ImageSets lists ${show(stem)} but its annotation file does not exist` : `cannot read the file: ${(got.error as Error)?.message}`,
          file,
          hint: missing ? 'remove the id from the ImageSets list or restore the XML file' : 'check the file permissions',
        }),
        missing ? 'missing-annotation' : 'io',
      );
      continue;
    }
    try {
      const record = await readRecord(parseVocXml(got.value, file), stem, file, imageRoot, opts, (name, loc) => {
        let k = classIndex.get(name);
        if (k !== undefined) return k;
        if (fixed) {
          throw new AuguryError({
            code: 'unknown-category',
            message: `class ${show(name)} is not in the class list`,
            ...loc,
            expected: `one of ${fixed.join(', ')}`,
            received: name,
            hint: 'add the class to labels.txt (one name per line) or fix the object name',
          });
        }
        k = classNames.length;
        classNames.push(name);
        classIndex.set(name, k);
        return k;
      });
      records.push(record);
    } catch (e) {
      if (!isAuguryError(e)) throw e;
      opts.report.skip(e, e.code);
    }
  }
  const categories: Category[] = classNames.map((name, id) => ({ id, name }));
  return { format: 'voc', source: path, imageRoot, categories, records, task: 'detection' };
}

type ClassOf = (name: string, loc: { file: string; record: string }) => number;

async function readRecord(
  root: XmlElement,
  stem: string,
  file: string,
  imageRoot: string,
  opts: ReadOptions,
  classOf: ClassOf,
): Promise<ImageRecord> {
  const filename = textOf(root, 'filename');
  if (filename === undefined || filename === '') {
    throw new AuguryError({
      code: 'bad-annotation',
      message: 'the file has no <filename>',
      file,
      record: '<filename>',
      hint: 'add <filename>image.jpg</filename> naming the image in JPEGImages/',
    });
  }
  const abs = resolveInside(imageRoot, filename, { file, record: '<filename>' });
  let { width, height } = readSize(root['size']);
  if ((width === undefined || height === undefined) && opts.sizeOf) {
    const s = await opts.sizeOf(abs).catch((e: unknown) => {
      throw isAuguryError(e)
        ? e.at({ file, record: '<size>' })
        : new AuguryError({
            code: 'missing-image',
            message: `the file has no usable <size> and its image cannot be read: ${(e as Error)?.message ?? String(e)}`,
            file,
            record: '<size>',
            hint: 'add <size> with <width> and <height>, or restore the image in JPEGImages/',
            cause: e,
          });
    });
    width = s.width;
    height = s.height;
    opts.report.warn('missing-size', 'the <size> element is missing or zero; the size was read from the image', file, '<size>');
  } else if (width === undefined || height === undefined) {
    opts.report.warn('missing-size', 'the <size> element is missing or zero, so boxes cannot be checked against the image', file, '<size>');
  }

  const annotations: Annotation[] = [];
  const objects = Array.isArray(root['object']) ? root['object'] : [];
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const name = isElement(obj) ? textOf(obj, 'name') : undefined;
    const loc = { file, record: name ? `<object> ${i + 1} (${name})` : `<object> ${i + 1}` };
    try {
      if (!isElement(obj) || !name) {
        throw new AuguryError({ code: 'bad-annotation', message: 'the object has no <name>', ...loc, hint: 'give every <object> a <name> with its class' });
      }
      const box = checkBox(readBndbox(obj['bndbox'], loc), width, height, loc, opts.report, opts.boxTolerance);
      const category = classOf(name, loc);
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) if (!OBJECT_FIELDS.has(k)) extra[k] = NUMERIC_FLAGS.has(k) ? flag(v) : v;
      annotations.push({ category, box, ...(Object.keys(extra).length > 0 ? { extra } : {}) });
    } catch (e) {
      if (!isAuguryError(e)) throw e;
      opts.report.skip(e, e.code);
    }
  }

  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) {
    if (k === 'filename' || k === 'object') continue;
    if (k === 'size') {
      if (isElement(v)) {
        const rest = Object.fromEntries(Object.entries(v).filter(([sk]) => sk !== 'width' && sk !== 'height'));
        if (Object.keys(rest).length > 0) extra['size'] = rest;
      }
      continue;
    }
    extra[k] = v;
  }
  return {
    id: stem,
    file: cleanRelative(filename),
    ...(width !== undefined && height !== undefined ? { width, height } : {}),
    annotations,
    ...(opts.split !== undefined ? { split: opts.split } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

function readSize(size: XmlValue | undefined): { width?: number; height?: number } {
  if (!isElement(size)) return {};
  const w = parseDecimal(textOf(size, 'width') ?? '');
  const h = parseDecimal(textOf(size, 'height') ?? '');
  if (typeof w !== 'number' || typeof h !== 'number' || w <= 0 || h <= 0) return {};
  return { width: w, height: h };
}

function readBndbox(bndbox: XmlValue | undefined, loc: { file: string; record: string }): [number, number, number, number] {
  if (!isElement(bndbox)) {
    throw new AuguryError({
      code: 'bad-box',
      message: 'the object has no <bndbox>',
      ...loc,
      hint: 'add <bndbox> with <xmin>, <ymin>, <xmax>, <ymax> (1-based pixel indices), or remove the object',
    });
  }
  const v: Record<string, number> = {};
  for (const key of ['xmin', 'ymin', 'xmax', 'ymax']) {
    const text = textOf(bndbox, key);
    const n = parseDecimal(text ?? '');
    if (typeof n !== 'number') {
      throw new AuguryError({
        code: 'bad-box',
        message: text === undefined ? `<bndbox> has no <${key}>` : `<${key}> is not a number`,
        ...loc,
        received: text === undefined ? 'nothing' : show(text),
        hint: 'write the four corners as numbers: <xmin>, <ymin>, <xmax>, <ymax> in pixels, starting at 1',
      });
    }
    v[key] = n;
  }
  const { xmin, ymin, xmax, ymax } = v as { xmin: number; ymin: number; xmax: number; ymax: number };
  if (xmax < xmin || ymax < ymin) {
    throw new AuguryError({
      code: 'bad-box',
      message: xmax < xmin ? 'xmax is left of xmin' : 'ymax is above ymin',
      ...loc,
      expected: 'xmin <= xmax and ymin <= ymax',
      received: `xmin ${xmin}, ymin ${ymin}, xmax ${xmax}, ymax ${ymax}`,
      hint: 'the corners may be swapped or written as width/height; VOC stores the first and last pixel covered, xmin..xmax and ymin..ymax',
    });
  }
  // 1-based inclusive pixel indices -> continuous coordinates.
  return [xmin - 1, ymin - 1, xmax, ymax];
}

function flag(v: XmlValue): XmlValue | number {
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
}

function isSafeStem(stem: string): boolean {
  return stem !== '.' && stem !== '..' && !stem.includes('/') && !stem.includes('\\');
}

interface Listed {
  readonly stem: string;
  /** The ImageSets line that named it. */
  readonly where?: { readonly file: string; readonly record: string };
}

/** Image ids to read: the split's list, or every XML in Annotations/ in sorted order. */
async function listStems(root: string, annDir: string, split: string | undefined): Promise<Listed[]> {
  if (split === undefined) {
    return (await readdir(annDir))
      .filter((f) => f.toLowerCase().endsWith('.xml'))
      .map((f) => f.slice(0, -4))
      .sort(byCodeUnit)
      .map((stem) => ({ stem }));
  }
  const mainDir = join(root, 'ImageSets', 'Main');
  const listFile = join(mainDir, `${split}.txt`);
  if (!/^[\w.-]+$/.test(split) || !(await isFile(listFile))) {
    const present = (await isDirectory(mainDir))
      ? (await readdir(mainDir)).filter((f) => f.endsWith('.txt') && !f.includes('_')).map((f) => f.slice(0, -4)).sort(byCodeUnit)
      : [];
    throw new AuguryError({
      code: 'usage',
      message: `there is no ImageSets/Main/${split}.txt`,
      file: displayPath(mainDir),
      key: 'split',
      expected: present.length > 0 ? `one of ${present.join(', ')}` : 'ImageSets/Main/<split>.txt files',
      received: split,
      hint: present.length > 0 ? `pass --split ${present[0]}, or leave --split out to read every XML in Annotations/` : 'leave --split out to read every XML in Annotations/',
    });
  }
  const file = displayPath(listFile);
  const out: Listed[] = [];
  const lines = (await readFile(listFile, 'utf8')).split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const id = lines[n]!.trim().split(/\s+/)[0] ?? '';
    if (id !== '') out.push({ stem: id, where: { file, record: `line ${n + 1}` } });
  }
  return out;
}

async function readClassList(root: string): Promise<string[] | undefined> {
  for (const name of CLASS_LIST_FILES) {
    const p = join(root, name);
    if (await isFile(p)) {
      const names = (await readFile(p, 'utf8'))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) {
        throw new AuguryError({
          code: 'validation',
          message: 'the class list names a class twice',
          file: displayPath(p),
          received: show(dup),
          hint: 'keep one line per class; the line order gives the class indices',
        });
      }
      return names;
    }
  }
  return undefined;
}
