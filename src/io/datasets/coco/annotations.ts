/**
 * One COCO annotation to augury's `Annotation`.
 *
 * Coordinates: COCO boxes and polygons are already continuous (the top-left corner of the image
 * is (0, 0) and pixel i covers [i, i + 1)), so they are taken as they are; only the box changes
 * form, [x, y, width, height] -> [x, y, x + width, y + height]. COCO keypoints are integer pixel
 * indices (the annotation tool's clicked pixel), so a labelled keypoint (v > 0) gets +0.5 to
 * land on that pixel's center, and the writer subtracts it again. A keypoint with v = 0 is not
 * labelled: its stored x, y (normally 0, 0) are kept unshifted, so they are written back as they
 * were and never look like a real position at (0.5, 0.5).
 */
import { AuguryError, show } from '../../../core/errors.js';
import type { Annotation, Rle } from '../model.js';
import type { RunReport } from '../report.js';
import { checkBox, DEFAULT_BOX_TOLERANCE } from '../validate.js';
import { rleCounts } from './rle.js';
import { ANNOTATION_KEYS, extraKeys, type CocoAnnotation } from './schema.js';

export interface AnnotationContext {
  readonly file: string;
  readonly record: string;
  readonly report: RunReport;
  readonly width: number | undefined;
  readonly height: number | undefined;
  /** Index of the category in the dataset's category list. */
  readonly category: number;
  /** Keypoints per instance this category expects, when known. */
  readonly keypointCount: number | undefined;
  readonly boxTolerance: number | undefined;
}

/** Converts a shape-checked COCO annotation; throws an AuguryError naming the record when it is unusable. */
export function convertAnnotation(a: CocoAnnotation, ctx: AnnotationContext): Annotation {
  const loc = { file: ctx.file, record: ctx.record };
  let box: [number, number, number, number] | undefined;
  if (a.bbox) {
    const [x, y, w, h] = a.bbox;
    box = checkBox([x, y, x + w, y + h], ctx.width, ctx.height, loc, ctx.report, ctx.boxTolerance ?? DEFAULT_BOX_TOLERANCE);
  }
  let polygons: number[][] | undefined;
  let rle: Rle | undefined;
  if (Array.isArray(a.segmentation)) {
    polygons = readPolygons(a.segmentation, ctx);
  } else if (a.segmentation) {
    rle = readRle(a.segmentation as { size: [number, number]; counts: number[] | string }, ctx);
  }
  const keypoints = a.keypoints ? readKeypoints(a.keypoints, a.num_keypoints, ctx) : undefined;
  const extra = extraKeys(a, ANNOTATION_KEYS);
  // Optional keys are assigned one by one (in this order) rather than spread in from small
  // literals: in V8 (Node 20) that spread pattern keeps young objects alive across scavenges,
  // which on a 100k-record file tripled the heap's swings (bench/memory.ts).
  const out: { -readonly [K in keyof Annotation]?: Annotation[K] } = {};
  if (a.id !== undefined) out.id = a.id;
  out.category = ctx.category;
  if (box) out.box = box;
  if (polygons) out.polygons = polygons;
  if (rle) out.rle = rle;
  if (a.iscrowd !== undefined) out.iscrowd = a.iscrowd === 1 || a.iscrowd === true;
  if (a.area !== undefined) out.area = a.area;
  if (keypoints) out.keypoints = keypoints;
  if (extra) out.extra = extra;
  return out as Annotation;
}

function readPolygons(rings: readonly (readonly number[])[], ctx: AnnotationContext): number[][] {
  const out: number[][] = [];
  rings.forEach((ring, r) => {
    if (ring.length % 2 !== 0) {
      throw new AuguryError({
        code: 'bad-annotation',
        message: `polygon ${r} has an odd number of coordinates`,
        file: ctx.file,
        record: ctx.record,
        expected: 'x, y pairs',
        received: `${ring.length} numbers`,
        hint: 'a coordinate is missing or extra in this polygon; fix it or remove the annotation',
      });
    }
    if (ring.length < 6) {
      // Seen in real exports (a click or a line instead of an outline); it has no area, so it is
      // dropped rather than costing the whole annotation.
      ctx.report.warn('degenerate-polygon', `polygon ${r} has ${ring.length / 2} vertices (at least 3 needed) and was dropped`, ctx.file, ctx.record);
      return;
    }
    out.push([...ring]);
  });
  return out;
}

function readRle(seg: { size: [number, number]; counts: number[] | string }, ctx: AnnotationContext): Rle {
  const rle: Rle = { size: [seg.size[0], seg.size[1]], counts: typeof seg.counts === 'string' ? seg.counts : [...seg.counts] };
  try {
    rleCounts(rle);
  } catch (e) {
    throw e instanceof AuguryError ? e.at({ file: ctx.file, record: ctx.record }) : e;
  }
  if (ctx.width !== undefined && ctx.height !== undefined && (rle.size[0] !== ctx.height || rle.size[1] !== ctx.width)) {
    throw new AuguryError({
      code: 'size-mismatch',
      message: 'RLE size differs from the image size',
      file: ctx.file,
      record: ctx.record,
      expected: `[${ctx.height}, ${ctx.width}] ([height, width] of the image)`,
      received: show(rle.size),
      hint: 'RLE size is [height, width]; the mask may belong to another image or have its size swapped',
    });
  }
  return rle;
}

function readKeypoints(flat: readonly number[], numKeypoints: number | undefined, ctx: AnnotationContext): { xy: number[]; visibility: number[] } {
  const fail = (message: string, expected: string, received: string): never => {
    throw new AuguryError({
      code: 'bad-annotation',
      message,
      file: ctx.file,
      record: ctx.record,
      expected,
      received,
      hint: 'COCO keypoints are x, y, v triples, one per keypoint name of the category, with v = 0 (not labelled), 1 (occluded) or 2 (visible)',
    });
  };
  if (flat.length % 3 !== 0) fail('keypoints are not x, y, v triples', 'a multiple of 3 numbers', `${flat.length} numbers`);
  const k = flat.length / 3;
  if (ctx.keypointCount !== undefined && k !== ctx.keypointCount) {
    fail('keypoint count differs from the category', `${ctx.keypointCount} keypoints (${3 * ctx.keypointCount} numbers)`, `${k} keypoints`);
  }
  const xy: number[] = [];
  const visibility: number[] = [];
  let labelled = 0;
  for (let i = 0; i < k; i++) {
    const x = flat[3 * i]!;
    const y = flat[3 * i + 1]!;
    const v = flat[3 * i + 2]!;
    if (v !== 0 && v !== 1 && v !== 2) fail(`keypoint ${i} has an invalid visibility`, '0, 1 or 2', show(v));
    const shift = v > 0 ? 0.5 : 0;
    xy.push(x + shift, y + shift);
    visibility.push(v);
    if (v > 0) labelled++;
  }
  if (numKeypoints !== undefined && numKeypoints !== labelled) {
    ctx.report.warn('num-keypoints-mismatch', `num_keypoints is ${numKeypoints} but ${labelled} keypoints have v > 0; it will be written as ${labelled}`, ctx.file, ctx.record);
  }
  return { xy, visibility };
}
