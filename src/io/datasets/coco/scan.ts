/**
 * One walk over a COCO annotation file that checks every record the way readCoco always has and
 * hands each accepted image and annotation to a collector, with its byte span in the file. The
 * eager reader (read.ts) keeps the records; the record-by-record source (source.ts) keeps only
 * the spans, so that a 100k-record file is never held in memory (bench/memory.ts).
 *
 * The file is read through json-stream.ts: only one image or annotation is parsed at a time, and
 * a record's checks, errors and warnings are those of the whole-file reader. Records are reported
 * in file order (an image's shape, id, path and file checks together; the whole-file reader
 * reported all shape errors first, then paths, then missing files). Syntax errors inside a record
 * surface when the walk reaches it, after the reports of the records before it.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AuguryError, show } from '../../../core/errors.js';
import { f64, IdMap } from '../compact.js';
import type { ReadOptions } from '../io-types.js';
import { JsonFile, JsonSyntaxError, parseAt, syntaxError, type Span } from '../json-stream.js';
import type { Annotation, DatasetHeader, ImageRecord } from '../model.js';
import { mapLimit } from '../concurrency.js';
import { cleanRelative, resolveInside } from '../validate.js';
import { convertAnnotation } from './annotations.js';
import { readCategories, type CategoryTable } from './categories.js';
import { annotationSchema, extraKeys, IMAGE_KEYS, imageSchema, isObject, recordShapeError, type CocoAnnotation, type CocoImage } from './schema.js';

/** How many image files are checked at once. */
const STAT_CONCURRENCY = 32;
/** How many records are probed to decide where the images are. */
const ROOT_PROBES = 5;

/** What the walk hands over, in file order. Record indexes count accepted images from 0. */
export interface CocoCollector {
  image(record: number, image: CocoImage, span: Span): void;
  /** `element` is the annotation's position in the file's `annotations` array. */
  annotation(record: number, annotation: Annotation, span: Span, element: number): void;
}

export interface CocoScan {
  readonly header: DatasetHeader;
  readonly records: number;
  readonly categories: CategoryTable;
  /** Keypoints per instance inferred from the first annotation with keypoints and no named category. */
  readonly inferredK: number | undefined;
}

/** The whole-file reader's error for an unreadable file. */
function readError(file: string, e: unknown): AuguryError {
  const code = (e as NodeJS.ErrnoException).code;
  return new AuguryError({
    code: 'io',
    message: code === 'ENOENT' ? 'annotation file not found' : `could not read the annotation file: ${(e as Error).message}`,
    file,
    hint: 'check the path to the COCO JSON file',
    cause: e,
  });
}

/** Walks `jsonPath` (see the file comment); throws what readCoco throws. */
export async function scanCoco(jsonPath: string, opts: ReadOptions, collect: CocoCollector): Promise<CocoScan> {
  let json: JsonFile;
  try {
    json = await JsonFile.open(jsonPath);
  } catch (e) {
    throw readError(jsonPath, e);
  }
  try {
    return await walk(json, opts, collect);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw await syntaxError(jsonPath, e.position);
    throw e;
  } finally {
    await json.close();
  }
}

