/**
 * RandomRotate90: k counter-clockwise quarter turns, k drawn uniformly from {0, 1, 2, 3} (as
 * Albumentations' `factor` and np.rot90). Odd k swaps width and height. Quarter turns never
 * mirror, so keypoint flip pairs stay.
 *
 * Defaults: p 0.5. YAML: `- {name: RandomRotate90, p: 0.5}`
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { rot90Image, rot90Mask } from '../../functional/geometric/index.js';
import { mat3, type Mat3 } from '../../geometry/matrix.js';
import { exactWarp, warpKernels, type WarpOf } from './warp-kernels.js';

type Rot90Params = { k: number };

/** The forward map of `k` counter-clockwise quarter turns of a `width` x `height` canvas. */
export function rot90Matrix(k: number, width: number, height: number): Mat3 {
  switch (((k % 4) + 4) % 4) {
    case 1:
      return mat3(0, 1, 0, -1, 0, width, 0, 0, 1); // (x, y) -> (y, W - x)
    case 2:
      return mat3(-1, 0, width, 0, -1, height, 0, 0, 1); // (x, y) -> (W - x, H - y)
    case 3:
      return mat3(0, -1, height, 1, 0, 0, 0, 0, 1); // (x, y) -> (H - y, x)
    default:
      return mat3(1, 0, 0, 0, 1, 0, 0, 0, 1);
  }
}

const warp: WarpOf<Rot90Params> = (p, width, height) => {
  const odd = p.k % 2 !== 0;
  return exactWarp(rot90Matrix(p.k, width, height), odd ? height : width, odd ? width : height);
};

export const RandomRotate90 = defineTransform({
  name: 'RandomRotate90',
  family: 'geometric',
  description: 'Turns the image by k counter-clockwise quarter turns, k drawn from {0, 1, 2, 3}; odd k swaps width and height. Pixels move exactly (no resampling) and every target follows.',
  schema: z.object({ p: probability(0.5) }).strict(),
  sample: (rng): Rot90Params => ({ k: rng.int(0, 3) }),
  kernels: warpKernels(warp, { image: (img, p) => rot90Image(img, p.k), mask: (m, p) => rot90Mask(m, p.k) }),
  warp,
  // k = 0 is one of the four draws, so a single run may leave the image unchanged.
  conformance: { options: {}, covers: { param: 'k', range: [0, 3] }, edit: { param: 'k', value: 2 }, mayBeIdentity: true },
});
