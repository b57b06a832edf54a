// ColorJitter's per-pixel kernels for uint8 RGB(A): PIL luma (contrast mean, saturation blend)
// and torchvision's float32 hue round trip. Four pixels per step in "quad" layout: 16 bytes
// (r, g, b, a) x 4; 3-channel images are spread into it and packed back, alpha copied through.
// All float work is f32, operation for operation as the reference's Math.fround chain, so the
// results are exact.

// Static scratch for the last, partial quad of an image.
const TAIL: usize = memory.data(16, 16);

/** Four pixels at `s` in quad layout; `count` < 4 (or too few bytes left for a 16-byte load) goes through TAIL. */
// @ts-ignore: decorator
@inline function loadQuad(s: usize, ch: i32, count: i32, room: bool): v128 {
  if (count == 4 && room) {
    const v = v128.load(s);
    return ch == 4 ? v : i8x16.shuffle(v, v, 0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8, 0, 9, 10, 11, 0);
  }
  v128.store(TAIL, i8x16.splat(0));
  for (let k = 0; k < count; k++) {
    for (let c = 0; c < ch; c++) store<u8>(TAIL + <usize>(k * 4 + c), load<u8>(s + <usize>(k * ch + c)));
  }
  return v128.load(TAIL);
}

/** Writes `count` pixels of a quad to `d` (3 or 4 channels). */
// @ts-ignore: decorator
@inline function storeQuad(d: usize, q: v128, ch: i32, count: i32): void {
  if (count == 4) {
    if (ch == 4) {
      v128.store(d, q);
    } else {
      const packed = i8x16.shuffle(q, q, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
      v128.store64_lane(d, packed, 0);
      v128.store32_lane(d, packed, 2, 8);
    }
    return;
  }
  v128.store(TAIL, q);
  for (let k = 0; k < count; k++) {
    for (let c = 0; c < ch; c++) store<u8>(d + <usize>(k * ch + c), load<u8>(TAIL + <usize>(k * 4 + c)));
  }
}

// ---------------------------------------------------------------------------------------------
// PIL 'L': (R*19595 + G*38470 + B*7471 + 0x8000) >> 16. 38470 does not fit a signed 16-bit
// weight, so the dot product uses 38470 - 65536 and adds g * 65536 back from the raw 32-bit
// lane, which holds r + (g << 16) after widening (r*19594 + r = r*19595 likewise).

// @ts-ignore: decorator
@inline function pilLuma4(q: v128): v128 {
  const w = i16x8(19594, -27066, 7471, 0, 19594, -27066, 7471, 0);
  const keep = i32x4(-1, 0, -1, 0);
  const lo16 = i16x8.extend_low_i8x16_u(q);
  const hi16 = i16x8.extend_high_i8x16_u(q);
  const lo = i32x4.add(i32x4.dot_i16x8_s(lo16, w), v128.and(lo16, keep));
  const hi = i32x4.add(i32x4.dot_i16x8_s(hi16, w), v128.and(hi16, keep));
  const sum = i32x4.add(i32x4.shuffle(lo, hi, 0, 2, 4, 6), i32x4.shuffle(lo, hi, 1, 3, 5, 7));
  return i32x4.shr_u(i32x4.add(sum, i32x4.splat(0x8000)), 16);
}

/** Sum of the PIL luma of `npix` pixels (3 or 4 channels), exact (an integer below 2^53). */
export function color_pilLumaSum(src: usize, npix: i32, ch: i32): f64 {
  const total = npix * ch;
  let sum: u64 = 0;
  let p = 0;
  // Blocks of at most 2^20 quads: each i32 lane gains at most 255 per quad, so none overflows.
  while (p < npix) {
    let acc = i32x4.splat(0);
    const stop = min(npix, p + (1 << 22));
    if (ch == 4) {
      for (; p + 4 <= stop; p += 4) acc = i32x4.add(acc, pilLuma4(v128.load(src + <usize>(p << 2))));
    } else {
      for (; p + 4 <= stop && p * 3 + 16 <= total; p += 4) acc = i32x4.add(acc, pilLuma4(loadQuad(src + <usize>(p * 3), 3, 4, true)));
    }
    if (p + 4 > stop || (ch == 3 && p * 3 + 16 > total)) {
      // The last quads of the block or image; lanes past the end are zero pixels, luma 0.
      for (; p < stop; p += 4) acc = i32x4.add(acc, pilLuma4(loadQuad(src + <usize>(p * ch), ch, min(4, stop - p), false)));
    }
    sum += <u64>i32x4.extract_lane(acc, 0) + <u64>i32x4.extract_lane(acc, 1) + <u64>i32x4.extract_lane(acc, 2) + <u64>i32x4.extract_lane(acc, 3);
  }
  return <f64>sum;
}

// ---------------------------------------------------------------------------------------------
// PIL ImageEnhance.Color: each color sample blended with its pixel's luma,
// clamp(trunc(f32(d + f32(a * (v - d)))), 0, 255); alpha kept.

// @ts-ignore: decorator
@inline function blendPixel(q16: v128, high: bool, d: v128, a: v128): v128 {
  const v = f32x4.convert_i32x4_s(high ? i32x4.extend_high_i16x8_u(q16) : i32x4.extend_low_i16x8_u(q16));
  return i32x4.trunc_sat_f32x4_s(f32x4.add(d, f32x4.mul(a, f32x4.sub(v, d))));
}

export function color_saturate(src: usize, dst: usize, npix: i32, ch: i32, factor: f32): void {
  const a = f32x4.splat(factor);
  const total = npix * ch;
  let p = 0;
  // 16 pixels per step in planar form (each lane a color sample: no alpha lane computed, no luma
  // broadcast); 3-channel loads read 4 bytes past each 12-byte group.
  for (; p * ch + (ch == 4 ? 64 : 52) <= total; p += 16) saturate16(src + <usize>(p * ch), dst + <usize>(p * ch), ch, a);
  for (; p * ch + 16 <= total; p += 4) {
    const at = <usize>(p * ch);
    storeQuad(dst + at, saturate4(loadQuad(src + at, ch, 4, true), a, ch), ch, 4);
  }
  for (; p < npix; p += 4) {
    const count = min(4, npix - p);
    const at = <usize>(p * ch);
    storeQuad(dst + at, saturate4(loadQuad(src + at, ch, count, false), a, ch), ch, count);
  }
}

/** 4 pixels (quad layout) to planar bytes r0..r3, g0..g3, b0..b3, a0..a3; its own inverse. */
// @ts-ignore: decorator
@inline function transpose4(q: v128): v128 {
  return i8x16.shuffle(q, q, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

/** Four groups of 4 pixels at `s` as planar quads (3 channels: bytes 0..11 of each 16-byte load). */
// @ts-ignore: decorator
@inline function planarAt(s: usize, ch: i32, k: i32): v128 {
  if (ch == 4) return transpose4(v128.load(s + <usize>(k << 4)));
  const v = v128.load(s + <usize>(k * 12));
  return i8x16.shuffle(v, v, 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, 12, 13, 14, 15);
}

/** PIL luma of 4 pixels from widened planar samples (lanes 0..3 of r, g, b as u16). */
// @ts-ignore: decorator
@inline function pilLumaPlanar(r: v128, g: v128, b: v128, high: bool): v128 {
  const wr = i16x8.splat(19595);
  const wg = i16x8.splat(<i16>38470);
  const wb = i16x8.splat(7471);
  const sum = high
    ? i32x4.add(i32x4.add(i32x4.extmul_high_i16x8_u(r, wr), i32x4.extmul_high_i16x8_u(g, wg)), i32x4.extmul_high_i16x8_u(b, wb))
    : i32x4.add(i32x4.add(i32x4.extmul_low_i16x8_u(r, wr), i32x4.extmul_low_i16x8_u(g, wg)), i32x4.extmul_low_i16x8_u(b, wb));
  return f32x4.convert_i32x4_s(i32x4.shr_u(i32x4.add(sum, i32x4.splat(0x8000)), 16));
}

/** One color plane of 16 pixels blended with their lumas y0..y3 (4 pixels each); bytes out. */
// @ts-ignore: decorator
@inline function blendPlane(x: v128, y0: v128, y1: v128, y2: v128, y3: v128, a: v128): v128 {
  const lo = i16x8.extend_low_i8x16_u(x);
  const hi = i16x8.extend_high_i8x16_u(x);
  const v0 = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(lo));
  const v1 = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(lo));
  const v2 = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(hi));
  const v3 = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(hi));
  const o0 = i32x4.trunc_sat_f32x4_s(f32x4.add(y0, f32x4.mul(a, f32x4.sub(v0, y0))));
  const o1 = i32x4.trunc_sat_f32x4_s(f32x4.add(y1, f32x4.mul(a, f32x4.sub(v1, y1))));
  const o2 = i32x4.trunc_sat_f32x4_s(f32x4.add(y2, f32x4.mul(a, f32x4.sub(v2, y2))));
  const o3 = i32x4.trunc_sat_f32x4_s(f32x4.add(y3, f32x4.mul(a, f32x4.sub(v3, y3))));
  // Saturating narrows clamp to [0, 255] exactly as the reference clamps after truncation.
  return i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(o0, o1), i16x8.narrow_i32x4_s(o2, o3));
}