async function walk(json: JsonFile, opts: ReadOptions, collect: CocoCollector): Promise<CocoScan> {
  const file = json.path;
  const report = opts.report;
  const members = await json.members();
  if (!members) {
    const doc = parseAt(await json.text({ start: 0, end: json.size }).then((t) => t.replace(/^\uFEFF/, '')), 0);
    throw notCoco(file, doc, undefined);
  }
  // The document's shape: "images" an array, "annotations" and "categories" arrays when present.
  for (const key of ['images', 'annotations', 'categories']) {
    const span = members.get(key);
    if (span ? !(await json.isArray(span)) : key === 'images') throw notCoco(file, span ? parseAt(await json.text(span), span.start) : undefined, key);
  }
  const categoriesSpan = members.get('categories');
  const cats = readCategories(categoriesSpan ? (parseAt(await json.text(categoriesSpan), categoriesSpan.start) as unknown[]) : [], file, report);
  let extra: Record<string, unknown> | undefined;
  for (const [key, span] of members) {
    if (key !== 'images' && key !== 'annotations' && key !== 'categories') (extra ??= {})[key] = parseAt(await json.text(span), span.start);
  }

  const imagesSpan = members.get('images')!;
  const root = await chooseRoot(dirname(file), await probeNames(json, imagesSpan), opts.imagesDir);
  const images = await walkImages(json, imagesSpan, root, opts, collect);

  // Annotations.
  const seenAnnotations = new IdMap();
  let inferredK: number | undefined;
  let orphans = 0;
  let element = 0;
  const annotationsSpan = members.get('annotations');
  for await (const batch of annotationsSpan ? json.elements(annotationsSpan) : []) {
    for (let k = 0; k < batch.count; k++) {
      const i = element++;
      const el = batch.span(k);
      const value = parseAt(batch.text(k), el.start);
      const rawId = isObject(value) ? value['id'] : undefined;
      const record = `annotations[${i}]` + (rawId !== undefined ? ` (id ${show(rawId)})` : '');
      try {
        const r = annotationSchema.safeParse(value);
        if (!r.success) throw recordShapeError(r.error, value, { file, record, kind: 'annotation' });
        const a = r.data;
        if (a.id !== undefined) {
          if (seenAnnotations.has(a.id)) throw duplicateError('annotation', a.id, file, record, 'the first annotation with this id is kept');
          seenAnnotations.set(a.id, i);
        }
        const target = images.byId.get(a.image_id);
        const category = cats.indexOf.get(a.category_id);
        if (target === undefined || category === undefined) {
          if (images.skipped.has(a.image_id) || cats.skipped.has(a.category_id)) {
            orphans++;
            continue;
          }
          if (target === undefined) {
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
        const w = images.widths.get(target);
        const h = images.heights.get(target);
        const converted = convertAnnotation(a, { file, record, report, width: w < 0 ? undefined : w, height: h < 0 ? undefined : h, category, keypointCount, boxTolerance: opts.boxTolerance });
        collect.annotation(target, converted, el, i);
      } catch (e) {
        if (!(e instanceof AuguryError)) throw e;
        report.skip(e);
      }
    }
  }
  if (orphans > 0) {
    report.warn('annotation-of-skipped-record', `${orphans} annotation(s) belonged to skipped images or categories and were left out`, file);
  }
  const keypoints = cats.keypoints ?? (inferredK !== undefined ? { count: inferredK, dims: 3 as const } : undefined);
  return {
    header: {
      format: 'coco',
      source: file,
      imageRoot: root,
      categories: cats.categories,
      task: 'detection',
      ...(keypoints ? { keypoints } : {}),
      ...(extra ? { extra } : {}),
    },
    records: images.count,
    categories: cats,
    inferredK,
  };
}

interface ImageWalk {
  readonly count: number;
  /** Image id -> record index. */
  readonly byId: IdMap;
  /** Ids of images that were skipped (their annotations are left out with one warning). */
  readonly skipped: Set<number | string>;
  /** Stated width and height by record index, -1 when the image does not state it. */
  readonly widths: ReturnType<typeof f64>;
  readonly heights: ReturnType<typeof f64>;
}

type ImageOutcome = { readonly error: AuguryError; readonly id?: number | string } | { readonly image: CocoImage; readonly path: string; readonly record: string; readonly span: Span };

/** The images: shape, duplicate ids, path safety and the file's presence, record by record. */
async function walkImages(json: JsonFile, span: Span, root: string, opts: ReadOptions, collect: CocoCollector): Promise<ImageWalk> {
  const file = json.path;
  const seen = new IdMap();
  const byId = new IdMap();
  const skipped = new Set<number | string>();
  const widths = f64();
  const heights = f64();
  let element = 0;
  let seenCount = 0;
  /** Shape, id and path checks of one image (the file check follows, for a batch at once). */
  const imageOutcome = (at: Span, text: string, i: number): ImageOutcome => {
    const value = parseAt(text, at.start);
    const record = imageRecordName(i, value);
    const r = imageSchema.safeParse(value);
    if (!r.success) {
      const rawId = isObject(value) ? value['id'] : undefined;
      return { error: recordShapeError(r.error, value, { file, record, kind: 'image' }), ...(typeof rawId === 'number' || typeof rawId === 'string' ? { id: rawId } : {}) };
    }
    if (seen.has(r.data.id)) return { error: duplicateError('image', r.data.id, file, record, 'the annotations with this image_id stay with the first image') };
    seen.set(r.data.id, seenCount++);
    try {
      return { image: r.data, path: resolveInside(root, r.data.file_name, { file, record }), record, span: { start: at.start, end: at.end } };
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      return { error: e, id: r.data.id };
    }
  };
  for await (const batch of json.elements(span)) {
    const outcomes: ImageOutcome[] = [];
    for (let k = 0; k < batch.count; k++) outcomes.push(imageOutcome(batch.span(k), batch.text(k), element++));
    const present = await mapLimit(outcomes, STAT_CONCURRENCY, (o) => ('path' in o ? isFile(o.path) : Promise.resolve(false)));
    outcomes.forEach((o, k) => {
      if ('error' in o) {
        if (o.id !== undefined) skipped.add(o.id);
        opts.report.skip(o.error);
      } else if (present[k]) {
        byId.set(o.image.id, widths.length);
        collect.image(widths.length, o.image, o.span);
        widths.push(o.image.width ?? -1);
        heights.push(o.image.height ?? -1);
      } else {
        skipped.add(o.image.id);
        opts.report.skip(
          new AuguryError({
            code: 'missing-image',
            message: `image file not found at ${o.path}`,
            file,
            record: o.record,
            hint: opts.imagesDir
              ? 'check --images DIR, or fix file_name so it is relative to that folder'
              : `images are looked up in ${root}; pass --images DIR to point at the image folder, or fix file_name`,
          }),
        );
      }
    });
  }
  return { count: widths.length, byId, skipped, widths, heights };
}

/** `images[3] (id 4, file_name "x.jpg")`: how an image is named in reports. */
function imageRecordName(i: number, value: unknown): string {
  const rawId = isObject(value) ? value['id'] : undefined;
  const rawName = isObject(value) ? value['file_name'] : undefined;
  const parts = [rawId !== undefined && `id ${show(rawId)}`, typeof rawName === 'string' && `file_name ${show(rawName)}`].filter(Boolean);
  return `images[${i}]` + (parts.length > 0 ? ` (${parts.join(', ')})` : '');
}

/** The file names of the first few well-formed images with distinct ids, to locate the image folder. */
async function probeNames(json: JsonFile, span: Span): Promise<string[]> {
  const names: string[] = [];
  const ids = new Set<number | string>();
  for await (const batch of json.elements(span)) {
    for (let k = 0; k < batch.count; k++) {
      const r = imageSchema.safeParse(parseAt(batch.text(k), batch.span(k).start));
      if (!r.success || ids.has(r.data.id)) continue;
      ids.add(r.data.id);
      names.push(r.data.file_name);
      if (names.length === ROOT_PROBES) return names;
    }
  }
  return names;
}

/** The record of an accepted image, as every reader shapes it. */
export function imageRecord(image: CocoImage, annotations: Annotation[]): ImageRecord {
  const extra = extraKeys(image, IMAGE_KEYS);
  // Key by key, not spread from small literals (see convertAnnotation): this runs per record.
  const out: { -readonly [K in keyof ImageRecord]?: ImageRecord[K] } = { id: image.id, file: cleanRelative(image.file_name) };
  if (image.width !== undefined) out.width = image.width;
  if (image.height !== undefined) out.height = image.height;
  out.annotations = annotations;
  if (extra) out.extra = extra;
  return out as ImageRecord;
}

/** Keypoints per instance for an accepted annotation (as the walk decided it). */
export function keypointCountOf(scan: CocoScan, category: number, a: CocoAnnotation): number | undefined {
  return scan.categories.categories[category]!.keypoints?.length ?? (a.keypoints && a.keypoints.length % 3 === 0 ? scan.inferredK : undefined);
}

function notCoco(file: string, value: unknown, field: string | undefined): AuguryError {
  return new AuguryError({
    code: 'validation',
    message: field !== undefined ? `"${field}" is not an array` : 'the file is not a JSON object',
    file,
    expected: 'a COCO object {"images": [...], "annotations": [...], "categories": [...]}',
    received: show(value),
    hint: 'check that this is a COCO annotation file; other formats need --from yolo, voc or folder',
  });
}

/** The folder the image paths are relative to (see readCoco). */
async function chooseRoot(jsonDir: string, names: readonly string[], imagesDir: string | undefined): Promise<string> {
  if (imagesDir !== undefined) return resolve(imagesDir);
  const base = resolve(jsonDir);
  for (const root of [base, join(base, 'images')]) {
    for (const name of names) {
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
