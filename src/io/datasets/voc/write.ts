/**
 * Writes a DatasetIndex as a Pascal VOC folder: `Annotations/<stem>.xml`, `JPEGImages/<file>`,
 * `ImageSets/Main/<split>.txt` for records with a split, and `labels.txt` with the class order
 * (which readVoc honours, so class indices survive a round trip).
 *
 * Continuous boxes become 1-based inclusive pixel indices: xmin = x1 + 1, ymin = y1 + 1,
 * xmax = x2, ymax = y2, written as integers when integral and with the fewest decimals otherwise.
 */
import { join, posix } from 'node:path';
import { AuguryError } from '../../../core/errors.js';
import { emitOrSkip } from '../emit.js';
import { writeFileAtomic } from '../../atomic.js';
import type { WriteOptions, WriteResult } from '../io-types.js';
import type { Annotation, DatasetIndex, ImageRecord } from '../model.js';
import { checkSplitName, stemOf, UniqueNames } from '../files.js';
import { formatNumber } from '../numbers.js';
import { ringBox } from '../yolo/labels.js';
import { buildVocXml, isElement, type XmlElement, type XmlValue } from './xml.js';

const LOSSES = {
  crowd: (n: number) => `${n} crowd annotations (iscrowd) were left out: VOC has no crowd flag`,
  polygons: (n: number) => `${n} polygons were not written: VOC objects hold a box only (the box was kept)`,
  'rle-mask': (n: number) => `${n} RLE masks were not written: VOC objects hold a box only`,
  keypoints: (n: number) => `${n} keypoint sets were not written: VOC objects hold a box only`,
  'no-geometry': (n: number) => `${n} annotations had neither a box nor a polygon and were left out`,
  'annotation-ids': (n: number) => `${n} annotation ids were dropped: VOC objects have no id`,
  area: (n: number) => `${n} stated areas were dropped: VOC has no area field`,
  'annotation-attributes': (n: number) => `${n} annotations lost attributes VOC has no element for`,
  'image-attributes': (n: number) => `${n} images lost attributes VOC has no element for`,
  'image-ids': (n: number) => `${n} numeric image ids were dropped: VOC identifies images by file name`,
  'category-ids': (n: number) => `${n} category ids were dropped: VOC names classes (labels.txt keeps their order)`,
  supercategory: (n: number) => `${n} categories lost their supercategory`,
  'category-attributes': (n: number) => `${n} categories lost their extra attributes or skeleton`,
  'keypoint-schema': () => 'the keypoint schema (names, flip pairs, skeleton) was dropped: VOC has no keypoints',
  'dataset-attributes': (n: number) => `${n} dataset-level attributes (such as COCO info or data.yaml keys) were dropped`,
  'missing-size': (n: number) => `${n} images were written without <size>: their size is unknown`,
} as const;
type Loss = keyof typeof LOSSES;

/** Object children written from the model or with a default; other extras follow the box. */
const FLAGS = ['pose', 'truncated', 'difficult', 'occluded'] as const;

/**
 * Writes `index` to `outDir` as a VOC folder. XML, lists and labels.txt are written atomically;
 * images go through `opts.emitImage`.
 *
 * @example
 * await writeVoc(index, 'out/voc', { report, emitImage: copyImage });
 */
export async function writeVoc(index: DatasetIndex, outDir: string, opts: WriteOptions): Promise<WriteResult> {
  if (index.task === 'classification') {
    throw new AuguryError({
      code: 'unsupported',
      message: 'VOC annotations hold boxes; this dataset has one class label per image and no boxes',
      hint: 'write it with --to folder',
    });
  }
  const losses = new Map<Loss, number>();
  const lose = (reason: Loss, n = 1): void => {
    if (n > 0) losses.set(reason, (losses.get(reason) ?? 0) + n);
  };
  const fromVoc = index.format === 'voc';
  const cats = index.categories;
  if (!fromVoc) lose('category-ids', cats.some((c, i) => c.id !== i) ? cats.length : 0);
  lose('supercategory', cats.filter((c) => c.supercategory !== undefined).length);
  lose('category-attributes', cats.filter((c) => (c.extra && Object.keys(c.extra).length > 0) || c.skeleton || c.keypoints).length);
  if (index.keypoints) lose('keypoint-schema');
  if (index.extra) lose('dataset-attributes', Object.keys(index.extra).length);

  const files: string[] = [];
  const images = new UniqueNames(true);
  const xmls = new UniqueNames(true);
  const splits = new Map<string, string[]>();
  for (const record of index.records) {
    const wanted = posix.basename(record.file.replace(/\\/g, '/'));
    const image = images.claim('', wanted);
    if (image.renamed) opts.report.warn('name-clash', `${record.file} written as JPEGImages/${image.name}: another image already had that name`, record.file);
    const preferred = fromVoc && typeof record.id === 'string' && /^[^/\\]+$/.test(record.id) && record.id !== '..' ? record.id : stemOf(image.name);
    const stem = stemOf(xmls.claim('', `${preferred}.xml`).name);
    const split = record.split !== undefined ? checkSplitName(record.split) : undefined;
    const imagePath = join(outDir, 'JPEGImages', image.name);
    if (!(await emitOrSkip(opts, record, imagePath))) continue;
    files.push(imagePath);
    const xmlPath = join(outDir, 'Annotations', `${stem}.xml`);
    await writeFileAtomic(xmlPath, buildVocXml(recordElement(record, image.name, index, lose)));
    files.push(xmlPath);
    if (split !== undefined) splits.set(split, [...(splits.get(split) ?? []), stem]);
  }
  for (const [split, stems] of splits) {
    const p = join(outDir, 'ImageSets', 'Main', `${split}.txt`);
    await writeFileAtomic(p, stems.join('\n') + '\n');
    files.push(p);
  }
  const labelsPath = join(outDir, 'labels.txt');
  await writeFileAtomic(labelsPath, cats.map((c) => c.name).join('\n') + (cats.length > 0 ? '\n' : ''));
  files.push(labelsPath);
  for (const [reason, n] of losses) opts.report.dropped(reason, LOSSES[reason](n));
  return { files };
}

