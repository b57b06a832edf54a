/**
 * A small separable resize on float64 planes, private to `downscale`.
 * TODO: use the shared resizeImage from src/functional/geometric once it exists, so Downscale and
 * Resize resample identically.
 *
 * Half-pixel centres: output pixel x has its centre at source coordinate (x + 0.5) * sw / dw.
 * - nearest: the source pixel containing that centre, floor((x + 0.5) * sw / dw);
 * - bilinear: taps at index coordinate (x + 0.5) * sw / dw - 0.5, clamped to [0, sw - 1] (OpenCV
 *   clamps the same way, which is a replicate border);
 * - area: the mean of the source over the output pixel's footprint [x * s, (x + 1) * s), s = sw / dw,
 *   each source pixel weighted by its overlap (exact box filter; for enlargement it blends at most
 *   two neighbours).
 */
export type ResizeFilter = 'nearest' | 'bilinear' | 'area';

/** One axis's taps: for output i, source indices idx[off[i] .. off[i+1]) with weights w[..]. */
interface Taps {
  off: Int32Array;
  idx: Int32Array;
  w: Float64Array;
}

function axisTaps(sn: number, dn: number, filter: ResizeFilter): Taps {
  const scale = sn / dn;
  const idx: number[] = [];
  const w: number[] = [];
  const off = new Int32Array(dn + 1);
  for (let i = 0; i < dn; i++) {
    off[i] = idx.length;
    if (filter === 'nearest') {
      idx.push(Math.min(sn - 1, Math.floor((i + 0.5) * scale)));
      w.push(1);
    } else if (filter === 'bilinear') {
      const f = Math.min(sn - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const i0 = Math.floor(f);
      const t = f - i0;
      idx.push(i0);
      w.push(1 - t);
      if (t > 0) {
        idx.push(Math.min(sn - 1, i0 + 1));
        w.push(t);
      }
    } else {
      const a = i * scale;
      const b = (i + 1) * scale;
      for (let s = Math.floor(a); s < b && s < sn; s++) {
        const overlap = Math.min(b, s + 1) - Math.max(a, s);
        if (overlap > 0) {
          idx.push(s);
          w.push(overlap / scale);
        }
      }
    }
  }
  off[dn] = idx.length;
  return { off, idx: Int32Array.from(idx), w: Float64Array.from(w) };
}

/** Resizes interleaved float64 pixels (sw x sh x c) to dw x dh, rows first, then columns. */
export function resizePlane(src: Float64Array, sw: number, sh: number, c: number, dw: number, dh: number, filterX: ResizeFilter, filterY: ResizeFilter = filterX): Float64Array {
  const tx = axisTaps(sw, dw, filterX);
  const ty = axisTaps(sh, dh, filterY);
  const mid = new Float64Array(dw * sh * c);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < dw; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let k = tx.off[x]!; k < tx.off[x + 1]!; k++) s += tx.w[k]! * src[(y * sw + tx.idx[k]!) * c + ch]!;
        mid[(y * dw + x) * c + ch] = s;
      }
    }
  }
  const out = new Float64Array(dw * dh * c);
  const stride = dw * c;
  for (let y = 0; y < dh; y++) {
    for (let i = 0; i < stride; i++) {
      let s = 0;
      for (let k = ty.off[y]!; k < ty.off[y + 1]!; k++) s += ty.w[k]! * mid[ty.idx[k]! * stride + i]!;
      out[y * stride + i] = s;
    }
  }
  return out;
}
