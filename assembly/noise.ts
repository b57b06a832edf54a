// Per-pixel noise (src/functional/blur-noise/noise.ts) and the generator it draws from
// (src/core/rng.ts): xoshiro128** seeded through the murmur3 finalizer and SplitMix32, reproduced
// here word for word, so a seed gives the same u32 stream in both backends. The noise kernels
// follow the reference's draw order: raster order, one draw per colour channel (or one per pixel
// shared by the colours), alpha copied without a draw.

// The generator's state: module globals (static memory), reseeded by every kernel call.
let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

// @ts-ignore: decorator
@inline function fmix32(x: u32): u32 {
  let h = x;
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

/** `new Rng(seed)` for a numeric seed: key [seed], absorbed, then four SplitMix32 words. */
export function noise_seed(seed: u32): void {
  let h: u32 = 0x2545f491;
  h = fmix32((h ^ seed) + 0x9e3779b9 + (h << 6) + (h >> 2));
  let sm = h;
  sm += 0x9e3779b9;
  s0 = fmix32(sm);
  sm += 0x9e3779b9;
  s1 = fmix32(sm);
  sm += 0x9e3779b9;
  s2 = fmix32(sm);
  sm += 0x9e3779b9;
  s3 = fmix32(sm);
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
}

// @ts-ignore: decorator
@inline function nextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

const INV_2_32: f64 = 1.0 / 4294967296.0;

/**
 * The next `count` words into `out` (also the elastic fields' generator, assembly/fields.ts). The
 * state lives in locals through the loop: wasm globals are
 * memory to V8, and a load and store per state word per draw would bound the generator.
 */
export function noise_fill_u32(out: usize, count: i32): void {
  let a = s0, b = s1, c = s2, d = s3;
  for (let i = 0; i < count; i++) {
    store<u32>(out + (<usize>i << 2), rotl<u32>(b * 5, 7) * 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
  }
  s0 = a;
  s1 = b;
  s2 = c;
  s3 = d;
}

/** Writes the next `count` u32 of the stream seeded by `noise_seed` (tests compare it with Rng). */
export function noise_u32(out: usize, count: i32): void {
  // Both generators, alternating, so the test covers each against Rng.
  for (let i = 0; i < count; i += 2) {
    store<u32>(out + (<usize>i << 2), nextU32());
    if (i + 1 < count) noise_fill_u32(out + (<usize>(i + 1) << 2), 1);
  }
}

/**
 * `count` draws into `buf` (f64): mode 0 `Rng.normal(a, b)` = a + b * sqrt(-2 log(1 - u)) *
 * cos(2 pi v) (Box-Muller, cosine branch, in the reference's order of operations), two at a
 * time in f64x2 with our own log and cos (below); mode 1 `Rng.uniform(a, b)` = a + (b - a) * u.
 * `words`: scratch for 2 * count u32.
 */
function draws(buf: usize, count: i32, mode: i32, a: f64, b: f64, words: usize): void {
  if (mode == 0) {
    noise_fill_u32(words, count << 1);
    const n2 = count << 1;
    // Up to three normals past the end are computed from whatever follows (any u32 is a valid draw).
    for (let i = n2; i < n2 + 8; i++) store<u32>(words + (<usize>i << 2), 0);
    const av = f64x2.splat(a), bv = f64x2.splat(b);
    // Four normals a step, as two independent f64x2 chains, so that their latencies overlap.
    for (let i = 0; i < count; i += 4) {
      v128.store(buf + (<usize>i << 3), normalPair(words + (<usize>i << 3), av, bv));
      v128.store(buf + (<usize>i << 3), normalPair(words + (<usize>i << 3) + 16, av, bv), 16);
    }
  } else {
    const span = b - a;
    noise_fill_u32(words, count);
    for (let i = 0; i < count; i++) store<f64>(buf + (<usize>i << 3), a + span * (<f64>load<u32>(words + (<usize>i << 2)) * INV_2_32));
  }
}

/** Normals from words w[0], w[1] (u1, u2 of the first) and w[2], w[3] (of the second). */
// @ts-ignore: decorator
@inline function normalPair(w: usize, av: v128, bv: v128): v128 {
  const v = v128.load(w);
  const u1 = f64x2.sub(ONE(), f64x2.mul(f64x2.convert_low_i32x4_u(i32x4.shuffle(v, v, 0, 2, 1, 3)), INV32()));
  const u2 = f64x2.mul(f64x2.convert_low_i32x4_u(i32x4.shuffle(v, v, 1, 3, 0, 2)), INV32());
  const r = f64x2.sqrt(f64x2.mul(MINUS_TWO(), log2x(u1)));
  return f64x2.add(av, f64x2.mul(f64x2.mul(bv, r), cos2x(f64x2.mul(TWO_PI(), u2))));
}

// ---- log and cos in f64x2, for the arguments Box-Muller gives them ----
// log: u in (0, 1], a multiple of 2^-32, so never zero, negative or subnormal. u = m * 2^e with
// m in [sqrt(1/2), sqrt(2)); with f = m - 1 and s = f / (2 + f), log(m) = 2 atanh(s) =
// f - (f^2/2 - s (f^2/2 + R)), R = s^2 P(s^2); P is a degree-6 Chebyshev fit (mpmath, error
// < 2e-18 on the range). e ln 2 is added in two parts (the high part has 32 bits, so e * hi is
// exact).
// cos: x = 2 pi v in [0, 2 pi). q = round(x * 2/pi), r = x - q pi/2 with pi/2 in three parts
// (Cody-Waite: q * part1 and q * part2 are exact), |r| <= pi/4; cos x = cos r, -sin r, -cos r or
// sin r by q mod 4. sin r = r + r^3 S(r^2), cos r = 1 - r^2/2 + r^4 C(r^2), degree-5 fits.
// Both are within about 1 ulp; V8's Math differs from them (and from AssemblyScript's) by an ulp
// on a few percent of the arguments.

// Constants live in static memory as f64 pairs: V8 builds a v128.const from immediates with four
// instructions at every use, while a load from memory is one (and often folds into the arithmetic).
const KD = memory.data<f64>([
  1.0, 1.0, // ONE
  1.0 / 4294967296.0, 1.0 / 4294967296.0, // INV32
  2.0 * Math.PI, 2.0 * Math.PI, // TWO_PI
  0.6931471803691238, 0.6931471803691238, // LN2_HI
  1.9082149292705877e-10, 1.9082149292705877e-10, // LN2_LO
  0.666666666666667, 0.666666666666667, // L0
  0.39999999999899505, 0.39999999999899505, // L1
  0.28571428625975487, 0.28571428625975487, // L2
  0.2222221113479508, 0.2222221113479508, // L3
  0.18182889125261723, 0.18182889125261723, // L4
  0.15331721600556042, 0.15331721600556042, // L5
  0.14616449685043406, 0.14616449685043406, // L6
  0.6366197723675814, 0.6366197723675814, // TWO_OVER_PI
  1.5707963267341256, 1.5707963267341256, // PIO2_1
  6.077100506303966e-11, 6.077100506303966e-11, // PIO2_2
  2.0222662487959506e-21, 2.0222662487959506e-21, // PIO2_3
  -0.16666666666666666, -0.16666666666666666, // S0
  0.008333333333330948, 0.008333333333330948, // S1
  -0.00019841269836758574, -0.00019841269836758574, // S2
  2.755731610255244e-6, 2.755731610255244e-6, // S3
  -2.5051131845003624e-8, -2.5051131845003624e-8, // S4
  1.5918129294866608e-10, 1.5918129294866608e-10, // S5
  0.041666666666666664, 0.041666666666666664, // C0
  -0.0013888888888887398, -0.0013888888888887398, // C1
  2.480158729876569e-5, 2.480158729876569e-5, // C2
  -2.7557317271729793e-7, -2.7557317271729793e-7, // C3
  2.08761462684032e-9, 2.08761462684032e-9, // C4
  -1.1382632425521717e-11, -1.1382632425521717e-11, // C5
  0.5, 0.5, // HALF
  2.0, 2.0, // TWO
  -2.0, -2.0, // MINUS_TWO
], 16);
const I64_CONSTS = memory.data<i64>([0x3fe6a09e667f3bcd, 0x3fe6a09e667f3bcd, 1, 1, 0x8000000000000000, 0x8000000000000000], 16);

// @ts-ignore: decorator
@inline function k(i: i32): v128 {
  return v128.load(KD + (<usize>i << 4));
}

// @ts-ignore: decorator
@inline function ONE(): v128 { return k(0); }
// @ts-ignore: decorator
@inline function INV32(): v128 { return k(1); }
// @ts-ignore: decorator
@inline function TWO_PI(): v128 { return k(2); }
// @ts-ignore: decorator
@inline function LN2_HI(): v128 { return k(3); }
// @ts-ignore: decorator
@inline function LN2_LO(): v128 { return k(4); }
// @ts-ignore: decorator
@inline function L0(): v128 { return k(5); }
// @ts-ignore: decorator
@inline function L1(): v128 { return k(6); }
// @ts-ignore: decorator
@inline function L2(): v128 { return k(7); }
// @ts-ignore: decorator
@inline function L3(): v128 { return k(8); }
// @ts-ignore: decorator
@inline function L4(): v128 { return k(9); }
// @ts-ignore: decorator
@inline function L5(): v128 { return k(10); }
// @ts-ignore: decorator
@inline function L6(): v128 { return k(11); }
// @ts-ignore: decorator
@inline function TWO_OVER_PI(): v128 { return k(12); }
// @ts-ignore: decorator
@inline function PIO2_1(): v128 { return k(13); }
// @ts-ignore: decorator
@inline function PIO2_2(): v128 { return k(14); }
// @ts-ignore: decorator
@inline function PIO2_3(): v128 { return k(15); }
// @ts-ignore: decorator
@inline function S0(): v128 { return k(16); }
// @ts-ignore: decorator
@inline function S1(): v128 { return k(17); }
// @ts-ignore: decorator
@inline function S2(): v128 { return k(18); }
// @ts-ignore: decorator
@inline function S3(): v128 { return k(19); }
// @ts-ignore: decorator
@inline function S4(): v128 { return k(20); }
// @ts-ignore: decorator
@inline function S5(): v128 { return k(21); }
// @ts-ignore: decorator
@inline function C0(): v128 { return k(22); }
// @ts-ignore: decorator
@inline function C1(): v128 { return k(23); }
// @ts-ignore: decorator
@inline function C2(): v128 { return k(24); }
// @ts-ignore: decorator
@inline function C3(): v128 { return k(25); }
// @ts-ignore: decorator
@inline function C4(): v128 { return k(26); }
// @ts-ignore: decorator
@inline function C5(): v128 { return k(27); }
// @ts-ignore: decorator
@inline function HALF(): v128 { return k(28); }
// @ts-ignore: decorator
@inline function TWO(): v128 { return k(29); }
// @ts-ignore: decorator
@inline function MINUS_TWO(): v128 { return k(30); }
// @ts-ignore: decorator
@inline function SQRT_HALF_BITS(): v128 { return v128.load(I64_CONSTS); }
// @ts-ignore: decorator
@inline function I64_ONE(): v128 { return v128.load(I64_CONSTS, 16); }
// @ts-ignore: decorator
@inline function SIGN_BIT(): v128 { return v128.load(I64_CONSTS, 32); }

// @ts-ignore: decorator
@inline function fma(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(a, b), c);
}

// @ts-ignore: decorator
@inline function log2x(x: v128): v128 {
  const e64 = i64x2.shr_s(i64x2.sub(x, SQRT_HALF_BITS()), 52);
  const m = i64x2.sub(x, i64x2.shl(e64, 52));
  const e = f64x2.convert_low_i32x4_s(i32x4.shuffle(e64, e64, 0, 2, 0, 2));
  const f = f64x2.sub(m, ONE());
  const s = f64x2.div(f, f64x2.add(TWO(), f));
  const z = f64x2.mul(s, s);
  const p = fma(fma(fma(fma(fma(fma(L6(), z, L5()), z, L4()), z, L3()), z, L2()), z, L1()), z, L0());
  const R = f64x2.mul(z, p);
  const hfsq = f64x2.mul(HALF(), f64x2.mul(f, f));
  const lo = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(e, LN2_LO()));
  return f64x2.add(f64x2.mul(e, LN2_HI()), f64x2.sub(f, f64x2.sub(hfsq, lo)));
}

