/**
 * Reads a COCO annotation file (`instances_*.json`, `person_keypoints_*.json`) into a
 * DatasetIndex. Image sizes come from the JSON (images are not decoded here); every bad record
 * is reported on its own and skipped, and the rest of the dataset is read.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AuguryError, show } from '../../../core/errors.js';
import type { ReadOptions } from '../io-types.js';
import type { Annotation, DatasetIndex, ImageRecord } from '../model.js';
import { cleanRelative, resolveInside } from '../validate.js';
import { convertAnnotation } from './annotations.js';
import { readCategories } from './categories.js';
import { mapLimit } from '../concurrency.js';
import { annotationSchema, documentSchema, extraKeys, IMAGE_KEYS, imageSchema, isObject, recordShapeError, type CocoImage } from './schema.js';

/** How many image files are checked at once. */
const STAT_CONCURRENCY = 32;
/** How many records are probed to decide where the images are. */
const ROOT_PROBES = 5;

interface PendingImage {
  readonly image: CocoImage;
  readonly record: string;
  readonly path: string;
}

/**
 * Reads the COCO file at `jsonPath`. Images are looked up under `opts.imagesDir` when given,
 * else next to the JSON file, else in an `images` folder next to it (whichever holds the first
 * few images). Records whose image file is missing are skipped and reported.
 *
 * @example
 * const index = await readCoco('data/annotations.json', { report: new RunReport('skip') });
 */
export async function readCoco(jsonPath: string, opts: ReadOptions): Promise<DatasetIndex> {
  const file = jsonPath;
  const report = opts.report;
  const doc = parseJson(await readText(file), file);
  const top = documentSchema.safeParse(doc);
  if (!top.success) {
    const field = top.error.issues[0]?.path[0];
    throw new AuguryError({
      code: 'validation',
      message: isObject(doc) ? `"${String(field)}" is not an array` : 'the file is not a JSON object',
      file,
      expected: 'a COCO object {"images": [...], "annotations": [...], "categories": [...]}',
      received: isObject(doc) && typeof field === 'string' ? show(doc[field]) : show(doc),
      hint: 'check that this is a COCO annotation file; other formats need --from yolo, voc or folder',
    });
  }
  const { images: rawImages, annotations: rawAnnotations = [], categories: rawCategories = [] } = top.data;
  const cats = readCategories(rawCategories, file, report);

  // Pass 1: shape, duplicate ids and path safety, without touching the disk.
  const parsed: { image: CocoImage; record: string }[] = [];
  const seenImages = new Set<number | string>();
  const skippedImages = new Set<number | string>();
  rawImages.forEach((value, i) => {
    const rawId = isObject(value) ? value['id'] : undefined;
    const rawName = isObject(value) ? value['file_name'] : undefined;
    const parts = [rawId !== undefined && `id ${show(rawId)}`, typeof rawName === 'string' && `file_name ${show(rawName)}`].filter(Boolean);
    const record = `images[${i}]` + (parts.length > 0 ? ` (${parts.join(', ')})` : '');
    const r = imageSchema.safeParse(value);
    if (!r.success) {
      if (typeof rawId === 'number' || typeof rawId === 'string') skippedImages.add(rawId);
      report.skip(recordShapeError(r.error, value, { file, record, kind: 'image' }));
      return;
    }
    if (seenImages.has(r.data.id)) {
      report.skip(duplicateError('image', r.data.id, file, record, 'the annotations with this image_id stay with the first image'));
      return;
    }
    seenImages.add(r.data.id);
    parsed.push({ image: r.data, record });
  });

  const root = await chooseRoot(dirname(file), parsed.map((p) => p.image.file_name), opts.imagesDir);
  const pending: PendingImage[] = [];
  for (const p of parsed) {
    try {
      pending.push({ ...p, path: resolveInside(root, p.image.file_name, { file, record: p.record }) });
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      skippedImages.add(p.image.id);
      report.skip(e);
    }
  }

  // Pass 2: the files themselves.
  const present = await mapLimit(pending, STAT_CONCURRENCY, (p) => isFile(p.path));
  const byId = new Map<number | string, { image: CocoImage; annotations: Annotation[] }>();
  pending.forEach((p, i) => {
    if (present[i]) {
      byId.set(p.image.id, { image: p.image, annotations: [] });
      return;
    }
    skippedImages.add(p.image.id);
    report.skip(
      new AuguryError({
        code: 'missing-image',
        message: `image file not found at ${p.path}`,
        file,
        record: p.record,
        hint: opts.imagesDir
          ? 'check --images DIR, or fix file_name so it is relative to that folder'
          : `images are looked up in ${root}; pass --images DIR to point at the image folder, or fix file_name`,
      }),
    );
  });

  // Annotations.
  const seenAnnotations = new Set<number>();
  let inferredK: number | undefined;
  let orphans = 0;
  rawAnnotations.forEach((value, i) => {
    const rawId = isObject(value) ? value['id'] : undefined;
    const record = `annotations[${i}]` + (rawId !== undefined ? ` (id ${show(rawId)})` : '');
    try {
      const r = annotationSchema.safeParse(value);
      if (!r.success) throw recordShapeError(r.error, value, { file, record, kind: 'annotation' });
      const a = r.data;
      if (a.id !== undefined) {
        if (seenAnnotations.has(a.id)) throw duplicateError('annotation', a.id, file, record, 'the first annotation with this id is kept');
        seenAnnotations.add(a.id);
      }
      const target = byId.get(a.image_id);
      const category = cats.indexOf.get(a.category_id);
      if (!target || category === undefined) {
        if (skippedImages.has(a.image_id) || cats.skipped.has(a.category_id)) {
          orphans++;
          return;
        }
        if (!target) {
          throw new AuguryError({
            code: 'missing-image',
            message: `image_id ${show(a.image_id)} matches no image`,
            file,
            record,
            received: show(a.image_id),
            hint: 'image_id must be the id of an entry in "images"; fix it or remove the annotation',
          });
        }
        const known = cats.categories.map((c) => c.id);
        throw new AuguryError({
          code: 'unknown-category',
          message: `category_id ${a.category_id} matches no category`,
          file,
          record,
          expected: `one of ${known.length > 20 ? known.slice(0, 20).join(', ') + ', ...' : known.join(', ') || '(no categories defined)'}`,
          received: String(a.category_id),
          hint: 'add the category to "categories" or fix category_id',
        });
      }
      let keypointCount = cats.categories[category]!.keypoints?.length;
      if (keypointCount === undefined && a.keypoints && a.keypoints.length % 3 === 0) keypointCount = inferredK ??= a.keypoints.length / 3;
      target.annotations.push(
        convertAnnotation(a, {
          file,
          record,
          report,
          width: target.image.width,
          height: target.image.height,
          category,
          keypointCount,
          boxTolerance: opts.boxTolerance,
        }),
      );
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      report.skip(e);
    }
  });
  if (orphans > 0) {
    report.warn('annotation-of-skipped-record', `${orphans} annotation(s) belonged to skipped images or categories and were left out`, file);
  }

  const records: ImageRecord[] = [];
  for (const { image, annotations } of byId.values()) {
    const extra = extraKeys(image, IMAGE_KEYS);
    records.push({
      id: image.id,
      file: cleanRelative(image.file_name),
      ...(image.width !== undefined ? { width: image.width } : {}),
      ...(image.height !== undefined ? { height: image.height } : {}),
      annotations,
      ...(extra ? { extra } : {}),
    });
  }
  const keypoints = cats.keypoints ?? (inferredK !== undefined ? { count: inferredK, dims: 3 as const } : undefined);
  const extra = extraKeys(doc as Record<string, unknown>, new Set(['images', 'annotations', 'categories']));
  return {
    format: 'coco',
    source: jsonPath,
    imageRoot: root,
    categories: cats.categories,
    records,
    task: 'detection',
    ...(keypoints ? { keypoints } : {}),
    ...(extra ? { extra } : {}),
  };
}

