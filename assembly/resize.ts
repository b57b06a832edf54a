// Separable bilinear resampling of uint8 images (1, 3 or 4 channels), for resizeImage's
// bilinear filter and for warps whose matrix is axis-aligned (crop + resize + flip fused into
// one matrix, src/core/fusion.ts). The JS side (src/backend/fast/resize.ts) computes the taps:
// per output column the byte offsets of the two source pixels in a row (-1: the fill value) and
// their weights; per output row the two source rows (-1: a row of fill) and their weights.
//
// Fixed point, as the warp's (warp-simd.ts): weights are 14-bit (w0 + w1 = 16384); a row pass
// computes p0·w0 + p1·w1 per channel with one i32x4.dot on interleaved i16 pairs and keeps it
// at 7 fractional bits in i16 (exact for weights on a 1/128 grid); the column pass pairs two of
// those rows, dots them against (wy0, wy1) and rounds half to even. So a value is within 1 level
// of the float64 reference, and equal to it where the weights are on the 1/16384 grid (halving,
// doubling, pixel centres). Each source row is filtered once, into a two-row cache.

// i32x4 splats: 64 (rounding of >> 7), 2^20 - 1 and 1 (rounding half to even of >> 21).
const RC = memory.data<i32>([64, 64, 64, 64, 0xfffff, 0xfffff, 0xfffff, 0xfffff, 1, 1, 1, 1], 16);

/** Row pass for one output column: taps `t0`, `t1` (4 bytes each), weights `w` (w0 | w1 << 16). */
@inline function hpixel(t0: v128, t1: v128, w: v128): v128 {
  const il = i8x16.shuffle(t0, t1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const h = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(il), w);
  return i32x4.shr_u(i32x4.add(h, v128.load(RC)), 7);
}

/**
 * Filters the source row at `s` into the i16 row `out` (dw·ch values, then slack), and with
 * `two` also the row at `s2` into `out2`: two rows share each column's offset and weights, and
 * the loop's overhead. Columns in [jL, jR) have both taps inside and adjacent (offs1 = offs0 +
 * ch); the others read offs0 and offs1 separately, -1 meaning the fill pixel `fillv`.
 */
@inline function hrows(two: bool, s: usize, out: usize, s2: usize, out2: usize, dw: i32, ch: i32, offs0: usize, offs1: usize, wts: usize, wv: usize, jL: i32, jR: i32, fillv: v128): void {
  for (let j = 0; j < jL; j++) {
    hgeneral(s, out, j, ch, offs0, offs1, wts, fillv);
    if (two) hgeneral(s2, out2, j, ch, offs0, offs1, wts, fillv);
  }
  let j = jL;
  if (ch == 1) {
    for (; j + 4 <= jR; j += 4) {
      const o = offs0 + (<usize>j << 2);
      const a0 = <usize>load<i32>(o), a1 = <usize>load<i32>(o, 4), a2 = <usize>load<i32>(o, 8), a3 = <usize>load<i32>(o, 12);
      const w = v128.load(wts + (<usize>j << 2));
      h4(s, a0, a1, a2, a3, w, out + (<usize>j << 1));
      if (two) h4(s2, a0, a1, a2, a3, w, out2 + (<usize>j << 1));
    }
  } else if (ch == 3) {
    // Four columns (12 values) per step: one 8-byte load brings both taps of a pixel, two
    // shuffles pair them up, and the weights come per value from `wv` (no splats, no shuffles).
    for (; j + 4 <= jR; j += 4) {
      const o = offs0 + (<usize>j << 2);
      const a0 = <usize>load<i32>(o), a1 = <usize>load<i32>(o, 4), a2 = <usize>load<i32>(o, 8), a3 = <usize>load<i32>(o, 12);
      const wp = wv + <usize>(j * 12);
      const w0 = v128.load(wp), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32);
      const at = <usize>(j * 6);
      h3x4(s + a0, s + a1, s + a2, s + a3, w0, w1, w2, out + at);
      if (two) h3x4(s2 + a0, s2 + a1, s2 + a2, s2 + a3, w0, w1, w2, out2 + at);
    }
  } else {
    // Two four-channel columns per step: one 8-byte load per pixel holds both taps.
    for (; j + 2 <= jR; j += 2) {
      const o = offs0 + (<usize>j << 2);
      const a0 = <usize>load<i32>(o), a1 = <usize>load<i32>(o, 4);
      const wp = wts + (<usize>j << 2);
      const w0 = v128.load32_splat(wp), w1 = v128.load32_splat(wp, 4);
      const at = <usize>(j << 3);
      h4x2(s + a0, s + a1, w0, w1, out + at);
      if (two) h4x2(s2 + a0, s2 + a1, w0, w1, out2 + at);
    }
  }
  for (; j < dw; j++) {
    hgeneral(s, out, j, ch, offs0, offs1, wts, fillv);
    if (two) hgeneral(s2, out2, j, ch, offs0, offs1, wts, fillv);
  }
}