// @ts-ignore: decorator
@inline function cos2x(x: v128): v128 {
  const q = f64x2.nearest(f64x2.mul(x, TWO_OVER_PI()));
  const r = f64x2.sub(f64x2.sub(f64x2.sub(x, f64x2.mul(q, PIO2_1())), f64x2.mul(q, PIO2_2())), f64x2.mul(q, PIO2_3()));
  const r2 = f64x2.mul(r, r);
  const sinr = fma(f64x2.mul(r, r2), fma(fma(fma(fma(fma(S5(), r2, S4()), r2, S3()), r2, S2()), r2, S1()), r2, S0()), r);
  const c = fma(fma(fma(fma(fma(C5(), r2, C4()), r2, C3()), r2, C2()), r2, C1()), r2, C0());
  const cosr = f64x2.add(f64x2.sub(ONE(), f64x2.mul(HALF(), r2)), f64x2.mul(f64x2.mul(r2, r2), c));
  const qi = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(q));
  const odd = i64x2.eq(v128.and(qi, I64_ONE()), I64_ONE());
  const sign = i64x2.shl(i64x2.add(qi, I64_ONE()), 62); // bit 1 of q + 1: q = 1 or 2 (mod 4) negate
  return v128.xor(v128.bitselect(sinr, cosr, odd), v128.and(sign, SIGN_BIT()));
}

