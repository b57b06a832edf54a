/**
 * Downscale: loses detail by resizing down and back up (Albumentations Downscale).
 *
 * Defaults: `scaleRange: [0.25, 0.25]`, `interpolation: nearest` both ways (Albumentations'
 * default pair), `p: 0.5`. `interpolation` is one filter for both passes, or
 * `{downscale, upscale}` (Albumentations' interpolation_pair). The output keeps the input size.
 * Labels: the image keeps its size and no content moves, so every target is invariant.
 * @example {name: Downscale, scaleRange: [0.25, 0.5], interpolation: {downscale: area, upscale: bilinear}}
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { downscale } from '../../functional/blur-noise/index.js';
import type { Interpolation } from '../../functional/types.js';
import { oneOf, pixelOnlyKernels } from './common.js';

type DownscaleParams = { scale: number; down: Interpolation; up: Interpolation };

const FILTERS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];
const isFilter = (v: unknown): v is Interpolation => FILTERS.includes(v as Interpolation);
type Pair = Interpolation | { downscale: Interpolation; upscale: Interpolation };

function isPair(v: unknown): v is Pair {
  if (isFilter(v)) return true;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  return keys.length === 2 && isFilter(o['downscale']) && isFilter(o['upscale']);
}

export const Downscale = defineTransform({
  name: 'Downscale',
  family: 'blur-noise',
  description:
    'Resizes the image to a scale drawn from `scaleRange` and back to its size, leaving the blocky or blurry look of a low-resolution source. Labels are unchanged.',
  schema: z
    .object({
      scaleRange: range({ scalar: 'exact', min: 0, max: 1, description: 'size of the intermediate image as a share of the original, above 0' }).prefault([0.25, 0.25]),
      interpolation: oneOf(isPair, `one of ${FILTERS.join(', ')}, or {downscale, upscale} with one of them each`)
        .default('nearest')
        .describe("image resampling filter of both passes, or {downscale, upscale} (Albumentations' interpolation_pair)"),
      p: probability(0.5),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (!(o.scaleRange[0] > 0)) ctx.addIssue({ code: 'custom', path: ['scaleRange'], message: 'the scale must be above 0 (0 would leave no pixel); use e.g. [0.25, 0.5]' });
    }),
  sample: (rng, _ctx, o): DownscaleParams => {
    const i = o.interpolation;
    return {
      scale: rng.uniform(o.scaleRange[0], o.scaleRange[1]),
      down: typeof i === 'string' ? i : i.downscale,
      up: typeof i === 'string' ? i : i.upscale,
    };
  },
  kernels: pixelOnlyKernels<DownscaleParams>((img, p) => downscale(img, p.scale, p.down, p.up)),
  conformance: { options: { scaleRange: [0.25, 0.5] }, covers: { param: 'scale', range: [0.25, 0.5] }, edit: { param: 'scale', value: 1 } },
});
