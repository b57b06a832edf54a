// Separable correlation (src/functional/blur-noise/convolve.ts sepFilter): kx along rows, ky along
// columns, anchors at the centre taps; borders come from the JS side's tables (xt, yt: the source
// index each padded position reads, -1 for the constant border). Two paths:
// - blur_sep_u8_fixed: uint8 in 16-bit fixed point with i32x4.dot_i16x8_s (two taps per
//   instruction on 8 lanes). Within 1 grey level of the reference (the JS side proves a bound
//   < 0.5 before choosing it) and bit-exact for dyadic kernels such as OpenCV's small fixed ones.
// - blur_sep_f64: any dtype in f64x2 with the reference's sums in the reference's order, so
//   equal bit for bit; used for uint16, float32 and the uint8 kernels the fixed path cannot take.
//
// Scratch rows are reused so that a call touches little memory beyond its input and output.

export { blur_sep_f64 } from './blur-f64';
export { blur_conv2d_f64 } from './blur-conv';
export { median_u8_3, median_u8_5 } from './median';

// ---- uint8 in fixed point ----
//
// Columns first, straight from the uint8 rows: taps in Q15 (so every tap < 1), mirrored rows of a
// symmetric kernel summed first (u16, exact), T = the sum rounded to 7 fractional bits and stored
// as i16 minus 16384: 0..255.99 becomes -16384..16383, so that T, and the sum of two T of mirrored
// taps, fit the signed 16-bit lanes dot_i16x8_s multiplies. Then rows the same way (mirrored T
// summed first for a symmetric kernel), plus 16384 * sum(taps) back, rounded to an integer: half
// to even for dyadic kernels, where every step is exact and ties are real, else half up.

/** Q15 taps; T keeps 7 fraction bits. Constant shifts compile to single instructions. */
const SHIFT_Y = 8;
const SHIFT_X = 22;

// @ts-ignore: decorator
@inline function tapPair(acc: v128, a: v128, b: v128, q: v128, high: bool): v128 {
  const x = high ? i16x8.shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15) : i16x8.shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11);
  return i32x4.add(acc, i32x4.dot_i16x8_s(x, q));
}

/**
 * qy, qx: taps as i32 words, two a word (low, high 16 bits), each word repeated four times (a
 * ready i32x4 splat: loading it is one instruction where a splat is two), at least four words;
 * with `symY` the
 * column words hold the taps of the pair sums (row t + row kh-1-t, t < kh/2) then the centre, else
 * the taps in order; an odd last tap pairs with 0. rows: kh row pointers (scratch). fillRow,
 * zeroRow: uint8 rows (w * c + 16 bytes) of the constant border and of zeros. tfill: T of the fill
 * per channel (i16, biased like T). T: i16 scratch of (w + max(kw, 8) - 1) * c + 64 values.
 * With `symX` the row words are paired like the symmetric column words. offX = 16384 * sum(qx)
 * adds T's bias back.
 */
