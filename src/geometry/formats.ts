/**
 * Box and keypoint conventions of dataset formats, converted at the edges (readers and writers)
 * to and from augury's continuous xyxy coordinates. See docs/coordinates.md; pinned by
 * test/geometry/formats.test.ts. Every function returns a new array and leaves its input alone.
 */
import { AuguryError } from '../core/errors.js';

/** COCO [x, y, width, height] (continuous already) to xyxy. */
export function cocoToXyxy(xywh: Float64Array): Float64Array {
  const out = rows4(xywh, 'COCO boxes');
  for (let i = 0; i < out.length; i += 4) {
    out[i + 2] = xywh[i]! + xywh[i + 2]!;
    out[i + 3] = xywh[i + 1]! + xywh[i + 3]!;
  }
  return out;
}

/** xyxy to COCO [x, y, width, height]. */
export function xyxyToCoco(xyxy: Float64Array): Float64Array {
  const out = rows4(xyxy, 'boxes');
  for (let i = 0; i < out.length; i += 4) {
    out[i + 2] = xyxy[i + 2]! - xyxy[i]!;
    out[i + 3] = xyxy[i + 3]! - xyxy[i + 1]!;
  }
  return out;
}

/** YOLO normalized [cx, cy, w, h] on a `width` x `height` image to xyxy (x = xn * width). */
export function yoloToXyxy(cxcywh: Float64Array, width: number, height: number): Float64Array {
  const out = rows4(cxcywh, 'YOLO boxes');
  for (let i = 0; i < out.length; i += 4) {
    const cx = cxcywh[i]! * width, cy = cxcywh[i + 1]! * height;
    const hw = (cxcywh[i + 2]! * width) / 2, hh = (cxcywh[i + 3]! * height) / 2;
    out[i] = cx - hw; out[i + 1] = cy - hh; out[i + 2] = cx + hw; out[i + 3] = cy + hh;
  }
  return out;
}

/** xyxy to YOLO normalized [cx, cy, w, h] on a `width` x `height` image. */
export function xyxyToYolo(xyxy: Float64Array, width: number, height: number): Float64Array {
  const out = rows4(xyxy, 'boxes');
  for (let i = 0; i < out.length; i += 4) {
    const x1 = xyxy[i]!, y1 = xyxy[i + 1]!, x2 = xyxy[i + 2]!, y2 = xyxy[i + 3]!;
    out[i] = (x1 + x2) / 2 / width; out[i + 1] = (y1 + y2) / 2 / height;
    out[i + 2] = (x2 - x1) / width; out[i + 3] = (y2 - y1) / height;
  }
  return out;
}

/**
 * Pascal VOC [xmin, ymin, xmax, ymax] (1-based, inclusive pixel indices) to continuous xyxy:
 * pixel xmin starts at xmin - 1 and pixel xmax ends at xmax.
 */
export function vocToXyxy(voc: Float64Array): Float64Array {
  const out = rows4(voc, 'VOC boxes');
  for (let i = 0; i < out.length; i += 4) {
    out[i] = voc[i]! - 1;
    out[i + 1] = voc[i + 1]! - 1;
  }
  return out;
}

/** Continuous xyxy to Pascal VOC [xmin, ymin, xmax, ymax]; rounding is the writer's choice. */
export function xyxyToVoc(xyxy: Float64Array): Float64Array {
  const out = rows4(xyxy, 'boxes');
  for (let i = 0; i < out.length; i += 4) {
    out[i] = xyxy[i]! + 1;
    out[i + 1] = xyxy[i + 1]! + 1;
  }
  return out;
}

/** COCO keypoints (integer pixel indices, x, y pairs) to continuous: the pixel centre, +0.5. */
export function cocoKeypointsToContinuous(xy: Float64Array): Float64Array {
  return shift(xy, 0.5, 'COCO keypoints');
}

/** Continuous keypoints to COCO pixel indices: -0.5 (rounding is the writer's choice). */
export function continuousToCocoKeypoints(xy: Float64Array): Float64Array {
  return shift(xy, -0.5, 'keypoints');
}

function shift(xy: Float64Array, d: number, what: string): Float64Array {
  if (xy.length % 2 !== 0) {
    throw new AuguryError({ code: 'validation', message: `${what} need x, y pairs`, expected: 'an even number of values', received: String(xy.length) });
  }
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i++) out[i] = xy[i]! + d;
  return out;
}

function rows4(a: Float64Array, what: string): Float64Array {
  if (a.length % 4 !== 0) {
    throw new AuguryError({ code: 'validation', message: `${what} need 4 values a row`, expected: 'a multiple of 4 values', received: String(a.length), hint: 'pass a flat Float64Array with N*4 values' });
  }
  return a.slice();
}