async function readText(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AuguryError({
      code: 'io',
      message: code === 'ENOENT' ? 'annotation file not found' : `could not read the annotation file: ${(e as Error).message}`,
      file,
      hint: 'check the path to the COCO JSON file',
      cause: e,
    });
  }
}

/** JSON.parse with the failure located by line and column (from V8's "at position N"). */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const m = /line (\d+) column (\d+)/.exec(msg);
    let where: string | undefined;
    if (m) {
      where = `line ${m[1]}, column ${m[2]}`;
    } else {
      const p = /position (\d+)/.exec(msg);
      const pos = p ? Number(p[1]) : /end of JSON input/.test(msg) ? text.length : undefined;
      if (pos !== undefined) {
        const before = text.slice(0, pos);
        const line = before.split('\n').length;
        where = `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
      }
    }
    throw new AuguryError({
      code: 'parse',
      message: `the file is not valid JSON (${msg})`,
      file,
      ...(where ? { record: where } : {}),
      hint: 'fix the JSON at that spot: a missing or extra comma, an unclosed bracket or a truncated file are the usual causes',
      cause: e,
    });
  }
}

/** The folder the image paths are relative to (see readCoco). */
async function chooseRoot(jsonDir: string, names: readonly string[], imagesDir: string | undefined): Promise<string> {
  if (imagesDir !== undefined) return resolve(imagesDir);
  const base = resolve(jsonDir);
  const probes = names.slice(0, ROOT_PROBES);
  for (const root of [base, join(base, 'images')]) {
    for (const name of probes) {
      let path: string;
      try {
        path = resolveInside(root, name, { file: '', record: '' });
      } catch {
        continue;
      }
      if (await isFile(path)) return root;
    }
  }
  return base;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function duplicateError(kind: 'image' | 'annotation', id: number | string, file: string, record: string, consequence: string): AuguryError {
  return new AuguryError({
    code: 'duplicate-id',
    message: `${kind} id ${show(id)} is used by an earlier ${kind}; this one is skipped (${consequence})`,
    file,
    record,
    received: show(id),
    hint: `give every ${kind} its own id`,
  });
}
