/**
 * Plain plane geometry for the Albumentations parity tests, written out here independently of
 * src/geometry so that a prediction never borrows the code it checks: 3x3 maps, the maps each
 * recorded Albumentations step applied (and the one augury applies), polygon clipping and areas.
 */
import type { AlbStep } from './albumentations-common.js';

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

/** Rotation by `deg` (positive = counter-clockwise on screen) and scaling by `s` about (cx, cy), as cv2.getRotationMatrix2D. */
export function rotateAbout(deg: number, s: number, cx: number, cy: number): M3 {
  const r = (deg * Math.PI) / 180;
  const a = s * Math.cos(r), b = s * Math.sin(r);
  return [a, b, (1 - a) * cx - b * cy, -b, a, b * cx + (1 - a) * cy, 0, 0, 1];
}

/** k counter-clockwise quarter turns of a w x h canvas whose far edge is at `w`, `h` (pass w - 1, h - 1 for pixel indices). */
export function quarterTurns(k: number, w: number, h: number): M3 {
  switch (((k % 4) + 4) % 4) {
    case 1:
      return [0, 1, 0, -1, 0, w, 0, 0, 1];
    case 2:
      return [-1, 0, w, 0, -1, h, 0, 0, 1];
    case 3:
      return [0, -1, h, 1, 0, 0, 0, 0, 1];
    default:
      return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  }
}

/**
 * The smallest whole-pixel canvas that holds the whole image mapped by `m` (measured from the
 * image's edges), with the mapped image centred in it: what augury's `fitOutput` promises.
 */
export function fittedCanvas(m: M3, [h, w]: [number, number]): { map: M3; hw: [number, number] } {
  const [x1, y1, x2, y2] = hull(mappedCorners(m, [0, 0, w, h]));
  const cw = Math.ceil(x2 - x1 - 1e-9), ch = Math.ceil(y2 - y1 - 1e-9);
  return { map: mul(shift((cw - (x2 - x1)) / 2 - x1, (ch - (y2 - y1)) / 2 - y1), m), hw: [ch, cw] };
}

/**
 * One recorded step as plane maps, all derived here from the golden's own records:
 * - `albBoxes`: what Albumentations 1.3.1 applied to box corners (continuous pixels; boxes are
 *   normalised in between, which is the same map);
 * - `albKeypoints`: what it applied to keypoints (it treats them as pixel indices: flips are
 *   W - 1 - x, rotations turn about ((W-1)/2, (H-1)/2)), on the raw numbers;
 * - `augury`: the one map augury applies to the pixels and to every label, in continuous
 *   coordinates, as each transform's docs state it;
 * and the output `[height, width]` of each.
 */
export interface StepMaps {
  readonly albBoxes: M3;
  readonly albKeypoints: M3;
  readonly augury: M3;
  readonly albHW: [number, number];
  readonly auguryHW: [number, number];
}

export function stepMaps(t: AlbStep): StepMaps {
  const [h, w] = t.input_hw;
  const [oh, ow] = t.output_hw;
  const same = (m: M3, kp: M3 = m): StepMaps => ({ albBoxes: m, albKeypoints: kp, augury: m, albHW: t.output_hw, auguryHW: t.output_hw });
  const a = t.applied_params;
  switch (t.name) {
    case 'HorizontalFlip':
      return same([-1, 0, w, 0, 1, 0, 0, 0, 1], [-1, 0, w - 1, 0, 1, 0, 0, 0, 1]);
    case 'VerticalFlip':
      return same([1, 0, 0, 0, -1, h, 0, 0, 1], [1, 0, 0, 0, -1, h - 1, 0, 0, 1]);
    case 'Transpose':
      return same([0, 1, 0, 1, 0, 0, 0, 0, 1]);
    case 'RandomRotate90':
      return same(quarterTurns(num(a['factor']), w, h), quarterTurns(num(a['factor']), w - 1, h - 1));
    case 'Rotate':
      return same(rotateAbout(num(a['angle']), 1, w / 2, h / 2), rotateAbout(num(a['angle']), 1, (w - 1) / 2, (h - 1) / 2));
    case 'ShiftScaleRotate': {
      const t0 = shift(num(a['dx']) * w, num(a['dy']) * h);
      return same(mul(t0, rotateAbout(num(a['angle']), num(a['scale']), w / 2, h / 2)), mul(t0, rotateAbout(num(a['angle']), num(a['scale']), (w - 1) / 2, (h - 1) / 2)));
    }
    case 'Affine': {
      const m = recordedMatrix(t);
      if (t.init['fit_output'] === true) {
        const fit = fittedCanvas(continuous(m), t.input_hw);
        return { albBoxes: m, albKeypoints: m, augury: fit.map, albHW: t.output_hw, auguryHW: fit.hw };
      }
      return { albBoxes: m, albKeypoints: m, augury: continuous(m), albHW: t.output_hw, auguryHW: t.output_hw };
    }
    case 'Perspective': {
      const s = scale(w / num(a['max_width']), h / num(a['max_height']));
      const m = recordedMatrix(t);
      return { albBoxes: mul(s, m), albKeypoints: mul(s, m), augury: mul(s, continuous(m)), albHW: t.output_hw, auguryHW: t.output_hw };
    }
    case 'Crop':
      return same(shift(-num(t.init['x_min']), -num(t.init['y_min'])));
    case 'RandomCrop':
    case 'CenterCrop': {
      const [x1, y1] = t.derived.crop_window_xyxy!;
      return same(shift(-x1!, -y1!));
    }
    case 'RandomResizedCrop': {
      const [x1, y1, x2, y2] = t.derived.crop_window_xyxy!;
      return same(mul(scale(ow / (x2! - x1!), oh / (y2! - y1!)), shift(-x1!, -y1!)));
    }
    case 'Resize':
      return same(scale(ow / w, oh / h));
    case 'LongestMaxSize':
    case 'SmallestMaxSize': {
      // Keypoints take the unrounded factor max_size / side; boxes the rounded output size.
      const f = num(t.init['max_size']) / (t.name === 'LongestMaxSize' ? Math.max(w, h) : Math.min(w, h));
      return same(scale(ow / w, oh / h), scale(f, f));
    }
    case 'PadIfNeeded': {
      const [top, , left] = t.derived.pad_top_bottom_left_right!;
      return same(shift(left!, top!));
    }
    default:
      throw new Error(`no maps for Albumentations step ${t.name}`);
  }
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
