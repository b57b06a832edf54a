/**
 * ShiftScaleRotate: Albumentations' shift, uniform scale and rotation about the image centre,
 * keeping the image size.
 *
 * Defaults: shiftLimit 0.0625 ([-0.0625, 0.0625] of the width and height), scaleLimit 0.1
 * (factors [0.9, 1.1]), rotateLimit 45, interpolation bilinear, border constant, fill 0,
 * fillMask 0, p 0.5.
 *
 * YAML: `- {name: ShiftScaleRotate, shiftLimit: 0.1, scaleLimit: 0.2, rotateLimit: 30}`
 */
import { z } from 'zod';
import { probability, range, resamplingOptions, resampling, type Resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { affineMatrix } from './affine-matrix.js';
import { warpKernels, type WarpOf } from './warp-kernels.js';

export type ShiftScaleRotateParams = {
  /** Degrees, positive = counter-clockwise on screen. */
  angle: number;
  scale: number;
  /** Shift as fractions of the width and height. */
  dx: number;
  dy: number;
} & Resampling;

const shift = (what: string) => range({ scalar: 'symmetric', description: `shift as a fraction of the image ${what}` });

const schema = z
  .object({
    shiftLimit: shift('size (both axes)').prefault(0.0625),
    shiftLimitX: shift('width; overrides shiftLimit for x').optional(),
    shiftLimitY: shift('height; overrides shiftLimit for y').optional(),
    // Albumentations adds 1 to a pair ([-0.1, 0.1] means factors [0.9, 1.1]); here a pair is
    // always the [min, max] of the value itself, as everywhere in augury, and an offset pair is
    // caught because factors must be > 0.
    scaleLimit: range({ scalar: 'one-centered', description: 'scale factor (a pair gives the factors themselves, e.g. [0.9, 1.2])' })
      .refine((r) => r[0] > 0, { message: 'scale factors must be > 0; a pair is [min, max] of the factor itself, e.g. [0.9, 1.1], not offsets from 1' })
      .prefault(0.1),
    rotateLimit: range({ scalar: 'symmetric', description: 'rotation angle in degrees, positive = counter-clockwise on screen' }).prefault(45),
    ...resamplingOptions(),
    p: probability(0.5),
  })
  .strict();

const warp: WarpOf<ShiftScaleRotateParams> = (p, width, height) => ({
  // Albumentations: getRotationMatrix2D(centre, angle, scale), then + (dx·W, dy·H).
  matrix: affineMatrix({
    scaleX: p.scale,
    scaleY: p.scale,
    rotate: p.angle,
    shearX: 0,
    shearY: 0,
    translateX: p.dx * width,
    translateY: p.dy * height,
    centerX: width / 2,
    centerY: height / 2,
  }),
  width,
  height,
  ...resampling(p),
});

export const ShiftScaleRotate = defineTransform({
  name: 'ShiftScaleRotate',
  family: 'geometric',
  description:
    'Shifts, scales and rotates about the image centre with one random draw each, keeping the size; every target follows exactly. The default border is constant (Albumentations reflects), so no unlabelled mirrored copies of objects appear.',
  schema,
  sample: (rng, _ctx, o): ShiftScaleRotateParams => {
    const sx = o.shiftLimitX ?? o.shiftLimit;
    const sy = o.shiftLimitY ?? o.shiftLimit;
    // Albumentations' draw order: angle, scale, dx, dy.
    return {
      angle: rng.uniform(o.rotateLimit[0], o.rotateLimit[1]),
      scale: rng.uniform(o.scaleLimit[0], o.scaleLimit[1]),
      dx: rng.uniform(sx[0], sx[1]),
      dy: rng.uniform(sy[0], sy[1]),
      ...resampling(o),
    };
  },
  kernels: warpKernels(warp),
  warp,
  conformance: {
    options: { shiftLimit: 0.1, scaleLimit: 0.2, rotateLimit: 30 },
    covers: { param: 'angle', range: [-30, 30] },
    edit: { param: 'angle', value: 90 },
  },
});
