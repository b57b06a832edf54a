/**
 * Writes a DatasetIndex as an Ultralytics YOLO dataset: `images/<split>/`, `labels/<split>/` and
 * a data.yaml. Everything YOLO cannot hold is counted once per reason in the report.
 */
import { join, posix } from 'node:path';
import { Document, isSeq } from 'yaml';
import { AuguryError } from '../../../core/errors.js';
import { emitOrSkip } from '../emit.js';
import { writeFileAtomic } from '../../atomic.js';
import type { WriteOptions, WriteResult } from '../io-types.js';
import type { Annotation, DatasetIndex, ImageRecord } from '../model.js';
import { checkSplitName, UniqueNames } from '../files.js';
import { MANAGED_KEYS, YOLO_SPLITS } from './data-yaml.js';
import { formatBoxLine, formatPolygonLine, ringBox } from './labels.js';
import { mergeRings } from './rings.js';

export type YoloKind = 'detect' | 'segment' | 'pose';

export interface YoloWriteOptions {
  /**
   * Split every record is written to. Default: each record's own split, `train` for records
   * without one.
   */
  readonly split?: string;
  /** Label kind. Default: pose when every object has keypoints, else segment when any polygon exists, else detect. */
  readonly kind?: YoloKind;
}

/** Why something could not be written, with the sentence the report shows for n occurrences. */
const LOSSES = {
  crowd: (n: number) => `${n} crowd annotations (iscrowd) were left out: YOLO has no crowd flag, and a crowd region trained as one object teaches the wrong thing`,
  'rle-mask': (n: number) => `${n} RLE masks were not written: YOLO segmentation holds polygons only (the objects were kept by their boxes)`,
  'box-as-polygon': (n: number) => `${n} objects without a polygon were written as their box rectangle, since every line of a segmentation set needs a polygon`,
  polygons: (n: number) => `${n} polygons were not written: detection and pose labels hold boxes only (use kind 'segment')`,
  'multi-ring-polygon': (n: number) => `${n} polygons with several rings were joined into one ring by zero-width bridges (YOLO holds one ring per object)`,
  keypoints: (n: number) => `${n} keypoint sets were not written: only pose labels hold keypoints`,
  'occluded-keypoints': (n: number) => `${n} occluded keypoints (visibility 1) were written as visible: kpt_shape [K, 2] has no visibility value`,
  'no-geometry': (n: number) => `${n} annotations had neither a box nor a polygon and were left out`,
  'annotation-ids': (n: number) => `${n} annotation ids were dropped: YOLO lines have no id`,
  area: (n: number) => `${n} stated areas were dropped: YOLO has no area field`,
  'annotation-attributes': (n: number) => `${n} annotations lost their extra attributes (YOLO lines hold geometry only)`,
  'image-attributes': (n: number) => `${n} images lost their extra attributes (YOLO keeps no per-image metadata)`,
  'image-ids': (n: number) => `${n} numeric image ids were dropped: YOLO identifies images by file name`,
  'category-ids': (n: number) => `${n} category ids are not 0..n-1 in order and became class indices by position in the category list`,
  supercategory: (n: number) => `${n} categories lost their supercategory`,
  'category-attributes': (n: number) => `${n} categories lost their extra attributes or skeleton`,
  'keypoint-names': (n: number) => `${n} keypoint name lists and skeletons were dropped: data.yaml has kpt_shape and flip_idx only`,
  'dataset-attributes': (n: number) => `${n} dataset-level attributes (such as COCO info or licenses) were dropped`,
} as const;
type Loss = keyof typeof LOSSES;

/**
 * Writes `index` to `outDir` in YOLO layout. Label files and data.yaml are written atomically;
 * images go through `opts.emitImage`. Returns every file written. Crowd annotations are left out
 * (YOLO has no crowd flag) and counted in the report, like every other field YOLO cannot hold;
 * an image without objects gets an empty label file. Class indices are positions in
 * `index.categories`.
 *
 * @example
 * await writeYolo(index, 'out/yolo', { report, emitImage: copyImage }, { kind: 'detect' });
 */
