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
 * canvas (the output of any step but the last).
 */
function cutIntermediate(out: Image | MaskPlane, specs: readonly WarpSpec[], fill: number | readonly number[]): void {
  const inv: Mat3[] = specs.map((s) => invert(s.matrix));
  const channels = isImage(out) ? out.channels : 1;
  const fills = Array.from({ length: channels }, (_, c) => (typeof fill === 'number' ? fill : (fill[c] ?? fill[fill.length - 1] ?? 0)));
  if (inv.slice(1).every(isAxisAligned)) return cutRectangle(out, specs, inv, channels, fills);
  const { width, height, data } = out;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let px = x + 0.5;
      let py = y + 0.5;
      let inside = true;
      // Back from the final canvas through each step; check each intermediate canvas. Inlined
      // projective map: this runs once per output pixel and step.
      for (let k = specs.length - 1; k >= 1; k--) {
        const m = inv[k]!;
        const w = m[6]! * px + m[7]! * py + m[8]!;
        const qx = (m[0]! * px + m[1]! * py + m[2]!) / w;
        py = (m[3]! * px + m[4]! * py + m[5]!) / w;
        px = qx;
        const c = specs[k - 1]!;
        if (!(px >= 0 && py >= 0 && px <= c.width && py <= c.height)) {
          inside = false;
          break;
        }
      }
      if (!inside) {
        const o = (y * width + x) * channels;
        for (let c = 0; c < channels; c++) data[o + c] = fills[c]!;
      }
    }
  }
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
