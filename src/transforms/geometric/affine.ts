/**
 * Affine: scale, translate, rotate and shear in one map, as Albumentations' Affine.
 *
 * Defaults: when none of `scale`, `translatePercent`, `translatePx`, `rotate`, `shear` is given,
 * Albumentations' random defaults apply (scale [0.9, 1.1] and translatePercent [-0.1, 0.1] per
 * axis, rotate [-15, 15], shear [-10, 10] per axis); once any is given, the others are neutral
 * (scale 1, no shift, no rotation, no shear). center [0.5, 0.5], keepRatio false, fitOutput false,
 * interpolation bilinear, border constant, fill 0, fillMask 0, p 0.5.
 *
 * YAML: `- {name: Affine, scale: [0.8, 1.2], rotate: [-20, 20], translatePercent: {x: [-0.1, 0.1]}}`
 */
import { z } from 'zod';
import { probability, range, type Range, resamplingOptions, resampling, type Resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { affineMatrix, fitCanvas } from './affine-matrix.js';
import { axisRanges, drawAxes, type AxisRanges } from './affine-options.js';
import { warpKernels, type WarpOf } from './warp-kernels.js';

export type AffineParams = {
  scaleX: number;
  scaleY: number;
  /** Shift in pixels (translatePercent is resolved against the image size). */
  translateX: number;
  translateY: number;
  rotate: number;
  shearX: number;
  shearY: number;
  /** Fixed point as fractions of width and height. */
  centerX: number;
  centerY: number;
  fitOutput: boolean;
} & Resampling;

const schema = z
  .object({
    scale: axisRanges({ description: 'scale factor', neutral: 1, min: 0, exclusiveMin: true }).optional(),
    translatePercent: axisRanges({ description: 'shift as a fraction of the image width (x) and height (y)', neutral: 0 }).optional(),
    translatePx: axisRanges({ description: 'shift in whole pixels', neutral: 0, integer: true }).optional(),
    rotate: range({ scalar: 'exact', description: 'rotation angle in degrees, positive = counter-clockwise on screen' }).optional(),
    shear: axisRanges({ description: 'shear angle in degrees (x: lower rows move right; y: right columns move up)', neutral: 0, min: -89, max: 89 }).optional(),
    center: z.tuple([z.number(), z.number()]).default([0.5, 0.5]).describe('fixed point of scale, rotation and shear, as fractions [x, y] of width and height'),
    keepRatio: z.boolean().default(false).describe('use the x scale for y too, so the aspect ratio is kept'),
    fitOutput: z.boolean().default(false).describe('resize the canvas to the whole mapped image (nothing is cut off; translation is then moot)'),
    ...resamplingOptions(),
    p: probability(0.5),
  })
  .strict()
  .refine((o) => o.translatePercent === undefined || o.translatePx === undefined, {
    path: ['translatePx'],
    message: 'give translatePercent or translatePx, not both',
  });

type Options = z.output<typeof schema>;

interface Resolved {
  scale: AxisRanges;
  translate: { kind: 'percent' | 'px'; r: AxisRanges };
  rotate: Range;
  shear: AxisRanges;
}

const NEUTRAL_AXES = (v: number): AxisRanges => ({ x: [v, v], y: [v, v] });

/** Albumentations' rule: no geometric option at all means its random defaults. */
function resolve(o: Options): Resolved {
  if (o.scale === undefined && o.translatePercent === undefined && o.translatePx === undefined && o.rotate === undefined && o.shear === undefined) {
    return {
      scale: { x: [0.9, 1.1], y: [0.9, 1.1] },
      translate: { kind: 'percent', r: { x: [-0.1, 0.1], y: [-0.1, 0.1] } },
      rotate: [-15, 15],
      shear: { x: [-10, 10], y: [-10, 10] },
    };
  }
  return {
    scale: o.scale ?? NEUTRAL_AXES(1),
    translate: o.translatePx !== undefined ? { kind: 'px', r: o.translatePx } : { kind: 'percent', r: o.translatePercent ?? NEUTRAL_AXES(0) },
    rotate: o.rotate ?? [0, 0],
    shear: o.shear ?? NEUTRAL_AXES(0),
  };
}

const warp: WarpOf<AffineParams> = (p, width, height) => {
  const m = affineMatrix({ ...p, centerX: p.centerX * width, centerY: p.centerY * height });
  const fitted = p.fitOutput ? fitCanvas(m, width, height) : { matrix: m, width, height };
  return { ...fitted, ...resampling(p) };
};

export const Affine = defineTransform({
  name: 'Affine',
  family: 'geometric',
  description:
    "Scales, shifts, rotates and shears in one map about `center`, with Albumentations' options and defaults; every target is mapped through the same matrix. `fitOutput` grows the canvas so nothing is cut off.",
  schema,
  sample: (rng, ctx, o): AffineParams => {
    const r = resolve(o);
    const u = (lo: number, hi: number) => rng.uniform(lo, hi);
    let translateX: number, translateY: number;
    if (r.translate.kind === 'px') {
      translateX = rng.int(r.translate.r.x[0], r.translate.r.x[1]);
      translateY = rng.int(r.translate.r.y[0], r.translate.r.y[1]);
    } else {
      const [fx, fy] = drawAxes(r.translate.r, u);
      translateX = fx * ctx.width;
      translateY = fy * ctx.height;
    }
    const [shearX, shearY] = drawAxes(r.shear, u);
    const [scaleX, drawnY] = drawAxes(r.scale, u);
    const rotate = u(r.rotate[0], r.rotate[1]);
    return {
      scaleX,
      scaleY: o.keepRatio ? scaleX : drawnY,
      translateX,
      translateY,
      rotate,
      shearX,
      shearY,
      centerX: o.center[0],
      centerY: o.center[1],
      fitOutput: o.fitOutput,
      ...resampling(o),
    };
  },
  kernels: warpKernels(warp),
  warp,
  conformance: {
    options: { scale: [0.8, 1.2], translatePercent: [-0.1, 0.1], rotate: [-30, 30], shear: [-10, 10] },
    covers: { param: 'rotate', range: [-30, 30] },
    edit: { param: 'rotate', value: 90 },
  },
});
