/**
 * wasm warps and remaps (assembly/warp.ts): constant border, nearest and bilinear ('area' is
 * bilinear for a point sample, as in the reference), every dtype, any channel count. Other
 * borders and filters return null, so the reference runs.
 *
 * Exact (equal to functional/geometric/warp.ts, remap.ts): nearest, bilinear uint16 and float32,
 * and uint8 pixels with a tap outside the source. Bilinear uint8 pixels inside the source (1, 3
 * or 4 channels) run in fixed point, four at a time: within 1 level of the reference, on about
 * 0.13% of the values of a photo, because positions are rounded to 1/16384 pixel and weights to
 * 14 bits (assembly/warp-simd.ts says why; test/backend/warp.test.ts measures it).
 */
import type { Mat3 } from '../../geometry/matrix.js';
import { maxValueOf, type Image } from '../../targets/image.js';
import type { BorderMode, Interpolation } from '../../functional/types.js';
import { arenaFor, type Arena } from '../arena.js';
import { activeWasm } from '../select.js';
import type { WasmModule } from '../wasm.js';
import { fastAxisAlignedWarp } from './resize.js';

type Plane = Uint8Array | Uint16Array | Int32Array | Float32Array;

/** The source plane a warp reads. */
export interface WarpSource {
  readonly data: Plane;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** How the output is sampled; `fill` per channel, already stored as the dtype stores it. */
export interface WarpSampling {
  readonly interpolation: Interpolation;
  readonly border: BorderMode;
  readonly fill: ArrayLike<number>;
  /** Integer saturation value (maxValue of the image); ignored for float32 and nearest. */
  readonly hi: number;
}

/** The points each output pixel shows: an inverse matrix, or per-pixel maps. */
export type WarpPoints = { readonly inverse: Mat3 } | { readonly mapX: Float32Array; readonly mapY: Float32Array };

function dtypeCode(data: Plane): number {
  if (data instanceof Uint8Array) return 0;
  if (data instanceof Uint16Array) return 1;
  if (data instanceof Float32Array) return 2;
  return -1;
}

/** What integer results saturate to (common.ts storeFor); unused for float32. */
export function saturationOf(img: Image): number {
  return img.dtype === 'float32' ? 0 : Math.min(maxValueOf(img), img.dtype === 'uint8' ? 255 : 65535);
}

/** A bilinear kernel handles uint8, uint16 and float32 images; nearest moves any pixel's bytes. */
function handles(src: WarpSource, s: WarpSampling): 'nearest' | 'bilinear' | null {
  if (s.border !== 'constant') return null;
  if (s.interpolation === 'nearest') return 'nearest';
  if (s.interpolation !== 'bilinear' && s.interpolation !== 'area') return null;
  const code = dtypeCode(src.data);
  // The uint8 SIMD path saturates at 255; a uint8 image with a smaller maxValue keeps the reference.
  return code < 0 || (code === 0 && s.hi !== 255) ? null : 'bilinear';
}

/** One pixel of the fill in the plane's own type, as bytes (what nearest copies). */
function fillPixelOf(data: Plane, fill: ArrayLike<number>, channels: number): Plane {
  const Ctor = data.constructor as new (n: number) => Plane;
  const px = new Ctor(channels);
  for (let c = 0; c < channels; c++) px[c] = fill[c]!;
  return px;
}

function putPoints(a: Arena, points: WarpPoints): [number, number] {
  if ('inverse' in points) return [a.put(Float64Array.from(points.inverse)), 0];
  return [a.put(points.mapX), a.put(points.mapY)];
}

function run(mod: WasmModule, kind: 'nearest' | 'bilinear', src: WarpSource, points: WarpPoints, outW: number, outH: number, s: WarpSampling): Plane {
  const a = arenaFor(mod);
  const ch = src.channels;
  const bytes = src.data.BYTES_PER_ELEMENT;
  const sp = a.put(src.data);
  a.alloc(16); // the SIMD path reads up to 8 bytes from a tap's start
  const n = outW * outH * ch;
  const dp = a.alloc(n * bytes + 16); // ... and writes up to 2 bytes past a pixel pair
  const [p0, p1] = putPoints(a, points);
  const matrix = 'inverse' in points;
  if (kind === 'nearest') {
    const fp = a.put(fillPixelOf(src.data, s.fill, ch));
    const fn = matrix ? 'warp_nearest' : 'warp_remap_nearest';
    if (matrix) mod.fn[fn]!(sp, src.width, src.height, ch * bytes, dp, outW, outH, p0, fp);
    else mod.fn[fn]!(sp, src.width, src.height, ch * bytes, dp, outW, outH, p0, p1, fp);
  } else {
    const fp = a.put(Float64Array.from({ length: ch }, (_, c) => s.fill[c]!));
    const code = dtypeCode(src.data);
    if (matrix) mod.fn['warp_bilinear']!(sp, src.width, src.height, ch, dp, outW, outH, p0, fp, code, s.hi);
    else mod.fn['warp_remap_bilinear']!(sp, src.width, src.height, ch, dp, outW, outH, p0, p1, fp, code, s.hi);
  }
  return a.takeLike(src.data, dp, n);
}

/**
 * The warped (or remapped) pixels of `src` on an `outW` x `outH` canvas, or null when wasm is
 * not active or the sampling is not one the kernel handles. Bilinear uint8 warps by an
 * axis-aligned matrix (crops, resizes, flips and their compositions) go to the separable kernel
 * (fast/resize.ts), which gives the generic kernel's pixels away from the edges, 3-4 times
 * faster; `separable: false` forces the generic kernel (tests compare the two).
 */
export function fastWarp<S extends WarpSource>(src: S, points: WarpPoints, outW: number, outH: number, s: WarpSampling, separable = true): S['data'] | null {
  const kind = handles(src, s);
  if (kind === null) return null;
  if (separable && kind === 'bilinear' && 'inverse' in points) {
    const out = fastAxisAlignedWarp(src, points.inverse, outW, outH, s.fill, s.hi);
    if (out) return out as S['data'];
  }
  const mod = activeWasm();
  if (!mod) return null;
  return run(mod, kind, src, points, outW, outH, s);
}
