// General 2-D correlation (src/functional/blur-noise/convolve.ts convolve2d, used by MotionBlur):
// the kernel's non-zero taps in the reference's order (row by row), summed in f64 from 0 in that
// order, so results equal the reference bit for bit. Source rows are padded by the border table
// into f64 rows once each (kept in a ring of kh + 1 when the JS side allows, else all), then every
// tap is a shifted row: out[j] += v * P_dy[j + dx * c], two values a vector.

/**
 * taps: ntaps f64 values; tdx: each tap's column offset in bytes of a padded row (dx * c * 8);
 * tdy: its row offset in bytes of the row-pointer table (dy * 4). xt: the
 * source column of each of the w + kw - 1 padded positions (-1: constant border), yt: the source
 * row of each of the h + kh - 1 padded rows. pad: (ring || h) + 1 rows of S = (w + kw - 1) * c + 8
 * f64 (the last one is the constant border's row); rows: kh row pointers. dtype: 0 uint8, 1 uint16,
 * 2 float32 (stored as computed); integers rounded half to even and saturated.
 */
export function blur_conv2d_f64(
  src: usize, dst: usize, w: i32, h: i32, c: i32, dtype: i32,
  taps: usize, tdx: usize, tdy: usize, ntaps: i32, kw: i32, kh: i32,
  xt: usize, yt: usize, fills: usize, pad: usize, rows: usize, ring: i32,
): void {
  const n = w * c;
  const padded = w + kw - 1;
  const S = padded * c + 8;
  const rowBytes = <usize>S << 3;
  const slots = ring > 0 ? ring : h;
  const constRow = pad + <usize>slots * rowBytes;
  for (let j = 0; j < S; j++) store<f64>(constRow + (<usize>j << 3), load<f64>(fills + (<usize>(j % c) << 3)));
  const esize = dtype == 0 ? 1 : dtype == 1 ? 2 : 4;
  let done = 0;
  const zero = f64x2.splat(0);
  for (let y = 0; y < h; y++) {
    let need = -1;
    for (let k = 0; k < kh; k++) {
      const sy = load<i32>(yt + (<usize>(y + k) << 2));
      store<usize>(rows + (<usize>k << 2), sy < 0 ? constRow : pad + <usize>(sy % slots) * rowBytes);
      if (sy > need) need = sy;
    }
    for (; done <= need; done++) padRow(src + <usize>done * <usize>(n * esize), dtype, pad + <usize>(done % slots) * rowBytes, padded, c, xt, fills);
    const out = dst + <usize>y * <usize>(n * esize);
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      const o = <usize>j << 3;
      for (let t = 0; t < ntaps; t++) {
        const v = f64x2.splat(load<f64>(taps + (<usize>t << 3)));
        const p = load<usize>(rows + <usize>load<i32>(tdy + (<usize>t << 2))) + <usize>load<i32>(tdx + (<usize>t << 2)) + o;
        a0 = f64x2.add(a0, f64x2.mul(v, v128.load(p)));
        a1 = f64x2.add(a1, f64x2.mul(v, v128.load(p, 16)));
        a2 = f64x2.add(a2, f64x2.mul(v, v128.load(p, 32)));
        a3 = f64x2.add(a3, f64x2.mul(v, v128.load(p, 48)));
      }
      storeValue(out, j, dtype, f64x2.extract_lane(a0, 0));
      storeValue(out, j + 1, dtype, f64x2.extract_lane(a0, 1));
      storeValue(out, j + 2, dtype, f64x2.extract_lane(a1, 0));
      storeValue(out, j + 3, dtype, f64x2.extract_lane(a1, 1));
      storeValue(out, j + 4, dtype, f64x2.extract_lane(a2, 0));
      storeValue(out, j + 5, dtype, f64x2.extract_lane(a2, 1));
      storeValue(out, j + 6, dtype, f64x2.extract_lane(a3, 0));
      storeValue(out, j + 7, dtype, f64x2.extract_lane(a3, 1));
    }
    for (; j < n; j++) {
      let a: f64 = 0;
      for (let t = 0; t < ntaps; t++) {
        const p = load<usize>(rows + <usize>load<i32>(tdy + (<usize>t << 2))) + <usize>load<i32>(tdx + (<usize>t << 2)) + (<usize>j << 3);
        a += load<f64>(taps + (<usize>t << 3)) * load<f64>(p);
      }
      storeValue(out, j, dtype, a);
    }
  }
}

// @ts-ignore: decorator
@inline function storeValue(out: usize, j: i32, dtype: i32, v: f64): void {
  if (dtype == 0) store<u8>(out + <usize>j, <u8>nearest<f64>(min<f64>(max<f64>(v, 0), 255)));
  else if (dtype == 1) store<u16>(out + (<usize>j << 1), <u16>nearest<f64>(min<f64>(max<f64>(v, 0), 65535)));
  else store<f32>(out + (<usize>j << 2), <f32>v);
}

/** Source row -> f64 row padded by the column table (fill where it says -1). */
function padRow(srow: usize, dtype: i32, P: usize, padded: i32, c: i32, xt: usize, fills: usize): void {
  for (let q = 0; q < padded; q++) {
    const sx = load<i32>(xt + (<usize>q << 2));
    for (let ch = 0; ch < c; ch++) {
      const at = sx * c + ch;
      const v = sx < 0 ? load<f64>(fills + (<usize>ch << 3))
        : dtype == 0 ? <f64>load<u8>(srow + <usize>at)
        : dtype == 1 ? <f64>load<u16>(srow + (<usize>at << 1))
        : <f64>load<f32>(srow + (<usize>at << 2));
      store<f64>(P + (<usize>(q * c + ch) << 3), v);
    }
  }
}
