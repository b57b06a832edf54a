/**
 * One resampling for several warps. The composed matrix maps the original pixels straight to the
 * final canvas; pixels whose path back leaves any intermediate canvas are filled, exactly as
 * step-by-step warping would have cut them off. Only constant borders fuse (a reflected border
 * of an intermediate image cannot be reproduced from the original).
 *
 * Crop + resize + flip chains compose to an axis-aligned matrix (no rotation, shear or
 * perspective): warpImage then resamples separably (backend/fast/resize.ts), and the region the
 * intermediate canvases keep is a rectangle, found per column and per row instead of per pixel.
 */
import { warpImage, warpMask } from '../functional/geometric/index.js';
import type { MaskPlane } from '../functional/types.js';
import { compose, invert, type Mat3 } from '../geometry/matrix.js';
import { isAxisAligned } from '../backend/fast/resize.js';
import type { Image } from '../targets/image.js';
import type { WarpSpec } from './transform.js';

function isImage(x: Image | MaskPlane): x is Image {
  return (x as Image).channels !== undefined;
}

/** Warps `src` through every spec in order with one resampling. */
export function fusedWarp<T extends Image | MaskPlane>(src: T, specs: readonly WarpSpec[]): T {
  const last = specs[specs.length - 1]!;
  const m = compose(...specs.map((s) => s.matrix));
  // Exact steps (flips, quarter turns) do not care about interpolation; the others share one.
  const interpolation = specs.find((s) => !s.exact)?.interpolation ?? 'nearest';
  const out = isImage(src)
    ? warpImage(src, m, last.width, last.height, { interpolation, border: 'constant', fill: last.fill })
    : warpMask(src, m, last.width, last.height, { border: 'constant', fill: last.fillMask });
  if (specs.length > 1) cutIntermediate(out as Image | MaskPlane, specs, isImage(src) ? last.fill : last.fillMask);
  return out as T;
}

/**
 * Fills output pixels whose centre, mapped back through the steps, falls outside an intermediate
 * canvas (the output of any step but the last). Axis-aligned chains cut a rectangle; affine ones
 * a run per row (cutAffineRows); projective ones are checked pixel by pixel. All three give the
 * pixels of the per-pixel rule (`cutIntermediateReference`, compared in test/core/fusion-cut).
 */
function cutIntermediate(out: Image | MaskPlane, specs: readonly WarpSpec[], fill: number | readonly number[]): void {
  const { inv, channels, fills } = cutSetup(out, specs, fill);
  if (inv.slice(1).every(isAxisAligned)) return cutRectangle(out, specs, inv, channels, fills);
  if (inv.slice(1).every((m) => m[6] === 0 && m[7] === 0)) return cutAffineRows(out, specs, inv, channels, fills);
  for (let y = 0; y < out.height; y++) cutRowPerPixel(out, y, specs, inv, channels, fills);
}

/** The per-pixel rule over one row. */
function cutRowPerPixel(out: Image | MaskPlane, y: number, specs: readonly WarpSpec[], inv: readonly Mat3[], channels: number, fills: readonly number[]): void {
  for (let x = 0; x < out.width; x++) if (!keptAt(x, y, specs, inv)) fillAt(out, x, y, channels, fills);
}

/** The inverse of every step, and the fill value per channel. */
function cutSetup(out: Image | MaskPlane, specs: readonly WarpSpec[], fill: number | readonly number[]): { inv: Mat3[]; channels: number; fills: number[] } {
  const channels = isImage(out) ? out.channels : 1;
  const fills = Array.from({ length: channels }, (_, c) => (typeof fill === 'number' ? fill : (fill[c] ?? fill[fill.length - 1] ?? 0)));
  return { inv: specs.map((s) => invert(s.matrix)), channels, fills };
}

/** The per-pixel rule: whether output pixel (x, y) maps back inside every intermediate canvas. */
function keptAt(x: number, y: number, specs: readonly WarpSpec[], inv: readonly Mat3[]): boolean {
  let px = x + 0.5;
  let py = y + 0.5;
  // Back from the final canvas through each step; check each intermediate canvas.
  for (let k = specs.length - 1; k >= 1; k--) {
    const m = inv[k]!;
    const w = m[6]! * px + m[7]! * py + m[8]!;
    const qx = (m[0]! * px + m[1]! * py + m[2]!) / w;
    py = (m[3]! * px + m[4]! * py + m[5]!) / w;
    px = qx;
    const c = specs[k - 1]!;
    if (!(px >= 0 && py >= 0 && px <= c.width && py <= c.height)) return false;
  }
  return true;
}

function fillAt(out: Image | MaskPlane, x: number, y: number, channels: number, fills: readonly number[]): void {
  const o = (y * out.width + x) * channels;
  for (let c = 0; c < channels; c++) out.data[o + c] = fills[c]!;
}

/** The per-pixel rule over every pixel: the reference the faster cuts are tested against. */
export function cutIntermediateReference(out: Image | MaskPlane, specs: readonly WarpSpec[], fill: number | readonly number[]): void {
  const { inv, channels, fills } = cutSetup(out, specs, fill);
  for (let y = 0; y < out.height; y++) cutRowPerPixel(out, y, specs, inv, channels, fills);
}

/** Pixels this close to a computed edge of the kept run are decided by the per-pixel rule. */
const EDGE = 2;
/** Below this slope (canvas units per pixel) a bound is too flat to place: the row goes pixel by pixel. */
const FLAT = 1e-6;