export function blur_sep_u8_fixed(
  src: usize, dst: usize, w: i32, h: i32, c: i32,
  T: usize, rows: usize, fillRow: usize, zeroRow: usize, tfill: usize,
  qx: usize, kw: i32, qy: usize, kh: i32, symY: bool, xt: usize, yt: usize,
  offX: i32, halfEven: bool, symX: bool,
): void {
  const n = w * c;
  const ax = kw >> 1;
  const inner = T + (<usize>(ax * c) << 1);
  const padded = w + kw - 1;
  const terms = (kh >> 1) + 1;
  for (let y = 0; y < h; y++) {
    for (let k = 0; k < kh; k++) {
      const sy = load<i32>(yt + (<usize>(y + k) << 2));
      store<usize>(rows + (<usize>k << 2), sy < 0 ? fillRow : src + <usize>sy * <usize>n);
    }
    if (symY && terms <= 8) {
      // Constant term counts so that each instance is straight-line code.
      if (terms == 1) columnsSym(inner, n, rows, qy, kh, zeroRow, SHIFT_Y, 1);
      else if (terms == 2) columnsSym(inner, n, rows, qy, kh, zeroRow, SHIFT_Y, 2);
      else if (terms == 3) columnsSym(inner, n, rows, qy, kh, zeroRow, SHIFT_Y, 3);
      else if (terms == 4) columnsSym(inner, n, rows, qy, kh, zeroRow, SHIFT_Y, 4);
      else columnsSym(inner, n, rows, qy, kh, zeroRow, SHIFT_Y, 8);
    } else columnsAny(inner, n, rows, qy, kh, SHIFT_Y);
    for (let q = 0; q < padded; q++) {
      if (q == ax) q = ax + w; // the interior is done
      if (q >= padded) break;
      const sx = load<i32>(xt + (<usize>q << 2));
      for (let ch = 0; ch < c; ch++) {
        const v = sx < 0 ? load<i16>(tfill + (<usize>ch << 1)) : load<i16>(inner + (<usize>(sx * c + ch) << 1));
        store<i16>(T + (<usize>(q * c + ch) << 1), v);
      }
    }
    const out = dst + <usize>y * <usize>n;
    const tx = (kw >> 1) + 1;
    if (symX && tx <= 8) {
      if (halfEven) {
        if (tx == 1) rowsSym(out, T, n, c, qx, kw, offX, true, 1);
        else if (tx == 2) rowsSym(out, T, n, c, qx, kw, offX, true, 2);
        else if (tx == 3) rowsSym(out, T, n, c, qx, kw, offX, true, 3);
        else if (tx == 4) rowsSym(out, T, n, c, qx, kw, offX, true, 4);
        else rowsSym(out, T, n, c, qx, kw, offX, true, 8);
      } else {
        if (tx == 1) rowsSym(out, T, n, c, qx, kw, offX, false, 1);
        else if (tx == 2) rowsSym(out, T, n, c, qx, kw, offX, false, 2);
        else if (tx == 3) rowsSym(out, T, n, c, qx, kw, offX, false, 3);
        else if (tx == 4) rowsSym(out, T, n, c, qx, kw, offX, false, 4);
        else rowsSym(out, T, n, c, qx, kw, offX, false, 8);
      }
    } else if (kw <= 8) {
      if (halfEven) rowsK(out, T, n, c, qx, 8, SHIFT_X, offX, true);
      else rowsK(out, T, n, c, qx, 8, SHIFT_X, offX, false);
    } else rowsAny(out, T, n, c, qx, kw, SHIFT_X, offX, halfEven);
  }
}

// Column pass of one output row into T's interior, 8 values a step. Reading past the row's end
// only fills lanes of T's right margin, which the border loop then overwrites.

// @ts-ignore: decorator
@inline function storeT(p: usize, a0: v128, a1: v128, shift: i32): void {
  v128.store(p, i16x8.narrow_i32x4_s(i32x4.shr_s(a0, shift), i32x4.shr_s(a1, shift)));
}

// @ts-ignore: decorator
@inline function columnBias(shift: i32): v128 {
  // Round to nearest, and take 16384 off T.
  return i32x4.splat((1 << (shift - 1)) - (16384 << shift));
}

// @ts-ignore: decorator
@inline function term(a: usize, b: usize, o: usize): v128 {
  return i16x8.add(v128.load8x8_u(a + o), v128.load8x8_u(b + o));
}

/**
 * Symmetric column taps: term t (< TERMS) = row t + row kh-1-t, the centre row + the zero row for
 * t = kh/2, the zero rows (tap 0) beyond. TERMS is a constant at each call, so the unused terms
 * fold away.
 */
