/**
 * wasm separable bilinear resampling (assembly/resize.ts) of uint8 images with 1, 3 or 4
 * channels: resizeImage's bilinear filter, cropResizeImage (a crop window resized in one pass),
 * and warps whose matrix is axis-aligned (fused crop + resize + flip). Fixed point with 14-bit weights: within 1 level of the float64 reference,
 * equal to it where the weights lie on the 1/16384 grid (test/backend/resize.test.ts).
 *
 * This module builds the taps: per output column the byte offsets of the two source pixels in a
 * row (-1 for the fill) and the weights w0 | w1 << 16 (w0 + w1 = 16384); per output row the two
 * source rows (-1 for a row of fill) and their weights.
 */
import type { Mat3 } from '../../geometry/matrix.js';
import type { Image } from '../../targets/image.js';
import { arenaFor } from '../arena.js';
import { activeWasm } from '../select.js';

const ONE = 16384;
const MAGIC = 6755399441055744; // 1.5 * 2^52: adding it rounds a double to an integer, half to even

/** Taps along one axis: tap indices (-1 = outside, the fill) and packed weights. */
interface AxisTaps {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w: Int32Array;
}

function pack(w1: number): number {
  return (ONE - w1) | (w1 << 16);
}

/**
 * resize.ts filterTaps for 'bilinear' on an axis of `inN` pixels: pixel-index position
 * (2i + 1)·in / (2·out) - 0.5, edge pixels replicated. A weight that rounds to a whole 1 moves to
 * the next tap. The taps are then shifted by `by` (a crop window's origin) into an axis of `n`
 * pixels, where those outside read the fill (-1).
 */
function resizeAxis(inN: number, outN: number, by = 0, n = inN): AxisTaps {
  const i0 = new Int32Array(outN), i1 = new Int32Array(outN), w = new Int32Array(outN);
  for (let i = 0; i < outN; i++) {
    const p = ((2 * i + 1) * inN - outN) / (2 * outN);
    let x0 = Math.floor(p);
    let w1 = Math.round((p - x0) * ONE);
    if (w1 === ONE) (x0 += 1), (w1 = 0);
    const a = Math.min(Math.max(x0, 0), inN - 1) + by, b = Math.min(Math.max(x0 + 1, 0), inN - 1) + by;
    i0[i] = a >= 0 && a < n ? a : -1;
    i1[i] = b >= 0 && b < n ? b : -1;
    w[i] = pack(w1);
  }
  return { i0, i1, w };
}

/**
 * Taps of an axis-aligned warp, computed as the wasm warp computes them (assembly/warp.ts,
 * affine rows: S = (u - 0.5)·2^14 rounded half to even, x0 = S >> 14, weight S & 0x3fff), so
 * interior pixels equal the generic wasm warp's; taps outside the source read the fill
 * (constant border). `s(i)` is S before rounding, in the warp's order of operations.
 */
function warpAxis(inN: number, outN: number, s: (i: number) => number): AxisTaps {
  const i0 = new Int32Array(outN), i1 = new Int32Array(outN), w = new Int32Array(outN);
  for (let i = 0; i < outN; i++) {
    const r = Math.min(Math.max(s(i), -(2 ** 30)), 2 ** 30) + MAGIC - MAGIC;
    const x0 = Math.floor(r / ONE);
    i0[i] = x0 >= 0 && x0 < inN ? x0 : -1;
    i1[i] = x0 + 1 >= 0 && x0 + 1 < inN ? x0 + 1 : -1;
    w[i] = pack(r - x0 * ONE);
  }
  return { i0, i1, w };
}

