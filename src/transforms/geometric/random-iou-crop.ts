/** RandomIoUCrop: the SSD crop of torchvision v2, with a minimum IoU against some box. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import { defineTransform, type Kernels } from '../../core/transform.js';
import type { Boxes } from '../../targets/boxes.js';
import { planKernels, planWarp, type PlanOf } from './crop-plan.js';
import type { Window } from './crop-window.js';

/** Params: the window, the IoU threshold drawn for it, and whether a crop happened at all. */
export type IoUCropParams = Window & { minIoU: number; cropped: boolean };

/** Rounds of option draws before giving up and leaving the sample as it is (torchvision loops forever). */
export const IOU_CROP_MAX_ROUNDS = 1000;

const plan: PlanOf<IoUCropParams> = (p) => ({ crop: { x: p.xMin, y: p.yMin, width: p.xMax - p.xMin, height: p.yMax - p.yMin }, fill: 0, fillMask: 0 });

/** Box centre strictly inside the window (torchvision's `left < cx < right`, same for y). */
function centreInside(b: Boxes, i: number, w: Window): boolean {
  const cx = 0.5 * (b.xyxy[4 * i]! + b.xyxy[4 * i + 2]!);
  const cy = 0.5 * (b.xyxy[4 * i + 1]! + b.xyxy[4 * i + 3]!);
  return w.xMin < cx && cx < w.xMax && w.yMin < cy && cy < w.yMax;
}

function iou(b: Boxes, i: number, w: Window): number {
  const x1 = b.xyxy[4 * i]!, y1 = b.xyxy[4 * i + 1]!, x2 = b.xyxy[4 * i + 2]!, y2 = b.xyxy[4 * i + 3]!;
  const iw = Math.max(0, Math.min(x2, w.xMax) - Math.max(x1, w.xMin));
  const ih = Math.max(0, Math.min(y2, w.yMax) - Math.max(y1, w.yMin));
  const inter = iw * ih;
  const union = (x2 - x1) * (y2 - y1) + (w.xMax - w.xMin) * (w.yMax - w.yMin) - inter;
  return union > 0 ? inter / union : 0;
}

export interface IoUCropOptions {
  readonly minScale: number;
  readonly maxScale: number;
  readonly minAspectRatio: number;
  readonly maxAspectRatio: number;
  readonly samplerOptions: readonly number[];
  readonly trials: number;
}

/**
 * torchvision v2 RandomIoUCrop._get_params: draw a threshold from `samplerOptions` (>= 1 means
 * leave the sample as it is); then up to `trials` windows with side fractions uniform in
 * [minScale, maxScale] (`int(W * r)`), aspect ratio in range, uniform position, at least one box
 * centre strictly inside, and IoU with one of those boxes >= the threshold. When all trials
 * fail, a new threshold is drawn. Without boxes nothing qualifies, so the sample is left as it is
 * (what torchvision ends up doing on an empty box set).
 */
export function iouCropWindow(rng: Rng, W: number, H: number, boxes: Boxes | undefined, o: IoUCropOptions): IoUCropParams {
  const whole: IoUCropParams = { xMin: 0, yMin: 0, xMax: W, yMax: H, minIoU: 1, cropped: false };
  const n = boxes ? boxes.xyxy.length >> 2 : 0;
  if (!boxes || n === 0) return whole;
  for (let round = 0; round < IOU_CROP_MAX_ROUNDS; round++) {
    const minIoU = o.samplerOptions[rng.int(0, o.samplerOptions.length - 1)]!;
    if (minIoU >= 1) return whole;
    for (let t = 0; t < o.trials; t++) {
      const newW = Math.floor(W * rng.uniform(o.minScale, o.maxScale));
      const newH = Math.floor(H * rng.uniform(o.minScale, o.maxScale));
      if (newW === 0 || newH === 0) continue;
      const aspect = newW / newH;
      if (!(o.minAspectRatio <= aspect && aspect <= o.maxAspectRatio)) continue;
      const xMin = Math.floor((W - newW) * rng.next());
      const yMin = Math.floor((H - newH) * rng.next());
      const w: Window = { xMin, yMin, xMax: xMin + newW, yMax: yMin + newH };
      let best = -1;
      for (let i = 0; i < n; i++) if (centreInside(boxes, i, w)) best = Math.max(best, iou(boxes, i, w));
      if (best < 0 || best < minIoU) continue;
      return { ...w, minIoU, cropped: true };
    }
  }
  return whole;
}

