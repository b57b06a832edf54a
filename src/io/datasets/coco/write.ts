/**
 * Writes a DatasetIndex as a COCO dataset: `<outDir>/<annotationFile>` plus the images under
 * `<outDir>/<imagesSubdir>/`.
 *
 * A COCO file read by readCoco and written back reproduces every field, with these
 * normalizations: `iscrowd` is written as 0/1 even when the source used true/false, `num_keypoints`
 * is recounted, `file_name` loses `./` and backslashes, an annotation without `area` gets one
 * (RLE pixel count, else polygon shoelace area, else box area), boxes clipped on read stay
 * clipped, and top-level `annotations`/`categories` arrays are always present.
 */
import { resolve } from 'node:path';
import { AuguryError, show } from '../../../core/errors.js';
import { writeFileAtomic } from '../../atomic.js';
import type { WriteOptions, WriteResult } from '../io-types.js';
import type { Annotation, Category, DatasetIndex, ImageRecord } from '../model.js';
import type { RunReport } from '../report.js';
import { resolveInside } from '../validate.js';
import { mapLimit } from '../concurrency.js';
import { emitOrSkip } from '../emit.js';
import { shortestDelta } from './numbers.js';
import { polygonArea, rleArea, rleToBox } from './rle.js';
import { ANNOTATION_KEYS, CATEGORY_KEYS, IMAGE_KEYS } from './schema.js';

/** Where writeCoco puts its files inside the output folder. */
export interface CocoWriteOptions {
  /** Annotation file, relative to the output folder (default `annotations.json`). */
  readonly annotationFile?: string;
  /** Image folder, relative to the output folder (default `images`); `file_name` is relative to it. */
  readonly imagesSubdir?: string;
}

/** How many images are written at once. */
const EMIT_CONCURRENCY = 8;

type Json = Record<string, unknown>;

/**
 * Writes `index` as COCO into `outDir`, calling `opts.emitImage` for each record's image. Ids
 * are kept when they are unique (image ids must also be integers, unless the index came from
 * COCO); otherwise images are numbered 1..n and annotations 1..m. Categories keep their ids.
 * Whatever COCO cannot hold is reported through `opts.report.dropped`.
 *
 * @example
 * await writeCoco(index, 'out', { report, emitImage: (r, dest) => copyFile(join(index.imageRoot, r.file), dest) });
 */
