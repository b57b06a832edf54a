/** RandomSizedBBoxSafeCrop: a random window that contains every box, resized to a fixed size. */
import { z } from 'zod';
import { interpolation, probability } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import { defineTransform } from '../../core/transform.js';
import type { Boxes } from '../../targets/boxes.js';
import { planKernels, planWarp } from './crop-plan.js';
import { randomOffset, resizedWindowPlan, type ResizedWindowParams, type Window } from './crop-window.js';

/**
 * The union of the boxes, each first shrunk by `erosion` of its width and height on every side
 * (Albumentations' union_of_bboxes), clipped to the image; null without boxes.
 */
function boxUnion(b: Boxes | undefined, erosion: number, W: number, H: number): [number, number, number, number] | null {
  const n = b ? b.xyxy.length >> 2 : 0;
  if (!b || n === 0) return null;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = b.xyxy[4 * i]!, c = b.xyxy[4 * i + 1]!, d = b.xyxy[4 * i + 2]!, e = b.xyxy[4 * i + 3]!;
    const ew = erosion * (d - a), eh = erosion * (e - c);
    x1 = Math.min(x1, a + ew);
    y1 = Math.min(y1, c + eh);
    x2 = Math.max(x2, d - ew);
    y2 = Math.max(y2, e - eh);
  }
  const cl = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
  return [cl(x1, W), cl(y1, H), cl(Math.max(x1, x2), W), cl(Math.max(y1, y2), H)];
}

/**
 * One axis of the window: each side moves out from the union by a uniform share of the room
 * beyond it (Albumentations: `bx = x * u`, `bx2 = x2 + (1 - x2) * u`), then snaps outwards to
 * whole pixels, so the window always contains [lo, hi].
 */
function expand(rng: Rng, lo: number, hi: number, size: number): [number, number] {
  let a = Math.floor(lo * rng.next());
  let b = Math.ceil(hi + (size - hi) * rng.next());
  a = Math.min(a, Math.floor(lo));
  b = Math.min(size, Math.max(b, Math.ceil(hi)));
  if (b <= a) {
    if (a + 1 <= size) b = a + 1;
    else a = size - 1;
  }
  return [a, b];
}

/**
 * The window of RandomSizedBBoxSafeCrop. Without boxes it follows Albumentations: a height
 * drawn in [H * (1 - erosion), H], the image's aspect ratio, a random position.
 */
export function bboxSafeWindow(rng: Rng, W: number, H: number, boxes: Boxes | undefined, erosion: number): Window {
  const u = boxUnion(boxes, erosion, W, H);
  if (!u) {
    const lo = Math.floor(H * (1 - erosion));
    const ch = lo >= H ? H : rng.int(Math.max(1, lo), H);
    const cw = Math.max(1, Math.min(W, Math.floor((ch * W) / H)));
    const yMin = randomOffset(rng, H, ch);
    const xMin = randomOffset(rng, W, cw);
    return { xMin, yMin, xMax: xMin + cw, yMax: yMin + ch };
  }
  const [xMin, xMax] = expand(rng, u[0], u[2], W);
  const [yMin, yMax] = expand(rng, u[1], u[3], H);
  return { xMin, yMin, xMax, yMax };
}

/**
 * RandomSizedBBoxSafeCrop: a random window that contains every box (so each keeps visibility 1
 * when `erosionRate` is 0), resized to `height` x `width`. Each side of the window moves out
 * from the union of the boxes by a uniform share of the room left, as in Albumentations, and is
 * snapped outwards to whole pixels (Albumentations truncates there and can cut a box by a
 * pixel). `erosionRate` shrinks every box by that fraction of its size on each side before the
 * union, allowing crops that cut into boxes. Without boxes: a random crop of the image's aspect
 * ratio with height in [H * (1 - erosionRate), H].
 *
 * Defaults: height and width required, erosionRate 0, interpolation bilinear, p 1.
 * @example `- {name: RandomSizedBBoxSafeCrop, height: 512, width: 512}`
 */
export const RandomSizedBBoxSafeCrop = defineTransform({
  name: 'RandomSizedBBoxSafeCrop',
  family: 'geometric',
  description:
    'Cuts a random window that contains every box (each keeps visibility 1 with `erosionRate` 0) and resizes it to `height` x `width`.',
  schema: z
    .object({
      height: z.number().int().min(1).describe('output height in pixels'),
      width: z.number().int().min(1).describe('output width in pixels'),
      erosionRate: z.number().min(0).max(1).default(0).describe('shrink each box by this fraction of its size on every side before taking their union (0 keeps boxes whole)'),
      interpolation: interpolation('bilinear'),
      p: probability(1),
    })
    .strict(),
  sample: (rng, ctx, o): ResizedWindowParams => ({
    ...bboxSafeWindow(rng, ctx.width, ctx.height, ctx.sample.boxes, o.erosionRate),
    width: o.width,
    height: o.height,
    interpolation: o.interpolation,
  }),
  samplesFromTargets: true,
  kernels: planKernels(resizedWindowPlan),
  warp: planWarp(resizedWindowPlan),
  conformance: {
    options: { height: 24, width: 32 },
    edit: { param: 'xMin', value: -4 },
  },
});
