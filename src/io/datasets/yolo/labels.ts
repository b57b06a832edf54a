/**
 * One line of a YOLO label file <-> one annotation in pixels.
 *
 * YOLO stores coordinates as fractions of the image size in continuous coordinates, so
 * x = xn * width and y = yn * height with no half-pixel shift. A line is one of
 * - detection: `class cx cy w h`
 * - segmentation: `class x1 y1 x2 y2 ... xn yn` (n >= 3; the box is the polygon's tight box)
 * - pose: `class cx cy w h` then K keypoints of `x y` or `x y visibility` (data.yaml `kpt_shape`).
 * Pose visibility uses COCO's meaning (0 not labelled, 1 labelled but occluded, 2 visible). A
 * keypoint with visibility 0, or at x = y = 0 in the two-value form, is unlabelled: it is kept as
 * visibility 0 at (0, 0), the way YOLO itself writes unlabelled keypoints.
 */
import { AuguryError, show } from '../../../core/errors.js';
import type { Annotation } from '../model.js';
import type { RunReport } from '../report.js';
import { checkBox, type RecordLocation } from '../validate.js';
import { formatNumber, parseDecimal } from '../numbers.js';

export interface LabelLayout {
  /** Number of class names; undefined when the dataset has no names (any index is taken). */
  readonly classCount?: number;
  /** Present for pose datasets: every line then carries exactly `count * dims` keypoint values. */
  readonly keypoints?: { readonly count: number; readonly dims: 2 | 3 };
}

/** What a label line must look like, for hints. */
export function expectedValues(layout: LabelLayout): string {
  const k = layout.keypoints;
  if (k) {
    const per = k.dims === 3 ? 'x y visibility' : 'x y';
    return `${5 + k.count * k.dims} values per line (kpt_shape [${k.count}, ${k.dims}]): class cx cy w h, then ${k.count} keypoints as ${per}`;
  }
  return '5 values (class cx cy w h) for a box, or 1 + 2n values (class x1 y1 ... xn yn, n >= 3) for a polygon';
}

/**
 * Parses one non-empty label line into an annotation in pixels. Throws an AuguryError naming
 * `loc` when the line cannot be used; boxes past the border within `tolerance` are clipped and
 * counted in `report`.
 */