export async function writeCoco(index: DatasetIndex, outDir: string, opts: WriteOptions, options: CocoWriteOptions = {}): Promise<WriteResult> {
  const report = opts.report;
  const annotationFile = options.annotationFile ?? 'annotations.json';
  const imagesSubdir = options.imagesSubdir ?? 'images';
  if (index.task === 'classification') {
    throw new AuguryError({
      code: 'unsupported',
      message: 'COCO has no place for image-level class labels',
      file: index.source,
      hint: 'write classification datasets with --to folder, or label objects with boxes to use COCO',
    });
  }
  const jsonPath = insideOutput(outDir, annotationFile, 'annotationFile');
  // '.' puts the images beside the annotation file, which readCoco also finds.
  const imageDir = imagesSubdir === '' || imagesSubdir === '.' ? resolve(outDir) : insideOutput(outDir, imagesSubdir, 'imagesSubdir');
  const categoryIds = checkCategoryIds(index.categories, index.source);

  // Which records to write, and where their images go.
  const requested: { record: ImageRecord; dest: string }[] = [];
  const dests = new Set<string>();
  index.records.forEach((record, i) => {
    const where = { file: index.source, record: `record ${i} (${show(record.file)})` };
    try {
      const dest = resolveInside(imageDir, record.file, where);
      if (dests.has(dest)) {
        throw new AuguryError({ code: 'duplicate-id', message: 'another record already writes this image file', ...where, hint: 'give every record its own image path' });
      }
      dests.add(dest);
      requested.push({ record, dest });
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      report.skip(e);
    }
  });
  // Images first: a record whose image cannot be written is left out of the JSON too.
  const emitted = await mapLimit(requested, EMIT_CONCURRENCY, ({ record, dest }) => emitOrSkip(opts, record, dest));
  const jobs = requested.filter((_, i) => emitted[i]);
  reportLosses(jobs.map((j) => j.record), report);

  const imageIds = assignImageIds(jobs.map((j) => j.record), index.format === 'coco');
  const annotationIds = assignAnnotationIds(jobs.map((j) => j.record));
  if (!imageIds.kept || !annotationIds.kept) {
    const which = [!imageIds.kept && 'images 1..n', !annotationIds.kept && 'annotations 1..m'].filter(Boolean).join(' and ');
    // Other formats have no COCO ids to keep; only a COCO source loses something here.
    if (index.format === 'coco') report.warn('renumbered-ids', `ids were missing, repeated or not integers, so ${which} were numbered afresh`);
  }

  const images: Json[] = [];
  const annotations: Json[] = [];
  const keypointCategories = new Set<number>();
  let missingSize = 0;
  let next = 0;
  jobs.forEach(({ record }, i) => {
    const imageId = imageIds.ids[i]!;
    if (record.width === undefined || record.height === undefined) missingSize++;
    images.push({
      id: imageId,
      file_name: record.file,
      ...(record.width !== undefined ? { width: record.width } : {}),
      ...(record.height !== undefined ? { height: record.height } : {}),
      ...withoutKeys(record.extra, IMAGE_KEYS, 'image', report),
      // A mixed image's soft label (docs/mixing.md): not standard COCO, read back as an extra key.
      ...(record.softLabel ? { softLabel: record.softLabel } : {}),
    });
    for (const a of record.annotations) {
      const id = annotationIds.ids[next++]!;
      const categoryId = categoryIds[a.category];
      if (categoryId === undefined) {
        report.skip(
          new AuguryError({
            code: 'unknown-category',
            message: `annotation refers to category index ${a.category}, which does not exist`,
            file: index.source,
            record: `record ${i} (${show(record.file)}) annotation ${id}`,
            expected: `an index below ${categoryIds.length}`,
            received: String(a.category),
            hint: 'the dataset index is inconsistent; rebuild it from its source',
          }),
        );
        continue;
      }
      if (a.keypoints) keypointCategories.add(a.category);
      annotations.push(annotationJson(a, id, imageId, categoryId, report));
    }
  });
  if (missingSize > 0) {
    report.warn('missing-image-size', `${missingSize} image(s) have no known width/height, which COCO expects; their records were written without them`);
  }

  const categories = index.categories.map((c, i) => categoryJson(c, keypointCategories.has(i) ? index : undefined, report));
  const top: Json = {};
  if (index.extra && Object.keys(index.extra).length > 0) {
    if (index.format === 'coco') Object.assign(top, withoutKeys(index.extra, new Set(['images', 'annotations', 'categories']), 'dataset', report));
    else report.dropped('dataset-attributes', `dataset-level keys from ${index.format} (${Object.keys(index.extra).join(', ')}) have no place in COCO and were not written`);
  }
  Object.assign(top, { images, annotations, categories });

  await writeFileAtomic(jsonPath, JSON.stringify(top));
  return { files: [...jobs.map((j) => j.dest), jsonPath] };
}

function annotationJson(a: Annotation, id: number, imageId: number | string, categoryId: number, report: RunReport): Json {
  const out: Json = { id, image_id: imageId, category_id: categoryId };
  const rings = a.polygons?.filter((r) => r.length >= 6);
  const useRle = a.rle !== undefined && (a.iscrowd === true || rings === undefined || rings.length === 0);
  if (a.rle && rings && rings.length > 0) {
    report.dropped('segmentation', `annotation ${id} has both polygons and an RLE mask; COCO holds one, so the ${useRle ? 'polygons' : 'RLE mask'} were not written`);
  }
  if (useRle) out['segmentation'] = { size: [a.rle!.size[0], a.rle!.size[1]], counts: typeof a.rle!.counts === 'string' ? a.rle!.counts : [...a.rle!.counts] };
  else if (a.polygons) out['segmentation'] = a.polygons.map((r) => [...r]);
  const box = a.box ?? (useRle ? rleToBox(a.rle!) : rings && rings.length > 0 ? ringsBox(rings) : undefined);
  out['area'] = a.area ?? (useRle ? rleArea(a.rle!) : rings && rings.length > 0 ? polygonArea(rings) : box ? (box[2] - box[0]) * (box[3] - box[1]) : 0);
  if (box) out['bbox'] = [box[0], box[1], shortestDelta(box[0], box[2]), shortestDelta(box[1], box[3])];
  out['iscrowd'] = a.iscrowd ? 1 : 0;
  if (a.keypoints) {
    const { xy, visibility } = a.keypoints;
    const flat: number[] = [];
    let labelled = 0;
    visibility.forEach((v, k) => {
      // Undo the reader's +0.5 (see annotations.ts); v = 0 points were never shifted.
      const x = xy[2 * k]!;
      const y = xy[2 * k + 1]!;
      if (v > 0) {
        flat.push(shortestDelta(0.5, x), shortestDelta(0.5, y), v);
        labelled++;
      } else {
        flat.push(x, y, 0);
      }
    });
    out['keypoints'] = flat;
    out['num_keypoints'] = labelled;
  }
  return { ...out, ...withoutKeys(a.extra, ANNOTATION_KEYS, 'annotation', report) };
}

