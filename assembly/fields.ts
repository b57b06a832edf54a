// ElasticTransform's displacement fields (src/functional/geometric/fields.ts elasticField): per
// pixel uniform(-1, 1) from the seed's Rng stream (all x draws, then all y draws), smoothed by a
// separable Gaussian along rows then columns with a 'reflect' border, times alpha, stored as f32.
// Every sum runs in f64 in the reference's order (0 + k[0] x[0] + k[1] x[1] + ...), so the fields
// are equal to the reference bit for bit.
import { noise_fill_u32, noise_seed } from './noise';

const INV_2_32: f64 = 1.0 / 4294967296.0;

/**
 * kernel: 2r + 1 f64 taps; cols: w + 2r i32 (the source column of padded position j - r); rows:
 * h + 2r i32 likewise. Scratch: raw and tmp f64 (w * h each), pad f64 (w + 2r + 8), words u32
 * (w * h). dx, dy: f32 outputs (w * h each). r < 0 skips smoothing (sigma 0).
 */
export function fields_elastic(
  w: i32, h: i32, alpha: f64, seed: u32, kernel: usize, r: i32, cols: usize, rows: usize,
  raw: usize, tmp: usize, pad: usize, words: usize, dx: usize, dy: usize,
): void {
  const n = w * h;
  noise_seed(seed);
  for (let f = 0; f < 2; f++) {
    // uniform(-1, 1) = -1 + 2 * (u32 / 2^32), exact in f64.
    noise_fill_u32(words, n);
    for (let p = 0; p < n; p++) store<f64>(raw + (<usize>p << 3), -1.0 + 2.0 * (<f64>load<u32>(words + (<usize>p << 2)) * INV_2_32));
    const out = f == 0 ? dx : dy;
    if (r < 0) {
      scaleStore(raw, out, n, alpha);
      continue;
    }
    for (let i = 0; i < h; i++) rowPass(raw + (<usize>(i * w) << 3), tmp + (<usize>(i * w) << 3), pad, w, kernel, r, cols);
    for (let i = 0; i < h; i++) columnPass(tmp, raw + (<usize>(i * w) << 3), w, i, kernel, r, rows);
    scaleStore(raw, out, n, alpha);
  }
}

function scaleStore(src: usize, out: usize, n: i32, alpha: f64): void {
  for (let p = 0; p < n; p++) store<f32>(out + (<usize>p << 2), <f32>(load<f64>(src + (<usize>p << 3)) * alpha));
}

/** One row: padded by the column table, then sum_t k[t] * pad[j + t], 8 values a step. */
function rowPass(src: usize, dst: usize, pad: usize, w: i32, kernel: usize, r: i32, cols: usize): void {
  const padded = w + 2 * r;
  for (let j = 0; j < padded; j++) store<f64>(pad + (<usize>j << 3), load<f64>(src + (<usize>load<i32>(cols + (<usize>j << 2)) << 3)));
  const taps = 2 * r + 1;
  const zero = f64x2.splat(0);
  let j = 0;
  for (; j + 8 <= w; j += 8) {
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    let p = pad + (<usize>j << 3);
    for (let t = 0; t < taps; t++) {
      const k = f64x2.splat(load<f64>(kernel + (<usize>t << 3)));
      a0 = f64x2.add(a0, f64x2.mul(k, v128.load(p)));
      a1 = f64x2.add(a1, f64x2.mul(k, v128.load(p, 16)));
      a2 = f64x2.add(a2, f64x2.mul(k, v128.load(p, 32)));
      a3 = f64x2.add(a3, f64x2.mul(k, v128.load(p, 48)));
      p += 8;
    }
    const d = dst + (<usize>j << 3);
    v128.store(d, a0);
    v128.store(d, a1, 16);
    v128.store(d, a2, 32);
    v128.store(d, a3, 48);
  }
  for (; j < w; j++) {
    let a: f64 = 0;
    for (let t = 0; t < taps; t++) a += load<f64>(kernel + (<usize>t << 3)) * load<f64>(pad + (<usize>(j + t) << 3));
    store<f64>(dst + (<usize>j << 3), a);
  }
}

/** Output row i: sum_t k[t] * tmp[row(i - r + t)], 8 values a step. */
function columnPass(tmp: usize, dst: usize, w: i32, i: i32, kernel: usize, r: i32, rows: usize): void {
  const taps = 2 * r + 1;
  const rowBytes = <usize>w << 3;
  const zero = f64x2.splat(0);
  let j = 0;
  for (; j + 8 <= w; j += 8) {
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    const off = <usize>j << 3;
    for (let t = 0; t < taps; t++) {
      const k = f64x2.splat(load<f64>(kernel + (<usize>t << 3)));
      const p = tmp + <usize>load<i32>(rows + (<usize>(i + t) << 2)) * rowBytes + off;
      a0 = f64x2.add(a0, f64x2.mul(k, v128.load(p)));
      a1 = f64x2.add(a1, f64x2.mul(k, v128.load(p, 16)));
      a2 = f64x2.add(a2, f64x2.mul(k, v128.load(p, 32)));
      a3 = f64x2.add(a3, f64x2.mul(k, v128.load(p, 48)));
    }
    const d = dst + off;
    v128.store(d, a0);
    v128.store(d, a1, 16);
    v128.store(d, a2, 32);
    v128.store(d, a3, 48);
  }
  for (; j < w; j++) {
    let a: f64 = 0;
    for (let t = 0; t < taps; t++) {
      a += load<f64>(kernel + (<usize>t << 3)) * load<f64>(tmp + <usize>load<i32>(rows + (<usize>(i + t) << 2)) * rowBytes + (<usize>j << 3));
    }
    store<f64>(dst + (<usize>j << 3), a);
  }
}
