/**
 * BBoxOnlyCutout: a square hole inside each chosen box (Zoph et al. 2019, Cutout_Only_BBoxes), or
 * a hole sized by a share of the box and centred in it (BBox_Cutout, with `fraction` and
 * `clipToBox: false`, which the detection policies draw for one box).
 *
 * A hole is centred on a pixel drawn uniformly in the box's region (stored as shares `u`, `v` of
 * the region, so it follows the box); its half sides are `halfSize` pixels, or (params only) `fraction` times
 * half the region's sides, and it is cut to the region (`clipToBox`) or to the image. Labels
 * follow the occlusion rule (src/transforms/occlusion/holes.ts): box visibility is multiplied by
 * the share left uncovered, visible keypoints in a hole become occluded, polygons, masks and
 * labels are unchanged (the object is still there behind the hole).
 *
 * Defaults: `halfSize: [2, 8]`, `boxProbability: 0.5`, `fill: 0`, p 0.5.
 * @example `- {name: BBoxOnlyCutout, halfSize: [4, 12], fill: 128}`
 */
import { z } from 'zod';
import { fill, probability, range } from '../../core/schema.js';
import { defineTransform, type KernelEnv } from '../../core/transform.js';
import { fillRects } from '../../functional/occlusion/index.js';
import type { Fill } from '../../functional/types.js';
import { constantFill, occludeBoxes, occludeKeypoints, type Hole } from '../occlusion/holes.js';
import { boxProbability, sampleRows } from './common.js';
import { regionsOf } from './regions.js';

export type Cut = { row: number; u: number; v: number };
export type BBoxOnlyCutoutParams = {
  cuts: Cut[];
  /** Half side of the hole in pixels (used when `fraction` is null). */
  halfSize: number;
  /** Half sides as this share of half the region's sides (BBox_Cutout), or null. */
  fraction: number | null;
  clipToBox: boolean;
  fill: Fill;
};

/** The holes of the params on the boxes the step receives. */
export function cutoutHoles(p: BBoxOnlyCutoutParams, env: Pick<KernelEnv, 'input' | 'inputWidth' | 'inputHeight'>): Hole[] {
  const holes: Hole[] = [];
  for (const c of p.cuts) {
    const [r] = regionsOf([c.row], env);
    if (!r) continue;
    const w = r.x1 - r.x0, h = r.y1 - r.y0;
    const cx = r.x0 + Math.min(w - 1, Math.floor(c.u * w));
    const cy = r.y0 + Math.min(h - 1, Math.floor(c.v * h));
    const hw = p.fraction === null ? p.halfSize : Math.trunc((p.fraction * w) / 2);
    const hh = p.fraction === null ? p.halfSize : Math.trunc((p.fraction * h) / 2);
    const [lx, ly, hx, hy] = p.clipToBox ? [r.x0, r.y0, r.x1, r.y1] : [0, 0, env.inputWidth, env.inputHeight];
    const hole = { x1: Math.max(lx, cx - hw), y1: Math.max(ly, cy - hh), x2: Math.min(hx, cx + hw), y2: Math.min(hy, cy + hh) };
    if (hole.x2 > hole.x1 && hole.y2 > hole.y1) holes.push(hole);
  }
  return holes;
}

export const BBoxOnlyCutout = defineTransform({
  name: 'BBoxOnlyCutout',
  family: 'bbox-only',
  description:
    "Fills a square hole inside each chosen box (the detection policies' BBox-only cutout and BBox_Cutout). Boxes lose visibility by the share the hole covers, visible keypoints in it become occluded; polygons and masks are unchanged.",
  schema: z
    .object({
      halfSize: range({ scalar: 'exact', integer: true, min: 0, description: 'half the side of the hole in pixels' }).prefault([2, 8]),
      boxProbability: boxProbability(),
      fill: fill(),
      p: probability(0.5),
    })
    .strict(),
  samplesFromTargets: true,
  sample: (rng, ctx, o): BBoxOnlyCutoutParams => {
    const rows = sampleRows(rng, ctx, o.boxProbability);
    const pixels = rng.int(o.halfSize[0], o.halfSize[1]);
    return { cuts: rows.map((row) => ({ row, u: rng.next(), v: rng.next() })), halfSize: pixels, fraction: null, clipToBox: true, fill: o.fill };
  },
  kernels: {
    image: (img, p, env) => {
      const holes = cutoutHoles(p, env);
      return holes.length === 0 ? img : fillRects(img, holes, constantFill(p.fill, img, 'BBoxOnlyCutout.fill'));
    },
    mask: 'invariant',
    boxes: (b, p, env) => occludeBoxes(b, cutoutHoles(p, env)),
    polygons: 'invariant',
    keypoints: (k, p, env) => occludeKeypoints(k, cutoutHoles(p, env)),
    label: 'invariant',
  },
  conformance: { options: { halfSize: [2, 6], boxProbability: 1, fill: 255 }, covers: { param: 'halfSize', range: [2, 6] }, edit: { param: 'fill', value: 0 } },
});
