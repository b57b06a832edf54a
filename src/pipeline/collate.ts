/**
 * Batches augmented samples for a training loop: images as one float32 tensor, boxes flat with a
 * batch-index column (as Ultralytics collates them), labels as an [N, numClasses] matrix, and
 * the other targets as collate-targets.ts lays them out (docs/loader.md).
 */
import { AuguryError } from '../core/errors.js';
import type { Trace } from '../core/trace.js';
import { boxCount } from '../targets/boxes.js';
import { maxValueOf, type Image } from '../targets/image.js';
import { toProbabilities } from '../targets/label.js';
import {
  collateInstanceMasks,
  collateKeypoints,
  collateMasks,
  collatePolygons,
  type BatchInstanceMasks,
  type BatchKeypoints,
  type BatchMasks,
  type BatchPolygons,
} from './collate-targets.js';
import type { AugmentedSample } from './unit.js';

export type { BatchInstanceMasks, BatchKeypoints, BatchMasks, BatchPolygons } from './collate-targets.js';

export type Layout = 'NCHW' | 'NHWC';

export interface Batch {
  /** float32 pixels in [0, 1] (integer images divided by their maxValue; float images as they are). */
  readonly images: Float32Array;
  /** [N, C, H, W] or [N, H, W, C], as `layout` says. */
  readonly shape: readonly [number, number, number, number];
  readonly layout: Layout;
  /** Source index of each sample (its position in the dataset). */
  readonly indices: Int32Array;
  readonly ids: readonly string[];
  /**
   * M rows of [batchIndex, class, x1, y1, x2, y2], absolute pixels of the batch image (xyxy);
   * present when the samples carry boxes.
   */
  readonly boxes?: Float32Array;
  /**
   * Per-box columns, row-aligned with `boxes`: visibility, sourceIndex and every numeric box field
   * (MixUp's `weight`, the mixes' `mixSource`, annotationId, iscrowd, ...). A field some samples
   * lack is NaN on their rows, except `weight` (1: an unmixed box counts fully) and `mixSource`
   * (0: the sample's own box).
   */
  readonly boxFields?: Readonly<Record<string, Float32Array>>;
  /** [M, K, 3] keypoint instances, object m of `boxes` when the samples carry boxes. */
  readonly keypoints?: BatchKeypoints;
  /** Every polygon ring, flat, with its sample, instance and class. */
  readonly polygons?: BatchPolygons;
  /** [N, H, W] semantic label maps, letterboxed like the images (padding: the loader's fillMask). */
  readonly masks?: BatchMasks;
  /** [P, H, W] instance planes with their sample, instance and class. */
  readonly instanceMasks?: BatchInstanceMasks;
  /** [N, numClasses] probabilities (one-hot for class labels, as given for soft labels). */
  readonly labels?: Float32Array;
  /** Class index per sample; -1 where the label is soft or missing. */
  readonly classes?: Int32Array;
  readonly traces: readonly Trace[];
}

/** Stacks samples of one size and channel count into a batch. */
export function collate(samples: readonly AugmentedSample[], layout: Layout, numClasses: number): Batch {
  const first = samples[0];
  if (!first) throw new AuguryError({ code: 'validation', message: 'cannot collate an empty batch' });
  const { width: W, height: H, channels: C } = first.image;
  const N = samples.length;
  const images = new Float32Array(N * C * H * W);
  const plane = H * W;
  samples.forEach((s, n) => {
    const img = s.image;
    if (img.width !== W || img.height !== H || img.channels !== C) {
      throw new AuguryError({
        code: 'size-mismatch',
        message: 'samples of one batch differ in size or channels',
        record: `sample ${s.unit.index} (${s.id})`,
        expected: `${W}x${H}x${C} (sample ${first.unit.index})`,
        received: `${img.width}x${img.height}x${img.channels}`,
        hint: 'end the pipeline with a fixed-size step (Resize, RandomResizedCrop, LetterBox), or pass size to the loader to letterbox every sample',
      });
    }
    writePixels(img, images, n * C * plane, layout);
  });
  const shape: [number, number, number, number] = layout === 'NCHW' ? [N, C, H, W] : [N, H, W, C];
  return {
    images,
    shape,
    layout,
    indices: Int32Array.from(samples, (s) => s.unit.index),
    ids: samples.map((s) => s.id),
    ...collateBoxes(samples),
    ...collateLabels(samples, numClasses),
    ...collateOthers(samples),
    traces: samples.map((s) => s.trace),
  };
}