const CHUNK = 1024; // pixels per batch of draws

/**
 * Noise over `pixels` pixels of `c` channels (`cc` of them colour; a 4th is alpha, copied).
 * dtype 0 uint8, 1 uint16, 2 float32. mode 0 adds normal(a, b), mode 1 multiplies by
 * uniform(a, b). Results are clamped to [0, hi]; integers rounded half to even. `buf`: f64
 * scratch of 1024 * cc + 1 values; `words`: u32 scratch of twice as many.
 */
export function noise_apply(src: usize, dst: usize, pixels: i32, c: i32, cc: i32, dtype: i32, perChannel: bool, mode: i32, a: f64, b: f64, hi: f64, seed: u32, buf: usize, words: usize): void {
  noise_seed(seed);
  const per = perChannel ? cc : 1;
  for (let p0 = 0; p0 < pixels; p0 += CHUNK) {
    const np = min(CHUNK, pixels - p0);
    draws(buf, np * per, mode, a, b, words);
    if (dtype == 0 && perChannel && c != 4) applyU8Dense(src + <usize>(p0 * c), dst + <usize>(p0 * c), np * c, mode, hi, buf);
    else if (dtype == 0) applyU8(src, dst, p0, np, c, cc, perChannel, mode, hi, buf);
    else applyAny(src, dst, p0, np, c, cc, perChannel, mode, hi, buf, dtype);
  }
}