// @ts-ignore: decorator
@inline function columnsSym(inner: usize, n: i32, rows: usize, qy: usize, kh: i32, zeroRow: usize, shift: i32, TERMS: i32): void {
  const half = kh >> 1;
  const bias = columnBias(shift);
  const a0p = termRow(rows, 0, half, kh, false, zeroRow), b0p = termRow(rows, 0, half, kh, true, zeroRow);
  const a1p = termRow(rows, 1, half, kh, false, zeroRow), b1p = termRow(rows, 1, half, kh, true, zeroRow);
  const a2p = termRow(rows, 2, half, kh, false, zeroRow), b2p = termRow(rows, 2, half, kh, true, zeroRow);
  const a3p = termRow(rows, 3, half, kh, false, zeroRow), b3p = termRow(rows, 3, half, kh, true, zeroRow);
  const a4p = termRow(rows, 4, half, kh, false, zeroRow), b4p = termRow(rows, 4, half, kh, true, zeroRow);
  const a5p = termRow(rows, 5, half, kh, false, zeroRow), b5p = termRow(rows, 5, half, kh, true, zeroRow);
  const a6p = termRow(rows, 6, half, kh, false, zeroRow), b6p = termRow(rows, 6, half, kh, true, zeroRow);
  const a7p = termRow(rows, 7, half, kh, false, zeroRow), b7p = termRow(rows, 7, half, kh, true, zeroRow);
  const zero = i32x4.splat(0);
  for (let j = 0; j < n; j += 8) {
    const o = <usize>j;
    const t0 = term(a0p, b0p, o);
    const t1 = TERMS > 1 ? term(a1p, b1p, o) : zero;
    let s0 = tapPair(bias, t0, t1, v128.load(qy), false);
    let s1 = tapPair(bias, t0, t1, v128.load(qy), true);
    if (TERMS > 2) {
      const t2 = term(a2p, b2p, o);
      const t3 = TERMS > 3 ? term(a3p, b3p, o) : zero;
      s0 = tapPair(s0, t2, t3, v128.load(qy, 16), false);
      s1 = tapPair(s1, t2, t3, v128.load(qy, 16), true);
    }
    if (TERMS > 4) {
      const t4 = term(a4p, b4p, o);
      const t5 = term(a5p, b5p, o);
      s0 = tapPair(s0, t4, t5, v128.load(qy, 32), false);
      s1 = tapPair(s1, t4, t5, v128.load(qy, 32), true);
      const t6 = term(a6p, b6p, o);
      const t7 = term(a7p, b7p, o);
      s0 = tapPair(s0, t6, t7, v128.load(qy, 48), false);
      s1 = tapPair(s1, t6, t7, v128.load(qy, 48), true);
    }
    storeT(inner + (o << 1), s0, s1, shift);
  }
}

/** Row pointer of term t: row t or its mirror kh-1-t; the centre pairs with, and unused terms are, the zero row. */
function termRow(rows: usize, t: i32, half: i32, kh: i32, mirror: bool, zeroRow: usize): usize {
  if (t > half) return zeroRow;
  if (t == half) return mirror ? zeroRow : load<usize>(rows + (<usize>t << 2));
  return load<usize>(rows + (<usize>(mirror ? kh - 1 - t : t) << 2));
}

/** Any column taps, in order, two rows per dot product. */
function columnsAny(inner: usize, n: i32, rows: usize, qy: usize, kh: i32, shift: i32): void {
  const bias = columnBias(shift);
  const zero = i32x4.splat(0);
  const groups = (kh + 1) >> 1;
  for (let j = 0; j < n; j += 8) {
    let s0 = bias, s1 = bias;
    for (let g = 0; g < groups; g++) {
      const k = g << 1;
      const ra = v128.load8x8_u(load<usize>(rows + (<usize>k << 2)) + <usize>j);
      const rb = k + 1 < kh ? v128.load8x8_u(load<usize>(rows + (<usize>(k + 1) << 2)) + <usize>j) : zero;
      const q = v128.load(qy + (<usize>g << 4));
      s0 = tapPair(s0, ra, rb, q, false);
      s1 = tapPair(s1, ra, rb, q, true);
    }
    storeT(inner + (<usize>j << 1), s0, s1, shift);
  }
}

// Row pass of one output row from the padded T, 16 outputs a step.

// @ts-ignore: decorator
@inline function roundShift(x: v128, shift: i32, halfEven: bool): v128 {
  // Ties to even: x + half - 1 + (bit `shift` of x). Ties up: the half is already in x (rowInit).
  if (!halfEven) return i32x4.shr_s(x, shift);
  const r = i32x4.add(x, i32x4.splat((1 << (shift - 1)) - 1));
  return i32x4.shr_s(i32x4.add(r, v128.and(i32x4.shr_u(x, shift), i32x4.splat(1))), shift);
}

/** A row sum's starting value: T's bias back, plus the rounding half when ties go up. */
// @ts-ignore: decorator
@inline function rowInit(off: i32, halfEven: bool): v128 {
  return i32x4.splat(halfEven ? off : off + (1 << (SHIFT_X - 1)));
}