// @ts-ignore: decorator
@inline function saturate16(s: usize, d: usize, ch: i32, a: v128): void {
  const p0 = planarAt(s, ch, 0);
  const p1 = planarAt(s, ch, 1);
  const p2 = planarAt(s, ch, 2);
  const p3 = planarAt(s, ch, 3);
  // 4x4 transpose of 32-bit lanes: planes of 16 samples each, in pixel order.
  const t0 = i32x4.shuffle(p0, p1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(p2, p3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(p0, p1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(p2, p3, 2, 6, 3, 7);
  const r = i64x2.shuffle(t0, t1, 0, 2);
  const g = i64x2.shuffle(t0, t1, 1, 3);
  const b = i64x2.shuffle(t2, t3, 0, 2);
  const al = i64x2.shuffle(t2, t3, 1, 3);
  const rl = i16x8.extend_low_i8x16_u(r);
  const gl = i16x8.extend_low_i8x16_u(g);
  const bl = i16x8.extend_low_i8x16_u(b);
  const rh = i16x8.extend_high_i8x16_u(r);
  const gh = i16x8.extend_high_i8x16_u(g);
  const bh = i16x8.extend_high_i8x16_u(b);
  const y0 = pilLumaPlanar(rl, gl, bl, false);
  const y1 = pilLumaPlanar(rl, gl, bl, true);
  const y2 = pilLumaPlanar(rh, gh, bh, false);
  const y3 = pilLumaPlanar(rh, gh, bh, true);
  const ro = blendPlane(r, y0, y1, y2, y3, a);
  const go = blendPlane(g, y0, y1, y2, y3, a);
  const bo = blendPlane(b, y0, y1, y2, y3, a);
  // Back to 4 planar quads, then to pixels.
  const u0 = i32x4.shuffle(ro, go, 0, 4, 1, 5);
  const u1 = i32x4.shuffle(bo, al, 0, 4, 1, 5);
  const u2 = i32x4.shuffle(ro, go, 2, 6, 3, 7);
  const u3 = i32x4.shuffle(bo, al, 2, 6, 3, 7);
  const q0 = i64x2.shuffle(u0, u1, 0, 2);
  const q1 = i64x2.shuffle(u0, u1, 1, 3);
  const q2 = i64x2.shuffle(u2, u3, 0, 2);
  const q3 = i64x2.shuffle(u2, u3, 1, 3);
  if (ch == 4) {
    v128.store(d, transpose4(q0));
    v128.store(d, transpose4(q1), 16);
    v128.store(d, transpose4(q2), 32);
    v128.store(d, transpose4(q3), 48);
  } else {
    store12(d, q0);
    store12(d + 12, q1);
    store12(d + 24, q2);
    store12(d + 36, q3);
  }
}

/** A planar quad's 4 RGB pixels as 12 interleaved bytes. */
// @ts-ignore: decorator
@inline function store12(d: usize, q: v128): void {
  const packed = i8x16.shuffle(q, q, 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 0, 0, 0, 0);
  v128.store64_lane(d, packed, 0);
  v128.store32_lane(d, packed, 2, 8);
}

// @ts-ignore: decorator
@inline function saturate4(q: v128, a: v128, ch: i32): v128 {
    const y = f32x4.convert_i32x4_s(pilLuma4(q));
    const lo16 = i16x8.extend_low_i8x16_u(q);
    const hi16 = i16x8.extend_high_i8x16_u(q);
    const r0 = blendPixel(lo16, false, f32x4.shuffle(y, y, 0, 0, 0, 0), a);
    const r1 = blendPixel(lo16, true, f32x4.shuffle(y, y, 1, 1, 1, 1), a);
    const r2 = blendPixel(hi16, false, f32x4.shuffle(y, y, 2, 2, 2, 2), a);
    const r3 = blendPixel(hi16, true, f32x4.shuffle(y, y, 3, 3, 3, 3), a);
    // Saturating narrows clamp to [0, 255] exactly as the reference clamps after truncation.
    const out = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3));
    return ch == 4 ? v128.bitselect(q, out, i32x4.splat(0xff000000)) : out;
}

// ---------------------------------------------------------------------------------------------
// torchvision adjust_hue on uint8 (see functional/color/torchvision.ts for the algorithm). One
// f32 lane per pixel; branches become masks, with the reference's priority (red, then green).

// max/min of r, g, b use pseudo-min/max (one instruction each; wasm's min/max spend ~7 on NaN
// and -0 rules): the inputs are never NaN and never -0, so they equal the reference's Math.max.

// Constants live in static memory and are loaded once per call (V8 rebuilds a v128.const, or a
// shuffle's mask, with several instructions at every use inside a loop; a load is one).
const HUE_F32 = memory.data<f32>([
  1, 1, 1, 1, // 0: one
  2, 2, 2, 2, // 16
  4, 4, 4, 4, // 32
  6, 6, 6, 6, // 48
  255, 255, 255, 255, // 64
  8388608, 8388608, 8388608, 8388608, // 80: 2^23
], 16);
const HUE_F64 = memory.data<f64>([1.0 / 255.0, 1.0 / 255.0, 1.0 / 6.0, 1.0 / 6.0], 16);
const HUE_U8 = memory.data<u8>([
  // 0: sector table (red's choice as a byte offset into vpqt, periodic in 6)
  0, 8, 4, 4, 12, 0, 0, 8, 4, 4, 12, 0, 0, 8, 4, 4,
  // 16: 4 pixels in quad layout to planar (r0..r3, g0..g3, b0..b3, a0..a3)
  0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
  // 32: 4 RGB pixels (12 bytes) to planar
  0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, 0x80, 0x80, 0x80, 0x80,
  // 48, 64, 80: quad layout out: sector byte of each pixel broadcast, channel step (r 0, g +4,
  // b +2 in the sector table), pixel lane in vpqt
  0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12,
  0, 4, 2, 0, 0, 4, 2, 0, 0, 4, 2, 0, 0, 4, 2, 0,
  0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
  // 96, 112, 128: the same for packed RGB out (12 bytes; the last 4 are never stored)
  0, 0, 0, 4, 4, 4, 8, 8, 8, 12, 12, 12, 0, 0, 0, 0,
  0, 4, 2, 0, 4, 2, 0, 4, 2, 0, 4, 2, 0, 0, 0, 0,
  0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 0,
  // 144: alpha bytes of 4 RGBA pixels
  0, 0, 0, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff,
], 16);

// Constants read where used: a load is one instruction (often folded into the arithmetic).
// @ts-ignore: decorator
@inline function kf(at: usize): v128 {
  return v128.load(HUE_F32 + at);
}
// @ts-ignore: decorator
@inline function ku(at: usize): v128 {
  return v128.load(HUE_U8 + at);
}

/**
 * f32(v / 255) for integer lanes v in [0, 255]: the double product v * (1/255) rounded to f32 is
 * that quotient for all 256 values (checked exhaustively in test/backend/color.test.ts), and
 * costs a multiply instead of a long-latency division.
 */
// @ts-ignore: decorator
@inline function div255(v: v128, k: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_s(v), k));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(v, v, 2, 3, 2, 3)), k));
  return i64x2.shuffle(lo, hi, 0, 2);
}

