/**
 * What the Albumentations parity tests share: the golden cases (copied from ../shared/golden, see
 * test/fixtures/golden/README-albumentations.md), the augury trace that replays each recorded
 * Albumentations step with the same params, box format conversions, and the few pieces of plain
 * geometry the tests use to predict where augury deliberately differs. The geometry here is
 * written out independently of src/geometry, so a prediction does not borrow the code it checks.
 */
import { readFileSync } from 'node:fs';
import { replayTrace } from '../../src/core/pipeline.js';
import type { StepTrace } from '../../src/core/trace.js';
import type { Params } from '../../src/core/transform.js';
import { cocoToXyxy, xyxyToCoco, xyxyToYolo, yoloToXyxy } from '../../src/geometry/formats.js';
import { createImage } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import '../../src/transforms/index.js';

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

/** A 3x3 matrix as 9 row-major numbers. */
export type M3 = number[];

export const mul = (a: M3, b: M3): M3 => {
  const o: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) o.push(a[3 * r]! * b[c]! + a[3 * r + 1]! * b[3 + c]! + a[3 * r + 2]! * b[6 + c]!);
  return o;
};
export const shift = (dx: number, dy: number): M3 => [1, 0, dx, 0, 1, dy, 0, 0, 1];
export const scale = (sx: number, sy: number): M3 => [sx, 0, 0, 0, sy, 0, 0, 0, 1];
export const apply = (m: M3, x: number, y: number): [number, number] => {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
};
export const inverse = (m: M3): M3 => {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = c * h - b * i, C = b * f - c * e;
  const D = f * g - d * i, E = a * i - c * g, F = c * d - a * f;
  const G = d * h - e * g, H = b * g - a * h, I = a * e - b * d;
  const det = a * A + b * D + c * G;
  return [A, B, C, D, E, F, G, H, I].map((v) => v / det);
};
/** Local 2x2 derivative [dx'/dx, dx'/dy, dy'/dx, dy'/dy] of `m` at (x, y). */
export const jacobian = (m: M3, x: number, y: number): [number, number, number, number] => {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  const [px, py] = apply(m, x, y);
  return [(m[0]! - m[6]! * px) / w, (m[1]! - m[7]! * px) / w, (m[3]! - m[6]! * py) / w, (m[4]! - m[7]! * py) / w];
};

/**
 * Albumentations' Affine and Perspective matrices act on pixel indices (pixel i's centre is i);
 * augury's on continuous coordinates (pixel i's centre is i + 0.5). The same map, converted:
 * T(0.5)·M·T(-0.5).
 */
export function continuous(m: M3): M3 {
  return mul(shift(0.5, 0.5), mul(m, shift(-0.5, -0.5)));
}

/** The recorded 3x3 matrix of an Affine or Perspective step, row-major. */
export function recordedMatrix(t: AlbStep): M3 {
  const m = t.applied_params['matrix'] as { matrix3x3: number[][] } | number[][];
  return (Array.isArray(m) ? m : m.matrix3x3).flat();
}

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

/** Signed area of a polygon given as flat x, y pairs. */
export function polygonArea(xy: readonly number[]): number {
  let s = 0;
  const n = xy.length / 2;
  for (let k = 0; k < n; k++) {
    const j = (k + 1) % n;
    s += xy[2 * k]! * xy[2 * j + 1]! - xy[2 * j]! * xy[2 * k + 1]!;
  }
  return s / 2;
}

/** A polygon clipped to [0, w] x [0, h] (Sutherland-Hodgman, one half-plane at a time). */
export function clipToCanvas(xy: readonly number[], w: number, h: number): number[] {
  const planes: [(x: number, y: number) => number][] = [[(x) => x], [(x) => w - x], [(_x, y) => y], [(_x, y) => h - y]];
  let pts = xy.slice();
  for (const [dist] of planes) {
    const out: number[] = [];
    const n = pts.length / 2;
    for (let k = 0; k < n; k++) {
      const ax = pts[2 * k]!, ay = pts[2 * k + 1]!;
      const bx = pts[2 * ((k + 1) % n)]!, by = pts[2 * ((k + 1) % n) + 1]!;
      const da = dist(ax, ay), db = dist(bx, by);
      if (da >= 0) out.push(ax, ay);
      if ((da >= 0) !== (db >= 0)) {
        const t = da / (da - db);
        out.push(ax + t * (bx - ax), ay + t * (by - ay));
      }
    }
    pts = out;
    if (pts.length === 0) break;
  }
  return pts;
}

/** The four corners of box `b` (xyxy) mapped by `m`, as flat x, y pairs in ring order. */
export function mappedCorners(m: M3, b: readonly number[]): number[] {
  const [x1, y1, x2, y2] = b as [number, number, number, number];
  return [[x1, y1], [x2, y1], [x2, y2], [x1, y2]].flatMap(([x, y]) => apply(m, x!, y!));
}

/** Enclosing box of flat x, y pairs. */
export function hull(xy: readonly number[]): [number, number, number, number] {
  const xs = xy.filter((_, k) => k % 2 === 0), ys = xy.filter((_, k) => k % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A box clipped to the canvas. */
export function clipBox(b: readonly number[], w: number, h: number): [number, number, number, number] {
  return [clamp(b[0]!, 0, w), clamp(b[1]!, 0, h), clamp(b[2]!, 0, w), clamp(b[3]!, 0, h)];
}

/** Counts of a list of labels, sorted by label (for "every case compared" assertions). */
export function tally(labels: readonly string[]): Record<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}