export async function writeYolo(index: DatasetIndex, outDir: string, opts: WriteOptions, options: YoloWriteOptions = {}): Promise<WriteResult> {
  if (index.task === 'classification') {
    throw new AuguryError({
      code: 'unsupported',
      message: 'YOLO detection labels hold boxes; this dataset has one class label per image and no boxes',
      hint: 'write it with --to folder (class folders are what YOLO classification reads)',
    });
  }
  const kind = options.kind ?? defaultKind(index);
  const schema = index.keypoints;
  if (kind === 'pose' && !schema) {
    throw new AuguryError({
      code: 'usage',
      message: 'pose labels need a keypoint schema and this dataset has none',
      key: 'kind',
      received: 'pose',
      hint: "write kind 'detect' or 'segment', or read a dataset with keypoints",
    });
  }
  const losses = new Map<Loss, number>();
  const lose = (reason: Loss, n = 1): void => {
    if (n > 0) losses.set(reason, (losses.get(reason) ?? 0) + n);
  };

  const cats = index.categories;
  lose('category-ids', cats.some((c, i) => c.id !== i) ? cats.length : 0);
  lose('supercategory', cats.filter((c) => c.supercategory !== undefined).length);
  lose('category-attributes', cats.filter((c) => (c.extra && Object.keys(c.extra).length > 0) || c.skeleton || c.keypoints).length);
  if (schema && kind === 'pose' && (schema.names || schema.skeleton)) lose('keypoint-names');
  const keptExtra = index.format === 'yolo' ? index.extra ?? {} : {};
  if (index.format !== 'yolo' && index.extra) lose('dataset-attributes', Object.keys(index.extra).length);

  const files: string[] = [];
  const sidecar: string[] = [];
  const names = new UniqueNames(true);
  const splits = new Set<string>();
  for (const record of index.records) {
    const split = checkSplitName(options.split ?? record.split ?? 'train');
    const { width, height } = record;
    if (width === undefined || height === undefined) {
      opts.report.skip(
        new AuguryError({
          code: 'validation',
          message: 'image size is unknown, so its boxes cannot be normalized',
          file: record.file,
          hint: 'read the dataset with image sizes (a sizeOf callback) before writing YOLO',
        }),
        'missing-size',
      );
      continue;
    }
    const wanted = imageName(record, split);
    const claimed = names.claim(split, wanted);
    if (claimed.renamed) opts.report.warn('name-clash', `${record.file} written as images/${split}/${claimed.name}: another image already had that name`, record.file);
    const imagePath = join(outDir, 'images', split, ...claimed.name.split('/'));
    if (!(await emitOrSkip(opts, record, imagePath))) continue;
    splits.add(split);
    files.push(imagePath);
    lose('image-attributes', record.extra && Object.keys(record.extra).length > 0 ? 1 : 0);
    lose('image-ids', typeof record.id === 'number' ? 1 : 0);
    const lines: string[] = [];
    const weights: number[] = [];
    for (const ann of record.annotations) {
      const line = annotationLine(ann, kind, { width, height }, index, lose);
      if (line === undefined) continue;
      lines.push(line);
      const w = ann.extra?.['weight'];
      weights.push(typeof w === 'number' ? w : 1);
    }
    const labelPath = join(outDir, 'labels', split, ...(claimed.name.slice(0, claimed.name.length - posix.extname(claimed.name).length) + '.txt').split('/'));
    await writeFileAtomic(labelPath, lines.length > 0 ? lines.join('\n') + '\n' : '');
    files.push(labelPath);
    // YOLO lines have no weight field: mixed outputs list per-line weights and soft labels in a sidecar.
    if (weights.some((w) => w !== 1) || record.softLabel) {
      sidecar.push(JSON.stringify({ labels: posix.relative(outDir.replace(/\\/g, '/'), labelPath.replace(/\\/g, '/')), weights, ...(record.softLabel ? { softLabel: record.softLabel } : {}) }));
    }
  }
  if (sidecar.length > 0) {
    const path = join(outDir, 'weights.jsonl');
    await writeFileAtomic(path, sidecar.join('\n') + '\n');
    files.push(path);
  }

  const yamlPath = join(outDir, 'data.yaml');
  await writeFileAtomic(yamlPath, dataYaml(index, kind, [...splits], keptExtra));
  files.push(yamlPath);
  for (const [reason, n] of losses) opts.report.dropped(reason, LOSSES[reason](n));
  return { files };
}

