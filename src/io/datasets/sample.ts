/** Turns one dataset record into a `Sample`: decodes its image and builds row-aligned targets. */
import { readImage } from '../codecs/index.js';
import { createBoxes } from '../../targets/boxes.js';
import { createKeypoints, type Keypoints } from '../../targets/keypoints.js';
import { classLabel } from '../../targets/label.js';
import { createInstanceMasks } from '../../targets/mask.js';
import { createPolygons } from '../../targets/polygons.js';
import { polygonsToMask, rleDecode } from './coco/rle.js';
import type { Sample } from '../../targets/sample.js';
import type { DatasetHeader, DatasetIndex, ImageRecord, TargetKinds } from './model.js';
import { imagePath, type ExifMode } from './open.js';

export interface LoadOptions {
  readonly exif?: ExifMode;
  readonly maxPixels?: number;
}

/** Flip partner list -> unique pairs (i < j). */
export function flipPairsFromIndex(flipIndex: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  flipIndex.forEach((j, i) => {
    if (j > i) pairs.push([i, j]);
  });
  return pairs;
}

/** Which target kinds any record of the dataset has (cached per index). */
const kindsCache = new WeakMap<DatasetIndex, TargetKinds>();
export function datasetKinds(index: DatasetIndex): TargetKinds {
  let k = kindsCache.get(index);
  if (!k) {
    k = { polygons: false, keypoints: false, rle: false };
    for (const r of index.records) k = addKinds(k, r);
    kindsCache.set(index, k);
  }
  return k;
}

/** `kinds` widened by what `record` has. */
function addKinds(kinds: TargetKinds, record: ImageRecord): TargetKinds {
  let { polygons, keypoints, rle } = kinds;
  for (const a of record.annotations) {
    polygons ||= a.polygons !== undefined && a.polygons.length > 0;
    keypoints ||= a.keypoints !== undefined;
    rle ||= a.rle !== undefined;
  }
  return polygons === kinds.polygons && keypoints === kinds.keypoints && rle === kinds.rle ? kinds : { polygons, keypoints, rle };
}

/**
 * Builds the targets of a record without touching pixels. Every record of a dataset carries the
 * same target kinds (an image without polygons gets empty polygon instances), so that samples
 * can be mixed with each other and batched. Boxes carry the category index as
 * label and `annotationId`/`iscrowd` fields; polygons (when any annotation has them) are
 * row-aligned with boxes; keypoints are grouped K per box row with an `instance` field.
 */
export function recordTargets(index: DatasetIndex, record: ImageRecord): Omit<Sample, 'image' | 'id'> {
  return targetsOf(index, record, datasetKinds(index));
}

/** recordTargets for a record of a dataset known by its header and target kinds (a DatasetSource). */
export function targetsOf(index: DatasetHeader, record: ImageRecord, kinds: TargetKinds): Omit<Sample, 'image' | 'id'> {
  if (index.task === 'classification') return record.label === undefined ? {} : { label: classLabel(record.label) };
  const anns = record.annotations.filter((a) => a.box !== undefined);
  const xyxy: number[] = [];
  const ids: number[] = [];
  const crowd = new Uint8Array(anns.length);
  anns.forEach((a, i) => {
    xyxy.push(...a.box!);
    ids.push(a.id ?? -1);
    crowd[i] = a.iscrowd ? 1 : 0;
  });
  const labels = anns.map((a) => a.category);
  const out: { boxes?: Sample['boxes']; polygons?: Sample['polygons']; keypoints?: Keypoints } = {
    boxes: createBoxes({ xyxy, labels, fields: { annotationId: Int32Array.from(ids), iscrowd: crowd } }),
  };
  if (kinds.polygons) {
    out.polygons = createPolygons({ instances: anns.map((a) => a.polygons ?? []), labels });
  }
  // RLE regions (crowds, masks without polygons) can only follow a geometric step as pixels:
  // every annotation then gets an instance mask (polygons rasterized), row-aligned with boxes, and
  // so does every record of a dataset that has RLE anywhere (a mix needs both sides to have masks).
  if (kinds.rle && record.width !== undefined && record.height !== undefined) {
    const w = record.width;
    const h = record.height;
    const masks = anns.map((a) => (a.rle ? rleDecode(a.rle) : a.polygons && a.polygons.length > 0 ? polygonsToMask(a.polygons, w, h) : boxMask(a.box!, w, h)));
    (out as { instanceMasks?: Sample['instanceMasks'] }).instanceMasks = createInstanceMasks(w, h, masks, labels);
  }
  const schema = index.keypoints;
  if (schema && kinds.keypoints) {
    const xy: number[] = [];
    const vis: number[] = [];
    const inst: number[] = [];
    anns.forEach((a, row) => {
      for (let k = 0; k < schema.count; k++) {
        xy.push(a.keypoints?.xy[2 * k] ?? 0, a.keypoints?.xy[2 * k + 1] ?? 0);
        vis.push(a.keypoints?.visibility[k] ?? 0);
        inst.push(row);
      }
    });
    const names = schema.names ?? Array.from({ length: schema.count }, (_, i) => `kp${i}`);
    out.keypoints = createKeypoints({
      xy,
      visibility: vis,
      fields: { instance: Int32Array.from(inst) },
      names,
      ...(schema.flipIndex ? { flipPairs: flipPairsFromIndex(schema.flipIndex) } : {}),
      ...(schema.skeleton ? { skeleton: schema.skeleton } : {}),
    });
  }
  return out;
}

function boxMask(box: readonly number[], w: number, h: number): Uint8Array {
  const m = new Uint8Array(w * h);
  const [x1, y1, x2, y2] = box.map((v) => Math.round(v)) as [number, number, number, number];
  for (let y = Math.max(0, y1); y < Math.min(h, y2); y++) m.fill(1, y * w + Math.max(0, x1), y * w + Math.min(w, x2));
  return m;
}

/** Decodes record `i` of `index` into a Sample (pixels are read now, one image at a time). */
export async function loadSample(index: DatasetIndex, i: number, opts: LoadOptions = {}): Promise<Sample> {
  return sampleOf(index, index.records[i]!, i, datasetKinds(index), opts);
}

/** loadSample for record `i` of a dataset known by its header and target kinds (a DatasetSource). */
export async function sampleOf(index: DatasetHeader, record: ImageRecord, i: number, kinds: TargetKinds, opts: LoadOptions = {}): Promise<Sample> {
  const abs = imagePath(index, record);
  const image = await readImage(abs, { exif: opts.exif ?? 'apply', file: abs, ...(opts.maxPixels !== undefined ? { maxPixels: opts.maxPixels } : {}) });
  return {
    id: String(record.id),
    image,
    ...targetsOf(index, record, kinds),
    source: { dataset: index.source, file: record.file, index: i },
    ...(record.extra ? { meta: record.extra } : {}),
  };
}