/**
 * f32(x / 6) for f32 lanes x, as the f32 rounding of the double product x * (1/6). Exact for
 * every f32 x: 1/6 as a double is within 2^-54 relative, so the product is within about 2^-52 of
 * x / 6; a quotient of a 24-bit significand by 3 is either exact in 24 bits or at least 2^-26
 * relative away from every midpoint between floats (its binary expansion repeats 01 past the
 * 24th bit), so both round to the same float.
 */
// @ts-ignore: decorator
@inline function div6(x: v128, k: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(x), k));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 2, 3)), k));
  return i64x2.shuffle(lo, hi, 0, 2);
}

/** Bytes of x * 255 truncated, for x in [0, 1]: in the low byte of each lane (2^23 + k). */
// @ts-ignore: decorator
@inline function toByteLanes(x: v128): v128 {
  return i32x4.sub(f32x4.add(f32x4.trunc(f32x4.mul(x, kf(64))), kf(80)), kf(80));
}

/**
 * Four pixels as planar bytes (r0..r3, g0..g3, b0..b3, anything) through the hue round trip;
 * returns them in the layout K was built for: quad (r, g, b, garbage) x 4, or 12 packed RGB bytes.
 */
// @ts-ignore: decorator
@inline function hue4(planar: v128, shift: v128, out: usize): v128 {
  const one = kf(0);
  const rg = i16x8.extend_low_i8x16_u(planar);
  const r = div255(i32x4.extend_low_i16x8_u(rg), v128.load(HUE_F64));
  const g = div255(i32x4.extend_high_i16x8_u(rg), v128.load(HUE_F64));
  const b = div255(i32x4.extend_low_i16x8_u(i16x8.extend_high_i8x16_u(planar)), v128.load(HUE_F64));
  const mxrg = f32x4.pmax(r, g);
  const mnrg = f32x4.pmin(r, g);
  const maxc = f32x4.pmax(mxrg, b);
  const minc = f32x4.pmin(mnrg, b);
  const eqc = f32x4.eq(maxc, minc);
  const cr = f32x4.sub(maxc, minc);
  const sat = f32x4.div(cr, v128.bitselect(one, maxc, eqc));
  const div = v128.bitselect(one, cr, eqc);
  // Red max: hh = bc - gc; green: (2 + rc) - bc; blue: (4 + gc) - rc, where xc = (maxc - x) / div.
  // One division for both terms: unless the pixel is gray (then s = 0 and every output is v,
  // whatever h), one of the two other channels is the minimum, and its term is cr / cr = 1
  // exactly; the other channel is the median, whose term q is the one real quotient.
  const isR = f32x4.eq(maxc, r);
  const isG = f32x4.eq(maxc, g);
  const n1 = v128.bitselect(b, v128.bitselect(r, g, isG), isR);
  const k = v128.bitselect(v128.xor(one, one), v128.bitselect(kf(16), kf(32), isG), isR);
  const mid = f32x4.pmax(mnrg, f32x4.pmin(mxrg, b));
  const q = f32x4.div(f32x4.sub(maxc, mid), div);
  // n1 is the minimum: (k + 1) - q; otherwise n1 is the median: (k + q) - 1.
  const n1min = f32x4.eq(n1, minc);
  const hh = f32x4.sub(f32x4.add(k, v128.bitselect(one, q, n1min)), v128.bitselect(q, one, n1min));
  // fmod(hh / 6 + 1, 1): the argument lies in [5/6, 11/6], so x - floor(x) is that fmod, exactly.
  const x = f32x4.add(div6(hh, v128.load(HUE_F64, 16)), one);
  let h = f32x4.sub(x, f32x4.floor(x));
  // (h + shift) mod 1, floored. The reference turns a result that rounds up to 1 into 0; here it
  // stays 1, which gives the same pixel: h6 = 6 has f = 0 and sector 6, which the sector table
  // below maps like sector 0 (and f = 0 there too). Otherwise h <= 1 - 2^-24 and i is 0..5.
  const y = f32x4.add(h, shift);
  h = f32x4.sub(y, f32x4.floor(y));
  const h6 = f32x4.mul(h, kf(48));
  const fi = f32x4.floor(h6);
  const f = f32x4.sub(h6, fi);
  // The reference clamps p, q, t to [0, 1]; they already lie there (v, s, f in [0, 1], s <= 1
  // because cr <= maxc, and f32 products of such values stay in [0, 1]), so no clamp is needed.
  const v = maxc;
  const p = f32x4.mul(v, f32x4.sub(one, sat));
  const qq = f32x4.mul(v, f32x4.sub(one, f32x4.mul(sat, f)));
  const t = f32x4.mul(v, f32x4.sub(one, f32x4.mul(sat, f32x4.sub(one, f))));
  // Each candidate truncated to bytes (x * 255 in [0, 255], through the float's mantissa: the
  // bits of 2^23 + k end in k), packed as bytes v0..v3, p0..p3, q0..q3, t0..t3.
  const vb = toByteLanes(v);
  const pb = toByteLanes(p);
  const qb = toByteLanes(qq);
  const tb = toByteLanes(t);
  const vpqt = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(vb, pb), i16x8.narrow_i32x4_s(qb, tb));
  // Sector i gives (r, g, b) = (v,t,p), (q,v,p), (p,v,t), (p,q,v), (t,p,v), (v,p,q) for i = 0..5.
  // Green is red's choice at i + 4 and blue at i + 2, so one byte table of red's choice (as a byte
  // offset 0, 4, 8, 12 into vpqt), periodic in 6, serves all three: index i + (0, 4, 2) per
  // pixel, i in 0..6 (entries 0..10 are used).
  const ib = i32x4.sub(f32x4.add(fi, kf(80)), kf(80));
  const idx = i8x16.add(i8x16.swizzle(ib, ku(out)), ku(out + 16));
  const choice = i8x16.swizzle(ku(0), idx);
  // Plus the pixel's lane (0..3) picks its own byte of the chosen candidate.
  return i8x16.swizzle(vpqt, i8x16.add(choice, ku(out + 32)));
}