/** The source plane the separable kernel reads: uint8, 1, 3 or 4 channels. */
export interface SeparableSource {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

function handles(data: ArrayBufferView, channels: number, maxValue: number): boolean {
  return data instanceof Uint8Array && (channels === 1 || channels === 3 || channels === 4) && maxValue === 255;
}

/**
 * Everything the kernel reads besides the pixels, in one Int32Array (sections 16-byte aligned):
 * column offsets and weights, row taps; and the regular columns.
 */
interface Plan {
  readonly layout: Int32Array;
  readonly at: { offs0: number; offs1: number; wts: number; wv: number; rows: number };
  readonly jL: number;
  readonly jR: number;
}

function planOf(ch: number, cols: AxisTaps, rows: AxisTaps): Plan {
  const outW = cols.w.length, outH = rows.w.length;
  let jL = -1, jR = -1;
  for (let j = 0; j < outW; j++) {
    const a = cols.i0[j]!;
    // Regular columns: both taps inside and adjacent. They form one run (taps move monotonically).
    if (a >= 0 && cols.i1[j] === a + 1) {
      if (jL < 0) jL = j;
      jR = j + 1;
    }
  }
  if (jL < 0) jL = jR = 0;
  const up = (n: number) => (n + 3) & ~3;
  // wv: the weights per value (each column's repeated ch times), read by the 3-channel row pass
  // four columns at a time; the other channel counts do without it.
  const nv = ch === 3 ? up(outW * ch) : 0;
  const at = { offs0: 0, offs1: up(outW), wts: 2 * up(outW), wv: 3 * up(outW), rows: 3 * up(outW) + nv };
  const layout = new Int32Array(at.rows + 3 * outH);
  for (let j = 0; j < outW; j++) {
    const a = cols.i0[j]!, b = cols.i1[j]!;
    layout[at.offs0 + j] = a < 0 ? -1 : a * ch;
    layout[at.offs1 + j] = b < 0 ? -1 : b * ch;
    layout[at.wts + j] = cols.w[j]!;
    if (nv) layout.fill(cols.w[j]!, at.wv + j * ch, at.wv + (j + 1) * ch);
  }
  for (let i = 0; i < outH; i++) {
    layout[at.rows + 3 * i] = rows.i0[i]!;
    layout[at.rows + 3 * i + 1] = rows.i1[i]!;
    layout[at.rows + 3 * i + 2] = rows.w[i]!;
  }
  return { layout, at, jL, jR };
}

/**
 * Runs the kernel. Only bytes [range[0], range[1]) of the source are copied in (the rows the
 * taps read); the kernel's source pointer is placed so that image offsets still apply.
 */
function run(img: SeparableSource, outW: number, outH: number, plan: Plan, fill: ArrayLike<number>, range: readonly [number, number] = [0, img.data.length]): Uint8Array | null {
  const mod = activeWasm();
  if (!mod) return null;
  const ch = img.channels;
  const a = arenaFor(mod);
  const sp = a.put(img.data.subarray(range[0], range[1])) - range[0];
  a.alloc(16); // tap loads read 4 bytes from a pixel's start
  const n = outW * outH * ch;
  const dp = a.alloc(n + 16); // the column pass writes whole 16-byte blocks
  const fp = a.put(Uint8Array.from({ length: 4 }, (_, c) => (c < ch ? fill[c]! : 0)));
  const lp = a.put(plan.layout);
  const scratch = a.alloc(3 * (outW * ch + 32) * 2);
  const { at } = plan;
  mod.fn['resize_bilinear_u8']!(sp, img.width, ch, dp, outW, outH, lp + 4 * at.offs0, lp + 4 * at.offs1, lp + 4 * at.wts, lp + 4 * at.wv, plan.jL, plan.jR, lp + 4 * at.rows, fp, scratch);
  return a.take(Uint8Array, dp, n);
}

/** Plans of recent resizes, by sizes and channels: a dataset usually repeats a few. */
const resizePlans = new Map<string, Plan>();

/** resizeImage's bilinear filter, or null when wasm is not active or the image is not uint8 1/3/4. */
export function fastResizeBilinear(img: Image, outW: number, outH: number): Uint8Array | null {
  if (!handles(img.data, img.channels, img.maxValue ?? 255)) return null;
  const key = `${img.width},${img.height},${outW},${outH},${img.channels}`;
  let plan = resizePlans.get(key);
  if (!plan) {
    plan = planOf(img.channels, resizeAxis(img.width, outW), resizeAxis(img.height, outH));
    if (resizePlans.size >= 16) resizePlans.delete(resizePlans.keys().next().value!);
    resizePlans.set(key, plan);
  }
  return run(img as SeparableSource, outW, outH, plan, [0, 0, 0, 0]);
}

/**
 * resizeImage of cropImage's window (x, y, width, height), in one pass over the source: the
 * resize's taps, shifted by the window's origin; taps outside the image read `fill` (crop's
 * constant fill), so the pixels equal the two steps' wasm kernels. Null when not handled.
 */
export function fastCropResizeBilinear(img: Image, x: number, y: number, width: number, height: number, outW: number, outH: number, fill: ArrayLike<number>): Uint8Array | null {
  if (!handles(img.data, img.channels, img.maxValue ?? 255)) return null;
  const cols = resizeAxis(width, outW, x, img.width), rows = resizeAxis(height, outH, y, img.height);
  // Only the window's rows are copied in (the byte range from its first to its last pixel).
  const stride = img.width * img.channels;
  const y0 = Math.max(0, y), y1 = Math.min(img.height, y + height);
  const range: [number, number] = y1 > y0 ? [y0 * stride, y1 * stride] : [0, 0];
  return run(img as SeparableSource, outW, outH, planOf(img.channels, cols, rows), fill, range);
}

/** Whether a matrix maps axes to axes (no rotation, shear or perspective); scales may be negative. */
export function isAxisAligned(m: Mat3): boolean {
  return m[1] === 0 && m[3] === 0 && m[6] === 0 && m[7] === 0;
}

/**
 * A bilinear warp (constant border, `fill` already stored) by an axis-aligned matrix, given its
 * INVERSE, through the separable kernel; null when wasm is not active or the case is not handled
 * (`hi`: the image's saturation value, 255 for a plain uint8 image).
 */
export function fastAxisAlignedWarp(img: { data: ArrayBufferView; width: number; height: number; channels: number }, inverse: Mat3, outW: number, outH: number, fill: ArrayLike<number>, hi: number): Uint8Array | null {
  if (!handles(img.data, img.channels, hi) || !isAxisAligned(inverse)) return null;
  const [a, , c, , e, f, , , k] = inverse as unknown as number[] as [number, number, number, number, number, number, number, number, number];
  // Columns: (a / k · 2^14)·x + (c / k - 0.5)·2^14; rows: ((e·y + f) / k - 0.5)·2^14 (the warp's
  // per-row constant, since d = 0).
  const sa = (a / k) * ONE, sc = (c / k - 0.5) * ONE;
  const cols = warpAxis(img.width, outW, (j) => sa * (j + 0.5) + sc);
  const rows = warpAxis(img.height, outH, (i) => ((e * (i + 0.5) + f) / k - 0.5) * ONE);
  return run(img as SeparableSource, outW, outH, planOf(img.channels, cols, rows), fill);
}
