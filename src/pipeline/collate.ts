/**
 * Batches augmented samples for a training loop: images as one float32 tensor, boxes flat with a
 * batch-index column (as Ultralytics collates them), labels as an [N, numClasses] matrix.
 */
import { AuguryError } from '../core/errors.js';
import type { Trace } from '../core/trace.js';
import { boxCount } from '../targets/boxes.js';
import { maxValueOf } from '../targets/image.js';
import { toProbabilities } from '../targets/label.js';
import type { AugmentedSample } from './unit.js';

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
  /** Per-box columns, row-aligned with `boxes`: visibility, sourceIndex and every numeric box field. */
  readonly boxFields?: Readonly<Record<string, Float32Array>>;
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
    const scale = img.dtype === 'float32' ? 1 : 1 / maxValueOf(img);
    const src = img.data;
    const base = n * C * plane;
    if (layout === 'NHWC') {
      for (let i = 0; i < src.length; i++) images[base + i] = src[i]! * scale;
    } else {
      for (let p = 0; p < plane; p++) for (let c = 0; c < C; c++) images[base + c * plane + p] = src[p * C + c]! * scale;
    }
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
    traces: samples.map((s) => s.trace),
  };
}

function collateBoxes(samples: readonly AugmentedSample[]): Pick<Batch, 'boxes' | 'boxFields'> {
  if (!samples.some((s) => s.boxes)) return {};
  const M = samples.reduce((m, s) => m + (s.boxes ? boxCount(s.boxes) : 0), 0);
  const boxes = new Float32Array(M * 6);
  // Numeric fields only: string columns cannot live in a tensor. A field missing from a sample is NaN.
  const names = new Set<string>(['visibility', 'sourceIndex']);
  for (const s of samples) for (const [k, c] of Object.entries(s.boxes?.fields ?? {})) if (ArrayBuffer.isView(c)) names.add(k);
  const fields: Record<string, Float32Array> = {};
  for (const k of names) fields[k] = new Float32Array(M).fill(Number.NaN);
  let row = 0;
  samples.forEach((s, n) => {
    const b = s.boxes;
    if (!b) return;
    const count = boxCount(b);
    for (let i = 0; i < count; i++, row++) {
      boxes.set([n, b.labels[i]!, b.xyxy[4 * i]!, b.xyxy[4 * i + 1]!, b.xyxy[4 * i + 2]!, b.xyxy[4 * i + 3]!], row * 6);
      fields.visibility![row] = b.visibility[i]!;
      fields.sourceIndex![row] = b.sourceIndex[i]!;
      for (const [k, c] of Object.entries(b.fields)) if (ArrayBuffer.isView(c)) fields[k]![row] = Number((c as ArrayLike<number>)[i]);
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
