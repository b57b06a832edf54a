/**
 * CoarseDropout: fills random rectangles (holes) with a constant or noise (Albumentations 1.3
 * CoarseDropout).
 *
 * Defaults: `maxHoles: 8`, `maxHeight: 8`, `maxWidth: 8`, `minHoles`/`minHeight`/`minWidth` equal
 * to their max, `fillValue: 0`, `maskFillValue` unset, `p: 0.5`. Sizes are whole pixels (1 or
 * more) or a share of the image side (below 1); a min and its max must be the same kind. As in
 * Albumentations, the hole count and pixel sizes are drawn as integers in [min, max], shares as
 * floor(side * uniform(min, max)); a hole larger than the image is cut to the image size.
 *
 * Labels (see holes.ts): box visibility is multiplied by the share of the box left uncovered, then
 * the pipeline's filters (`boxes.minVisibility`, ...) apply; a visible keypoint (2) in a hole
 * becomes occluded (1); polygons and labels are invariant (the object is still there).
 * Masks: invariant unless `maskFillValue` is set; then label maps (and extra masks) get it in
 * the holes, and instance masks are cleared there (0: the hole hides that part of the object;
 * a nonzero value would paint every instance into the hole).
 * @example {name: CoarseDropout, maxHoles: 8, maxHeight: 0.1, maxWidth: 0.1, fillValue: 0, p: 0.5}
 */
import { z } from 'zod';
import type { Rng } from '../../core/rng.js';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { fillMaskRects, fillRects } from '../../functional/occlusion/index.js';
import { oneOf } from '../blur-noise/common.js';
import { holeFill, isFill, occludeBoxes, occludeKeypoints, type Hole } from './holes.js';

type FillValue = number | number[] | 'random' | 'random_uniform';
const isFillValue = (v: unknown): v is FillValue => v === 'random' || v === 'random_uniform' || isFill(v);

type CoarseDropoutParams = {
  holes: Hole[];
  fill: FillValue;
  maskFillValue: number | null;
  /** Only for the random fills: drives the per-pixel (or per-hole) values. */
  seed?: number;
};

const holeSide = (what: string) =>
  z
    .number()
    .positive()
    .refine((v) => v < 1 || Number.isInteger(v), { message: 'expected whole pixels (1 or more) or a share of the image side below 1' })
    .describe(`${what}: whole pixels (1 or more), or a share of the image side below 1`);

/** A hole side in pixels: integer bounds draw an integer, shares draw floor(side * uniform). */
function drawSide(rng: Rng, lo: number, hi: number, side: number): number {
  const v = lo >= 1 ? rng.int(lo, hi) : Math.floor(side * rng.uniform(lo, hi));
  return Math.min(v, side);
}

export const CoarseDropout = defineTransform({
  name: 'CoarseDropout',
  family: 'occlusion',
  description:
    'Fills between `minHoles` and `maxHoles` random rectangles with `fillValue`. Boxes lose visibility by the share the holes cover (so `minVisibility` can drop them), visible keypoints in a hole become occluded, and masks get `maskFillValue` when it is set.',
  schema: z
    .object({
      maxHoles: z.number().int().min(1).default(8).describe('most holes per image'),
      minHoles: z.number().int().min(0).optional().describe('fewest holes per image; default maxHoles'),
      maxHeight: holeSide('largest hole height').default(8),
      minHeight: holeSide('smallest hole height; default maxHeight').optional(),
      maxWidth: holeSide('largest hole width').default(8),
      minWidth: holeSide('smallest hole width; default maxWidth').optional(),
      fillValue: oneOf(isFillValue, "a number, a list of 1 to 4 numbers (one per channel), 'random' or 'random_uniform'")
        .default(0)
        .describe("what fills the holes: a value in the image value scale (one, or one per channel), 'random' (noise per pixel) or 'random_uniform' (one random colour per hole)"),
      maskFillValue: z.number().int().nullish().describe('label written into masks under the holes; unset leaves masks unchanged'),
      p: probability(0.5),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (o.minHoles !== undefined && o.minHoles > o.maxHoles) {
        ctx.addIssue({ code: 'custom', path: ['minHoles'], message: `expected minHoles <= maxHoles (${o.maxHoles})` });
      }
      for (const [lo, hi, name] of [[o.minHeight, o.maxHeight, 'Height'], [o.minWidth, o.maxWidth, 'Width']] as const) {
        if (lo === undefined) continue;
        if (lo < 1 !== hi < 1) {
          ctx.addIssue({ code: 'custom', path: [`min${name}`], message: `min${name} and max${name} must both be pixels (1 or more) or both shares of the side (below 1)` });
        } else if (lo > hi) {
          ctx.addIssue({ code: 'custom', path: [`min${name}`], message: `expected min${name} <= max${name} (${hi})` });
        }
      }
    }),
  sample: (rng, ctx, o): CoarseDropoutParams => {
    const { width: w, height: h } = ctx;
    const n = rng.int(o.minHoles ?? o.maxHoles, o.maxHoles);
    const holes: Hole[] = [];
    for (let k = 0; k < n; k++) {
      // Albumentations' order: height, width, then the top-left corner (y before x).
      const hh = drawSide(rng, o.minHeight ?? o.maxHeight, o.maxHeight, h);
      const ww = drawSide(rng, o.minWidth ?? o.maxWidth, o.maxWidth, w);
      const y1 = rng.int(0, h - hh);
      const x1 = rng.int(0, w - ww);
      holes.push({ x1, y1, x2: x1 + ww, y2: y1 + hh });
    }
    const random = o.fillValue === 'random' || o.fillValue === 'random_uniform';
    return { holes, fill: o.fillValue, maskFillValue: o.maskFillValue ?? null, ...(random ? { seed: rng.subSeed() } : {}) };
  },
  kernels: {
    image: (img, p) => fillRects(img, p.holes, holeFill(p.fill, img, 'CoarseDropout.fillValue'), p.seed ?? 0),
    mask: (m, p, env) => {
      if (p.maskFillValue === null || p.maskFillValue === undefined) return m;
      const instance = env.input.instanceMasks?.masks.some((d) => d === m.data) ?? false;
      return fillMaskRects(m, p.holes, instance ? 0 : p.maskFillValue);
    },
    boxes: (b, p) => occludeBoxes(b, p.holes),
    polygons: 'invariant',
    keypoints: (k, p) => occludeKeypoints(k, p.holes),
    label: 'invariant',
  },
  conformance: {
    options: { minHoles: 1, maxHoles: 4, minHeight: 4, maxHeight: 12, minWidth: 4, maxWidth: 12, maskFillValue: 0 },
    edit: { param: 'fill', value: 255 },
  },
});