/** Four 3-channel columns (taps at p0..p3, 6 bytes each) into 12 i16 values at `out`. */
@inline function h3x4(p0: usize, p1: usize, p2: usize, p3: usize, w0: v128, w1: v128, w2: v128, out: usize): void {
  const x0 = v128.load64_lane(p1, v128.load64_zero(p0), 1);
  const x1 = v128.load64_lane(p3, v128.load64_zero(p2), 1);
  // Pairs (tap 0, tap 1) per value: columns 0, 1 and two values of column 2; then the rest.
  const v1 = i8x16.shuffle(x0, x1, 0, 3, 1, 4, 2, 5, 8, 11, 9, 12, 10, 13, 16, 19, 17, 20);
  const v2 = i8x16.shuffle(x1, x1, 2, 5, 8, 11, 9, 12, 10, 13, 0, 0, 0, 0, 0, 0, 0, 0);
  const r = v128.load(RC);
  const q0 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(v1), w0), r), 7);
  const q1 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(v1), w1), r), 7);
  const q2 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(v2), w2), r), 7);
  v128.store(out, i16x8.narrow_i32x4_s(q0, q1));
  v128.store64_lane(out + 16, i16x8.narrow_i32x4_s(q2, q2), 0);
}

/** Two 4-channel columns (taps at p0, p1, 8 bytes each) into 8 i16 values at `out`. */
@inline function h4x2(p0: usize, p1: usize, w0: v128, w1: v128, out: usize): void {
  const x = v128.load64_lane(p1, v128.load64_zero(p0), 1);
  const v = i8x16.shuffle(x, x, 0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);
  const r = v128.load(RC);
  const q0 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(v), w0), r), 7);
  const q1 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(v), w1), r), 7);
  v128.store(out, i16x8.narrow_i32x4_s(q0, q1));
}

/** The second tap, ch bytes on, as a load immediate (ch is a constant here). */
@inline function tap1(p: usize, ch: i32): v128 {
  return ch == 4 ? v128.load32_zero(p, 4) : v128.load32_zero(p, 3);
}

/** Four one-channel columns of the row at `s` (tap offsets a0..a3, weights per lane `w`). */
@inline function h4(s: usize, a0: usize, a1: usize, a2: usize, a3: usize, w: v128, out: usize): void {
  let t = v128.load16_lane(s + a0, i32x4.splat(0), 0);
  t = v128.load16_lane(s + a1, t, 1);
  t = v128.load16_lane(s + a2, t, 2);
  t = v128.load16_lane(s + a3, t, 3);
  const h = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(t), w);
  const q = i32x4.shr_u(i32x4.add(h, v128.load(RC)), 7);
  v128.store64_lane(out, i16x8.narrow_i32x4_s(q, q), 0);
}

@inline function hgeneral(s: usize, out: usize, j: i32, ch: i32, offs0: usize, offs1: usize, wts: usize, fillv: v128): void {
  const a = load<i32>(offs0 + (<usize>j << 2)), b = load<i32>(offs1 + (<usize>j << 2));
  const t0 = a >= 0 ? v128.load32_zero(s + <usize>a) : fillv;
  const t1 = b >= 0 ? v128.load32_zero(s + <usize>b) : fillv;
  const q = hpixel(t0, t1, v128.load32_splat(wts + (<usize>j << 2)));
  const n = i16x8.narrow_i32x4_s(q, q);
  if (ch == 1) v128.store16_lane(out + (<usize>j << 1), n, 0);
  else v128.store64_lane(out + (<usize>(j * ch) << 1), n, 0);
}

/** Column pass: rows `a`, `b` (i16) weighted by `wy` (wy0 | wy1 << 16) into `n` bytes at `o`. */
@inline function vrow(a: usize, b: usize, o: usize, n: i32, wy: i32): void {
  const w = i32x4.splat(wy);
  for (let k = 0; k < n; k += 16) {
    const off = <usize>k << 1;
    const a0 = v128.load(a + off), a1 = v128.load(a + off, 16);
    const b0 = v128.load(b + off), b1 = v128.load(b + off, 16);
    const r0 = vround(i32x4.dot_i16x8_s(i16x8.shuffle(a0, b0, 0, 8, 1, 9, 2, 10, 3, 11), w));
    const r1 = vround(i32x4.dot_i16x8_s(i16x8.shuffle(a0, b0, 4, 12, 5, 13, 6, 14, 7, 15), w));
    const r2 = vround(i32x4.dot_i16x8_s(i16x8.shuffle(a1, b1, 0, 8, 1, 9, 2, 10, 3, 11), w));
    const r3 = vround(i32x4.dot_i16x8_s(i16x8.shuffle(a1, b1, 4, 12, 5, 13, 6, 14, 7, 15), w));
    // Up to 15 bytes past the row: the next row overwrites them (the output has slack).
    v128.store(o + <usize>k, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3)));
  }
}

