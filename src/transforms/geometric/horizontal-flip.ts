/** HorizontalFlip: mirror left-right. x -> width - x for every target; keypoint flip pairs swap. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { hflipImage, hflipMask } from '../../functional/geometric/index.js';
import { hflip } from '../../geometry/matrix.js';
import { exactWarp, warpKernels, type WarpOf } from './warp-kernels.js';

type FlipParams = Record<string, never>;

const warp: WarpOf<FlipParams> = (_p, width, height) => exactWarp(hflip(width), width, height);

export const HorizontalFlip = defineTransform({
  name: 'HorizontalFlip',
  family: 'geometric',
  description: 'Mirrors the image left-right; boxes, polygons, masks and keypoints follow, and keypoint flip pairs (left eye, right eye) swap.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (): FlipParams => ({}),
  kernels: warpKernels(warp, { image: (img) => hflipImage(img), mask: (m) => hflipMask(m) }),
  warp,
  conformance: { options: {}, deterministic: true },
});
