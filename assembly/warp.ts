// Warps and remaps (functional/geometric/warp.ts, remap.ts, sampler.ts) with constant borders.
// The JS side (src/backend/fast/warp.ts) falls back to the TypeScript reference for other
// borders and filters.
//
// Exact parts: nearest (any dtype), bilinear uint16 and float32, and every uint8 pixel whose taps
// are not all inside the source (edges, fill) run the scalar samplers below, which repeat the
// reference's f64 operations in its order (IEEE f64 is the same in JS and wasm, and neither
// fuses a multiply-add) and round half to even: those results EQUAL the reference.
// Bilinear uint8 pixels with all four taps inside run warp-simd.ts in fixed point, four at a
// time: at most 1 level from the reference (see there why, and test/backend/warp.test.ts).
//
// Each output row of an affine map, or of a perspective whose denominator keeps one sign along
// the row, is split by where its points fall: runs fully outside the source (the fill, written
// as such), edge runs (exact scalar), and the interior run (fixed point, no per-pixel checks).
// Rows crossing the horizon, and maps, check every four pixels instead.
//
// Matrices: `m` points at the 9 f64 of the INVERSE matrix (output pixel centre -> input point).
// Fills: `fill` points at one f64 per channel, already stored as the image's dtype stores it.
import { quadU8, toFixed, toFixedClamped } from './warp-simd';

// ---------------------------------------------------------------------------------------------
// scalar pixel samplers (any dtype): the reference, one pixel at a time

@inline function storeValue<T>(o: usize, r: f64, hi: f64): void {
  if (isFloat<T>()) store<T>(o, <T>r);
  else store<T>(o, <T>(<i32>(r > 0 ? (r >= hi ? hi : nearest<f64>(r)) : 0.0)));
}

@inline function writeFill<T>(o: usize, ch: i32, fill: usize): void {
  for (let c = 0; c < ch; c++) store<T>(o + (<usize>c << alignof<T>()), <T>load<f64>(fill + (<usize>c << 3)));
}

@inline function tap<T>(src: usize, idx: i32, c: i32, ok: bool, f: f64): f64 {
  return ok ? <f64>load<T>(src + (<usize>(idx + c) << alignof<T>())) : f;
}

/** sampler.ts bilinearSampler with a constant border: one output pixel at `o`. */
@inline function pixelBilinear<T>(u: f64, v: f64, o: usize, src: usize, sw: i32, sh: i32, ch: i32, fill: usize, hi: f64): void {
  const px = u - 0.5, py = v - 0.5;
  const x0 = floor<f64>(px), y0 = floor<f64>(py);
  // No tap inside (or a NaN / infinite point): the fill, exactly.
  if (!(x0 >= -1.0 && x0 <= <f64>(sw - 1) && y0 >= -1.0 && y0 <= <f64>(sh - 1))) {
    writeFill<T>(o, ch, fill);
    return;
  }
  const fx = px - x0, fy = py - y0;
  const ax = 1 - fx, ay = 1 - fy;
  const xi = <i32>x0, yi = <i32>y0;
  const xa = xi >= 0, xb = xi + 1 < sw, ya = yi >= 0, yb = yi + 1 < sh;
  const i00 = (yi * sw + xi) * ch;
  const i10 = i00 + sw * ch;
  for (let c = 0; c < ch; c++) {
    const f = load<f64>(fill + (<usize>c << 3));
    const p00 = tap<T>(src, i00, c, ya && xa, f);
    const p01 = tap<T>(src, i00 + ch, c, ya && xb, f);
    const p10 = tap<T>(src, i10, c, yb && xa, f);
    const p11 = tap<T>(src, i10 + ch, c, yb && xb, f);
    storeValue<T>(o + (<usize>c << alignof<T>()), ay * (ax * p00 + fx * p01) + fy * (ax * p10 + fx * p11), hi);
  }
}

/** Copies one pixel of `bpp` bytes (nearest neighbour moves values untouched, any dtype). */
@inline function copyPixel(d: usize, s: usize, bpp: i32): void {
  if (bpp == 1) store<u8>(d, load<u8>(s));
  else if (bpp == 3) {
    store<u16>(d, load<u16>(s));
    store<u8>(d, load<u8>(s, 2), 2);
  } else if (bpp == 4) store<u32>(d, load<u32>(s));
  else if (bpp == 2) store<u16>(d, load<u16>(s));
  else if (bpp == 16) v128.store(d, v128.load(s));
  else memory.copy(d, s, <usize>bpp);
}

