/**
 * What the Albumentations parity tests share: the golden cases (copied into test/fixtures/golden from the workspace's golden reference set, see
 * test/fixtures/golden/README-albumentations.md), the augury trace that replays each recorded
 * Albumentations step with the same params, and box format conversions. The plane geometry the
 * predictions use lives in albumentations-model.ts.
 */
import { readFileSync } from 'node:fs';
import { replayTrace } from '../../src/core/pipeline.js';
import type { StepTrace } from '../../src/core/trace.js';
import type { Params } from '../../src/core/transform.js';
import { cocoToXyxy, xyxyToCoco, xyxyToYolo, yoloToXyxy } from '../../src/geometry/formats.js';
import { createImage } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import '../../src/transforms/index.js';
import { apply, continuous, inverse, mul, recordedMatrix, scale } from './albumentations-model.js';

export interface AlbStep {
  readonly name: string;
  readonly init: Record<string, unknown>;
  readonly applied_params: Record<string, unknown>;
  readonly derived: { crop_window_xyxy?: number[]; resize_to_hw?: [number, number]; pad_top_bottom_left_right?: number[] };
  readonly input_hw: [number, number];
  readonly output_hw: [number, number];
}

export interface BoxCase {
  readonly id: string;
  readonly name: string;
  readonly bbox_params: { format: BoxFormat; min_area: number; min_visibility: number; min_width: number; min_height: number; check_each_transform: boolean };
  readonly transforms: AlbStep[];
  readonly input: { image_hw: [number, number]; bboxes: number[][]; ids: number[] };
  readonly output: { image_hw: [number, number]; bboxes: number[][]; ids: number[]; dropped_ids: number[] };
}

export interface KeypointCase {
  readonly id: string;
  readonly name: string;
  readonly keypoint_params: { format: 'xy' | 'xyas'; remove_invisible: boolean; angle_in_degrees: boolean; check_each_transform: boolean };
  readonly transforms: AlbStep[];
  readonly input: { image_hw: [number, number]; keypoints: number[][]; ids: number[] };
  readonly output: { image_hw: [number, number]; keypoints: number[][]; ids: number[]; dropped_ids: number[] };
}

export type BoxFormat = 'pascal_voc' | 'coco' | 'yolo';

function load<T>(file: string): { generator: Record<string, string>; cases: T[] } {
  return JSON.parse(readFileSync(new URL(`../fixtures/golden/${file}`, import.meta.url), 'utf8')) as { generator: Record<string, string>; cases: T[] };
}

export const boxGolden = load<BoxCase>('albumentations-bboxes.json');
export const keypointGolden = load<KeypointCase>('albumentations-keypoints.json');


const num = (v: unknown): number => v as number;
const axis = (v: unknown, k: 'x' | 'y'): number => num((v as Record<string, [number, number]>)[k]![0]);

/**
 * Perspective: the source quad (fractions of width and height) whose augury map equals the map
 * Albumentations' pixels went through: warp by M in pixel indices onto max_width x max_height,
 * then resize to W x H, i.e. S·T(0.5)·M·T(-0.5) in continuous coordinates. The quad is where that
 * map sends the canvas corners from.
 */
export function perspectivePoints(t: AlbStep): [number, number][] {
  const [h, w] = t.input_hw;
  const mw = num(t.applied_params['max_width']), mh = num(t.applied_params['max_height']);
  const a = mul(scale(w / mw, h / mh), continuous(recordedMatrix(t)));
  const inv = inverse(a);
  return [[0, 0], [w, 0], [w, h], [0, h]].map(([x, y]) => {
    const [u, v] = apply(inv, x!, y!);
    return [u / w, v / h];
  });
}

const warpExtras = { interpolation: 'bilinear', border: 'constant', fill: 0, fillMask: 0 };