/**
 * `cutIntermediate` for affine steps. Along an output row each intermediate coordinate is an affine
 * function of x, so the kept pixels form one run, [lo, hi]: the intersection of the intervals where
 * each coordinate lies inside its canvas. Rounding can only move a decision next to a computed edge,
 * so pixels within EDGE of lo or hi are decided by the per-pixel rule (the same arithmetic as
 * before); farther ones are kept or filled without evaluation. A row with a near-flat bound goes
 * pixel by pixel. Same pixels as the per-pixel rule; O(rows) work instead of O(pixels x steps).
 */
function cutAffineRows(out: Image | MaskPlane, specs: readonly WarpSpec[], inv: readonly Mat3[], channels: number, fills: readonly number[]): void {
  // comp[k]: final canvas -> the output canvas of step k - 1 (inverse of steps last..k).
  const comp: Mat3[] = [];
  let acc: Mat3 | undefined;
  for (let k = specs.length - 1; k >= 1; k--) {
    acc = acc ? compose(acc, inv[k]!) : inv[k]!;
    comp[k] = acc;
  }
  const { width, height } = out;
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    let lo = -Infinity;
    let hi = Infinity;
    let flat = false;
    for (let k = specs.length - 1; k >= 1 && !flat; k--) {
      const m = comp[k]!;
      const c = specs[k - 1]!;
      for (let axis = 0; axis < 2; axis++) {
        const a = (axis === 0 ? m[0]! : m[3]!) / m[8]!;
        const b = (axis === 0 ? m[1]! * cy + m[2]! : m[4]! * cy + m[5]!) / m[8]!;
        const size = axis === 0 ? c.width : c.height;
        // Kept where 0 <= a (x + 0.5) + b <= size.
        if (Math.abs(a) < FLAT) {
          if (b < -FLAT || b > size + FLAT) lo = Infinity; // the whole row is out
          else if (b < FLAT || b > size - FLAT) flat = true; // on the edge: decide pixel by pixel
          continue;
        }
        const t0 = (0 - b) / a - 0.5;
        const t1 = (size - b) / a - 0.5;
        lo = Math.max(lo, Math.min(t0, t1));
        hi = Math.min(hi, Math.max(t0, t1));
      }
    }
    if (flat) {
      cutRowPerPixel(out, y, specs, inv, channels, fills);
      continue;
    }
    // Sure-in run [inLo, inHi]; pixels within EDGE of lo or hi are checked one by one, and the rest
    // are filled in runs.
    const inLo = Math.max(0, Math.ceil(lo + EDGE));
    const inHi = Math.min(width - 1, Math.floor(hi - EDGE));
    // Pixels near lo or hi: integer windows (empty when the edge is infinite).
    const windows = [lo, hi].filter(Number.isFinite).map((e) => [Math.ceil(e - EDGE - 1), Math.floor(e + EDGE + 1)] as const).sort((p, q) => p[0] - q[0]);
    const settle = (x0: number, x1: number): void => {
      let runStart = x0;
      for (const [w0, w1] of windows) {
        const a0 = Math.max(w0, runStart), a1 = Math.min(w1, x1 - 1);
        if (a0 > a1) continue;
        fillRun(out, y, runStart, a0, channels, fills);
        for (let x = a0; x <= a1; x++) if (!keptAt(x, y, specs, inv)) fillAt(out, x, y, channels, fills);
        runStart = a1 + 1;
      }
      fillRun(out, y, runStart, x1, channels, fills);
    };
    if (inLo > inHi) settle(0, width);
    else {
      settle(0, inLo);
      settle(inHi + 1, width);
    }
  }
}

/** Fills pixels [x0, x1) of row y. */
function fillRun(out: Image | MaskPlane, y: number, x0: number, x1: number, channels: number, fills: readonly number[]): void {
  if (x1 <= x0) return;
  const start = (y * out.width + x0) * channels;
  const end = (y * out.width + x1) * channels;
  if (fills.every((f) => f === fills[0])) out.data.fill(fills[0]!, start, end);
  else for (let o = start; o < end; o += channels) for (let c = 0; c < channels; c++) out.data[o + c] = fills[c]!;
}

/**
 * `cutIntermediate` when every step is axis-aligned: x maps back independently of y, so a pixel
 * is kept exactly when its column and its row are. Same arithmetic as the general loop (its
 * m[1]·y and m[3]·x terms are zero, w is m[8]), hence the same pixels.
 */
function cutRectangle(out: Image | MaskPlane, specs: readonly WarpSpec[], inv: readonly Mat3[], channels: number, fills: readonly number[]): void {
  const keep = (n: number, axis: 0 | 1): Uint8Array => {
    const ok = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let p = i + 0.5;
      let inside = true;
      for (let k = specs.length - 1; k >= 1 && inside; k--) {
        const m = inv[k]!;
        p = axis === 0 ? (m[0]! * p + m[2]!) / m[8]! : (m[4]! * p + m[5]!) / m[8]!;
        inside = p >= 0 && p <= (axis === 0 ? specs[k - 1]!.width : specs[k - 1]!.height);
      }
      ok[i] = inside ? 1 : 0;
    }
    return ok;
  };
  const { width, height, data } = out;
  const cols = keep(width, 0), rows = keep(height, 1);
  for (let y = 0; y < height; y++) {
    const wholeRow = rows[y] === 0;
    for (let x = 0; x < width; x++) {
      if (!wholeRow && cols[x] === 1) continue;
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) data[o + c] = fills[c]!;
    }
  }
}
