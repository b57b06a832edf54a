// OpenCV's gray conversion for uint8 images (functional/color ToGray), split from color.ts.

// OpenCV RGB2GRAY for uint8: (R*4899 + G*9617 + B*1868 + 8192) >> 14, exact in i32 lanes.
// Four pixels per 16-byte load: one swizzle spreads (r, g) into i16 pairs and one spreads b into
// i32 lanes, so i32x4.dot_i16x8_s gives r*4899 + g*9617 and b*1868 per pixel with no further
// shuffles. The rounding add is folded into the narrowing: floor((floor(s / 2^13) + 1) / 2) =
// floor((s + 2^13) / 2^14) for s >= 0, and i16x8.avgr_u(x, 0) is (x + 1) >> 1 on 8 lanes at once.
// Masks and weights are loaded from memory once per call: V8 rebuilds a v128.const or a shuffle's
// immediate mask with several instructions at every use inside a loop. Swizzle index 0x80 gives 0.
const GRAY_K = memory.data<u8>([
  // 0: (r, g) pairs of 4 RGB pixels
  0, 0x80, 1, 0x80, 3, 0x80, 4, 0x80, 6, 0x80, 7, 0x80, 9, 0x80, 10, 0x80,
  // 16: b of 4 RGB pixels as i32 lanes
  2, 0x80, 0x80, 0x80, 5, 0x80, 0x80, 0x80, 8, 0x80, 0x80, 0x80, 11, 0x80, 0x80, 0x80,
  // 32: (r, g) pairs of 4 RGBA pixels
  0, 0x80, 1, 0x80, 4, 0x80, 5, 0x80, 8, 0x80, 9, 0x80, 12, 0x80, 13, 0x80,
  // 48: b of 4 RGBA pixels
  2, 0x80, 0x80, 0x80, 6, 0x80, 0x80, 0x80, 10, 0x80, 0x80, 0x80, 14, 0x80, 0x80, 0x80,
  // 64, 80, 96: 16 gray bytes replicated into 48 RGB bytes
  0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5,
  5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10,
  10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15,
  // 112: gray in byte 0 of each i32 lane replicated into r, g, b; alpha byte zeroed
  0, 0, 0, 0x80, 4, 4, 4, 0x80, 8, 8, 8, 0x80, 12, 12, 12, 0x80,
  // 128: (4899, 9617) x 4 as i16; 144: (1868, 0) x 4 as i16; 160: alpha bytes
  0x23, 0x13, 0x91, 0x25, 0x23, 0x13, 0x91, 0x25, 0x23, 0x13, 0x91, 0x25, 0x23, 0x13, 0x91, 0x25,
  0x4c, 0x07, 0, 0, 0x4c, 0x07, 0, 0, 0x4c, 0x07, 0, 0, 0x4c, 0x07, 0, 0,
  0, 0, 0, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff,
], 16);

/** floor(sum / 2^13) of 4 pixels (r, g pairs and b lanes picked from `px` by two swizzles). */
// @ts-ignore: decorator
@inline function gray4(px: v128, mRG: v128, mB: v128, wRG: v128, wB: v128): v128 {
  const s = i32x4.add(i32x4.dot_i16x8_s(i8x16.swizzle(px, mRG), wRG), i32x4.dot_i16x8_s(i8x16.swizzle(px, mB), wB));
  return i32x4.shr_u(s, 13);
}

/** 16 gray bytes from four results of gray4 (each floor(s / 2^13) <= 510). */
// @ts-ignore: decorator
@inline function gray16(a: v128, b: v128, c: v128, d: v128): v128 {
  const zero = i16x8.splat(0);
  const lo = i16x8.avgr_u(i16x8.narrow_i32x4_s(a, b), zero);
  const hi = i16x8.avgr_u(i16x8.narrow_i32x4_s(c, d), zero);
  return i8x16.narrow_i16x8_u(lo, hi);
}

// @ts-ignore: decorator
@inline function grayScalar(r: u32, g: u32, b: u32): u32 {
  return (r * 4899 + g * 9617 + b * 1868 + 8192) >> 14;
}

/**
 * Gray of `npix` pixels with `chIn` (3 or 4) channels into `chOut` channels: 1 (the plane),
 * 3 (replicated) or 4 (replicated, alpha copied; chIn 4 only).
 */
export function color_grayCv(src: usize, dst: usize, npix: i32, chIn: i32, chOut: i32): void {
  let p = 0;
  if (chIn == 3) p = gray3(src, dst, npix, chOut);
  else if (chOut == 4) p = gray4To4(src, dst, npix);
  else p = gray4ToN(src, dst, npix, chOut);
  const inStep = <usize>chIn;
  const outStep = <usize>chOut;
  for (; p < npix; p++) {
    const s = src + <usize>p * inStep;
    const v = <u8>grayScalar(load<u8>(s), load<u8>(s, 1), load<u8>(s, 2));
    const o = dst + <usize>p * outStep;
    store<u8>(o, v);
    if (chOut == 1) continue;
    store<u8>(o, v, 1);
    store<u8>(o, v, 2);
    if (chOut == 4) store<u8>(o, load<u8>(s, 3), 3);
  }
}