// @ts-ignore: decorator
@inline function storeU8(out: usize, j: i32, n: i32, a0: v128, a1: v128, a2: v128, a3: v128, shift: i32, halfEven: bool): void {
  const lo = i16x8.narrow_i32x4_s(roundShift(a0, shift, halfEven), roundShift(a1, shift, halfEven));
  const hi = i16x8.narrow_i32x4_s(roundShift(a2, shift, halfEven), roundShift(a3, shift, halfEven));
  const bytes = i8x16.narrow_i16x8_u(lo, hi);
  if (j + 16 <= n) v128.store(out + <usize>j, bytes);
  else storeTail(out + <usize>j, bytes, n - j);
}

/** K (<= 8, a constant at each call) row taps, straight-line; taps beyond the kernel's are 0. */
// @ts-ignore: decorator
@inline function rowsK(out: usize, T: usize, n: i32, c: i32, qx: usize, K: i32, shift: i32, off: i32, halfEven: bool): void {
  const init = rowInit(off, halfEven);
  const zero = i32x4.splat(0);
  const cb = <usize>c << 1;
  for (let j = 0; j < n; j += 16) {
    const p = T + (<usize>j << 1);
    let a0 = init, a1 = init, a2 = init, a3 = init;
    // Tap pair g: taps 2g and 2g + 1 (the latter 0 beyond K).
    let x0 = v128.load(p), x1 = v128.load(p, 16);
    let y0 = K > 1 ? v128.load(p + cb) : zero, y1 = K > 1 ? v128.load(p + cb, 16) : zero;
    a0 = tapPair(a0, x0, y0, v128.load(qx), false); a1 = tapPair(a1, x0, y0, v128.load(qx), true);
    a2 = tapPair(a2, x1, y1, v128.load(qx), false); a3 = tapPair(a3, x1, y1, v128.load(qx), true);
    if (K > 2) {
      const p2 = p + 2 * cb;
      x0 = v128.load(p2); x1 = v128.load(p2, 16);
      y0 = K > 3 ? v128.load(p2 + cb) : zero; y1 = K > 3 ? v128.load(p2 + cb, 16) : zero;
      a0 = tapPair(a0, x0, y0, v128.load(qx, 16), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 16), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 16), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 16), true);
    }
    if (K > 4) {
      const p4 = p + 4 * cb;
      x0 = v128.load(p4); x1 = v128.load(p4, 16);
      y0 = K > 5 ? v128.load(p4 + cb) : zero; y1 = K > 5 ? v128.load(p4 + cb, 16) : zero;
      a0 = tapPair(a0, x0, y0, v128.load(qx, 32), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 32), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 32), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 32), true);
    }
    if (K > 6) {
      const p6 = p + 6 * cb;
      x0 = v128.load(p6); x1 = v128.load(p6, 16);
      y0 = K > 7 ? v128.load(p6 + cb) : zero; y1 = K > 7 ? v128.load(p6 + cb, 16) : zero;
      a0 = tapPair(a0, x0, y0, v128.load(qx, 48), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 48), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 48), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 48), true);
    }
    storeU8(out, j, n, a0, a1, a2, a3, shift, halfEven);
  }
}

/**
 * Symmetric row taps, up to 15 (TERMS = kw/2 + 1 terms, a constant at each call; 8 stands for 5..8
 * with the unused terms' taps 0): term t < kw/2 is T[j + t c] + T[j + (kw-1-t) c], term kw/2 the
 * centre T[j + (kw/2) c] alone.
 */
