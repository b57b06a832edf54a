/** RandomResizedCrop: a random window of random area and aspect ratio, resized to a fixed size. */
import { z } from 'zod';
import { interpolation, probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import type { Rng } from '../../core/rng.js';
import { roundHalfEven } from '../../functional/geometric/index.js';
import { planKernels, planWarp } from './crop-plan.js';
import { resizedWindowPlan, type ResizedWindowParams, type Window } from './crop-window.js';
import { roundSize, sizeOption } from './resize-options.js';

/**
 * torchvision's RandomResizedCrop.get_params: up to 10 attempts of an area fraction uniform in
 * `scale` and an aspect ratio (width / height) log-uniform in `ratio`; the first window that fits
 * is placed uniformly. If none fits, the central crop with the aspect ratio clamped into
 * `ratio`.
 */
export function randomResizedWindow(rng: Rng, W: number, H: number, scale: readonly [number, number], ratio: readonly [number, number]): Window {
  const area = W * H;
  const logLo = Math.log(ratio[0]), logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(logLo, logHi));
    const w = roundHalfEven(Math.sqrt(target * aspect));
    const h = roundHalfEven(Math.sqrt(target / aspect));
    if (w > 0 && w <= W && h > 0 && h <= H) {
      const yMin = rng.int(0, H - h);
      const xMin = rng.int(0, W - w);
      return { xMin, yMin, xMax: xMin + w, yMax: yMin + h };
    }
  }
  const inRatio = W / H;
  let w = W, h = H;
  if (inRatio < ratio[0]) h = Math.min(H, roundSize(W / ratio[0]));
  else if (inRatio > ratio[1]) w = Math.min(W, roundSize(H * ratio[1]));
  const yMin = Math.floor((H - h) / 2), xMin = Math.floor((W - w) / 2);
  return { xMin, yMin, xMax: xMin + w, yMax: yMin + h };
}

/**
 * RandomResizedCrop (torchvision semantics, the Inception-style crop): a window covering an area
 * fraction drawn from `scale` with aspect ratio (width / height) log-uniform in `ratio`, placed
 * uniformly, then resized to `size` with `interpolation`. After 10 windows that do not fit, the
 * central crop with the ratio clamped into `ratio` is used. Params: the window and output size.
 *
 * Defaults: size required, scale [0.08, 1], ratio [3/4, 4/3], interpolation bilinear, p 1.
 * @example `- {name: RandomResizedCrop, size: 224, scale: [0.08, 1]}`
 */
export const RandomResizedCrop = defineTransform({
  name: 'RandomResizedCrop',
  family: 'geometric',
  description:
    'Cuts a window of random area fraction (`scale`) and aspect ratio (`ratio`, width / height, log-uniform) at a random position and resizes it to `size` (torchvision semantics, with its central-crop fallback).',
  schema: z
    .object({
      size: sizeOption('output size'),
      scale: range({ scalar: 'exact', min: 0, max: 1, description: 'area of the window as a fraction of the image' }).prefault([0.08, 1]),
      ratio: range({ scalar: 'exact', min: 1e-3, description: 'aspect ratio (width / height) of the window, drawn log-uniformly' }).prefault([3 / 4, 4 / 3]),
      interpolation: interpolation('bilinear'),
      p: probability(1),
    })
    .strict(),
  sample: (rng, ctx, o): ResizedWindowParams => ({
    ...randomResizedWindow(rng, ctx.width, ctx.height, o.scale, o.ratio),
    width: o.size.width,
    height: o.size.height,
    interpolation: o.interpolation,
  }),
  kernels: planKernels(resizedWindowPlan),
  warp: planWarp(resizedWindowPlan),
  conformance: {
    options: { size: [24, 32], scale: [0.25, 0.25], ratio: [1, 1] },
    covers: { param: 'xMin', range: [0, 36] },
    edit: { param: 'xMin', value: -4 },
  },
});