/** RGB in, 1 or 3 channels out, 16 pixels a step; returns the pixels done. */
function gray3(src: usize, dst: usize, npix: i32, chOut: i32): i32 {
  const mRG = v128.load(GRAY_K);
  const mB = v128.load(GRAY_K, 16);
  const wRG = v128.load(GRAY_K, 128);
  const wB = v128.load(GRAY_K, 144);
  const o0 = v128.load(GRAY_K, 64);
  const o1 = v128.load(GRAY_K, 80);
  const o2 = v128.load(GRAY_K, 96);
  let p = 0;
  // Loads at +0, +12, +24, +36 each hold 4 whole pixels and read 4 bytes past them: stop early enough.
  const total = npix * 3;
  let s = src;
  let o = dst;
  if (chOut == 3) {
    for (; p * 3 + 52 <= total; p += 16, s += 48, o += 48) {
      const g = gray16(gray4(v128.load(s), mRG, mB, wRG, wB), gray4(v128.load(s, 12), mRG, mB, wRG, wB),
        gray4(v128.load(s, 24), mRG, mB, wRG, wB), gray4(v128.load(s, 36), mRG, mB, wRG, wB));
      v128.store(o, i8x16.swizzle(g, o0));
      v128.store(o, i8x16.swizzle(g, o1), 16);
      v128.store(o, i8x16.swizzle(g, o2), 32);
    }
  } else {
    for (; p * 3 + 52 <= total; p += 16, s += 48, o += 16) {
      v128.store(o, gray16(gray4(v128.load(s), mRG, mB, wRG, wB), gray4(v128.load(s, 12), mRG, mB, wRG, wB),
        gray4(v128.load(s, 24), mRG, mB, wRG, wB), gray4(v128.load(s, 36), mRG, mB, wRG, wB)));
    }
  }
  return p;
}

/** RGBA in, 1 or 3 channels out (alpha dropped), 16 pixels a step. */
function gray4ToN(src: usize, dst: usize, npix: i32, chOut: i32): i32 {
  const mRG = v128.load(GRAY_K, 32);
  const mB = v128.load(GRAY_K, 48);
  const wRG = v128.load(GRAY_K, 128);
  const wB = v128.load(GRAY_K, 144);
  const o0 = v128.load(GRAY_K, 64);
  const o1 = v128.load(GRAY_K, 80);
  const o2 = v128.load(GRAY_K, 96);
  let p = 0;
  for (; p + 16 <= npix; p += 16) {
    const s = src + (<usize>p << 2);
    const g = gray16(gray4(v128.load(s), mRG, mB, wRG, wB), gray4(v128.load(s, 16), mRG, mB, wRG, wB),
      gray4(v128.load(s, 32), mRG, mB, wRG, wB), gray4(v128.load(s, 48), mRG, mB, wRG, wB));
    const o = dst + <usize>(p * chOut);
    if (chOut == 1) {
      v128.store(o, g);
    } else {
      v128.store(o, i8x16.swizzle(g, o0));
      v128.store(o, i8x16.swizzle(g, o1), 16);
      v128.store(o, i8x16.swizzle(g, o2), 32);
    }
  }
  return p;
}

/** RGBA in and out, alpha kept: 4 pixels a step, gray in i32 lanes replicated by one swizzle. */
function gray4To4(src: usize, dst: usize, npix: i32): i32 {
  const mRG = v128.load(GRAY_K, 32);
  const mB = v128.load(GRAY_K, 48);
  const wRG = v128.load(GRAY_K, 128);
  const wB = v128.load(GRAY_K, 144);
  const rep = v128.load(GRAY_K, 112);
  const alpha = v128.load(GRAY_K, 160);
  const one = i32x4.splat(1);
  let p = 0;
  for (; p + 4 <= npix; p += 4) {
    const at = <usize>p << 2;
    const px = v128.load(src + at);
    const g = i32x4.shr_u(i32x4.add(gray4(px, mRG, mB, wRG, wB), one), 1);
    v128.store(dst + at, v128.or(i8x16.swizzle(g, rep), v128.and(px, alpha)));
  }
  return p;
}

/** A 1-channel image replicated into 3 channels. */
export function color_gray1To3(src: usize, dst: usize, npix: i32): void {
  let p = 0;
  for (; p + 16 <= npix; p += 16) {
    const g = v128.load(src + <usize>p);
    const o = dst + <usize>(p * 3);
    v128.store(o, i8x16.shuffle(g, g, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5));
    v128.store(o, i8x16.shuffle(g, g, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10), 16);
    v128.store(o, i8x16.shuffle(g, g, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15), 32);
  }
  for (; p < npix; p++) {
    const v = load<u8>(src + <usize>p);
    const o = dst + <usize>(p * 3);
    store<u8>(o, v);
    store<u8>(o, v, 1);
    store<u8>(o, v, 2);
  }
}
