// Color and point kernels (functional/color): lookup tables, histograms, OpenCV gray, Normalize.
// Every table is built on the TypeScript side exactly as the reference computes it, so applying
// it here is exact; float arithmetic is f32 exactly where the reference emulates C float.
export * from './color-enhance';

// ---------------------------------------------------------------------------------------------
// Lookup tables (uint8). Byte i of an image uses table (i mod channels); alpha gets an identity
// table from the caller. Large images go through pair tables: one 65536-entry u16 table maps two
// neighbouring bytes at once, which halves the loads and stores (measured 2x faster than a byte
// loop at 500x375x3; building one pair table costs about 4 us).

/** Pair table at `pair`: pair[(b << 8) | a] = (hi[b] << 8) | lo[a] (little-endian byte order). */
export function color_lutPairTable(pair: usize, lo: usize, hi: usize): void {
  for (let b = 0; b < 256; b++) {
    const high = i16x8.splat(<i16>(<i32>load<u8>(hi + <usize>b) << 8));
    const row = pair + <usize>(b << 9);
    for (let k = 0; k < 256; k += 16) {
      const v = v128.load(lo + <usize>k);
      v128.store(row + <usize>(k << 1), v128.or(i16x8.extend_low_i8x16_u(v), high));
      v128.store(row + <usize>(k << 1), v128.or(i16x8.extend_high_i8x16_u(v), high), 16);
    }
  }
}

// @ts-ignore: decorator
@inline function pairAt(table: usize, s: usize): u16 {
  return load<u16>(table + (<usize>load<u16>(s) << 1));
}

/**
 * Applies `period` pair tables (laid out one after another, 131072 bytes each) to `n` bytes:
 * byte pair j uses table j mod period. Period 1: one table for every byte (1 or 3 channels, or a
 * single table); 2: RGBA (tables (0,1) and (2,alpha)); 3: RGB with a table per channel
 * (tables (0,1), (2,0), (1,2)).
 */
export function color_lutPairs(src: usize, dst: usize, n: i32, pairs: usize, period: i32): void {
  const P: usize = 131072;
  let i = 0;
  if (period == 1) {
    for (; i + 16 <= n; i += 16) {
      const s = src + <usize>i;
      const d = dst + <usize>i;
      store<u16>(d, pairAt(pairs, s));
      store<u16>(d, pairAt(pairs, s + 2), 2);
      store<u16>(d, pairAt(pairs, s + 4), 4);
      store<u16>(d, pairAt(pairs, s + 6), 6);
      store<u16>(d, pairAt(pairs, s + 8), 8);
      store<u16>(d, pairAt(pairs, s + 10), 10);
      store<u16>(d, pairAt(pairs, s + 12), 12);
      store<u16>(d, pairAt(pairs, s + 14), 14);
    }
  } else if (period == 2) {
    const t1 = pairs + P;
    for (; i + 16 <= n; i += 16) {
      const s = src + <usize>i;
      const d = dst + <usize>i;
      store<u16>(d, pairAt(pairs, s));
      store<u16>(d, pairAt(t1, s + 2), 2);
      store<u16>(d, pairAt(pairs, s + 4), 4);
      store<u16>(d, pairAt(t1, s + 6), 6);
      store<u16>(d, pairAt(pairs, s + 8), 8);
      store<u16>(d, pairAt(t1, s + 10), 10);
      store<u16>(d, pairAt(pairs, s + 12), 12);
      store<u16>(d, pairAt(t1, s + 14), 14);
    }
  } else {
    const t1 = pairs + P;
    const t2 = pairs + 2 * P;
    for (; i + 12 <= n; i += 12) {
      const s = src + <usize>i;
      const d = dst + <usize>i;
      store<u16>(d, pairAt(pairs, s));
      store<u16>(d, pairAt(t1, s + 2), 2);
      store<u16>(d, pairAt(t2, s + 4), 4);
      store<u16>(d, pairAt(pairs, s + 6), 6);
      store<u16>(d, pairAt(t1, s + 8), 8);
      store<u16>(d, pairAt(t2, s + 10), 10);
    }
  }
  // Tail: the vector bodies stop on a multiple of the period, so pair j here uses table j mod period.
  let j = 0;
  for (; i + 2 <= n; i += 2, j++) {
    const t = pairs + <usize>(j % period) * P;
    store<u16>(dst + <usize>i, load<u16>(t + (<usize>load<u16>(src + <usize>i) << 1)));
  }
  // A last odd byte: the low half of its pair table at high byte 0.
  if (i < n) {
    const t = pairs + <usize>(j % period) * P;
    store<u8>(dst + <usize>i, <u8>load<u16>(t + (<usize>load<u8>(src + <usize>i) << 1)));
  }
}

