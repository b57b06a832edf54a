/** LetterBox: scale to fit a size keeping the aspect ratio, then pad (Ultralytics YOLO). */
import { z } from 'zod';
import { AuguryError, show } from '../../core/errors.js';
import { fillMask, interpolation, probability } from '../../core/schema.js';
import { defineTransform, type SampleContext } from '../../core/transform.js';
import type { Fill, Interpolation } from '../../functional/types.js';
import { maxValueOf } from '../../targets/image.js';
import { planKernels, planWarp, type PlanOf } from './crop-plan.js';
import { splitCentre } from './pad-options.js';
import { roundSize, sizeOption } from './resize-options.js';

/**
 * What a LetterBox step did: the input size, the size the image was resized to, and the padding
 * around it. The scale is `width / inputWidth` and `height / inputHeight` (exact ratios of the
 * rounded size, which is what the pixels went through).
 */
export type LetterBoxParams = {
  inputWidth: number;
  inputHeight: number;
  width: number;
  height: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  interpolation: Interpolation;
  fill: Fill;
  fillMask: number;
};

const plan: PlanOf<LetterBoxParams> = (p, width, height) => {
  if (width !== p.inputWidth || height !== p.inputHeight) {
    throw new AuguryError({
      code: 'size-mismatch',
      message: 'LetterBox params were drawn for an image of another size',
      key: 'LetterBox',
      expected: `${p.inputWidth}x${p.inputHeight}`,
      received: `${width}x${height}`,
      hint: 'apply LetterBox params (from a trace) to the image they were drawn for, or edit inputWidth / inputHeight with width and height',
    });
  }
  return {
    resize: { width: p.width, height: p.height, interpolation: p.interpolation },
    pad: { top: p.padTop, bottom: p.padBottom, left: p.padLeft, right: p.padRight, border: 'constant' },
    fill: p.fill,
    fillMask: p.fillMask,
  };
};

/** Ultralytics' 114 grey on the image's own scale, when no fill is given. */
function defaultFill(ctx: SampleContext): number {
  const img = ctx.sample.image;
  const v = (114 / 255) * maxValueOf(img);
  return img.dtype === 'float32' ? v : Math.round(v);
}

/**
 * LetterBox (Ultralytics YOLO): scales the image by r = min(H' / H, W' / W) (never above 1 with
 * `scaleup: false`) to `round(W * r)` x `round(H * r)`, then pads to `size` with `fill`. With
 * `auto` the padding is cut to its remainder modulo `stride` (a minimal canvas whose sides are
 * stride-aligned when the target is); with `scaleFill` the image is stretched to `size` with no
 * padding. `center` splits the padding (odd pixel at the bottom/right), otherwise it all goes to
 * the bottom/right. Labels scale by the exact ratios of the rounded size (Ultralytics scales them
 * by the unrounded r, up to half a pixel apart) and shift by (padLeft, padTop).
 * `letterBoxInverse(params, boxes)` maps predictions on the letterboxed image back.
 *
 * Defaults: size 640, auto false, stride 32, scaleFill false, scaleup true, center true, fill 114
 * of 255 on the image's own scale, fillMask 0, interpolation bilinear, p 1.
 * @example `- {name: LetterBox, size: 640}`
 */