// @ts-ignore: decorator
@inline function combine(v: f64, d: f64, mode: i32): f64 {
  return mode == 0 ? v + d : v * d;
}

/**
 * uint8 with one draw per value (gray or RGB, per channel): value k takes draw k, 8 values a step
 * in f64x2, rounded half to even (f64x2.nearest) and saturated as the reference clamps.
 */
function applyU8Dense(src: usize, dst: usize, count: i32, mode: i32, hi: f64, buf: usize): void {
  const zero = f64x2.splat(0), top = f64x2.splat(hi);
  let k = 0;
  for (; k + 8 <= count; k += 8) {
    const w = i16x8.extend_low_i8x16_u(v128.load64_zero(src + <usize>k));
    const lo4 = i32x4.extend_low_i16x8_u(w), hi4 = i32x4.extend_high_i16x8_u(w);
    const d = buf + (<usize>k << 3);
    const r0 = noisy(f64x2.convert_low_i32x4_u(lo4), v128.load(d), mode, zero, top);
    const r1 = noisy(f64x2.convert_low_i32x4_u(i32x4.shuffle(lo4, lo4, 2, 3, 0, 1)), v128.load(d, 16), mode, zero, top);
    const r2 = noisy(f64x2.convert_low_i32x4_u(hi4), v128.load(d, 32), mode, zero, top);
    const r3 = noisy(f64x2.convert_low_i32x4_u(i32x4.shuffle(hi4, hi4, 2, 3, 0, 1)), v128.load(d, 48), mode, zero, top);
    const a = i32x4.shuffle(r0, r1, 0, 1, 4, 5), b = i32x4.shuffle(r2, r3, 0, 1, 4, 5);
    const n16 = i16x8.narrow_i32x4_s(a, b);
    v128.store64_lane(dst + <usize>k, i8x16.narrow_i16x8_u(n16, n16), 0);
  }
  for (; k < count; k++) {
    const v = combine(<f64>load<u8>(src + <usize>k), load<f64>(buf + (<usize>k << 3)), mode);
    store<u8>(dst + <usize>k, <u8>nearest<f64>(min<f64>(max<f64>(v, 0), hi)));
  }
}

