/**
 * VerticalFlip: mirror top-bottom. y -> height - y for every target; keypoint flip pairs swap,
 * because a vertical mirror turns a left-right pair into its own mirror image too.
 *
 * Defaults: p 0.5. YAML: `- {name: VerticalFlip, p: 0.5}`
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { vflipImage, vflipMask } from '../../functional/geometric/index.js';
import { vflip } from '../../geometry/matrix.js';
import { exactWarp, warpKernels, type WarpOf } from './warp-kernels.js';

type FlipParams = Record<string, never>;

const warp: WarpOf<FlipParams> = (_p, width, height) => exactWarp(vflip(height), width, height);

export const VerticalFlip = defineTransform({
  name: 'VerticalFlip',
  family: 'geometric',
  description: 'Mirrors the image top-bottom; boxes, polygons, masks and keypoints follow, and keypoint flip pairs swap (a mirror is a mirror, whichever axis).',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): FlipParams => ({}),
  kernels: warpKernels(warp, { image: (img) => vflipImage(img), mask: (m) => vflipMask(m) }),
  warp,
  conformance: { options: {}, deterministic: true },
});