/** Output layouts of hue4 (offsets of their masks in HUE_U8). */
const QUAD: usize = 48;
const PACKED: usize = 96;

export function color_hue(src: usize, dst: usize, npix: i32, ch: i32, shift: f32): void {
  const sh = f32x4.splat(shift);
  let p = 0;
  // Whole quads with 16 readable bytes go straight between memory and planar order; the rest
  // through TAIL.
  if (ch == 4) {
    // Two quads a step, as for RGB below.
    for (; p + 8 <= npix; p += 8) {
      const at = <usize>(p << 2);
      const qa = v128.load(src + at);
      const qb = v128.load(src + at, 16);
      const a = hue4(i8x16.swizzle(qa, ku(16)), sh, QUAD);
      const b = hue4(i8x16.swizzle(qb, ku(16)), sh, QUAD);
      v128.store(dst + at, v128.bitselect(qa, a, ku(144)));
      v128.store(dst + at, v128.bitselect(qb, b, ku(144)), 16);
    }
    for (; p + 4 <= npix; p += 4) {
      const at = <usize>(p << 2);
      const q = v128.load(src + at);
      const out = hue4(i8x16.swizzle(q, ku(16)), sh, QUAD);
      v128.store(dst + at, v128.bitselect(q, out, ku(144)));
    }
  } else {
    // Two independent quads a step: the hue chain is long (two divisions, three roundings), and
    // interleaving gives the out-of-order core more independent work than one quad a step.
    for (; p * 3 + 28 <= npix * 3; p += 8) {
      const at = <usize>(p * 3);
      const a = hue4(i8x16.swizzle(v128.load(src + at), ku(32)), sh, PACKED);
      const b = hue4(i8x16.swizzle(v128.load(src + at, 12), ku(32)), sh, PACKED);
      v128.store64_lane(dst + at, a, 0);
      v128.store32_lane(dst + at, a, 2, 8);
      v128.store64_lane(dst + at, b, 0, 12);
      v128.store32_lane(dst + at, b, 2, 20);
    }
    for (; p * 3 + 16 <= npix * 3; p += 4) {
      const at = <usize>(p * 3);
      const packed = hue4(i8x16.swizzle(v128.load(src + at), ku(32)), sh, PACKED);
      v128.store64_lane(dst + at, packed, 0);
      v128.store32_lane(dst + at, packed, 2, 8);
    }
  }
  for (; p < npix; p += 4) {
    const count = min(4, npix - p);
    const at = <usize>(p * ch);
    const q = loadQuad(src + at, ch, count, false);
    const out = hue4(i8x16.swizzle(q, ku(16)), sh, QUAD);
    storeQuad(dst + at, v128.bitselect(q, out, ku(144)), ch, count);
  }
}
