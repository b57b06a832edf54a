/** ColorJitter: four color adjustments in a random, recorded order (torchvision). */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform, type KernelEnv } from '../../core/transform.js';
import { colorJitter, JITTER_OPS, type JitterOp } from '../../functional/color/index.js';
import { ANY_IMAGE, badParam, colorKernels, imageKernel } from './common.js';

export { JITTER_OPS, type JitterOp };

export type ColorJitterParams = {
  brightness: number;
  contrast: number;
  saturation: number;
  hue: number;
  /** The four ops in the order they are applied. */
  order: JitterOp[];
};

const factor = (what: string) =>
  range({ scalar: 'one-centered', min: 0, description: `${what} factor (1 is the identity)` }).prefault(0.2);

function checkOrder(order: unknown, env: KernelEnv): JitterOp[] {
  const ok =
    Array.isArray(order) &&
    order.length === JITTER_OPS.length &&
    JITTER_OPS.every((op) => order.includes(op));
  if (!ok) {
    throw badParam('ColorJitter', 'order', env, `a permutation of ${JSON.stringify(JITTER_OPS)}`, order, 'list each of the four ops exactly once, in the order they should run');
  }
  return order as JitterOp[];
}

/**
 * ColorJitter with torchvision's semantics: brightness, contrast and saturation factors drawn from
 * one-centered ranges, a hue shift in [-0.5, 0.5] of the hue circle, and the four adjustments
 * applied in a random order drawn per call. The order is part of the params, so a trace replays
 * it and an edited trace can change it.
 *
 * Brightness, contrast and saturation follow PIL `ImageEnhance` (what torchvision runs on PIL
 * images); hue follows torchvision's tensor `adjust_hue`. An op whose factor is exactly the
 * identity (1, or 0 for hue) is skipped, as torchvision skips an op whose range is the identity.
 * Any dtype, 1, 3 or 4 channels (alpha kept); saturation and hue leave gray images unchanged.
 *
 * Defaults: brightness 0.2, contrast 0.2, saturation 0.2, hue 0.2, p 0.5.
 * @example `- {name: ColorJitter, brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1}`
 */
export const ColorJitter = defineTransform({
  name: 'ColorJitter',
  family: 'color',
  description:
    "torchvision's ColorJitter: brightness, contrast and saturation factors and a hue shift, applied in a random order that is recorded in the params. Any dtype and channel count; labels are unchanged.",
  schema: z
    .object({
      brightness: factor('brightness'),
      contrast: factor('contrast'),
      saturation: factor('saturation'),
      hue: range({ scalar: 'symmetric', min: -0.5, max: 0.5, description: 'hue shift as a fraction of the hue circle (0.5 = 180 degrees)' }).prefault(0.2),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): ColorJitterParams => {
    // torchvision draws the order first, then the factors.
    const order = rng.shuffle(JITTER_OPS);
    return {
      brightness: rng.uniform(o.brightness[0], o.brightness[1]),
      contrast: rng.uniform(o.contrast[0], o.contrast[1]),
      saturation: rng.uniform(o.saturation[0], o.saturation[1]),
      hue: rng.uniform(o.hue[0], o.hue[1]),
      order,
    };
  },
  kernels: colorKernels(
    imageKernel<ColorJitterParams>('ColorJitter', ANY_IMAGE, (img, p, env) => colorJitter(img, { ...p, order: checkOrder(p.order, env) })),
  ),
  conformance: {
    options: { brightness: 0.3, contrast: 0.3, saturation: 0.3, hue: 0.1 },
    covers: { param: 'hue', range: [-0.1, 0.1] },
    edit: { param: 'brightness', value: 0 },
  },
});