/**
 * Writes an image's pixels as float32 in [0, 1] (value * (1 / maxValue); float images as they
 * are) at `base`, in planes for NCHW. Each source type has its own loop and 3 and 4 channels are
 * unrolled: one loop over a union of typed arrays is megamorphic, and ran about 2x slower (uint8
 * NCHW; float32 NHWC 6x) on the thread that feeds the GPU. The output is the same to the bit.
 */
function writePixels(img: Image, out: Float32Array, base: number, layout: Layout): void {
  const C = img.channels;
  const plane = img.width * img.height;
  const interleaved = layout === 'NHWC' || C === 1;
  if (img.dtype === 'float32') {
    if (interleaved) out.set(img.data, base);
    else planesF32(img.data, out, base, plane, C);
  } else if (img.dtype === 'uint8') {
    // Every uint8 value's float, as `v * scale` would store it (the same double, rounded once).
    const scale = 1 / maxValueOf(img);
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = v * scale;
    const src = img.data;
    if (interleaved) for (let i = 0; i < src.length; i++) out[base + i] = lut[src[i]!]!;
    else planesU8(src, lut, out, base, plane, C);
  } else {
    const scale = 1 / maxValueOf(img);
    const src = img.data;
    if (interleaved) for (let i = 0; i < src.length; i++) out[base + i] = src[i]! * scale;
    else for (let c = 0; c < C; c++) for (let p = 0; p < plane; p++) out[base + c * plane + p] = src[p * C + c]! * scale;
  }
}

function planesU8(src: Uint8Array, lut: Float32Array, out: Float32Array, base: number, plane: number, C: number): void {
  const o1 = base + plane, o2 = base + 2 * plane, o3 = base + 3 * plane;
  if (C === 3) {
    for (let p = 0, i = 0; p < plane; p++, i += 3) {
      out[base + p] = lut[src[i]!]!;
      out[o1 + p] = lut[src[i + 1]!]!;
      out[o2 + p] = lut[src[i + 2]!]!;
    }
  } else {
    for (let p = 0, i = 0; p < plane; p++, i += 4) {
      out[base + p] = lut[src[i]!]!;
      out[o1 + p] = lut[src[i + 1]!]!;
      out[o2 + p] = lut[src[i + 2]!]!;
      out[o3 + p] = lut[src[i + 3]!]!;
    }
  }
}

function planesF32(src: Float32Array, out: Float32Array, base: number, plane: number, C: number): void {
  const o1 = base + plane, o2 = base + 2 * plane, o3 = base + 3 * plane;
  if (C === 3) {
    for (let p = 0, i = 0; p < plane; p++, i += 3) {
      out[base + p] = src[i]!;
      out[o1 + p] = src[i + 1]!;
      out[o2 + p] = src[i + 2]!;
    }
  } else {
    for (let p = 0, i = 0; p < plane; p++, i += 4) {
      out[base + p] = src[i]!;
      out[o1 + p] = src[i + 1]!;
      out[o2 + p] = src[i + 2]!;
      out[o3 + p] = src[i + 3]!;
    }
  }
}