/** sampler.ts nearestSampler with a constant border: the pixel containing (u, v), or the fill pixel. */
@inline function pixelNearest(u: f64, v: f64, o: usize, src: usize, sw: i32, sh: i32, bpp: i32, fillPix: usize): void {
  if (u >= 0 && u < <f64>sw && v >= 0 && v < <f64>sh) copyPixel(o, src + <usize>((<i32>v * sw + <i32>u) * bpp), bpp);
  else copyPixel(o, fillPix, bpp);
}

// ---------------------------------------------------------------------------------------------
// row spans

// Margin (in input pixels) between a span's edge and the conditions it stands for: far above
// the fixed-point rounding (2^-15 px) and f64 error, so the spans are conservative.
const EPS: f64 = 1.0 / 1024;

// The interval [LO, HI) of x = j + 0.5 being narrowed by `halfLine`.
let LO: f64 = 0, HI: f64 = 0;

/** Narrows [LO, HI) to the x where P·x + Q >= 0. */
@inline function halfLine(P: f64, Q: f64): void {
  if (P > 0) LO = max<f64>(LO, -Q / P);
  else if (P < 0) HI = min<f64>(HI, -Q / P);
  else if (!(Q >= 0)) HI = -Infinity;
}

/**
 * Narrows [LO, HI) to the x where lo <= (A·x + B) / (G·x + C) < hi, given that the denominator
 * has the sign `sg` over the whole row: then both bounds are linear in x once multiplied out.
 */
@inline function within(A: f64, B: f64, G: f64, C: f64, sg: f64, lo: f64, hi: f64): void {
  halfLine(sg * (A - lo * G), sg * (B - lo * C));
  halfLine(-sg * (A - hi * G), -sg * (B - hi * C));
}

/** Columns [j0, j1) from the x interval [LO, HI), shrunk (inner) or grown by one column. */
@inline function col(x: f64, dw: i32, up: bool): i32 {
  const c = up ? ceil<f64>(x - 0.5) : floor<f64>(x - 0.5);
  return <i32>min<f64>(max<f64>(c, 0.0), <f64>dw);
}

// ---------------------------------------------------------------------------------------------
// drivers: the matrix (warp.ts driveMatrix) or the maps (remap.ts driveMaps) give each point

/** The reference's point for output column `j` of a row (warp.ts driveMatrix), sampled exactly. */
@inline function matrixPixel<T>(j: i32, a: f64, d: f64, g: f64, rowU: f64, rowV: f64, rowW: f64, divide: bool, o: usize, src: usize, sw: i32, sh: i32, ch: i32, fill: usize, hi: f64): void {
  const x = <f64>j + 0.5;
  let u = a * x + rowU, v = d * x + rowV;
  if (divide) {
    const w = g * x + rowW;
    u /= w;
    v /= w;
  }
  pixelBilinear<T>(u, v, o, src, sw, sh, ch, fill, hi);
}

