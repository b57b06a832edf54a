/**
 * wasm separable correlation (assembly/blur.ts) for the reference sepFilter
 * (functional/blur-noise/convolve.ts):
 * - uint8 with taps in [0, 1) (Gaussian, box): 16-bit fixed point. Outputs are within 1 grey
 *   level of the reference: the plan below proves an error bound < 0.5 for the quantized taps
 *   before it is used. On the bench photos about 0.1% of the values of a 5x5 Gaussian (sigma 1.1)
 *   differ, by 1 (0.06-0.1% for 7x7 to 19x19). Kernels whose column taps have at most 7 fraction
 *   bits and whose row taps are exact in Q15 (OpenCV's fixed 3/5/7 kernels, box 2/4/8) are
 *   computed exactly with ties to even: equal to the reference.
 * - everything else (uint16, float32, negative taps, a tap of ~1, fills that are not 0..255
 *   integers): f64 with the reference's sums in its order, equal bit for bit.
 * Every border mode works: the caller passes its border tables. Also here: convolve2d (MotionBlur)
 * in f64, equal bit for bit, and the 3x3 and 5x5 uint8 medians, exact.
 * Every border mode works: the caller passes its border tables.
 */
import type { BorderMode } from '../../functional/types.js';
import type { Image } from '../../targets/image.js';
import { arenaFor } from '../arena.js';
import { activeWasm } from '../select.js';

const DTYPE_CODE = { uint8: 0, uint16: 1, float32: 2 } as const;

interface FixedPlan {
  /** Tap words for i32x4.dot_i16x8_s: two taps a word (low, high 16 bits), splatted (see words). */
  readonly qx: Int32Array;
  readonly qy: Int32Array;
  /** Rows / columns as sums of mirrored taps first (symmetric odd kernels up to 15 taps). */
  readonly symX: boolean;
  readonly symY: boolean;
  /** 16384 * sum(qx): T is stored minus 16384. */
  readonly offX: number;
  /** T of a constant column per fill value (biased like T). */
  readonly tfill: Uint16Array;
  /** Every step exact: round ties to even as the reference does. */
  readonly exact: boolean;
  /** Largest possible |result - reference| before rounding. */
  readonly bound: number;
}

/** Taps in fixed point with `bits` fraction bits; the sum forced to 1 when the kernel's is 1. */
function quantize(k: ArrayLike<number>, bits: number): Int32Array {
  // (the residue can push the centre tap to 2^15 when it is ~1: the caller rejects taps > 32767)
  const one = 2 ** bits;
  const q = Int32Array.from({ length: k.length }, (_, i) => Math.round(k[i]! * one));
  let sum = 0, ksum = 0;
  for (let i = 0; i < k.length; i++) {
    sum += q[i]!;
    ksum += k[i]!;
  }
  // A normalized kernel keeps flat regions exactly flat: the centre tap (odd sizes, so symmetry
  // is kept) takes the rounding residue.
  if (Math.abs(ksum - 1) < 1e-9 && k.length % 2 === 1) q[k.length >> 1]! += one - sum;
  return q;
}

/** Taps two a word (low, high 16 bits), each word repeated four times (an i32x4 splat), at least 4 words. */
function words(q: ArrayLike<number>): Int32Array {
  const n = Math.max(4, (q.length + 1) >> 1);
  const out = new Int32Array(4 * n);
  for (let g = 0; g < n; g++) out.fill(((q[2 * g] ?? 0) & 0xffff) | ((q[2 * g + 1] ?? 0) << 16), 4 * g, 4 * g + 4);
  return out;
}

/**
 * The fixed-point plan, or null when the kernel does not fit it: a negative tap, a tap that does
 * not fit Q15 (about 1 or more), a fill that is not an integer in 0..255, sums that could
 * overflow, or an error bound of 0.5 or more (outputs could then differ by 2).
 * Bound: columns off by dY = sum|qy - ky| and T rounded to 1/128 put T within 255 dY + 2^-8 of its
 * exact value; the rows then add 255 * sum(ky) * dX, and scale the first part by sum(qx).
 */