/** Small images: byte i uses the 256-entry table at tables + (i mod ch) * 256. */
export function color_lutBytes(src: usize, dst: usize, n: i32, tables: usize, ch: i32): void {
  if (ch == 1) {
    for (let i = 0; i < n; i++) store<u8>(dst + <usize>i, load<u8>(tables + <usize>load<u8>(src + <usize>i)));
    return;
  }
  for (let i = 0; i < n; i += ch) {
    for (let c = 0; c < ch; c++) {
      const at = <usize>(i + c);
      store<u8>(dst + at, load<u8>(tables + <usize>(c << 8) + <usize>load<u8>(src + at)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Histograms (uint8): u32 counts, `colors` x 256 at `hist`, alpha skipped. Two sub-histograms
// per channel, alternating pixels (four for gray), so that runs of equal neighbours do not
// serialize on one counter; `scratch` (6144 bytes) holds them.

export function color_histogram(src: usize, npix: i32, ch: i32, hist: usize, scratch: usize): void {
  if (ch == 1) {
    // Four sub-histograms for gray: one per byte of a 32-bit load.
    memory.fill(scratch, 0, 4096);
    let i = 0;
    for (; i + 4 <= npix; i += 4) {
      const v = load<u32>(src + <usize>i);
      const a = scratch + (<usize>(v & 0xff) << 2);
      const b = scratch + 1024 + (<usize>((v >> 8) & 0xff) << 2);
      const c = scratch + 2048 + (<usize>((v >> 16) & 0xff) << 2);
      const d = scratch + 3072 + (<usize>(v >> 24) << 2);
      store<u32>(a, load<u32>(a) + 1);
      store<u32>(b, load<u32>(b) + 1);
      store<u32>(c, load<u32>(c) + 1);
      store<u32>(d, load<u32>(d) + 1);
    }
    for (; i < npix; i++) {
      const a = scratch + (<usize>load<u8>(src + <usize>i) << 2);
      store<u32>(a, load<u32>(a) + 1);
    }
    for (let k = 0; k < 256; k++) {
      const o = <usize>(k << 2);
      store<u32>(hist + o, load<u32>(scratch + o) + load<u32>(scratch + 1024 + o) + load<u32>(scratch + 2048 + o) + load<u32>(scratch + 3072 + o));
    }
    return;
  }
  memory.fill(scratch, 0, 6144);
  const step = <usize>ch;
  let p = 0;
  let s = src;
  for (; p + 2 <= npix; p += 2, s += step << 1) {
    const r0 = scratch + (<usize>load<u8>(s) << 2);
    const g0 = scratch + 2048 + (<usize>load<u8>(s, 1) << 2);
    const b0 = scratch + 4096 + (<usize>load<u8>(s, 2) << 2);
    store<u32>(r0, load<u32>(r0) + 1);
    store<u32>(g0, load<u32>(g0) + 1);
    store<u32>(b0, load<u32>(b0) + 1);
    const t = s + step;
    const r1 = scratch + 1024 + (<usize>load<u8>(t) << 2);
    const g1 = scratch + 3072 + (<usize>load<u8>(t, 1) << 2);
    const b1 = scratch + 5120 + (<usize>load<u8>(t, 2) << 2);
    store<u32>(r1, load<u32>(r1) + 1);
    store<u32>(g1, load<u32>(g1) + 1);
    store<u32>(b1, load<u32>(b1) + 1);
  }
  if (p < npix) {
    for (let c = 0; c < 3; c++) {
      const a = scratch + <usize>(c * 2048) + (<usize>load<u8>(s + <usize>c) << 2);
      store<u32>(a, load<u32>(a) + 1);
    }
  }
  for (let c = 0; c < 3; c++) {
    const h = scratch + <usize>(c * 2048);
    for (let k = 0; k < 256; k++) {
      const o = <usize>(k << 2);
      store<u32>(hist + <usize>(c * 1024) + o, load<u32>(h + o) + load<u32>(h + 1024 + o));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Normalize: out = f32(f32(v - m[c]) * inv[c]) for color samples, f32(v) / alphaScale for alpha.
// Exact: v, m, inv are f32 values and each operation rounds once, as the reference's Math.fround.
// `params` holds 12 f32 means then 12 f32 reciprocals: the per-lane pattern over 12 consecutive
// samples (period lcm(4, channels)), with alpha lanes marked by a NaN mean; `isFloat` says
// whether `src` holds f32 samples instead of bytes.

// @ts-ignore: decorator
@inline function emit(o: usize, v: v128, m: v128, inv: v128, alpha: v128, alphaScale: v128, hasAlpha: bool): void {
  let out = f32x4.mul(f32x4.sub(v, m), inv);
  if (hasAlpha) out = v128.bitselect(f32x4.div(v, alphaScale), out, alpha);
  v128.store(o, out);
}

// @ts-ignore: decorator
@inline function widen(b: v128, q: i32): v128 {
  const h = q < 2 ? i16x8.extend_low_i8x16_u(b) : i16x8.extend_high_i8x16_u(b);
  return f32x4.convert_i32x4_u((q & 1) == 0 ? i32x4.extend_low_i16x8_u(h) : i32x4.extend_high_i16x8_u(h));
}

export function color_normalize(src: usize, dst: usize, n: i32, params: usize, ch: i32, isFloat: i32, alphaScale: f32): void {
  const m0 = v128.load(params);
  const m1 = v128.load(params, 16);
  const m2 = v128.load(params, 32);
  const i0 = v128.load(params, 48);
  const i1 = v128.load(params, 64);
  const i2 = v128.load(params, 80);
  const al = ch == 4;
  // Alpha lanes: where the mean is NaN (set so by the caller).
  const a0 = f32x4.ne(m0, m0);
  const a1 = f32x4.ne(m1, m1);
  const a2 = f32x4.ne(m2, m2);
  const as = f32x4.splat(alphaScale);
  let i = 0;
  // 12 samples per pattern period (3 vectors of 4 lanes); 48 samples per step.
  if (isFloat) {
    for (; i + 48 <= n; i += 48) {
      const s = src + (<usize>i << 2);
      const o = dst + (<usize>i << 2);
      emit(o, v128.load(s), m0, i0, a0, as, al);
      emit(o + 16, v128.load(s, 16), m1, i1, a1, as, al);
      emit(o + 32, v128.load(s, 32), m2, i2, a2, as, al);
      emit(o + 48, v128.load(s, 48), m0, i0, a0, as, al);
      emit(o + 64, v128.load(s, 64), m1, i1, a1, as, al);
      emit(o + 80, v128.load(s, 80), m2, i2, a2, as, al);
      emit(o + 96, v128.load(s, 96), m0, i0, a0, as, al);
      emit(o + 112, v128.load(s, 112), m1, i1, a1, as, al);
      emit(o + 128, v128.load(s, 128), m2, i2, a2, as, al);
      emit(o + 144, v128.load(s, 144), m0, i0, a0, as, al);
      emit(o + 160, v128.load(s, 160), m1, i1, a1, as, al);
      emit(o + 176, v128.load(s, 176), m2, i2, a2, as, al);
    }
  } else {
    for (; i + 48 <= n; i += 48) {
      const s = src + <usize>i;
      const o = dst + (<usize>i << 2);
      const b0 = v128.load(s);
      const b1 = v128.load(s, 16);
      const b2 = v128.load(s, 32);
      emit(o, widen(b0, 0), m0, i0, a0, as, al);
      emit(o + 16, widen(b0, 1), m1, i1, a1, as, al);
      emit(o + 32, widen(b0, 2), m2, i2, a2, as, al);
      emit(o + 48, widen(b0, 3), m0, i0, a0, as, al);
      emit(o + 64, widen(b1, 0), m1, i1, a1, as, al);
      emit(o + 80, widen(b1, 1), m2, i2, a2, as, al);
      emit(o + 96, widen(b1, 2), m0, i0, a0, as, al);
      emit(o + 112, widen(b1, 3), m1, i1, a1, as, al);
      emit(o + 128, widen(b2, 0), m2, i2, a2, as, al);
      emit(o + 144, widen(b2, 1), m0, i0, a0, as, al);
      emit(o + 160, widen(b2, 2), m1, i1, a1, as, al);
      emit(o + 176, widen(b2, 3), m2, i2, a2, as, al);
    }
  }
  for (; i < n; i++) {
    const lane = <usize>((i % 12) << 2);
    const v: f32 = isFloat ? load<f32>(src + (<usize>i << 2)) : <f32>load<u8>(src + <usize>i);
    const m = load<f32>(params + lane);
    const out: f32 = m != m ? v / alphaScale : (v - m) * load<f32>(params + 48 + lane);
    store<f32>(dst + (<usize>i << 2), out);
  }
}

// ---------------------------------------------------------------------------------------------
// Sum of the color samples of a uint8 image (alpha skipped): RandomBrightnessContrast's mean.

export function color_colorSum(src: usize, n: i32, ch: i32): f64 {
  // Alpha bytes zeroed before the pairwise widening adds; 16 bytes add at most 16 * 255 to the
  // four 32-bit lanes together, so blocks of 2^20 steps cannot overflow a lane.
  const keep = ch == 4 ? i32x4.splat(0x00ffffff) : i32x4.splat(-1);
  let sum: u64 = 0;
  let i = 0;
  while (i + 16 <= n) {
    let acc = i32x4.splat(0);
    const stop = min(n, i + (1 << 24));
    for (; i + 16 <= stop; i += 16) {
      const v = v128.and(v128.load(src + <usize>i), keep);
      acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(v)));
    }
    sum += <u64>i32x4.extract_lane(acc, 0) + <u64>i32x4.extract_lane(acc, 1) + <u64>i32x4.extract_lane(acc, 2) + <u64>i32x4.extract_lane(acc, 3);
  }
  // n is a multiple of ch and the vector steps of 16 bytes keep the channel phase for ch 1 and 4.
  for (; i < n; i++) if (ch != 4 || (i & 3) != 3) sum += <u64>load<u8>(src + <usize>i);
  return <f64>sum;
}
