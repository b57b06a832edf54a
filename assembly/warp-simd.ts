// Bilinear uint8 in fixed point, four output pixels per call (warp.ts drives it).
//
// Why fixed point: the exact f64 formulation of the reference (lanes = pixels, every product in
// the reference's order) measured 1.75 ms for a 500x375x3 warp, about 85 instructions a pixel,
// half the speed of OpenCV; this path does the same work in well under half the instructions.
// Positions are rounded to 1/16384 pixel and the weights are 14-bit, so a value can differ from
// the float64 reference by at most 1 level, only where the reference lies within about 0.03 of
// a rounding boundary: about 0.2% of the values of a photo (test/backend/warp.test.ts). Points
// on the 1/16384 grid (half-pixel shifts, pixel centres) are computed exactly, and the final
// rounding is half to even, so there the result equals the reference.
//
// Layout: an input point enters as S = (u - 0.5)·2^14 in an f64 lane, rounded to an integer by
// adding 1.5·2^52, whose low 32 bits are then the integer (two's complement): x0 = S >> 14 and
// the weight fx = S & 0x3fff. For one pixel, the two taps of a row are interleaved as i16 pairs
// (p00, p01) per channel, and one i32x4.dot against (ax, fx) gives p00·ax + p01·fx for every
// channel at once; the two rows, brought to 16 bits (>> 7, exact for weights on a 1/128 grid),
// are paired and dotted against (ay, fy): the value times 2^21.

// Constants in static memory: V8 rebuilds a v128.const with several instructions at every use
// inside a loop, while a load is one instruction.
// i32x4 splats: 0x3fff, 16384, 1, 64 (rounding of >> 7), 2^20 - 1 (rounding of >> 21).
const I32C = memory.data<i32>([
  0x3fff, 0x3fff, 0x3fff, 0x3fff, 16384, 16384, 16384, 16384, 1, 1, 1, 1,
  64, 64, 64, 64, 0xfffff, 0xfffff, 0xfffff, 0xfffff,
], 16);
// f64x2 splats: 1.5·2^52 (rounds to an integer kept in the low 32 bits), ±2^30 (clamps that keep
// fixed-point coordinates far from i32 overflow).
const F64C = memory.data<f64>([
  6755399441055744.0, 6755399441055744.0, 1073741824.0, 1073741824.0, -1073741824.0, -1073741824.0,
], 16);

/** S values (f64x2) rounded to integers in the low 32 bits of each lane. */
@inline export function toFixed(s: v128): v128 {
  return f64x2.add(s, v128.load(F64C));
}

/** `toFixed` after clamping to ±2^30 (NaN becomes +2^30): safe for any point, e.g. from maps. */
@inline export function toFixedClamped(s: v128): v128 {
  return f64x2.add(f64x2.pmax(v128.load(F64C, 32), f64x2.pmin(v128.load(F64C, 16), s)), v128.load(F64C));
}

/** p00·ax + p01·fx per channel for the row at `s`: i32 lanes, scale 2^14. */
@inline function rowDot(s: usize, ch: i32, wx: v128): v128 {
  // The second tap's offset as an immediate (ch is a constant here): one address, two loads.
  const p01 = ch == 4 ? v128.load32_zero(s, 4) : v128.load32_zero(s, 3);
  const il = i8x16.shuffle(v128.load32_zero(s), p01, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  return i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(il), wx);
}

/** Vertical step: rows `ht`, `hb` (scale 2^14) to the value, rounded half to even. */
@inline function vertical(ht: v128, hb: v128, wy: v128): v128 {
  const r7 = v128.load(I32C, 48);
  const t = i32x4.shr_u(i32x4.add(ht, r7), 7);
  const b = i32x4.shr_u(i32x4.add(hb, r7), 7);
  const r = i32x4.dot_i16x8_s(v128.or(t, i32x4.shl(b, 16)), wy); // value · 2^21
  // Half to even: add 2^20 - 1, plus 1 when the integer part is odd.
  const odd = v128.and(i32x4.shr_u(r, 21), v128.load(I32C, 32));
  return i32x4.shr_u(i32x4.add(i32x4.add(r, v128.load(I32C, 64)), odd), 21);
}

/** All channels of one pixel (3 or 4): the value in i32 lanes. */
@inline function pixelFixed(s: usize, stride: usize, ch: i32, wx: v128, wy: v128): v128 {
  return vertical(rowDot(s, ch, wx), rowDot(s + stride, ch, wx), wy);
}

/** Per lane (ax | fx << 16) for fixed-point coordinates `c`: the i16 pairs i32x4.dot wants. */
@inline function weights(c: v128): v128 {
  const f = v128.and(c, v128.load(I32C));
  return v128.or(i32x4.sub(v128.load(I32C, 16), f), i32x4.shl(f, 16));
}