// @ts-ignore: decorator
@inline function rowsSym(out: usize, T: usize, n: i32, c: i32, qx: usize, kw: i32, off: i32, halfEven: bool, TERMS: i32): void {
  // A constant where TERMS is exact, so that rowTerm's tests fold away.
  const half = TERMS < 8 ? TERMS - 1 : kw >> 1;
  const kl = TERMS < 8 ? 2 * TERMS - 2 : kw - 1;
  const init = rowInit(off, halfEven);
  const cb = <usize>c << 1;
  for (let j = 0; j < n; j += 16) {
    const p = T + (<usize>j << 1);
    let a0 = init, a1 = init, a2 = init, a3 = init;
    let x0 = rowTerm(p, cb, 0, half, kl, 0), x1 = rowTerm(p, cb, 0, half, kl, 16);
    let y0 = TERMS > 1 ? rowTerm(p, cb, 1, half, kl, 0) : ZERO16, y1 = TERMS > 1 ? rowTerm(p, cb, 1, half, kl, 16) : ZERO16;
    a0 = tapPair(a0, x0, y0, v128.load(qx), false); a1 = tapPair(a1, x0, y0, v128.load(qx), true);
    a2 = tapPair(a2, x1, y1, v128.load(qx), false); a3 = tapPair(a3, x1, y1, v128.load(qx), true);
    if (TERMS > 2) {
      x0 = rowTerm(p, cb, 2, half, kl, 0); x1 = rowTerm(p, cb, 2, half, kl, 16);
      y0 = TERMS > 3 ? rowTerm(p, cb, 3, half, kl, 0) : ZERO16; y1 = TERMS > 3 ? rowTerm(p, cb, 3, half, kl, 16) : ZERO16;
      a0 = tapPair(a0, x0, y0, v128.load(qx, 16), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 16), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 16), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 16), true);
    }
    if (TERMS > 4) {
      x0 = rowTerm(p, cb, 4, half, kl, 0); x1 = rowTerm(p, cb, 4, half, kl, 16);
      y0 = rowTerm(p, cb, 5, half, kl, 0); y1 = rowTerm(p, cb, 5, half, kl, 16);
      a0 = tapPair(a0, x0, y0, v128.load(qx, 32), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 32), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 32), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 32), true);
      x0 = rowTerm(p, cb, 6, half, kl, 0); x1 = rowTerm(p, cb, 6, half, kl, 16);
      y0 = rowTerm(p, cb, 7, half, kl, 0); y1 = rowTerm(p, cb, 7, half, kl, 16);
      a0 = tapPair(a0, x0, y0, v128.load(qx, 48), false); a1 = tapPair(a1, x0, y0, v128.load(qx, 48), true);
      a2 = tapPair(a2, x1, y1, v128.load(qx, 48), false); a3 = tapPair(a3, x1, y1, v128.load(qx, 48), true);
    }
    storeU8(out, j, n, a0, a1, a2, a3, SHIFT_X, halfEven);
  }
}

const ZERO16 = i32x4.splat(0);

/** Term t of the symmetric row pass at byte offset `o` of the output block. */
// @ts-ignore: decorator
@inline function rowTerm(p: usize, cb: usize, t: i32, half: i32, last: i32, o: usize): v128 {
  if (t > half) return ZERO16;
  const a = v128.load(p + <usize>t * cb + o);
  return t == half ? a : i16x8.add(a, v128.load(p + <usize>(last - t) * cb + o));
}

/** Any number of row taps, in order, two per dot product. */
function rowsAny(out: usize, T: usize, n: i32, c: i32, qx: usize, kw: i32, shift: i32, off: i32, halfEven: bool): void {
  const init = rowInit(off, halfEven);
  const zero = i32x4.splat(0);
  const groups = (kw + 1) >> 1;
  const cb = <usize>c << 1;
  for (let j = 0; j < n; j += 16) {
    let a0 = init, a1 = init, a2 = init, a3 = init;
    const p0 = T + (<usize>j << 1);
    for (let g = 0; g < groups; g++) {
      const k = g << 1;
      const pa = p0 + <usize>k * cb;
      const x0 = v128.load(pa), x1 = v128.load(pa, 16);
      let y0 = zero, y1 = zero;
      if (k + 1 < kw) {
        y0 = v128.load(pa + cb);
        y1 = v128.load(pa + cb, 16);
      }
      const q = v128.load(qx + (<usize>g << 4));
      a0 = tapPair(a0, x0, y0, q, false);
      a1 = tapPair(a1, x0, y0, q, true);
      a2 = tapPair(a2, x1, y1, q, false);
      a3 = tapPair(a3, x1, y1, q, true);
    }
    if (halfEven) storeU8(out, j, n, a0, a1, a2, a3, shift, true);
    else storeU8(out, j, n, a0, a1, a2, a3, shift, false);
  }
}

/** The last bytes of a row: only `count` (< 16) of the vector's bytes belong to the image. */
function storeTail(p: usize, v: v128, count: i32): void {
  let q = v;
  let i = 0;
  if (count >= 8) {
    v128.store64_lane(p, q, 0);
    q = i8x16.shuffle(q, q, 8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0);
    i = 8;
  }
  if (count - i >= 4) {
    v128.store32_lane(p + <usize>i, q, 0);
    q = i8x16.shuffle(q, q, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    i += 4;
  }
  for (; i < count; i++) {
    store<u8>(p + <usize>i, <u8>i8x16.extract_lane_u(q, 0));
    q = i8x16.shuffle(q, q, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