/** Bilinear uint8 with 1, 3 or 4 channels (a constant after inlining). */
@inline function matrixBilinearU8(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, dw: i32, dh: i32, m: usize, fill: usize): void {
  const a = load<f64>(m), b = load<f64>(m, 8), c = load<f64>(m, 16);
  const d = load<f64>(m, 24), e = load<f64>(m, 32), f = load<f64>(m, 40);
  const g = load<f64>(m, 48), h = load<f64>(m, 56), k = load<f64>(m, 64);
  // The reference divides unless the map is affine with k = 1; dividing by w = g·x + h·y + k
  // equals its affine division by k, since 0·x + (0·y + k) = k.
  const affine = g == 0 && h == 0;
  const divide = !(affine && k == 1);
  const row = <usize>(dw * ch);
  // Fixed point: S = (u - 0.5)·2^14, u = (a·x + rowU) / w.
  const scale = f64x2.splat(16384), shift = f64x2.splat(-8192);
  const va = f64x2.splat(a / k * 16384), vd = f64x2.splat(d / k * 16384);
  const pa = f64x2.splat(a), pd = f64x2.splat(d), pg = f64x2.splat(g);
  const four = f64x2.splat(4), two = f64x2.splat(2);
  for (let i = 0; i < dh; i++) {
    const y = <f64>i + 0.5;
    const rowU = b * y + c, rowV = e * y + f, rowW = h * y + k;
    const o = dst + <usize>i * row;
    // The denominator's sign at the row's ends: one sign over the row (always, when affine)
    // makes u and v monotonic along it, so where they fall is a few intervals.
    const w0 = g * 0.5 + rowW, w1 = g * (<f64>dw - 0.5) + rowW;
    if (affine || (w0 > 0 && w1 > 0) || (w0 < 0 && w1 < 0)) {
      const sg: f64 = w0 > 0 ? 1 : -1;
      // Columns with all four taps inside (u in [0.5, sw - 0.5), v likewise), shrunk by the
      // margin and a column; and columns with any tap inside (u in [-0.5, sw + 0.5)), grown.
      LO = -Infinity;
      HI = Infinity;
      within(a, rowU, g, rowW, sg, 0.5 + EPS, <f64>sw - 0.5 - EPS);
      within(d, rowV, g, rowW, sg, 0.5 + EPS, <f64>sh - 0.5 - EPS);
      const in0 = min<i32>(col(LO, dw, true) + 1, dw);
      const in1 = max<i32>(in0, col(HI, dw, false) - 1);
      LO = -Infinity;
      HI = Infinity;
      within(a, rowU, g, rowW, sg, -0.5 - EPS, <f64>sw + 0.5 + EPS);
      within(d, rowV, g, rowW, sg, -0.5 - EPS, <f64>sh + 0.5 + EPS);
      const any0 = min<i32>(in0, max<i32>(col(LO, dw, false) - 1, 0));
      const any1 = max<i32>(in1, min<i32>(col(HI, dw, true) + 1, dw));
      fillRun(o, 0, any0, ch, fill);
      let j = any0;
      for (; j < in0; j++) matrixPixel<u8>(j, a, d, g, rowU, rowV, rowW, divide, o + <usize>(j * ch), src, sw, sh, ch, fill, 255.0);
      if (affine) {
        const vu = f64x2.splat((rowU / k - 0.5) * 16384), vv = f64x2.splat((rowV / k - 0.5) * 16384);
        // S for columns j, j+1 (u01) and j+2, j+3 (u23), then stepped by 4 columns: the sums
        // drift by far less than the 2^-14 rounding (an ulp of S is below 2^-28 for any canvas).
        const x = f64x2.add(f64x2.splat(<f64>j), f64x2(0.5, 1.5));
        const stepU = f64x2.mul(va, four), stepV = f64x2.mul(vd, four);
        let u01 = f64x2.add(f64x2.mul(va, x), vu), u23 = f64x2.add(f64x2.mul(va, f64x2.add(x, two)), vu);
        let v01 = f64x2.add(f64x2.mul(vd, x), vv), v23 = f64x2.add(f64x2.mul(vd, f64x2.add(x, two)), vv);
        for (; j + 4 <= in1; j += 4) {
          quadU8(toFixed(u01), toFixed(u23), toFixed(v01), toFixed(v23), o + <usize>(j * ch), src, sw, sh, ch, false);
          u01 = f64x2.add(u01, stepU);
          u23 = f64x2.add(u23, stepU);
          v01 = f64x2.add(v01, stepV);
          v23 = f64x2.add(v23, stepV);
        }
      } else {
        const vu = f64x2.splat(rowU), vv = f64x2.splat(rowV), vw = f64x2.splat(rowW);
        let x = f64x2.add(f64x2.splat(<f64>j), f64x2(0.5, 1.5));
        for (; j + 4 <= in1; j += 4) {
          const x2 = f64x2.add(x, two);
          const r01 = f64x2.div(scale, f64x2.add(f64x2.mul(pg, x), vw)), r23 = f64x2.div(scale, f64x2.add(f64x2.mul(pg, x2), vw));
          quadU8(
            toFixed(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pa, x), vu), r01), shift)), toFixed(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pa, x2), vu), r23), shift)),
            toFixed(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pd, x), vv), r01), shift)), toFixed(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pd, x2), vv), r23), shift)),
            o + <usize>(j * ch), src, sw, sh, ch, false,
          );
          x = f64x2.add(x, four);
        }
      }
      for (; j < any1; j++) matrixPixel<u8>(j, a, d, g, rowU, rowV, rowW, divide, o + <usize>(j * ch), src, sw, sh, ch, fill, 255.0);
      fillRun(o, any1, dw, ch, fill);
      continue;
    }
    const vu = f64x2.splat(rowU), vv = f64x2.splat(rowV), vw = f64x2.splat(rowW);
    let x = f64x2(0.5, 1.5);
    let j = 0;
    for (; j + 4 <= dw; j += 4) {
      const x2 = f64x2.add(x, two);
      // One division per pixel pair, 2^14 / w, shared by u and v (the fixed-point S needs u to
      // about 1e-9, far coarser than these roundings).
      const r01 = f64x2.div(scale, f64x2.add(f64x2.mul(pg, x), vw)), r23 = f64x2.div(scale, f64x2.add(f64x2.mul(pg, x2), vw));
      const u01 = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pa, x), vu), r01), shift), u23 = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pa, x2), vu), r23), shift);
      const v01 = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pd, x), vv), r01), shift), v23 = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(pd, x2), vv), r23), shift);
      x = f64x2.add(x, four);
      if (quadU8(toFixedClamped(u01), toFixedClamped(u23), toFixedClamped(v01), toFixedClamped(v23), o + <usize>(j * ch), src, sw, sh, ch, true)) continue;
      for (let t = 0; t < 4; t++) matrixPixel<u8>(j + t, a, d, g, rowU, rowV, rowW, divide, o + <usize>((j + t) * ch), src, sw, sh, ch, fill, 255.0);
    }
    for (; j < dw; j++) matrixPixel<u8>(j, a, d, g, rowU, rowV, rowW, divide, o + <usize>(j * ch), src, sw, sh, ch, fill, 255.0);
  }
}

