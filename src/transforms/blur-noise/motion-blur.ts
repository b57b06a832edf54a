/**
 * MotionBlur: averaging along a straight line, the blur of a camera or object moving during the
 * exposure (Albumentations MotionBlur, with its `angle_range` and `direction_range`).
 *
 * Defaults: `blurLimit: [3, 7]`, `angleRange: [0, 360]`, `directionRange: [-1, 1]`, `p: 0.5`.
 * Albumentations' `allow_shifted` is left out on purpose: it moves the line off the kernel centre,
 * which translates the whole image by up to half a kernel with no label following it.
 * Labels are invariant: the kernel is anchored at its centre, so an object stays where its label
 * says and the streak extends from there (to one side only when direction is +-1, by at most half
 * the line length), as the smear of a real moving object would.
 * @example {name: MotionBlur, blurLimit: [5, 9], angleRange: [-10, 10], p: 0.3}
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { motionBlur } from '../../functional/blur-noise/index.js';
import { blurLimit, drawKernelSize, pixelOnlyKernels } from './common.js';

type MotionBlurParams = { ksize: number; angle: number; direction: number };

export const MotionBlur = defineTransform({
  name: 'MotionBlur',
  family: 'blur-noise',
  description:
    'Averages along a line of odd length from `blurLimit` at an angle from `angleRange` (degrees, 0 = horizontal, 90 = vertical); `direction` -1..1 makes the streak run backward, centred or forward. Labels are unchanged.',
  schema: z
    .object({
      blurLimit: blurLimit({ scalarFrom: 3, min: 3, description: 'line length (kernel size) in pixels' }).prefault([3, 7]),
      angleRange: range({ scalar: 'symmetric', description: 'angle of the motion in degrees, clockwise on screen from the x axis' }).prefault([0, 360]),
      directionRange: range({ scalar: 'symmetric', min: -1, max: 1, description: 'where the line lies about its centre: -1 backward only, 0 centred, 1 forward only' }).prefault([-1, 1]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): MotionBlurParams => ({
    ksize: drawKernelSize(rng, o.blurLimit),
    angle: rng.uniform(o.angleRange[0], o.angleRange[1]),
    direction: rng.uniform(o.directionRange[0], o.directionRange[1]),
  }),
  kernels: pixelOnlyKernels<MotionBlurParams>((img, p) => motionBlur(img, p.ksize, p.angle, p.direction)),
  conformance: {
    options: { blurLimit: [5, 9], angleRange: [-45, 45] },
    covers: { param: 'angle', range: [-45, 45] },
    edit: { param: 'angle', value: 90 },
  },
});