/** Two values plus (or times) their draws, clamped to [0, hi], rounded half to even, as i32 in lanes 0-1. */
// @ts-ignore: decorator
@inline function noisy(v: v128, d: v128, mode: i32, zero: v128, top: v128): v128 {
  const x = mode == 0 ? f64x2.add(v, d) : f64x2.mul(v, d);
  return i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(f64x2.pmin(top, f64x2.pmax(zero, x))));
}

function applyU8(src: usize, dst: usize, p0: i32, np: i32, c: i32, cc: i32, perChannel: bool, mode: i32, hi: f64, buf: usize): void {
  let k = 0;
  for (let p = p0; p < p0 + np; p++) {
    const i = <usize>(p * c);
    let d = perChannel ? 0 : load<f64>(buf + (<usize>(k++) << 3));
    for (let ch = 0; ch < cc; ch++) {
      if (perChannel) d = load<f64>(buf + (<usize>(k++) << 3));
      const v = combine(<f64>load<u8>(src + i + <usize>ch), d, mode);
      store<u8>(dst + i + <usize>ch, <u8>nearest<f64>(min<f64>(max<f64>(v, 0), hi)));
    }
    if (c == 4) store<u8>(dst + i + 3, load<u8>(src + i + 3));
  }
}

function applyAny(src: usize, dst: usize, p0: i32, np: i32, c: i32, cc: i32, perChannel: bool, mode: i32, hi: f64, buf: usize, dtype: i32): void {
  let k = 0;
  for (let p = p0; p < p0 + np; p++) {
    const i = <usize>(p * c);
    let d = perChannel ? 0 : load<f64>(buf + (<usize>(k++) << 3));
    for (let ch = 0; ch < cc; ch++) {
      if (perChannel) d = load<f64>(buf + (<usize>(k++) << 3));
      const at = i + <usize>ch;
      if (dtype == 1) {
        const v = combine(<f64>load<u16>(src + (at << 1)), d, mode);
        store<u16>(dst + (at << 1), <u16>nearest<f64>(min<f64>(max<f64>(v, 0), hi)));
      } else {
        const v = combine(<f64>load<f32>(src + (at << 2)), d, mode);
        // The reference clamps with comparisons (v < 0 ? 0 : v > hi ? hi : v), which keeps NaN.
        store<f32>(dst + (at << 2), <f32>(v < 0 ? 0 : v > hi ? hi : v));
      }
    }
    if (c == 4) {
      if (dtype == 1) store<u16>(dst + ((i + 3) << 1), load<u16>(src + ((i + 3) << 1)));
      else store<f32>(dst + ((i + 3) << 2), load<f32>(src + ((i + 3) << 2)));
    }
  }
}

/** The first `count` draws of `seed` (mode as in `noise_apply`) into `buf` (tests compare them with Rng). */
export function noise_draws(seed: u32, mode: i32, a: f64, b: f64, buf: usize, count: i32, words: usize): void {
  noise_seed(seed);
  draws(buf, count, mode, a, b, words);
}