/** Writes the fill into pixels [j0, j1) of the row at `o`: 4 bytes a pixel (see quadU8 on strays). */
@inline function fillRun(o: usize, j0: i32, j1: i32, ch: i32, fill: usize): void {
  if (j0 >= j1) return;
  let px: u32 = 0;
  for (let c = 0; c < ch; c++) px |= (<u32><u8>load<f64>(fill + (<usize>c << 3))) << (<u32>c << 3);
  if (ch == 1) memory.fill(o + <usize>j0, <u8>px, <usize>(j1 - j0));
  else for (let j = j0; j < j1; j++) store<u32>(o + <usize>(j * ch), px);
}

/** One point per output pixel from the matrix, for the scalar samplers. */
@inline function matrixPoints<T>(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, dw: i32, dh: i32, m: usize, fill: usize, hi: f64, nearestBpp: i32): void {
  const a = load<f64>(m), b = load<f64>(m, 8), c = load<f64>(m, 16);
  const d = load<f64>(m, 24), e = load<f64>(m, 32), f = load<f64>(m, 40);
  const g = load<f64>(m, 48), h = load<f64>(m, 56), k = load<f64>(m, 64);
  const divide = !(g == 0 && h == 0 && k == 1);
  const step = <usize>(nearestBpp > 0 ? nearestBpp : ch << alignof<T>());
  let o = dst;
  for (let i = 0; i < dh; i++) {
    const y = <f64>i + 0.5;
    const rowU = b * y + c, rowV = e * y + f, rowW = h * y + k;
    for (let j = 0; j < dw; j++, o += step) {
      if (nearestBpp == 0) {
        matrixPixel<T>(j, a, d, g, rowU, rowV, rowW, divide, o, src, sw, sh, ch, fill, hi);
        continue;
      }
      const x = <f64>j + 0.5;
      let u = a * x + rowU, v = d * x + rowV;
      if (divide) {
        const w = g * x + rowW;
        u /= w;
        v /= w;
      }
      pixelNearest(u, v, o, src, sw, sh, nearestBpp, fill);
    }
  }
}

/** Bilinear uint8 through coordinate maps (f32, one point per output pixel). */
@inline function mapsBilinearU8(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, n: i32, mx: usize, my: usize, fill: usize): void {
  const scale = f64x2.splat(16384), shift = f64x2.splat(-8192);
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    const mu = v128.load(mx + (<usize>p << 2)), mv = v128.load(my + (<usize>p << 2));
    const u01 = f64x2.promote_low_f32x4(mu), u23 = f64x2.promote_low_f32x4(i32x4.shuffle(mu, mu, 2, 3, 2, 3));
    const v01 = f64x2.promote_low_f32x4(mv), v23 = f64x2.promote_low_f32x4(i32x4.shuffle(mv, mv, 2, 3, 2, 3));
    const o = dst + <usize>(p * ch);
    if (quadU8(
      toFixedClamped(f64x2.add(f64x2.mul(u01, scale), shift)), toFixedClamped(f64x2.add(f64x2.mul(u23, scale), shift)),
      toFixedClamped(f64x2.add(f64x2.mul(v01, scale), shift)), toFixedClamped(f64x2.add(f64x2.mul(v23, scale), shift)),
      o, src, sw, sh, ch, true,
    )) continue;
    for (let t = 0; t < 4; t++) mapPixel<u8>(p + t, mx, my, dst, src, sw, sh, ch, fill, 255.0);
  }
  for (; p < n; p++) mapPixel<u8>(p, mx, my, dst, src, sw, sh, ch, fill, 255.0);
}