function fixedPlan(kx: ArrayLike<number>, ky: ArrayLike<number>, fills: readonly number[]): FixedPlan | null {
  if (!fills.every((f) => Number.isInteger(f) && f >= 0 && f <= 255)) return null;
  // Q15 taps (dot_i16x8_s multiplies signed 16-bit lanes), so every tap must stay below 1: a
  // one-tap axis (ksize 1) goes to the f64 path.
  const bitsX = 15, bitsY = 15;
  const qx = quantize(kx, bitsX), qy = quantize(ky, bitsY);
  const fits = (k: ArrayLike<number>, q: Int32Array) => {
    for (let i = 0; i < k.length; i++) if (!(k[i]! >= 0) || q[i]! < 0 || q[i]! > 32767) return false;
    return true;
  };
  if (!fits(kx, qx) || !fits(ky, qy)) return null;
  let dX = 0, dY = 0, sumQx = 0, sumQy = 0, sumKy = 0;
  let exact = true;
  for (let i = 0; i < kx.length; i++) {
    dX += Math.abs(qx[i]! / 2 ** bitsX - kx[i]!);
    sumQx += qx[i]!;
    exact &&= qx[i]! / 2 ** bitsX === kx[i]!;
  }
  for (let i = 0; i < ky.length; i++) {
    dY += Math.abs(qy[i]! / 2 ** bitsY - ky[i]!);
    sumQy += qy[i]!;
    sumKy += ky[i]!;
    // T keeps 7 fraction bits: exact when the column taps have no more.
    exact &&= Number.isInteger(ky[i]! * 128) && qy[i]! / 2 ** bitsY === ky[i]!;
  }
  const shiftY = bitsY - 7, shiftX = bitsX + 7;
  // T = round(255 * sumQy / 2^shiftY) must stay <= 32767 (stored minus 16384 in i16), and the
  // row sums sum(qx * T) + half < 2^31.
  const tMax = Math.floor((255 * sumQy + 2 ** (shiftY - 1)) / 2 ** shiftY);
  if (tMax > 32767 || tMax * sumQx + 2 ** (shiftX - 1) >= 2 ** 31) return null;
  const bound = exact ? 0 : (sumQx / 2 ** bitsX) * (255 * dY + 2 ** -8) + 255 * sumKy * dX;
  if (!(bound < 0.5 - 1e-6)) return null;
  const half = ky.length >> 1;
  // The kernel pairs mirrored taps for up to 15 taps (8 terms); longer kernels go in order.
  const symmetric = (q: Int32Array) => q.length % 2 === 1 && q.length <= 15 && q.every((v, i) => v === q[q.length - 1 - i]);
  const symX = symmetric(qx), symY = symmetric(qy);
  return {
    qx: words(symX ? qx.slice(0, (qx.length >> 1) + 1) : qx),
    qy: words(symY ? qy.slice(0, half + 1) : qy),
    symX,
    symY,
    offX: 16384 * sumQx,
    tfill: Uint16Array.from(fills, (f) => (Math.floor((f * sumQy + 2 ** (shiftY - 1)) / 2 ** shiftY) - 16384) & 0xffff),
    exact,
    bound,
  };
}

/** The last plan: a transform called again with the same kernel skips the planning. */
let last: { kx: number[]; ky: number[]; fills: readonly number[]; plan: FixedPlan | null } | null = null;

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function planFor(kx: ArrayLike<number>, ky: ArrayLike<number>, fills: readonly number[]): FixedPlan | null {
  if (last && sameValues(last.kx, kx) && sameValues(last.ky, ky) && sameValues(last.fills, fills)) return last.plan;
  const plan = fixedPlan(kx, ky, fills);
  last = { kx: Array.from(kx), ky: Array.from(ky), fills: fills.slice(), plan };
  return plan;
}

/**
 * The filtered pixel array, or null when wasm is not active. `xt`/`yt` are the reference's border
 * tables (source index per padded position, -1 for the constant border), `fills` one value per
 * channel, `sumKx` the reference's sum of kx (a constant-border row's row pass is fill * sumKx).
 */
