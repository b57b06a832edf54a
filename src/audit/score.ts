/**
 * Scoring one output sample: every output box against the tight box of its object's pixels
 * actually visible in the output (from the transformed instance mask of its row), and every
 * object of the run against the boxes kept (from the transformed id map, which no box filter can
 * drop), and the summary figures the audit reports.
 */
import { boxFromMask } from '../geometry/boxes.js';
import type { Sample } from '../targets/sample.js';
import { OBJECT_FIELD, type ObjectTable } from './objects.js';

export type Box4 = [number, number, number, number];

/** One output box and what it was measured against. */
export interface BoxScore {
  readonly row: number;
  /** Audit object id (see objects.ts); -1 when the row carries none. */
  readonly object: number;
  readonly box: Box4;
  /** Tight box of the object's visible pixels, or null when none are visible. */
  readonly visibleBox: Box4 | null;
  readonly iou: number;
  /** Visible pixels / pixels before (scale-corrected, at most 1). */
  readonly visibleFraction: number;
}

export interface SampleScore {
  readonly boxes: BoxScore[];
  /** Objects at least minVisibility visible (and visible at all) with no box. */
  readonly lost: number[];
  /** Rows kept that show less than minVisibility of their object. */
  readonly underMinVisibility: number[];
  /** Visible fraction per object id. */
  readonly fractions: ReadonlyMap<number, number>;
}

export interface Summary {
  meanIoU: number;
  shareBelow05: number;
  lost: number;
  underMinVisibility: number;
  boxes: number;
}

/** IoU of two xyxy boxes; 0 when either is empty. */
export function iou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const ih = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  const inter = iw > 0 && ih > 0 ? iw * ih : 0;
  const union = Math.max(0, a[2]! - a[0]!) * Math.max(0, a[3]! - a[1]!) + Math.max(0, b[2]! - b[0]!) * Math.max(0, b[3]! - b[1]!) - inter;
  return union > 0 ? inter / union : 0;
}

function toBox(b: Float64Array | null): Box4 | null {
  return b ? [b[0]!, b[1]!, b[2]!, b[3]!] : null;
}

/**
 * Scores `out` (a run's output); `scales[draw]` is each draw's area factor (scale.ts). Nearest
 * rounding moves a pixel count by a row or a column, so fractions are capped at 1.
 */
export function scoreSample(out: Sample, table: ObjectTable, scales: readonly number[], minVisibility: number): SampleScore {
  const { width, height } = out.image;
  const visible = new Map<number, number>();
  if (out.mask) for (const v of out.mask.data) if (v !== 0) visible.set(v, (visible.get(v) ?? 0) + 1);
  const fractions = new Map<number, number>();
  for (const o of table.objects) {
    const before = o.pixels * (scales[o.draw] ?? 1);
    fractions.set(o.id, before > 0 ? Math.min(1, (visible.get(o.id) ?? 0) / before) : 0);
  }
  const ids = out.boxes?.fields[OBJECT_FIELD];
  const n = out.boxes ? out.boxes.xyxy.length / 4 : 0;
  const boxes: BoxScore[] = [];
  const kept = new Set<number>();
  const under: number[] = [];
  for (let r = 0; r < n; r++) {
    const object = ids instanceof Int32Array ? ids[r]! : -1;
    kept.add(object);
    const box = Array.from(out.boxes!.xyxy.subarray(4 * r, 4 * r + 4)) as Box4;
    const m = out.instanceMasks?.masks[r];
    const visibleBox = m ? toBox(boxFromMask(m, width, height)) : null;
    const f = fractions.get(object) ?? 0;
    boxes.push({ row: r, object, box, visibleBox, iou: visibleBox ? iou(box, visibleBox) : 0, visibleFraction: f });
    if (f < minVisibility) under.push(r);
  }
  const lost: number[] = [];
  for (const [id, f] of fractions) if (f > 0 && f >= minVisibility && !kept.has(id)) lost.push(id);
  return { boxes, lost, underMinVisibility: under, fractions };
}

/** The summary over many scored samples. */
export function summarize(scores: readonly { boxes: readonly { iou: number }[]; lost: readonly unknown[]; underMinVisibility: readonly unknown[] }[]): Summary {
  let sum = 0, below = 0, count = 0, lost = 0, under = 0;
  for (const s of scores) {
    for (const b of s.boxes) {
      sum += b.iou;
      if (b.iou < 0.5) below++;
      count++;
    }
    lost += s.lost.length;
    under += s.underMinVisibility.length;
  }
  // No boxes at all: nothing was mislabelled, so the mean is 1 (lost objects are counted apart).
  return { meanIoU: count > 0 ? sum / count : 1, shareBelow05: count > 0 ? below / count : 0, lost, underMinVisibility: under, boxes: count };
}