const base: Kernels<IoUCropParams> = planKernels(plan);
const baseBoxes = base.boxes;

/**
 * RandomIoUCrop (torchvision v2, the SSD crop): a window of random size and position such that
 * some box whose centre lies inside it overlaps it with IoU of at least a threshold drawn from
 * `samplerOptions` (a threshold >= 1 leaves the sample unchanged). As in torchvision, boxes whose
 * centres fall outside the window are dropped, with their polygons and instance masks, whatever
 * the pipeline's `minVisibility`; boxes whose centres are inside are clipped and keep their
 * visibility, so `minVisibility` can still drop them. Without boxes the sample is left as it is,
 * and so it is after 1000 threshold draws without a fitting window (thresholds that no window
 * can meet), where torchvision would loop forever.
 *
 * Defaults: minScale 0.3, maxScale 1, minAspectRatio 0.5, maxAspectRatio 2,
 * samplerOptions [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1], trials 40, p 1.
 * @example `- {name: RandomIoUCrop, samplerOptions: [0.1, 0.3, 0.5, 0.7, 0.9, 1]}`
 */
export const RandomIoUCrop = defineTransform({
  name: 'RandomIoUCrop',
  family: 'geometric',
  description:
    "Cuts a random window that overlaps some box with at least a drawn IoU threshold (torchvision v2's SSD crop); boxes whose centres fall outside the window are dropped, the others clipped.",
  schema: z
    .object({
      minScale: z.number().gt(0).max(1).default(0.3).describe('smallest window side as a fraction of the image side'),
      maxScale: z.number().gt(0).max(1).default(1).describe('largest window side as a fraction of the image side'),
      minAspectRatio: z.number().gt(0).default(0.5).describe('smallest window width / height'),
      maxAspectRatio: z.number().gt(0).default(2).describe('largest window width / height'),
      samplerOptions: z.array(z.number().min(0)).min(1).default([0, 0.1, 0.3, 0.5, 0.7, 0.9, 1]).describe('IoU thresholds to draw from; a value >= 1 means "leave the sample as it is"'),
      trials: z.number().int().min(1).default(40).describe('windows tried per drawn threshold'),
      p: probability(1),
    })
    .strict()
    .refine((o) => o.minScale <= o.maxScale, { message: 'expected minScale <= maxScale', path: ['maxScale'] })
    .refine((o) => o.minAspectRatio <= o.maxAspectRatio, { message: 'expected minAspectRatio <= maxAspectRatio', path: ['maxAspectRatio'] }),
  sample: (rng, ctx, o): IoUCropParams => iouCropWindow(rng, ctx.width, ctx.height, ctx.sample.boxes, o),
  samplesFromTargets: true,
  warp: planWarp(plan),
  kernels: {
    ...base,
    boxes: (b, p, env) => {
      if (typeof baseBoxes !== 'function') throw new Error('unreachable: plan kernels map boxes');
      const out = baseBoxes(b, p, env);
      if (!p.cropped) return out;
      // Dropped by the box filter that runs after every step, with their aligned targets.
      const visibility = out.visibility.slice();
      for (let i = 0; i < visibility.length; i++) if (!centreInside(b, i, p)) visibility[i] = 0;
      return { ...out, visibility };
    },
  },
  conformance: {
    options: { samplerOptions: [0, 0.1, 0.3] },
    edit: { param: 'xMin', value: -4 },
  },
});