export function fastSepFilter<D extends Image['data']>(
  data: D, dtype: Image['dtype'], w: number, h: number, c: number,
  kx: ArrayLike<number>, ky: ArrayLike<number>, border: BorderMode, xt: Int32Array, yt: Int32Array, fills: readonly number[], sumKx: number,
): D | null {
  const plan = dtype === 'uint8' ? planFor(kx, ky, fills) : null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const n = w * c;
  const kw = kx.length, kh = ky.length;
  const src = a.put(data);
  const dst = a.alloc(n * h * data.BYTES_PER_ELEMENT + 16);
  const rows = a.alloc(kh * 4);
  const xtAt = a.put(xt);
  const ytAt = a.put(yt);
  if (plan) {
    // The unrolled row pass reads 8 taps whatever the kernel's size (the extra taps are 0).
    const T = a.alloc(((w + Math.max(kw, 8) - 1) * c + 64) * 2);
    const zeroRow = a.alloc(n + 16);
    a.view(Uint8Array, zeroRow, n + 16).fill(0);
    let fillRow = zeroRow;
    if (border === 'constant' && fills.some((f) => f !== 0)) {
      fillRow = a.alloc(n + 16);
      const fr = a.view(Uint8Array, fillRow, n + 16);
      for (let i = 0; i < n + 16; i++) fr[i] = fills[i % c]!;
    }
    mod.fn['blur_sep_u8_fixed']!(
      src, dst, w, h, c, T, rows, fillRow, zeroRow, a.put(plan.tfill),
      a.put(plan.qx), kw, a.put(plan.qy), kh, plan.symY ? 1 : 0, xtAt, ytAt,
      plan.offX, plan.exact ? 1 : 0, plan.symX ? 1 : 0,
    );
  } else {
    // A ring of kh + 1 row passes holds every row an output row reads when the border reflects,
    // replicates or is constant and the kernel fits the image; otherwise keep them all.
    const ring = border !== 'wrap' && kh <= h ? kh + 1 : 0;
    const S = (n + 15) & ~15;
    const pad = a.alloc((S + (kw - 1) * c + 16) * 8);
    const tmp = a.alloc(((ring || h) + 1) * S * 8);
    mod.fn['blur_sep_f64']!(
      src, dst, w, h, c, DTYPE_CODE[dtype], pad, tmp, rows,
      a.put(Float64Array.from(kx)), kw, a.put(Float64Array.from(ky)), kh, xtAt, ytAt, a.put(Float64Array.from(fills)), sumKx, ring,
    );
  }
  return a.takeLike(data, dst, n * h);
}

/** Which uint8 path a kernel takes and its error bound (for tests and docs). */
export function blurPlanOf(kx: ArrayLike<number>, ky: ArrayLike<number>, fills: readonly number[] = [0]): { path: 'fixed' | 'f64'; exact: boolean; bound: number } {
  const p = fixedPlan(kx, ky, fills);
  return p ? { path: 'fixed', exact: p.exact, bound: p.bound } : { path: 'f64', exact: true, bound: 0 };
}

/**
 * wasm convolve2d (assembly/blur-conv.ts): the non-zero taps in the reference's order, summed in
 * f64 from 0 in that order, so equal to the reference bit for bit for every dtype and border.
 * `taps` as the reference lists them; tables and fills as for fastSepFilter. Null when wasm is
 * not active.
 */
export function fastConvolve2d<D extends Image['data']>(
  data: D, dtype: Image['dtype'], w: number, h: number, c: number,
  taps: readonly { dx: number; dy: number; v: number }[], kw: number, kh: number,
  border: BorderMode, xt: Int32Array, yt: Int32Array, fills: readonly number[],
): D | null {
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const n = w * c;
  const ring = border !== 'wrap' && kh <= h ? kh + 1 : 0;
  const S = (w + kw - 1) * c + 8;
  const src = a.put(data);
  const dst = a.alloc(n * h * data.BYTES_PER_ELEMENT + 16);
  mod.fn['blur_conv2d_f64']!(
    src, dst, w, h, c, DTYPE_CODE[dtype],
    a.put(Float64Array.from(taps, (t) => t.v)), a.put(Int32Array.from(taps, (t) => t.dx * c * 8)), a.put(Int32Array.from(taps, (t) => t.dy * 4)), taps.length, kw, kh,
    a.put(xt), a.put(yt), a.put(Float64Array.from(fills)), a.alloc(((ring || h) + 1) * S * 8), a.alloc(kh * 4), ring,
  );
  return a.takeLike(data, dst, n * h);
}

/**
 * wasm 3x3 and 5x5 median of a uint8 image (assembly/median.ts), replicate border by the caller's
 * tables (r = 1 or 2 each side): a median is one of its inputs, so equal to the reference. Null
 * when wasm is not active or for other sizes.
 */
export function fastMedian(data: Uint8Array, w: number, h: number, c: number, ksize: number, xt: Int32Array, yt: Int32Array): Uint8Array | null {
  if (ksize !== 3 && ksize !== 5) return null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const n = w * c;
  const src = a.put(data);
  const dst = a.alloc(n * h + 16);
  if (ksize === 3) {
    const row = (w + 2) * c + 32;
    mod.fn['median_u8_3']!(src, dst, w, h, c, a.put(xt), a.put(yt), a.alloc(row), a.alloc(row), a.alloc(row));
  } else {
    mod.fn['median_u8_5']!(src, dst, w, h, c, a.put(xt), a.put(yt), a.alloc(5 * ((w + 4) * c + 48)));
  }
  return a.take(Uint8Array, dst, n * h);
}