/** Keypoints, polygons and masks; errors name the sample (the loader adds the file). */
function collateOthers(samples: readonly AugmentedSample[]): Pick<Batch, 'keypoints' | 'polygons' | 'masks' | 'instanceMasks'> {
  // Where each sample's box rows start: instances of the other targets point into `boxes`.
  let rows: Int32Array | undefined;
  if (samples.some((s) => s.boxes)) {
    rows = new Int32Array(samples.length + 1);
    samples.forEach((s, n) => {
      rows![n + 1] = rows![n]! + (s.boxes ? boxCount(s.boxes) : 0);
    });
  }
  const keypoints = collateKeypoints(samples, rows);
  const polygons = collatePolygons(samples, rows);
  const masks = collateMasks(samples);
  const instanceMasks = collateInstanceMasks(samples, rows);
  return { ...(keypoints ? { keypoints } : {}), ...(polygons ? { polygons } : {}), ...(masks ? { masks } : {}), ...(instanceMasks ? { instanceMasks } : {}) };
}

/** What a box field is on rows of samples that lack it. */
const FIELD_DEFAULTS: Readonly<Record<string, number>> = { weight: 1, mixSource: 0 };

/**
 * A column as numbers, or undefined unless it holds numbers or booleans (and nulls): mixes turn a
 * field only some layers had into a plain array with nulls (mixing/layer.ts). An empty or all-null
 * plain array says nothing of its type, so it adds no column.
 */
function numericColumn(c: unknown): ArrayLike<number | null> | undefined {
  if (ArrayBuffer.isView(c)) return c as unknown as ArrayLike<number>;
  if (!Array.isArray(c) || !c.some((v) => v !== null) || !c.every((v) => v === null || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  return c.map((v) => (typeof v === 'boolean' ? Number(v) : v));
}

function collateBoxes(samples: readonly AugmentedSample[]): Pick<Batch, 'boxes' | 'boxFields'> {
  if (!samples.some((s) => s.boxes)) return {};
  const M = samples.reduce((m, s) => m + (s.boxes ? boxCount(s.boxes) : 0), 0);
  const boxes = new Float32Array(M * 6);
  // Numeric fields only: string columns cannot live in a tensor. A field missing from a sample
  // (or null in it) takes its default: NaN, or FIELD_DEFAULTS.
  const names = new Set<string>(['visibility', 'sourceIndex']);
  for (const s of samples) for (const [k, c] of Object.entries(s.boxes?.fields ?? {})) if (numericColumn(c)) names.add(k);
  const fields: Record<string, Float32Array> = {};
  for (const k of names) fields[k] = new Float32Array(M).fill(FIELD_DEFAULTS[k] ?? Number.NaN);
  let row = 0;
  samples.forEach((s, n) => {
    const b = s.boxes;
    if (!b) return;
    const count = boxCount(b);
    const cols: [Float32Array, ArrayLike<number | null>][] = [];
    for (const [k, c] of Object.entries(b.fields)) {
      const col = numericColumn(c);
      if (col) cols.push([fields[k]!, col]);
    }
    for (let i = 0; i < count; i++, row++) {
      boxes.set([n, b.labels[i]!, b.xyxy[4 * i]!, b.xyxy[4 * i + 1]!, b.xyxy[4 * i + 2]!, b.xyxy[4 * i + 3]!], row * 6);
      fields.visibility![row] = b.visibility[i]!;
      fields.sourceIndex![row] = b.sourceIndex[i]!;
      for (const [out, col] of cols) {
        const v = col[i];
        if (v !== null && v !== undefined) out[row] = v;
      }
    }
  });
  return { boxes, boxFields: fields };
}

function collateLabels(samples: readonly AugmentedSample[], numClasses: number): Pick<Batch, 'labels' | 'classes'> {
  if (!samples.some((s) => s.label)) return {};
  const labels = new Float32Array(samples.length * numClasses);
  const classes = new Int32Array(samples.length).fill(-1);
  samples.forEach((s, n) => {
    if (!s.label) return;
    try {
      labels.set(toProbabilities(s.label, numClasses), n * numClasses);
    } catch (e) {
      throw e instanceof AuguryError ? e.at({ record: `sample ${s.unit.index} (${s.id})` }) : e;
    }
    if (s.label.kind === 'class') classes[n] = s.label.index;
  });
  return { labels, classes };
}