export function parseLabelLine(
  line: string,
  layout: LabelLayout,
  size: { readonly width: number; readonly height: number },
  loc: RecordLocation,
  report: RunReport,
  tolerance?: number,
): Annotation {
  const tokens = line.trim().split(/\s+/);
  const bad = (message: string, received: string, hint: string, expected?: string): AuguryError =>
    new AuguryError({ code: 'bad-annotation', message, file: loc.file, record: loc.record, received, hint, ...(expected ? { expected } : {}) });

  const n = tokens.length;
  const kp = layout.keypoints;
  const countOk = kp ? n === 5 + kp.count * kp.dims : n === 5 || (n >= 7 && n % 2 === 1);
  if (!countOk) {
    throw bad(
      'wrong number of values on the line',
      `${n} values`,
      `write ${expectedValues(layout)}${n === 6 && !kp ? '; predictions saved with a confidence column have 6, drop the last value' : ''}`,
      kp ? String(5 + kp.count * kp.dims) : '5, or an odd number >= 7',
    );
  }
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = parseDecimal(tokens[i]!);
    if (v === 'nan') throw bad(`value ${i + 1} is NaN or infinite`, show(tokens[i]), 'replace it with a number between 0 and 1, or remove the line');
    if (v === undefined) throw bad(`value ${i + 1} is not a number`, show(tokens[i]), `write ${expectedValues(layout)}, separated by spaces`);
    values.push(v);
  }
  const cls = values[0]!;
  const classCount = layout.classCount;
  if (!Number.isInteger(cls) || cls < 0 || (classCount !== undefined && cls >= classCount)) {
    throw new AuguryError({
      code: 'unknown-category',
      message: 'class index is not one of the classes in data.yaml',
      file: loc.file,
      record: loc.record,
      expected: classCount === undefined ? 'a non-negative integer' : `an integer 0..${classCount - 1}`,
      received: tokens[0]!,
      hint: 'fix the index, or add the missing class to `names` in data.yaml (indices start at 0)',
    });
  }

  const { width: W, height: H } = size;
  const coords = kp ? values.slice(1, 5) : values.slice(1);
  const check = (box: number[]): [number, number, number, number] => {
    try {
      return checkBox(box, W, H, loc, report, tolerance);
    } catch (e) {
      if (e instanceof AuguryError && coords.some((v) => Math.abs(v) > 2)) {
        throw new AuguryError({
          code: e.code,
          message: e.detail,
          file: loc.file,
          record: loc.record,
          ...(e.expected !== undefined ? { expected: e.expected } : {}),
          ...(e.received !== undefined ? { received: e.received } : {}),
          hint: 'YOLO coordinates are fractions of the image size (0..1) but this line looks like pixels: divide x values by the image width and y values by its height',
        });
      }
      throw e;
    }
  };

  if (!kp && n > 5) {
    const ring: number[] = [];
    for (let i = 1; i < n; i += 2) ring.push(values[i]! * W, values[i + 1]! * H);
    const tight = ringBox(ring);
    const box = check(tight);
    // A box clipped within tolerance means vertices past the border: clamp them the same way.
    if (box.some((v, i) => v !== tight[i])) {
      for (let i = 0; i < ring.length; i += 2) {
        ring[i] = Math.min(W, Math.max(0, ring[i]!));
        ring[i + 1] = Math.min(H, Math.max(0, ring[i + 1]!));
      }
    }
    return { category: cls, box, polygons: [ring] };
  }

  const [cx, cy, w, h] = values.slice(1, 5) as [number, number, number, number];
  if (w < 0 || h < 0) {
    throw bad(
      'box has a negative width or height',
      `w ${tokens[3]}, h ${tokens[4]}`,
      'YOLO stores class cx cy w h with w and h >= 0; if the numbers are corners (x1 y1 x2 y2), convert them to center and size',
      'w >= 0 and h >= 0',
    );
  }
  const box = check([(cx - w / 2) * W, (cy - h / 2) * H, (cx + w / 2) * W, (cy + h / 2) * H]);
  if (!kp) return { category: cls, box };

  const xy: number[] = [];
  const visibility: number[] = [];
  for (let k = 0; k < kp.count; k++) {
    const o = 5 + k * kp.dims;
    const x = values[o]!;
    const y = values[o + 1]!;
    let v = 2;
    if (kp.dims === 3) {
      v = values[o + 2]!;
      if (v !== 0 && v !== 1 && v !== 2) {
        throw bad(
          `keypoint ${k} has a visibility other than 0, 1 or 2`,
          tokens[o + 2]!,
          'use 0 for not labelled, 1 for labelled but occluded, 2 for visible (COCO convention)',
          '0, 1 or 2',
        );
      }
    } else if (x === 0 && y === 0) {
      v = 0;
    }
    if (v === 0) xy.push(0, 0);
    else xy.push(x * W, y * H);
    visibility.push(v);
  }
  return { category: cls, box, keypoints: { xy, visibility } };
}

/** Tight xyxy box of a flat x, y ring. */
export function ringBox(ring: readonly number[]): [number, number, number, number] {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    if (x < x1) x1 = x;
    if (x > x2) x2 = x;
    if (y < y1) y1 = y;
    if (y > y2) y2 = y;
  }
  return [x1, y1, x2, y2];
}

/**
 * Number text for a normalized value: the shortest text that maps back to within 1e-7 px of the
 * pixel value (so read(write(box)) is exact to well under 1e-6 px, and values read from a file
 * are written back as they were).
 */
export function formatNormalized(pixels: number, extent: number): string {
  return formatNumber(pixels / extent, 1e-7 / extent);
}

/** A detection or pose line: class, normalized center and size, then keypoints. */
export function formatBoxLine(
  cls: number,
  box: readonly [number, number, number, number],
  size: { readonly width: number; readonly height: number },
  keypoints?: { readonly xy: readonly number[]; readonly visibility: readonly number[]; readonly dims: 2 | 3 },
): string {
  const { width: W, height: H } = size;
  const [x1, y1, x2, y2] = box;
  const parts = [
    String(cls),
    formatNormalized((x1 + x2) / 2, W),
    formatNormalized((y1 + y2) / 2, H),
    formatNormalized(x2 - x1, W),
    formatNormalized(y2 - y1, H),
  ];
  if (keypoints) {
    for (let k = 0; k < keypoints.visibility.length; k++) {
      const v = keypoints.visibility[k]!;
      const unlabelled = v === 0;
      parts.push(unlabelled ? '0' : formatNormalized(keypoints.xy[2 * k]!, W), unlabelled ? '0' : formatNormalized(keypoints.xy[2 * k + 1]!, H));
      if (keypoints.dims === 3) parts.push(String(v));
    }
  }
  return parts.join(' ');
}

/** A segmentation line: class, then the ring's normalized vertices. */
export function formatPolygonLine(cls: number, ring: readonly number[], size: { readonly width: number; readonly height: number }): string {
  const parts = [String(cls)];
  for (let i = 0; i + 1 < ring.length; i += 2) parts.push(formatNormalized(ring[i]!, size.width), formatNormalized(ring[i + 1]!, size.height));
  return parts.join(' ');
}
