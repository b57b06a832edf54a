/** Checks shared by every dataset reader: safe paths and boxes that fit their image. */
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { AuguryError, show } from '../../core/errors.js';
import type { RunReport } from './report.js';

/** Default distance (pixels) a box may reach past the border before it is an error rather than clipped. */
export const DEFAULT_BOX_TOLERANCE = 1;

export interface RecordLocation {
  readonly file: string;
  readonly record: string;
}

/**
 * Resolves an image path stored in a label file against the dataset folder, refusing any path
 * that leaves it (`../`, absolute paths) so that a label file cannot read or overwrite files
 * elsewhere.
 */
export function resolveInside(root: string, stored: string, loc: RecordLocation): string {
  const rel = stored.replace(/\\/g, '/');
  const full = resolve(root, rel);
  const back = relative(resolve(root), full);
  if (isAbsolute(rel) || back === '' || back.startsWith('..' + sep) || back === '..' || isAbsolute(back)) {
    throw new AuguryError({
      code: 'path-escape',
      message: 'image path leaves the dataset folder',
      file: loc.file,
      record: loc.record,
      received: show(stored),
      hint: 'store image paths relative to the dataset folder, without "../" or a leading "/"; use --images DIR to point at images kept elsewhere',
    });
  }
  return full;
}

/** Normalizes a stored relative path to forward slashes without `./`. */
export function cleanRelative(stored: string): string {
  return normalize(stored.replace(/\\/g, '/')).split(sep).join('/').replace(/^\.\//, '');
}

/**
 * Validates one xyxy box against its image. NaN or infinite values, x2 < x1 or y2 < y1, and
 * boxes entirely outside the image are errors; a box that reaches up to `tolerance` pixels past
 * the border is clipped to the image and counted in the report. Returns the (clipped) box.
 */
export function checkBox(
  box: readonly number[],
  width: number | undefined,
  height: number | undefined,
  loc: RecordLocation,
  report: RunReport,
  tolerance = DEFAULT_BOX_TOLERANCE,
): [number, number, number, number] {
  const [x1, y1, x2, y2] = box as [number, number, number, number];
  if (box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new AuguryError({
      code: 'bad-box',
      message: 'box has a missing, NaN or infinite coordinate',
      file: loc.file,
      record: loc.record,
      received: show(box),
      hint: 'fix or remove this annotation; every box needs four finite numbers',
    });
  }
  if (x2 < x1 || y2 < y1) {
    throw new AuguryError({
      code: 'bad-box',
      message: 'box has its right edge left of its left edge or its bottom above its top',
      file: loc.file,
      record: loc.record,
      expected: 'x1 <= x2 and y1 <= y2 (after conversion to corners)',
      received: `[${x1}, ${y1}, ${x2}, ${y2}]`,
      hint: 'check the box format: COCO stores [x, y, width, height], VOC stores xmin/ymin/xmax/ymax, YOLO stores normalized center x, center y, width, height',
    });
  }
  if (width === undefined || height === undefined) return [x1, y1, x2, y2];
  if (x2 <= 0 || y2 <= 0 || x1 >= width || y1 >= height) {
    throw new AuguryError({
      code: 'bad-box',
      message: 'box lies entirely outside the image',
      file: loc.file,
      record: loc.record,
      expected: `a box overlapping 0..${width} x 0..${height}`,
      received: `[${x1}, ${y1}, ${x2}, ${y2}]`,
      hint: 'the annotation may belong to another image or use another box format; remove it or fix its coordinates',
    });
  }
  const over = Math.max(-x1, -y1, x2 - width, y2 - height);
  if (over > tolerance) {
    throw new AuguryError({
      code: 'bad-box',
      message: `box reaches ${round3(over)} px past the image border (tolerance ${tolerance} px)`,
      file: loc.file,
      record: loc.record,
      expected: `inside 0..${width} x 0..${height}`,
      received: `[${x1}, ${y1}, ${x2}, ${y2}]`,
      hint: 'fix the box, or raise --box-tolerance to clip it',
    });
  }
  if (over > 0) {
    const c: [number, number, number, number] = [Math.max(0, x1), Math.max(0, y1), Math.min(width, x2), Math.min(height, y2)];
    report.clipped('box-past-border', `box clipped by ${round3(over)} px to the image border`, loc.file, loc.record);
    return c;
  }
  return [x1, y1, x2, y2];
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