/** augury's params for one recorded Albumentations step (its own params, no randomness). */
export function auguryParams(t: AlbStep): Params {
  const i = t.init, a = t.applied_params;
  const [h, w] = t.input_hw;
  switch (t.name) {
    case 'HorizontalFlip':
    case 'VerticalFlip':
    case 'Transpose':
      return {};
    case 'RandomRotate90':
      return { k: num(a['factor']) };
    case 'Rotate':
      return { angle: num(a['angle']), ...warpExtras };
    case 'ShiftScaleRotate':
      return { angle: num(a['angle']), scale: num(a['scale']), dx: num(a['dx']), dy: num(a['dy']), ...warpExtras };
    case 'Affine': {
      // Albumentations' init ranges are all [v, v] in these cases; its `applied_params.rotate`
      // is stored negated, so the init value is the one with augury's sign (positive = ccw).
      const px = i['translate_px'] as Record<string, [number, number]> | null;
      return {
        scaleX: axis(i['scale'], 'x'),
        scaleY: axis(i['scale'], 'y'),
        translateX: px ? px['x']![0] : axis(i['translate_percent'], 'x') * w,
        translateY: px ? px['y']![0] : axis(i['translate_percent'], 'y') * h,
        rotate: (i['rotate'] as [number, number])[0],
        shearX: axis(i['shear'], 'x'),
        shearY: axis(i['shear'], 'y'),
        centerX: 0.5,
        centerY: 0.5,
        fitOutput: i['fit_output'] === true,
        ...warpExtras,
      };
    }
    case 'Perspective':
      return { points: perspectivePoints(t), keepSize: i['keep_size'], fitOutput: i['fit_output'], ...warpExtras };
    case 'Crop':
      return { xMin: num(i['x_min']), yMin: num(i['y_min']), xMax: num(i['x_max']), yMax: num(i['y_max']), fill: 0, fillMask: 0 };
    case 'RandomCrop':
    case 'CenterCrop': {
      const [xMin, yMin, xMax, yMax] = t.derived.crop_window_xyxy!;
      return { xMin, yMin, xMax, yMax, fill: 0, fillMask: 0 };
    }
    case 'RandomResizedCrop': {
      const [xMin, yMin, xMax, yMax] = t.derived.crop_window_xyxy!;
      const [height, width] = t.derived.resize_to_hw!;
      return { xMin, yMin, xMax, yMax, width, height, interpolation: 'bilinear' };
    }
    case 'Resize':
    case 'LongestMaxSize':
    case 'SmallestMaxSize':
      return { width: t.output_hw[1], height: t.output_hw[0], interpolation: 'bilinear' };
    case 'PadIfNeeded': {
      const [padTop, padBottom, padLeft, padRight] = t.derived.pad_top_bottom_left_right!;
      return { padTop, padBottom, padLeft, padRight, border: 'constant', fill: 0, fillMask: 0 };
    }
    default:
      throw new Error(`no augury params for Albumentations step ${t.name}`);
  }
}

export function auguryTrace(steps: readonly AlbStep[]): StepTrace[] {
  return steps.map((t) => ({ name: t.name, params: auguryParams(t) }));
}

/** Replays the recorded steps on `sample` with the given box and keypoint options. */
export async function replay(steps: readonly AlbStep[], sample: Sample, boxes: Record<string, unknown>, removeInvisible = false): Promise<Sample> {
  const { width, height } = sample.image;
  const trace = { version: 1, input: { width, height }, steps: auguryTrace(steps), backend: 'ts', boxes, keypoints: { removeInvisible } };
  return (await replayTrace(sample, trace)).sample;
}

/** A zero RGB image of `[height, width]`. */
export function zeroImage([h, w]: [number, number]) {
  return createImage(w, h, 3, 'uint8');
}

/** Rows of the case's format to augury's continuous xyxy pixels. */
export function toXyxy(format: BoxFormat, rows: number[][], [h, w]: [number, number]): Float64Array {
  const flat = Float64Array.from(rows.flat());
  if (format === 'coco') return cocoToXyxy(flat);
  if (format === 'yolo') return yoloToXyxy(flat, w, h);
  // Albumentations' pascal_voc is continuous xyxy pixels (not VOC's 1-based inclusive files).
  return flat;
}

/** augury's xyxy back to rows of the case's format on a `[height, width]` canvas. */
export function fromXyxy(format: BoxFormat, xyxy: Float64Array, [h, w]: [number, number]): number[][] {
  const conv = format === 'coco' ? xyxyToCoco(xyxy) : format === 'yolo' ? xyxyToYolo(xyxy, w, h) : xyxy;
  const rows: number[][] = [];
  for (let k = 0; k < conv.length; k += 4) rows.push(Array.from(conv.subarray(k, k + 4)));
  return rows;
}

/**
 * How many pixels one unit of each coordinate of the format is, so that a tolerance in pixels
 * applies to every format alike (YOLO values are fractions of the canvas).
 */
export function pixelUnits(format: BoxFormat, [h, w]: [number, number]): number[] {
  return format === 'yolo' ? [w, h, w, h] : [1, 1, 1, 1];
}

/** Largest difference in pixels between two lists of rows of one format (rows must align). */
export function maxPixelDiff(format: BoxFormat, hw: [number, number], a: number[][], b: number[][]): number {
  const u = pixelUnits(format, hw);
  let d = 0;
  a.forEach((row, r) => row.forEach((v, k) => (d = Math.max(d, Math.abs(v - b[r]![k]!) * u[k]!))));
  return d;
}

/** Counts of a list of labels, sorted by label (for "every case compared" assertions). */
export function tally(labels: readonly string[]): Record<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}
