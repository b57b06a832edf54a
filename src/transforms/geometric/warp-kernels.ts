/**
 * Kernels of every transform that is one warp (a 3x3 matrix and an output size): the image and
 * masks are resampled, and boxes, polygons and keypoints are mapped exactly through the same
 * matrix by the geometry layer. Such transforms also expose the warp, which enables fusion.
 */
import type { KernelEnv, Kernels, Params, WarpSpec } from '../../core/transform.js';
import type { Mat3 } from '../../geometry/matrix.js';
import { warpImage, warpMask } from '../../functional/geometric/index.js';
import type { MaskPlane } from '../../functional/types.js';
import { mapBoxes } from '../../geometry/boxes.js';
import { mapKeypoints } from '../../geometry/keypoints.js';
import { mapPolygons } from '../../geometry/polygons.js';
import type { Image } from '../../targets/image.js';

export type WarpOf<P> = (params: P, width: number, height: number) => WarpSpec;

/**
 * The warp of a pixel permutation (flips, transpose, quarter turns): pixel centres land on pixel
 * centres, so it is exact under any interpolation and fuses with any neighbouring warp.
 */
export function exactWarp(matrix: Mat3, width: number, height: number): WarpSpec {
  return { matrix, width, height, interpolation: 'nearest', border: 'constant', fill: 0, fillMask: 0, exact: true };
}

/** Exact fast paths for the pixels (flips, quarter turns, crops) that agree with the warp. */
export interface PixelFastPaths<P> {
  readonly image?: (img: Image, params: P) => Image;
  readonly mask?: (mask: MaskPlane, params: P) => MaskPlane;
}

export function warpKernels<P extends Params>(warpOf: WarpOf<P>, fast: PixelFastPaths<P> = {}): Kernels<P> {
  const specOf = (p: P, env: KernelEnv) => warpOf(p, env.inputWidth, env.inputHeight);
  return {
    image: (img, p) => {
      if (fast.image) return fast.image(img, p);
      const w = warpOf(p, img.width, img.height);
      return warpImage(img, w.matrix, w.width, w.height, { interpolation: w.interpolation, border: w.border, fill: w.fill });
    },
    mask: (m, p) => {
      if (fast.mask) return fast.mask(m, p);
      const w = warpOf(p, m.width, m.height);
      return warpMask(m, w.matrix, w.width, w.height, { border: w.border, fill: w.fillMask });
    },
    boxes: (b, p, env) => {
      const w = specOf(p, env);
      return mapBoxes(b, w.matrix, { width: w.width, height: w.height }, {
        method: env.boxMethod,
        clip: env.clipBoxes,
        ...(env.input.polygons ? { polygons: env.input.polygons } : {}),
        ...(env.instanceMasks ? { instanceMasks: env.instanceMasks } : {}),
      }).boxes;
    },
    polygons: (poly, p, env) => {
      const w = specOf(p, env);
      return mapPolygons(poly, w.matrix, { width: w.width, height: w.height }).polygons;
    },
    keypoints: (k, p, env) => {
      const w = specOf(p, env);
      return mapKeypoints(k, w.matrix, { width: w.width, height: w.height }, { removeInvisible: env.removeInvisibleKeypoints });
    },
    label: 'invariant',
  };
}