function defaultKind(index: DatasetIndex): YoloKind {
  // A pose file gives every line a skeleton, so it is the default only when every object has
  // one; otherwise the keypoints are reported as lost rather than invented for boxes without them.
  const anns = index.records.flatMap((r) => r.annotations);
  if (index.keypoints && anns.length > 0 && anns.every((a) => a.keypoints)) return 'pose';
  return index.records.some((r) => r.annotations.some((a) => a.polygons && a.polygons.length > 0)) ? 'segment' : 'detect';
}

/** Path below `images/<split>/`: a YOLO source keeps its sub-folders, others the base name. */
function imageName(record: ImageRecord, split: string): string {
  const file = record.file.replace(/\\/g, '/');
  const m = /^images\/(.+)$/.exec(file);
  if (m) {
    const rest = m[1]!;
    const inSplit = rest.startsWith(`${split}/`) ? rest.slice(split.length + 1) : rest;
    if (!inSplit.split('/').includes('..')) return inSplit;
  }
  return posix.basename(file);
}

function annotationLine(
  ann: Annotation,
  kind: YoloKind,
  size: { width: number; height: number },
  index: DatasetIndex,
  lose: (reason: Loss, n?: number) => void,
): string | undefined {
  if (ann.iscrowd) {
    lose('crowd');
    return undefined;
  }
  if (ann.id !== undefined) lose('annotation-ids');
  if (ann.area !== undefined) lose('area');
  if (ann.extra && Object.keys(ann.extra).length > 0) lose('annotation-attributes');
  if (ann.rle) lose('rle-mask');
  const rings = (ann.polygons ?? []).filter((r) => r.length >= 6);
  const box = ann.box ?? (rings.length > 0 ? ringBox(rings.flat()) : undefined);
  if (!box) {
    lose('no-geometry');
    return undefined;
  }
  if (kind === 'segment') {
    if (ann.keypoints) lose('keypoints');
    if (rings.length === 0) {
      lose('box-as-polygon');
      const [x1, y1, x2, y2] = box;
      return formatPolygonLine(ann.category, [x1, y1, x2, y1, x2, y2, x1, y2], size);
    }
    if (rings.length > 1) lose('multi-ring-polygon');
    return formatPolygonLine(ann.category, mergeRings(rings), size);
  }
  if (rings.length > 0) lose('polygons');
  if (kind === 'detect') {
    if (ann.keypoints) lose('keypoints');
    return formatBoxLine(ann.category, box, size);
  }
  const schema = index.keypoints!;
  const dims = schema.dims ?? 3;
  const count = schema.count;
  const xy = ann.keypoints?.xy ?? [];
  const vis = ann.keypoints?.visibility ?? [];
  const kp = { xy: Array.from({ length: count * 2 }, (_, i) => xy[i] ?? 0), visibility: Array.from({ length: count }, (_, i) => vis[i] ?? 0), dims };
  if (dims === 2) lose('occluded-keypoints', kp.visibility.filter((v) => v === 1).length);
  return formatBoxLine(ann.category, box, size, kp);
}

function dataYaml(index: DatasetIndex, kind: YoloKind, splits: string[], extra: Readonly<Record<string, unknown>>): string {
  const ordered = [...YOLO_SPLITS.filter((s) => splits.includes(s)), ...splits.filter((s) => !(YOLO_SPLITS as readonly string[]).includes(s)).sort()];
  const data: Record<string, unknown> = { path: '.' };
  for (const s of ordered) data[s] = `images/${s}`;
  const schema = index.keypoints;
  if (kind === 'pose' && schema) {
    data['kpt_shape'] = [schema.count, schema.dims ?? 3];
    if (schema.flipIndex) data['flip_idx'] = [...schema.flipIndex];
  }
  data['nc'] = index.categories.length;
  data['names'] = index.categories.map((c) => c.name);
  for (const [k, v] of Object.entries(extra)) if (!MANAGED_KEYS.includes(k)) data[k] = v;
  const doc = new Document(data);
  // Short number lists read best inline, as Ultralytics writes them.
  for (const key of ['kpt_shape', 'flip_idx']) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  return doc.toString();
}