function categoryJson(c: Category, withSchema: DatasetIndex | undefined, report: RunReport): Json {
  const out: Json = { id: c.id, name: c.name };
  if (c.supercategory !== undefined) out['supercategory'] = c.supercategory;
  const schema = withSchema?.keypoints;
  // Keypoint annotations need names on their category in COCO; other formats keep them globally.
  const names = c.keypoints ?? (schema ? schema.names ?? Array.from({ length: schema.count }, (_, k) => `kp${k}`) : undefined);
  const skeleton = c.skeleton ?? (c.keypoints === undefined ? schema?.skeleton : undefined);
  if (names) out['keypoints'] = [...names];
  if (skeleton) out['skeleton'] = skeleton.map(([a, b]) => [a + 1, b + 1]);
  const extra = withoutKeys(c.extra, CATEGORY_KEYS, 'category', report);
  if (c.keypoints === undefined && schema?.flipIndex && extra['flip_idx'] === undefined && extra['flip_pairs'] === undefined) {
    extra['flip_idx'] = [...schema.flipIndex];
  }
  return { ...out, ...extra };
}

/** Category ids by category index; two categories with one id would make the file ambiguous. */
function checkCategoryIds(categories: readonly Category[], source: string): number[] {
  const seen = new Map<number, string>();
  return categories.map((c, i) => {
    const earlier = seen.get(c.id);
    if (earlier !== undefined || !Number.isInteger(c.id)) {
      throw new AuguryError({
        code: earlier !== undefined ? 'duplicate-id' : 'validation',
        message: earlier !== undefined ? `categories "${earlier}" and "${c.name}" share id ${c.id}` : `category "${c.name}" has a non-integer id`,
        file: source,
        record: `categories[${i}]`,
        received: show(c.id),
        hint: 'give every category its own integer id before writing COCO',
      });
    }
    seen.set(c.id, c.name);
    return c.id;
  });
}

function assignImageIds(records: readonly ImageRecord[], fromCoco: boolean): { ids: (number | string)[]; kept: boolean } {
  const ids = records.map((r) => r.id);
  const usable = ids.every((id) => (typeof id === 'number' ? Number.isSafeInteger(id) && id >= 0 : fromCoco && id !== '')) && new Set(ids).size === ids.length;
  return usable ? { ids, kept: true } : { ids: ids.map((_, i) => i + 1), kept: false };
}

function assignAnnotationIds(records: readonly ImageRecord[]): { ids: number[]; kept: boolean } {
  const ids = records.flatMap((r) => r.annotations.map((a) => a.id));
  const usable = ids.every((id) => id !== undefined && Number.isSafeInteger(id) && id >= 0) && new Set(ids).size === ids.length;
  return usable ? { ids: ids as number[], kept: true } : { ids: ids.map((_, i) => i + 1), kept: false };
}

function ringsBox(rings: readonly (readonly number[])[]): [number, number, number, number] {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      x1 = Math.min(x1, r[i]!);
      x2 = Math.max(x2, r[i]!);
      y1 = Math.min(y1, r[i + 1]!);
      y2 = Math.max(y2, r[i + 1]!);
    }
  }
  return [x1, y1, x2, y2];
}

/** Extra attributes to write, minus any that would overwrite a standard COCO key. */
function withoutKeys(extra: Readonly<Record<string, unknown>> | undefined, standard: ReadonlySet<string>, kind: string, report: RunReport): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (standard.has(k)) report.dropped(`${kind}-attribute`, `${kind} attribute "${k}" clashes with the COCO field of that name and was not written`);
    else out[k] = v;
  }
  return out;
}

/** Reports what the records carry that a COCO file cannot hold. */
function reportLosses(records: readonly ImageRecord[], report: RunReport): void {
  const labelled = records.filter((r) => r.label !== undefined).length;
  if (labelled > 0) report.dropped('image-label', `${labelled} image-level class label(s) have no place in COCO and were not written`);
  const splits = new Set(records.map((r) => r.split).filter((s) => s !== undefined));
  if (splits.size > 1) {
    report.dropped('split', `records from splits ${[...splits].join(', ')} were written into one annotation file; write one file per split to keep them apart`);
  }
}

/** A path given in the writer's options, which must stay inside the output folder. */
function insideOutput(outDir: string, path: string, key: string): string {
  try {
    return resolveInside(outDir, path, { file: outDir, record: key });
  } catch {
    throw new AuguryError({
      code: 'usage',
      message: `${key} must be a path inside the output folder`,
      file: outDir,
      key,
      received: show(path),
      hint: 'give a relative path without "../", such as "annotations/instances.json"',
    });
  }
}
