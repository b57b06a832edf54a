/**
 * Boxes: N x 4 `xyxy` in absolute pixels (continuous coordinates, see docs/coordinates.md).
 * Other formats (COCO xywh, YOLO normalized cxcywh, Pascal VOC) are converted at the edges only.
 */
import { AuguryError, show } from '../core/errors.js';
import { assertColumns, iota, takeColumn, takeColumns, takeRows, type Column, type Columns } from './columns.js';

export interface Boxes {
  /** N*4 values: x1, y1, x2, y2 per row. */
  readonly xyxy: Float64Array;
  /** Class index per row (the dataset's category order). */
  readonly labels: Int32Array;
  /** Share of each object still in frame, multiplied over steps; 1 on input. */
  readonly visibility: Float64Array;
  /** Input row each row came from, so outputs can be traced back. */
  readonly sourceIndex: Int32Array;
  /** Any other per-row field (instance id, iscrowd, weight, ...). */
  readonly fields: Columns;
}

export interface BoxesInit {
  xyxy: ArrayLike<number>;
  labels?: ArrayLike<number>;
  visibility?: ArrayLike<number>;
  sourceIndex?: ArrayLike<number>;
  fields?: Record<string, Column>;
}

export function boxCount(b: Boxes): number {
  return b.xyxy.length / 4;
}

export function createBoxes(init: BoxesInit): Boxes {
  if (init.xyxy.length % 4 !== 0) {
    throw new AuguryError({ code: 'validation', message: 'box array length must be a multiple of 4', received: String(init.xyxy.length) });
  }
  const n = init.xyxy.length / 4;
  const xyxy = Float64Array.from(init.xyxy);
  for (let i = 0; i < n; i++) assertBoxValues(xyxy, i);
  const boxes: Boxes = {
    xyxy,
    labels: init.labels ? Int32Array.from(init.labels) : new Int32Array(n),
    visibility: init.visibility ? Float64Array.from(init.visibility) : new Float64Array(n).fill(1),
    sourceIndex: init.sourceIndex ? Int32Array.from(init.sourceIndex) : iota(n),
    fields: init.fields ?? {},
  };
  for (const [name, col] of [['labels', boxes.labels], ['visibility', boxes.visibility], ['sourceIndex', boxes.sourceIndex]] as const) {
    if (col.length !== n) {
      throw new AuguryError({ code: 'validation', message: `boxes ${name} is not row-aligned`, expected: `${n} values`, received: String(col.length) });
    }
  }
  assertColumns(boxes.fields, n, 'box');
  return boxes;
}

export function emptyBoxes(): Boxes {
  return createBoxes({ xyxy: [] });
}

/** Keeps rows `indices` (in that order) of every column. */
export function selectBoxes(b: Boxes, indices: ArrayLike<number>): Boxes {
  return {
    xyxy: takeRows(b.xyxy, 4, indices),
    labels: takeColumn(b.labels, indices),
    visibility: takeColumn(b.visibility, indices),
    sourceIndex: takeColumn(b.sourceIndex, indices),
    fields: takeColumns(b.fields, indices),
  };
}

export function boxArea(xyxy: Float64Array, i: number): number {
  const w = xyxy[i * 4 + 2]! - xyxy[i * 4]!;
  const h = xyxy[i * 4 + 3]! - xyxy[i * 4 + 1]!;
  return w > 0 && h > 0 ? w * h : 0;
}

function assertBoxValues(xyxy: Float64Array, i: number): void {
  const v = xyxy.subarray(i * 4, i * 4 + 4);
  if (!v.every((x) => Number.isFinite(x))) {
    throw new AuguryError({ code: 'bad-box', message: 'box has a non-finite coordinate', record: `box ${i}`, received: show(Array.from(v)) });
  }
  if (v[2]! < v[0]! || v[3]! < v[1]!) {
    throw new AuguryError({
      code: 'bad-box',
      message: 'box has x2 < x1 or y2 < y1',
      record: `box ${i}`,
      expected: 'x1 <= x2 and y1 <= y2',
      received: show(Array.from(v)),
    });
  }
}