@inline function mapPixel<T>(p: i32, mx: usize, my: usize, dst: usize, src: usize, sw: i32, sh: i32, ch: i32, fill: usize, hi: f64): void {
  const u = <f64>load<f32>(mx + (<usize>p << 2)), v = <f64>load<f32>(my + (<usize>p << 2));
  pixelBilinear<T>(u, v, dst + (<usize>(p * ch) << alignof<T>()), src, sw, sh, ch, fill, hi);
}

@inline function mapsPoints<T>(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, n: i32, mx: usize, my: usize, fill: usize, hi: f64, nearestBpp: i32): void {
  for (let p = 0; p < n; p++) {
    if (nearestBpp == 0) {
      mapPixel<T>(p, mx, my, dst, src, sw, sh, ch, fill, hi);
      continue;
    }
    const u = <f64>load<f32>(mx + (<usize>p << 2)), v = <f64>load<f32>(my + (<usize>p << 2));
    pixelNearest(u, v, dst + <usize>(p * nearestBpp), src, sw, sh, nearestBpp, fill);
  }
}

// ---------------------------------------------------------------------------------------------
// exports. dtype: 0 uint8, 1 uint16, 2 float32; `hi` is the integer saturation value.

/** Bilinear warp, constant border: `m` the inverse matrix (9 f64), `fill` ch f64. */
export function warp_bilinear(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, dw: i32, dh: i32, m: usize, fill: usize, dtype: i32, hi: f64): void {
  if (dtype == 0) {
    if (ch == 3) matrixBilinearU8(src, sw, sh, 3, dst, dw, dh, m, fill);
    else if (ch == 1) matrixBilinearU8(src, sw, sh, 1, dst, dw, dh, m, fill);
    else if (ch == 4) matrixBilinearU8(src, sw, sh, 4, dst, dw, dh, m, fill);
    else matrixPoints<u8>(src, sw, sh, ch, dst, dw, dh, m, fill, hi, 0);
  } else if (dtype == 1) matrixPoints<u16>(src, sw, sh, ch, dst, dw, dh, m, fill, hi, 0);
  else matrixPoints<f32>(src, sw, sh, ch, dst, dw, dh, m, fill, hi, 0);
}

/** Nearest warp of any pixel size `bpp` (images of any dtype, masks), constant border: `fillPix` is one pixel's bytes. */
export function warp_nearest(src: usize, sw: i32, sh: i32, bpp: i32, dst: usize, dw: i32, dh: i32, m: usize, fillPix: usize): void {
  matrixPoints<u8>(src, sw, sh, 1, dst, dw, dh, m, fillPix, 0, bpp);
}

/** Bilinear remap through f32 maps `mx`, `my` of `dw` x `dh` points. */
export function warp_remap_bilinear(src: usize, sw: i32, sh: i32, ch: i32, dst: usize, dw: i32, dh: i32, mx: usize, my: usize, fill: usize, dtype: i32, hi: f64): void {
  const n = dw * dh;
  if (dtype == 0) {
    if (ch == 3) mapsBilinearU8(src, sw, sh, 3, dst, n, mx, my, fill);
    else if (ch == 1) mapsBilinearU8(src, sw, sh, 1, dst, n, mx, my, fill);
    else if (ch == 4) mapsBilinearU8(src, sw, sh, 4, dst, n, mx, my, fill);
    else mapsPoints<u8>(src, sw, sh, ch, dst, n, mx, my, fill, hi, 0);
  } else if (dtype == 1) mapsPoints<u16>(src, sw, sh, ch, dst, n, mx, my, fill, hi, 0);
  else mapsPoints<f32>(src, sw, sh, ch, dst, n, mx, my, fill, hi, 0);
}

/** Nearest remap of any pixel size. */
export function warp_remap_nearest(src: usize, sw: i32, sh: i32, bpp: i32, dst: usize, dw: i32, dh: i32, mx: usize, my: usize, fillPix: usize): void {
  mapsPoints<u8>(src, sw, sh, 1, dst, dw * dh, mx, my, fillPix, 0, bpp);
}
