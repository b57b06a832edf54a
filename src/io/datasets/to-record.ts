/**
 * The inverse of `recordTargets`: an augmented sample back to a dataset record that every writer
 * understands. Rows keep their source annotation's attributes (through `sourceIndex`).
 */
import { boxCount } from '../../targets/boxes.js';
import type { Sample } from '../../targets/sample.js';
import { rleEncode } from './coco/rle.js';
import type { Annotation, DatasetHeader, ImageRecord } from './model.js';

export function sampleToRecord(index: DatasetHeader, source: ImageRecord, s: Sample, id: number, file: string): ImageRecord {
  const soft = s.label?.kind === 'soft' ? Array.from(s.label.probs) : undefined;
  // Built key by key (in this order) rather than from spread literals, which V8 keeps alive
  // longer (see convertAnnotation); this runs once per output.
  const out: { -readonly [K in keyof ImageRecord]?: ImageRecord[K] } = { id, file, width: s.image.width, height: s.image.height };
  if (source.split !== undefined) out.split = source.split;
  if (source.extra) out.extra = source.extra;
  if (soft) out.softLabel = soft;
  if (index.task === 'classification' || !s.boxes) {
    // The folder a soft-labelled image goes in is its strongest class; the sidecar keeps the rest.
    const label = soft ? soft.indexOf(Math.max(...soft)) : s.label?.kind === 'class' ? s.label.index : source.label;
    out.annotations = [];
    if (label !== undefined) out.label = label;
    return out as ImageRecord;
  }
  const srcAnns = source.annotations.filter((a) => a.box !== undefined);
  const b = s.boxes;
  const n = boxCount(b);
  const k = index.keypoints?.count ?? 0;
  const inst = s.keypoints?.fields['instance'];
  const annotations: Annotation[] = [];
  // Rows pasted in from partner samples (mixSource k > 0) have no source annotation here.
  const mixSource = b.fields['mixSource'];
  const weight = b.fields['weight'];
  for (let i = 0; i < n; i++) {
    const fromPartner = mixSource !== undefined && Number((mixSource as ArrayLike<unknown>)[i]) !== 0;
    const src = fromPartner ? undefined : srcAnns[b.sourceIndex[i]!];
    const box: [number, number, number, number] = [b.xyxy[i * 4]!, b.xyxy[i * 4 + 1]!, b.xyxy[i * 4 + 2]!, b.xyxy[i * 4 + 3]!];
    const rings = s.polygons?.instances[i];
    const a: { -readonly [K in keyof Annotation]: Annotation[K] } = { category: b.labels[i]!, box };
    if (rings && rings.length > 0) a.polygons = rings.map((r) => Array.from(r));
    else if (src?.rle && s.instanceMasks) a.rle = rleEncode(s.instanceMasks.masks[i]!, s.image.width, s.image.height, typeof src.rle.counts === 'string');
    if (src?.iscrowd) a.iscrowd = true;
    const w = weight !== undefined ? Number((weight as ArrayLike<unknown>)[i]) : undefined;
    if (src?.extra || w !== undefined) a.extra = { ...src?.extra, ...(w !== undefined ? { weight: w } : {}) };
    if (k > 0 && s.keypoints && inst instanceof Int32Array) {
      const xy: number[] = [];
      const vis: number[] = [];
      for (let r = 0; r < inst.length; r++) {
        if (inst[r] !== i) continue;
        xy.push(s.keypoints.xy[2 * r]!, s.keypoints.xy[2 * r + 1]!);
        vis.push(s.keypoints.visibility[r]!);
      }
      if (src?.keypoints && vis.length === k) a.keypoints = { xy, visibility: vis };
    }
    annotations.push(a);
  }
  out.annotations = annotations;
  return out as ImageRecord;
}