function recordElement(record: ImageRecord, filename: string, index: DatasetIndex, lose: (reason: Loss, n?: number) => void): XmlElement {
  const fromVoc = index.format === 'voc';
  const extra = (record.extra ?? {}) as Record<string, XmlValue>;
  if (typeof record.id === 'number') lose('image-ids');
  if (!fromVoc && Object.keys(extra).length > 0) lose('image-attributes');
  const kept = fromVoc ? extra : {};
  const el: XmlElement = {};
  if (kept['folder'] !== undefined) el['folder'] = kept['folder'];
  el['filename'] = filename;
  for (const k of ['path', 'source', 'owner']) if (kept[k] !== undefined) el[k] = kept[k]!;
  if (record.width !== undefined && record.height !== undefined) {
    const sizeRest = isElement(kept['size']) ? kept['size'] : {};
    el['size'] = { width: formatNumber(record.width, 1e-9), height: formatNumber(record.height, 1e-9), depth: '3', ...sizeRest };
  } else {
    lose('missing-size');
  }
  el['segmented'] = kept['segmented'] ?? '0';
  for (const [k, v] of Object.entries(kept)) if (!(k in el) && k !== 'size') el[k] = v;
  const objects: XmlElement[] = [];
  for (const ann of record.annotations) {
    const o = objectElement(ann, index, lose);
    if (o) objects.push(o);
  }
  if (objects.length > 0) el['object'] = objects;
  return el;
}

function objectElement(ann: Annotation, index: DatasetIndex, lose: (reason: Loss, n?: number) => void): XmlElement | undefined {
  if (ann.iscrowd) {
    lose('crowd');
    return undefined;
  }
  const rings = (ann.polygons ?? []).filter((r) => r.length >= 6);
  if (rings.length > 0) lose('polygons');
  if (ann.rle) lose('rle-mask');
  if (ann.keypoints) lose('keypoints');
  if (ann.id !== undefined) lose('annotation-ids');
  if (ann.area !== undefined) lose('area');
  const box = ann.box ?? (rings.length > 0 ? ringBox(rings.flat()) : undefined);
  if (!box) {
    lose('no-geometry');
    return undefined;
  }
  const extra = (ann.extra ?? {}) as Record<string, XmlValue | number>;
  const o: XmlElement = { name: index.categories[ann.category]?.name ?? String(ann.category) };
  const defaults: Record<string, string> = { pose: 'Unspecified', truncated: '0', difficult: '0' };
  for (const k of FLAGS) {
    const v = extra[k] ?? defaults[k];
    if (v !== undefined) o[k] = typeof v === 'number' ? String(v) : v;
  }
  const [x1, y1, x2, y2] = box;
  o['bndbox'] = { xmin: coord(x1 + 1), ymin: coord(y1 + 1), xmax: coord(x2), ymax: coord(y2) };
  const rest = Object.entries(extra).filter(([k]) => !(FLAGS as readonly string[]).includes(k));
  if (index.format === 'voc') {
    for (const [k, v] of rest) if (!(k in o)) o[k] = typeof v === 'number' ? String(v) : v;
  } else if (rest.length > 0) {
    lose('annotation-attributes');
  }
  return o;
}

/** Integers as integers, other values with the fewest decimals that keep them to 1e-9 px. */
function coord(v: number): string {
  return formatNumber(v, 1e-9);
}