/** value · 2^21 to the value, half to even. */
@inline function vround(r: v128): v128 {
  const odd = v128.and(i32x4.shr_u(r, 21), v128.load(RC, 32));
  return i32x4.shr_u(i32x4.add(i32x4.add(r, v128.load(RC, 16)), odd), 21);
}

// Pixel types whose size (offsetof) is the channel count: a generic instance per count makes
// `ch` a compile-time constant everywhere (a constant argument to an @inline function did not
// reach the inner loops, which then multiplied and branched on it per column).
@unmanaged class Px1 { c0: u8; }
@unmanaged class Px3 { c0: u8; c1: u8; c2: u8; }
@unmanaged class Px4 { c0: u8; c1: u8; c2: u8; c3: u8; }

function run<P>(src: usize, sw: i32, dst: usize, dw: i32, dh: i32, offs0: usize, offs1: usize, wts: usize, wv: usize, jL: i32, jR: i32, rows: usize, fillPix: usize, scratch: usize): void {
  const ch = <i32>offsetof<P>();
  const n = dw * ch;
  const rowBytes = <usize>(n + 32) << 1;
  const slot0 = scratch, slot1 = scratch + rowBytes, fillRow = scratch + 2 * rowBytes;
  const fillv = v128.load32_zero(fillPix);
  // The row pass of a row of fill: f · 16384 >> 7 = f · 128 in every column.
  for (let k = 0; k < n; k++) store<i16>(fillRow + (<usize>k << 1), <i16>(<i32>load<u8>(fillPix + <usize>(k % ch)) << 7));
  let tag0 = -2, tag1 = -2;
  const stride = <usize>(sw * ch);
  for (let i = 0; i < dh; i++) {
    const r = rows + <usize>(i * 12);
    const ra = load<i32>(r), rb = load<i32>(r, 4), wy = load<i32>(r, 8);
    // Rows from the two-slot cache. Two new rows (the usual case when shrinking) are filtered
    // together; one new row goes into the slot the other tap does not use.
    const hitA = ra < 0 || ra == tag0 || ra == tag1, hitB = rb < 0 || rb == tag0 || rb == tag1;
    if (!hitA && !hitB && ra != rb) {
      hrows(true, src + <usize>ra * stride, slot0, src + <usize>rb * stride, slot1, dw, ch, offs0, offs1, wts, wv, jL, jR, fillv);
      tag0 = ra;
      tag1 = rb;
    } else {
      for (let t = 0; t < 2; t++) {
        const want = t == 0 ? ra : rb, keep = t == 0 ? rb : ra;
        if (want < 0 || want == tag0 || want == tag1) continue;
        if (tag0 != keep) {
          hrows(false, src + <usize>want * stride, slot0, 0, 0, dw, ch, offs0, offs1, wts, wv, jL, jR, fillv);
          tag0 = want;
        } else {
          hrows(false, src + <usize>want * stride, slot1, 0, 0, dw, ch, offs0, offs1, wts, wv, jL, jR, fillv);
          tag1 = want;
        }
      }
    }
    const pa = ra < 0 ? fillRow : ra == tag0 ? slot0 : slot1;
    const pb = rb < 0 ? fillRow : rb == tag0 ? slot0 : slot1;
    vrow(pa, pb, dst + <usize>(i * n), n, wy);
  }
}

/**
 * Separable bilinear uint8. `offs0`, `offs1`, `wts`: dw i32 each (byte offsets of the taps in a
 * source row, -1 for the fill; weights w0 | w1 << 16). `rows`: dh triples (row a, row b, weights),
 * -1 for a row of fill. `fillPix`: the fill pixel's bytes. `scratch`: 3·(dw·ch + 32) i16.
 * `wv`: for 3 channels, each column's weights repeated per value (dw·3 i32).
 */
export function resize_bilinear_u8(src: usize, sw: i32, ch: i32, dst: usize, dw: i32, dh: i32, offs0: usize, offs1: usize, wts: usize, wv: usize, jL: i32, jR: i32, rows: usize, fillPix: usize, scratch: usize): void {
  if (ch == 3) run<Px3>(src, sw, dst, dw, dh, offs0, offs1, wts, wv, jL, jR, rows, fillPix, scratch);
  else if (ch == 1) run<Px1>(src, sw, dst, dw, dh, offs0, offs1, wts, wv, jL, jR, rows, fillPix, scratch);
  else run<Px4>(src, sw, dst, dw, dh, offs0, offs1, wts, wv, jL, jR, rows, fillPix, scratch);
}
