/**
 * Remapping by per-pixel coordinate maps (elastic, grid and optical distortion).
 *
 * `mapX[i * outWidth + j]`, `mapY[...]` give the continuous input point (u, v) that the centre of
 * output pixel (i, j) shows: the same convention as warp.ts, so identity maps hold j + 0.5 and
 * i + 0.5, and sampling follows sampler.ts. NOTE: OpenCV's cv2.remap maps use pixel-index
 * coordinates; ours are those plus 0.5. A NaN entry writes the fill value.
 */
import type { Image } from '../../targets/image.js';
import type { MaskData, WarpOptions } from '../types.js';
import type { MaskPlaneOf } from './common.js';
import { allocLike, checkBorder, checkImage, checkInterpolation, checkMask, checkMaskFill, checkSize, fillPixel, invalid, storeFor, withData } from './common.js';
import type { PointSampler } from './sampler.js';
import { makeSampler, nearestSampler, planeOf } from './sampler.js';
import type { MaskWarpOptions } from './warp.js';
import { fastWarp, saturationOf } from '../../backend/fast/warp.js';

/**
 * Resamples `img` onto an `outWidth` x `outHeight` canvas through coordinate maps.
 * @example remapImage(img, maps.mapX, maps.mapY, w, h, { interpolation: 'bilinear', border: 'reflect101', fill: 0 })
 */
export function remapImage<I extends Image>(img: I, mapX: Float32Array, mapY: Float32Array, outWidth: number, outHeight: number, opts: WarpOptions): I {
  checkImage(img, 'remapImage');
  checkSize(outWidth, outHeight, 'remapImage');
  checkMaps(mapX, mapY, outWidth, outHeight, 'remapImage');
  checkInterpolation(opts.interpolation, 'remapImage');
  checkBorder(opts.border, 'remapImage');
  const fill = fillPixel(img, opts.fill, 'remapImage');
  const fast = fastWarp(img, { mapX, mapY }, outWidth, outHeight, { interpolation: opts.interpolation, border: opts.border, fill, hi: saturationOf(img) });
  if (fast) return withData(img, outWidth, outHeight, fast);
  const out = allocLike(img.data, outWidth * outHeight * img.channels);
  const sample = makeSampler(planeOf(img), out, opts.interpolation, opts.border, fill, storeFor(img));
  driveMaps(mapX, mapY, img.channels, sample);
  return withData(img, outWidth, outHeight, out as I['data']);
}

/** `remapImage` for a mask plane, always nearest neighbour. */
export function remapMask<T extends MaskData>(mask: MaskPlaneOf<T>, mapX: Float32Array, mapY: Float32Array, outWidth: number, outHeight: number, opts: MaskWarpOptions = {}): MaskPlaneOf<T> {
  checkMask(mask, 'remapMask');
  checkSize(outWidth, outHeight, 'remapMask');
  checkMaps(mapX, mapY, outWidth, outHeight, 'remapMask');
  const border = opts.border ?? 'constant';
  const fill = opts.fill ?? 0;
  checkBorder(border, 'remapMask');
  checkMaskFill(mask.data, fill, 'remapMask');
  const fast = fastWarp({ data: mask.data, width: mask.width, height: mask.height, channels: 1 }, { mapX, mapY }, outWidth, outHeight, { interpolation: 'nearest', border, fill: [fill], hi: 0 });
  if (fast) return { width: outWidth, height: outHeight, data: fast };
  const out = allocLike(mask.data, outWidth * outHeight);
  driveMaps(mapX, mapY, 1, nearestSampler({ data: mask.data, width: mask.width, height: mask.height, channels: 1 }, out, border, [fill]));
  return { width: outWidth, height: outHeight, data: out };
}

function checkMaps(mapX: Float32Array, mapY: Float32Array, w: number, h: number, fn: string): void {
  for (const [name, map] of [['mapX', mapX], ['mapY', mapY]] as const) {
    if (!(map instanceof Float32Array) || map.length !== w * h) {
      throw invalid(`${fn}.${name}`, 'a coordinate map must hold one value per output pixel', `Float32Array of ${w}x${h} = ${w * h}`, map?.length, 'build maps with the field helpers (gridDistortionMaps, opticalDistortionMaps, displacementMaps) for the output size');
    }
  }
}

function driveMaps(mapX: Float32Array, mapY: Float32Array, ch: number, sample: PointSampler): void {
  const n = mapX.length;
  for (let p = 0, o = 0; p < n; p++, o += ch) sample(mapX[p]!, mapY[p]!, o);
}
