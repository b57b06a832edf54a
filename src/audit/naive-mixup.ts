/**
 * COMPARISON BASELINE ONLY: what a naive detection MixUp does, so the audit can show what it
 * costs. It is never registered as a transform and nothing outside src/audit uses it.
 *
 * The naive recipe: blend the two images with weight lambda, sort each image's boxes by area,
 * pair the i-th of one with the i-th of the other, drop the unpaired ones, and interpolate each
 * pair's coordinates by lambda. Each interpolated box is then scored like any audited box,
 * against the better-matching of its two objects (both are visible in a blend), and every object
 * left without a pair counts as lost. Counting one lost object per unpaired box, not per pair,
 * keeps the figure a lower bound on the damage.
 */
import { boxFromMask } from '../geometry/boxes.js';
import { blendImages, fitImage } from '../mixing/common.js';
import { conformImage } from '../mixing/partners.js';
import { createBoxes } from '../targets/boxes.js';
import type { Sample } from '../targets/sample.js';
import { iou, type Box4, type BoxScore, type SampleScore } from './score.js';

interface Obj {
  readonly id: number;
  readonly box: Box4;
  readonly area: number;
  readonly visible: Box4 | null;
}

function objects(s: Sample, sx: number, sy: number, outW: number, outH: number, firstId: number): Obj[] {
  const b = s.boxes;
  if (!b) return [];
  const im = s.instanceMasks;
  const out: Obj[] = [];
  for (let r = 0; r < b.xyxy.length / 4; r++) {
    const box: Box4 = [b.xyxy[4 * r]! * sx, b.xyxy[4 * r + 1]! * sy, b.xyxy[4 * r + 2]! * sx, b.xyxy[4 * r + 3]! * sy];
    const m = im?.masks[r];
    const visible = m ? boxFromMask(resizeNearest(m, im.width, im.height, outW, outH), outW, outH) : null;
    out.push({ id: firstId + r, box, area: (box[2] - box[0]) * (box[3] - box[1]), visible: visible ? [visible[0]!, visible[1]!, visible[2]!, visible[3]!] : null });
  }
  return out;
}

function resizeNearest(m: Uint8Array, w: number, h: number, W: number, H: number): Uint8Array {
  if (w === W && h === H) return m;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1, Math.floor(((y + 0.5) * h) / H));
    for (let x = 0; x < W; x++) out[y * W + x] = m[sy * w + Math.min(w - 1, Math.floor(((x + 0.5) * w) / W))]!;
  }
  return out;
}

export interface NaiveResult {
  /** The blended image with the interpolated boxes (for the report). */
  readonly sample: Sample;
  readonly score: SampleScore;
}

/**
 * The naive mixup of `a` and `b` with weight `lambda` on `a`; both carry instance masks (the
 * audit's prepared samples). Object ids are `aFirst + row` and `bFirst + row`.
 */
export function naiveMixup(a: Sample, b: Sample, lambda: number, aFirst: number, bFirst: number): NaiveResult {
  const { width: W, height: H } = a.image;
  const objsA = objects(a, 1, 1, W, H, aFirst).sort((p, q) => q.area - p.area);
  const objsB = objects(b, W / b.image.width, H / b.image.height, W, H, bFirst).sort((p, q) => q.area - p.area);
  const pairs = Math.min(objsA.length, objsB.length);
  const scores: BoxScore[] = [];
  const xyxy: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const p = objsA[i]!, q = objsB[i]!;
    const box = p.box.map((v, k) => lambda * v + (1 - lambda) * q.box[k]!) as Box4;
    const ia = p.visible ? iou(box, p.visible) : 0;
    const ib = q.visible ? iou(box, q.visible) : 0;
    const best = ia >= ib ? p : q;
    scores.push({ row: i, object: best.id, box, visibleBox: best.visible, iou: Math.max(ia, ib), visibleFraction: 1 });
    xyxy.push(...box);
  }
  const lost = [...objsA.slice(pairs), ...objsB.slice(pairs)].filter((o) => o.visible !== null).map((o) => o.id);
  const image = blendImages(a.image, fitImage(conformImage(b.image, a.image), W, H), lambda);
  const sample: Sample = { id: `${a.id}+${b.id}`, image, boxes: createBoxes({ xyxy }) };
  return { sample, score: { boxes: scores, lost, underMinVisibility: [], fractions: new Map() } };
}
