/**
 * One resampling for several warps. The composed matrix maps the original pixels straight to the
 * final canvas; pixels whose path back leaves any intermediate canvas are filled, exactly as
 * step-by-step warping would have cut them off. Only constant borders fuse (a reflected border
 * of an intermediate image cannot be reproduced from the original).
 */
import { warpImage, warpMask } from '../functional/geometric/index.js';
import type { MaskPlane } from '../functional/types.js';
import { compose, invert, type Mat3 } from '../geometry/matrix.js';
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