export const LetterBox = defineTransform({
  name: 'LetterBox',
  family: 'geometric',
  description:
    'Scales the image to fit `size` keeping its aspect ratio and pads the rest with grey (Ultralytics YOLO); params record the input size, the scaled size and the padding, and `letterBoxInverse` maps predicted boxes back.',
  schema: z
    .object({
      size: sizeOption('target size').prefault(640),
      auto: z.boolean().default(false).describe('pad only to the next multiple of `stride` instead of to `size`'),
      stride: z.number().int().min(1).default(32).describe('stride for `auto`'),
      scaleFill: z.boolean().default(false).describe('stretch to `size` without keeping the aspect ratio (no padding)'),
      scaleup: z.boolean().default(true).describe('allow enlarging; false only shrinks'),
      center: z.boolean().default(true).describe('centre the image (padding on both sides) instead of padding bottom/right'),
      fill: z
        .union([z.number(), z.array(z.number()).min(1).max(4)])
        .optional()
        .describe("fill value of the padding on the image's scale; default 114 of 255 (114 for uint8), as Ultralytics"),
      fillMask: fillMask(),
      interpolation: interpolation('bilinear'),
      p: probability(1),
    })
    .strict(),
  sample: (_rng, ctx, o): LetterBoxParams => {
    const W = ctx.width, H = ctx.height;
    let r = Math.min(o.size.height / H, o.size.width / W);
    if (!o.scaleup) r = Math.min(r, 1);
    let width = roundSize(W * r), height = roundSize(H * r);
    let dw = o.size.width - width, dh = o.size.height - height;
    if (o.auto) {
      dw %= o.stride;
      dh %= o.stride;
    } else if (o.scaleFill) {
      width = o.size.width;
      height = o.size.height;
      dw = 0;
      dh = 0;
    }
    const [padLeft, padRight] = o.center ? splitCentre(dw) : [0, dw];
    const [padTop, padBottom] = o.center ? splitCentre(dh) : [0, dh];
    return {
      inputWidth: W, inputHeight: H, width, height, padTop, padBottom, padLeft, padRight,
      interpolation: o.interpolation, fill: o.fill ?? defaultFill(ctx), fillMask: o.fillMask,
    };
  },
  kernels: planKernels(plan),
  warp: planWarp(plan),
  conformance: {
    options: { size: 32 },
    deterministic: true,
    edit: { param: 'padTop', value: 0 },
  },
});

const inverseParams = z.object({
  inputWidth: z.number().positive(),
  inputHeight: z.number().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
  padTop: z.number(),
  padLeft: z.number(),
});

export interface LetterBoxInverseOptions {
  /** Clip the boxes to the original image, as Ultralytics' scale_boxes does; default true. */
  readonly clip?: boolean;
}

/**
 * Maps boxes predicted on a letterboxed image (flat xyxy, N x 4, in its pixels) back to the
 * original image: subtract the padding, divide by the scale. `params` are the LetterBox step's
 * params from a trace.
 * @example letterBoxInverse(trace.steps[0].params, [120, 80, 200, 160]) // Float64Array of 4
 */
export function letterBoxInverse(params: unknown, boxes: ArrayLike<number>, opts: LetterBoxInverseOptions = {}): Float64Array {
  const r = inverseParams.safeParse(params);
  if (!r.success) {
    throw new AuguryError({
      code: 'validation',
      message: 'not the params of a LetterBox step',
      key: 'letterBoxInverse.params',
      expected: 'an object with inputWidth, inputHeight, width, height, padTop and padLeft',
      received: show(params),
      hint: 'pass the params of the LetterBox step from the trace of the run that made the image',
    });
  }
  if (boxes.length % 4 !== 0) {
    throw new AuguryError({ code: 'validation', message: 'boxes must be flat xyxy, 4 numbers per box', key: 'letterBoxInverse.boxes', received: `${boxes.length} numbers`, hint: 'pass [x1, y1, x2, y2, x1, y1, ...]' });
  }
  const p = r.data;
  const sx = p.inputWidth / p.width, sy = p.inputHeight / p.height;
  const clip = opts.clip ?? true;
  const out = new Float64Array(boxes.length);
  for (let k = 0; k < boxes.length; k += 2) {
    let x = (boxes[k]! - p.padLeft) * sx;
    let y = (boxes[k + 1]! - p.padTop) * sy;
    if (clip) {
      x = Math.min(p.inputWidth, Math.max(0, x));
      y = Math.min(p.inputHeight, Math.max(0, y));
    }
    out[k] = x;
    out[k + 1] = y;
  }
  return out;
}

/** Alias of `letterBoxInverse` under Ultralytics-style naming. */
export const unletterbox = letterBoxInverse;