/**
 * Four pixels at `o` from fixed-point points (see `toFixed`): `u01`, `u23` hold S for pixels
 * 0-1 and 2-3 across, `v01`, `v23` down. With `checked`, returns false (writing nothing) unless
 * every tap lies inside the source (x0 in [0, sw - 2], y0 in [0, sh - 2]); unchecked, the caller
 * guarantees it. For ch = 3 each pixel store writes one stray byte after it, which the next
 * pixel overwrites (the output buffer has slack for the last).
 */
@inline export function quadU8(u01: v128, u23: v128, v01: v128, v23: v128, o: usize, src: usize, sw: i32, sh: i32, ch: i32, checked: bool): bool {
  const cu = i32x4.shuffle(u01, u23, 0, 2, 4, 6);
  const cv = i32x4.shuffle(v01, v23, 0, 2, 4, 6);
  const x = i32x4.shr_s(cu, 14), y = i32x4.shr_s(cv, 14);
  if (checked) {
    // Inside when no sign bit is set in x, sw - 2 - x, y, sh - 2 - y.
    const bad = v128.or(v128.or(x, i32x4.sub(i32x4.splat(sw - 2), x)), v128.or(y, i32x4.sub(i32x4.splat(sh - 2), y)));
    if (i32x4.bitmask(bad) != 0) return false;
  }
  const stride = sw * ch;
  const xc = ch == 4 ? i32x4.shl(x, 2) : ch == 3 ? i32x4.add(x, i32x4.shl(x, 1)) : x;
  const off = i32x4.add(xc, i32x4.mul(y, i32x4.splat(stride)));
  const wx = weights(cu), wy = weights(cv);
  if (ch == 1) {
    quad1(off, o, src, <usize>stride, wx, wy);
    return true;
  }
  const s = <usize>stride;
  // Each pixel is stored as soon as it is computed: the store keeps V8 from hoisting the next
  // pixel's loads, which would keep all sixteen taps alive at once and spill registers.
  pixelOut(pixelFixed(src + <usize>i32x4.extract_lane(off, 0), s, ch, i32x4.shuffle(wx, wx, 0, 0, 0, 0), i32x4.shuffle(wy, wy, 0, 0, 0, 0)), o);
  pixelOut(pixelFixed(src + <usize>i32x4.extract_lane(off, 1), s, ch, i32x4.shuffle(wx, wx, 1, 1, 1, 1), i32x4.shuffle(wy, wy, 1, 1, 1, 1)), o + <usize>ch);
  pixelOut(pixelFixed(src + <usize>i32x4.extract_lane(off, 2), s, ch, i32x4.shuffle(wx, wx, 2, 2, 2, 2), i32x4.shuffle(wy, wy, 2, 2, 2, 2)), o + <usize>(2 * ch));
  pixelOut(pixelFixed(src + <usize>i32x4.extract_lane(off, 3), s, ch, i32x4.shuffle(wx, wx, 3, 3, 3, 3), i32x4.shuffle(wy, wy, 3, 3, 3, 3)), o + <usize>(3 * ch));
  return true;
}

/** Stores one pixel's 4 bytes (for 3 channels the 4th is overwritten by the next pixel). */
@inline function pixelOut(r: v128, o: usize): void {
  const q = i16x8.narrow_i32x4_s(r, r);
  v128.store32_lane(o, i8x16.narrow_i16x8_u(q, q), 0);
}

/** One channel: the four pixels share each dot, lanes = pixels. */
@inline function quad1(off: v128, o: usize, src: usize, stride: usize, wx: v128, wy: v128): void {
  const a0 = src + <usize>i32x4.extract_lane(off, 0), a1 = src + <usize>i32x4.extract_lane(off, 1);
  const a2 = src + <usize>i32x4.extract_lane(off, 2), a3 = src + <usize>i32x4.extract_lane(off, 3);
  // Bytes (p00, p01) of the four pixels side by side, widened to the i16 pairs of the dot.
  const t = v128.load16_lane(a3, v128.load16_lane(a2, v128.load16_lane(a1, v128.load16_lane(a0, i32x4.splat(0), 0), 1), 2), 3);
  const b = v128.load16_lane(a3 + stride, v128.load16_lane(a2 + stride, v128.load16_lane(a1 + stride, v128.load16_lane(a0 + stride, i32x4.splat(0), 0), 1), 2), 3);
  const r = vertical(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(t), wx), i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(b), wx), wy);
  const q = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r, r), r);
  v128.store32_lane(o, q, 0);
}
