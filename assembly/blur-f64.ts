// The exact path of the separable correlation (see blur.ts): any dtype in f64x2, with the
// reference's sums (0 + k[0] x[0] + k[1] x[1] + ...) in the reference's order, so the results are
// equal bit for bit. Row passes are kept in a ring of kh + 1 rows when the border allows (the JS
// side decides), else one per source row.

/** dtype: 0 uint8, 1 uint16, 2 float32 (stored as computed, no clamp, as the reference). */
export function blur_sep_f64(
  src: usize, dst: usize, w: i32, h: i32, c: i32, dtype: i32,
  pad: usize, tmp: usize, rows: usize,
  kx: usize, kw: i32, ky: usize, kh: i32,
  xt: usize, yt: usize, fills: usize, sumKx: f64, ring: i32,
): void {
  const n = w * c;
  const S = (n + 15) & ~15;
  const rowBytes = <usize>S << 3;
  const slots = ring > 0 ? ring : h;
  const constRow = tmp + <usize>slots * rowBytes;
  for (let j = 0; j < S; j++) store<f64>(constRow + (<usize>j << 3), load<f64>(fills + (<usize>(j % c) << 3)) * sumKx);
  const esize = dtype == 0 ? 1 : dtype == 1 ? 2 : 4;
  let done = 0;
  const zero = f64x2.splat(0);
  for (let y = 0; y < h; y++) {
    let need = -1;
    for (let k = 0; k < kh; k++) {
      const sy = load<i32>(yt + (<usize>(y + k) << 2));
      store<usize>(rows + (<usize>k << 2), sy < 0 ? constRow : tmp + <usize>(sy % slots) * rowBytes);
      if (sy > need) need = sy;
    }
    for (; done <= need; done++) {
      rowPassF64(src + <usize>done * <usize>(n * esize), dtype, pad, tmp + <usize>(done % slots) * rowBytes, w, c, S, kx, kw, xt, fills);
    }
    const out = dst + <usize>y * <usize>(n * esize);
    for (let j = 0; j < n; j += 8) {
      const off = <usize>j << 3;
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      for (let k = 0; k < kh; k++) {
        const r = load<usize>(rows + (<usize>k << 2)) + off;
        const kv = f64x2.splat(load<f64>(ky + (<usize>k << 3)));
        a0 = f64x2.add(a0, f64x2.mul(kv, v128.load(r)));
        a1 = f64x2.add(a1, f64x2.mul(kv, v128.load(r, 16)));
        a2 = f64x2.add(a2, f64x2.mul(kv, v128.load(r, 32)));
        a3 = f64x2.add(a3, f64x2.mul(kv, v128.load(r, 48)));
      }
      const count = min(8, n - j);
      if (dtype == 2) {
        const lo = v128.shuffle<i64>(f32x4.demote_f64x2_zero(a0), f32x4.demote_f64x2_zero(a1), 0, 2);
        const hi = v128.shuffle<i64>(f32x4.demote_f64x2_zero(a2), f32x4.demote_f64x2_zero(a3), 0, 2);
        const p = out + (<usize>j << 2);
        if (count == 8) {
          v128.store(p, lo);
          v128.store(p, hi, 16);
        } else {
          for (let l = 0; l < count; l++) store<f32>(p + (<usize>l << 2), <f32>laneF64(l, a0, a1, a2, a3));
        }
      } else {
        const i0 = v128.shuffle<i64>(i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(a0)), i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(a1)), 0, 2);
        const i1 = v128.shuffle<i64>(i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(a2)), i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(a3)), 0, 2);
        if (dtype == 1) {
          const p = out + (<usize>j << 1);
          if (count == 8) v128.store(p, i16x8.narrow_i32x4_u(i0, i1));
          else for (let l = 0; l < count; l++) store<u16>(p + (<usize>l << 1), <u16>clampRound(laneF64(l, a0, a1, a2, a3), 65535));
        } else {
          const p = out + <usize>j;
          // Signed narrowing first: i8x16.narrow_i16x8_u reads its lanes as signed.
          const s16 = i16x8.narrow_i32x4_s(i0, i1);
          if (count == 8) v128.store64_lane(p, i8x16.narrow_i16x8_u(s16, s16), 0);
          else for (let l = 0; l < count; l++) store<u8>(p + <usize>l, <u8>clampRound(laneF64(l, a0, a1, a2, a3), 255));
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline function clampRound(v: f64, hi: f64): f64 {
  return nearest<f64>(min<f64>(max<f64>(v, 0), hi));
}

function laneF64(l: i32, a0: v128, a1: v128, a2: v128, a3: v128): f64 {
  const v = l < 2 ? a0 : l < 4 ? a1 : l < 6 ? a2 : a3;
  return (l & 1) == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
}

function rowPassF64(srow: usize, dtype: i32, pad: usize, T: usize, w: i32, c: i32, S: i32, kx: usize, kw: i32, xt: usize, fills: usize): void {
  const n = w * c;
  const ax = kw >> 1;
  const inner = pad + (<usize>(ax * c) << 3);
  if (dtype == 0) for (let i = 0; i < n; i++) store<f64>(inner + (<usize>i << 3), <f64>load<u8>(srow + <usize>i));
  else if (dtype == 1) for (let i = 0; i < n; i++) store<f64>(inner + (<usize>i << 3), <f64>load<u16>(srow + (<usize>i << 1)));
  else for (let i = 0; i < n; i++) store<f64>(inner + (<usize>i << 3), <f64>load<f32>(srow + (<usize>i << 2)));
  const padded = w + kw - 1;
  for (let q = 0; q < padded; q++) {
    if (q == ax) q = ax + w;
    if (q >= padded) break;
    const sx = load<i32>(xt + (<usize>q << 2));
    for (let ch = 0; ch < c; ch++) {
      const at = sx * c + ch;
      const v = sx < 0 ? load<f64>(fills + (<usize>ch << 3))
        : dtype == 0 ? <f64>load<u8>(srow + <usize>at)
        : dtype == 1 ? <f64>load<u16>(srow + (<usize>at << 1))
        : <f64>load<f32>(srow + (<usize>at << 2));
      store<f64>(pad + (<usize>(q * c + ch) << 3), v);
    }
  }
  const zero = f64x2.splat(0);
  for (let j = 0; j < S; j += 8) {
    const p0 = pad + (<usize>j << 3);
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    for (let k = 0; k < kw; k++) {
      const p = p0 + (<usize>(k * c) << 3);
      const kv = f64x2.splat(load<f64>(kx + (<usize>k << 3)));
      a0 = f64x2.add(a0, f64x2.mul(kv, v128.load(p)));
      a1 = f64x2.add(a1, f64x2.mul(kv, v128.load(p, 16)));
      a2 = f64x2.add(a2, f64x2.mul(kv, v128.load(p, 32)));
      a3 = f64x2.add(a3, f64x2.mul(kv, v128.load(p, 48)));
    }
    const t = T + (<usize>j << 3);
    v128.store(t, a0);
    v128.store(t, a1, 16);
    v128.store(t, a2, 32);
    v128.store(t, a3, 48);
  }
}

