// Median filter (src/functional/blur-noise/median.ts medianBlur) for uint8 with a 3x3 or 5x5
// window and the replicate border (the tables say which source row and column each padded position reads).
// A median is one of its inputs, so the result equals the reference exactly.
//
// With each column of three sorted (lo <= mid <= hi), the median of the nine is
// med3(max of the three lo, med3 of the three mid, min of the three hi). The column sorts are
// shared by the three windows that contain a column, so a row costs one sort of three per value
// plus a handful of min/max, 16 values a vector. Row stores run 16 bytes at a time past a row's
// end into the next row (written later) or the caller's slack.

// @ts-ignore: decorator
@inline function med3(a: v128, b: v128, c: v128): v128 {
  return i8x16.max_u(i8x16.min_u(a, b), i8x16.min_u(i8x16.max_u(a, b), c));
}

/**
 * xt: w + 2 source columns, yt: h + 2 source rows (replicate). lo, mid, hi: scratch rows of
 * (w + 2) * c + 32 bytes. dst needs 16 bytes of slack.
 */
export function median_u8_3(src: usize, dst: usize, w: i32, h: i32, c: i32, xt: usize, yt: usize, lo: usize, mid: usize, hi: usize): void {
  const n = w * c;
  const cb = <usize>c;
  for (let y = 0; y < h; y++) {
    const r0 = src + <usize>load<i32>(yt + (<usize>y << 2)) * <usize>n;
    const r1 = src + <usize>load<i32>(yt + (<usize>(y + 1) << 2)) * <usize>n;
    const r2 = src + <usize>load<i32>(yt + (<usize>(y + 2) << 2)) * <usize>n;
    // Sorted columns at padded positions 1..w (source columns 0..w-1).
    for (let j = 0; j < n; j += 16) {
      const o = <usize>j;
      const a = v128.load(r0 + o), b = v128.load(r1 + o), d = v128.load(r2 + o);
      const l = i8x16.min_u(a, b), u = i8x16.max_u(a, b);
      v128.store(lo + cb + o, i8x16.min_u(l, d));
      v128.store(hi + cb + o, i8x16.max_u(u, d));
      v128.store(mid + cb + o, i8x16.max_u(l, i8x16.min_u(u, d)));
    }
    // The two border positions copy the column their table names.
    for (let q = 0; q < w + 2; q += w + 1) {
      const from = (<usize>(load<i32>(xt + (<usize>q << 2)) + 1)) * cb;
      const to = <usize>q * cb;
      for (let ch: usize = 0; ch < cb; ch++) {
        store<u8>(lo + to + ch, load<u8>(lo + from + ch));
        store<u8>(mid + to + ch, load<u8>(mid + from + ch));
        store<u8>(hi + to + ch, load<u8>(hi + from + ch));
      }
    }
    const out = dst + <usize>y * <usize>n;
    for (let j = 0; j < n; j += 16) {
      const o = <usize>j;
      const l = i8x16.max_u(i8x16.max_u(v128.load(lo + o), v128.load(lo + o + cb)), v128.load(lo + o + 2 * cb));
      const m = med3(v128.load(mid + o), v128.load(mid + o + cb), v128.load(mid + o + 2 * cb));
      const u = i8x16.min_u(i8x16.min_u(v128.load(hi + o), v128.load(hi + o + cb)), v128.load(hi + o + 2 * cb));
      v128.store(out + o, med3(l, m, u));
    }
  }
}

// 5x5: each column of five is sorted once per row (shared by the five windows containing it), into
// rank rows k0 (smallest) .. k4. The window's five columns then form a 5x5 matrix with sorted
// columns; sorting its rows keeps the columns sorted, and in such a matrix 6 entries are always at
// most the median and 6 at least it, so the median of 25 is the median of the other 13: entries
// (rank, position) (0, 3-4), (1, 2-4), (2, 1-3), (3, 0-2), (4, 0-1). That median is found by
// forgetful selection (keep 8, drop the min and max, add the next, ...). The network was checked
// against a sort on random windows with many ties; the tests compare with the reference.

/** xt: w + 4 source columns, yt: h + 4 source rows (replicate). ranks: 5 scratch rows of (w + 4) * c + 48 bytes. */
export function median_u8_5(src: usize, dst: usize, w: i32, h: i32, c: i32, xt: usize, yt: usize, ranks: usize): void {
  const n = w * c;
  const cb = <usize>c;
  const stride = <usize>((w + 4) * c + 48);
  const k0 = ranks, k1 = ranks + stride, k2 = ranks + 2 * stride, k3 = ranks + 3 * stride, k4 = ranks + 4 * stride;
  let t: v128;
  for (let y = 0; y < h; y++) {
    const r0 = src + <usize>load<i32>(yt + (<usize>y << 2)) * <usize>n;
    const r1 = src + <usize>load<i32>(yt + (<usize>(y + 1) << 2)) * <usize>n;
    const r2 = src + <usize>load<i32>(yt + (<usize>(y + 2) << 2)) * <usize>n;
    const r3 = src + <usize>load<i32>(yt + (<usize>(y + 3) << 2)) * <usize>n;
    const r4 = src + <usize>load<i32>(yt + (<usize>(y + 4) << 2)) * <usize>n;
    for (let j = 0; j < n; j += 16) {
      const o = <usize>j;
      let a = v128.load(r0 + o), b = v128.load(r1 + o), d = v128.load(r2 + o), e = v128.load(r3 + o), f = v128.load(r4 + o);
      t = i8x16.min_u(a, b); b = i8x16.max_u(a, b); a = t;
      t = i8x16.min_u(e, f); f = i8x16.max_u(e, f); e = t;
      t = i8x16.min_u(d, f); f = i8x16.max_u(d, f); d = t;
      t = i8x16.min_u(d, e); e = i8x16.max_u(d, e); d = t;
      t = i8x16.min_u(a, e); e = i8x16.max_u(a, e); a = t;
      t = i8x16.min_u(a, d); d = i8x16.max_u(a, d); a = t;
      t = i8x16.min_u(b, f); f = i8x16.max_u(b, f); b = t;
      t = i8x16.min_u(b, e); e = i8x16.max_u(b, e); b = t;
      t = i8x16.min_u(b, d); d = i8x16.max_u(b, d); b = t;
      const at = 2 * cb + o;
      v128.store(k0 + at, a);
      v128.store(k1 + at, b);
      v128.store(k2 + at, d);
      v128.store(k3 + at, e);
      v128.store(k4 + at, f);
    }
    for (let q = 0; q < w + 4; q++) {
      if (q == 2) q = w + 2;
      const from = (<usize>(load<i32>(xt + (<usize>q << 2)) + 2)) * cb;
      const to = <usize>q * cb;
      for (let ch: usize = 0; ch < cb; ch++) {
        for (let r: usize = 0; r < 5; r++) store<u8>(ranks + r * stride + to + ch, load<u8>(ranks + r * stride + from + ch));
      }
    }
    const out = dst + <usize>y * <usize>n;
    for (let j = 0; j < n; j += 16) {
      const o = <usize>j;
      let r00 = v128.load(k0 + o + 0 * cb);
      let r01 = v128.load(k0 + o + 1 * cb);
      let r02 = v128.load(k0 + o + 2 * cb);
      let r03 = v128.load(k0 + o + 3 * cb);
      let r04 = v128.load(k0 + o + 4 * cb);
      t = i8x16.min_u(r00, r01); r01 = i8x16.max_u(r00, r01); r00 = t;
      t = i8x16.min_u(r03, r04); r04 = i8x16.max_u(r03, r04); r03 = t;
      t = i8x16.min_u(r02, r04); r04 = i8x16.max_u(r02, r04); r02 = t;
      t = i8x16.min_u(r02, r03); r03 = i8x16.max_u(r02, r03); r02 = t;
      t = i8x16.min_u(r00, r03); r03 = i8x16.max_u(r00, r03); r00 = t;
      t = i8x16.min_u(r00, r02); r02 = i8x16.max_u(r00, r02); r00 = t;
      t = i8x16.min_u(r01, r04); r04 = i8x16.max_u(r01, r04); r01 = t;
      t = i8x16.min_u(r01, r03); r03 = i8x16.max_u(r01, r03); r01 = t;
      t = i8x16.min_u(r01, r02); r02 = i8x16.max_u(r01, r02); r01 = t;
      let r10 = v128.load(k1 + o + 0 * cb);
      let r11 = v128.load(k1 + o + 1 * cb);
      let r12 = v128.load(k1 + o + 2 * cb);
      let r13 = v128.load(k1 + o + 3 * cb);
      let r14 = v128.load(k1 + o + 4 * cb);
      t = i8x16.min_u(r10, r11); r11 = i8x16.max_u(r10, r11); r10 = t;
      t = i8x16.min_u(r13, r14); r14 = i8x16.max_u(r13, r14); r13 = t;
      t = i8x16.min_u(r12, r14); r14 = i8x16.max_u(r12, r14); r12 = t;
      t = i8x16.min_u(r12, r13); r13 = i8x16.max_u(r12, r13); r12 = t;
      t = i8x16.min_u(r10, r13); r13 = i8x16.max_u(r10, r13); r10 = t;
      t = i8x16.min_u(r10, r12); r12 = i8x16.max_u(r10, r12); r10 = t;
      t = i8x16.min_u(r11, r14); r14 = i8x16.max_u(r11, r14); r11 = t;
      t = i8x16.min_u(r11, r13); r13 = i8x16.max_u(r11, r13); r11 = t;
      t = i8x16.min_u(r11, r12); r12 = i8x16.max_u(r11, r12); r11 = t;
      let r20 = v128.load(k2 + o + 0 * cb);
      let r21 = v128.load(k2 + o + 1 * cb);
      let r22 = v128.load(k2 + o + 2 * cb);
      let r23 = v128.load(k2 + o + 3 * cb);
      let r24 = v128.load(k2 + o + 4 * cb);
      t = i8x16.min_u(r20, r21); r21 = i8x16.max_u(r20, r21); r20 = t;
      t = i8x16.min_u(r23, r24); r24 = i8x16.max_u(r23, r24); r23 = t;
      t = i8x16.min_u(r22, r24); r24 = i8x16.max_u(r22, r24); r22 = t;
      t = i8x16.min_u(r22, r23); r23 = i8x16.max_u(r22, r23); r22 = t;
      t = i8x16.min_u(r20, r23); r23 = i8x16.max_u(r20, r23); r20 = t;
      t = i8x16.min_u(r20, r22); r22 = i8x16.max_u(r20, r22); r20 = t;
      t = i8x16.min_u(r21, r24); r24 = i8x16.max_u(r21, r24); r21 = t;
      t = i8x16.min_u(r21, r23); r23 = i8x16.max_u(r21, r23); r21 = t;
      t = i8x16.min_u(r21, r22); r22 = i8x16.max_u(r21, r22); r21 = t;
      let r30 = v128.load(k3 + o + 0 * cb);
      let r31 = v128.load(k3 + o + 1 * cb);
      let r32 = v128.load(k3 + o + 2 * cb);
      let r33 = v128.load(k3 + o + 3 * cb);
      let r34 = v128.load(k3 + o + 4 * cb);
      t = i8x16.min_u(r30, r31); r31 = i8x16.max_u(r30, r31); r30 = t;
      t = i8x16.min_u(r33, r34); r34 = i8x16.max_u(r33, r34); r33 = t;
      t = i8x16.min_u(r32, r34); r34 = i8x16.max_u(r32, r34); r32 = t;
      t = i8x16.min_u(r32, r33); r33 = i8x16.max_u(r32, r33); r32 = t;
      t = i8x16.min_u(r30, r33); r33 = i8x16.max_u(r30, r33); r30 = t;
      t = i8x16.min_u(r30, r32); r32 = i8x16.max_u(r30, r32); r30 = t;
      t = i8x16.min_u(r31, r34); r34 = i8x16.max_u(r31, r34); r31 = t;
      t = i8x16.min_u(r31, r33); r33 = i8x16.max_u(r31, r33); r31 = t;
      t = i8x16.min_u(r31, r32); r32 = i8x16.max_u(r31, r32); r31 = t;
      let r40 = v128.load(k4 + o + 0 * cb);
      let r41 = v128.load(k4 + o + 1 * cb);
      let r42 = v128.load(k4 + o + 2 * cb);
      let r43 = v128.load(k4 + o + 3 * cb);
      let r44 = v128.load(k4 + o + 4 * cb);
      t = i8x16.min_u(r40, r41); r41 = i8x16.max_u(r40, r41); r40 = t;
      t = i8x16.min_u(r43, r44); r44 = i8x16.max_u(r43, r44); r43 = t;
      t = i8x16.min_u(r42, r44); r44 = i8x16.max_u(r42, r44); r42 = t;
      t = i8x16.min_u(r42, r43); r43 = i8x16.max_u(r42, r43); r42 = t;
      t = i8x16.min_u(r40, r43); r43 = i8x16.max_u(r40, r43); r40 = t;
      t = i8x16.min_u(r40, r42); r42 = i8x16.max_u(r40, r42); r40 = t;
      t = i8x16.min_u(r41, r44); r44 = i8x16.max_u(r41, r44); r41 = t;
      t = i8x16.min_u(r41, r43); r43 = i8x16.max_u(r41, r43); r41 = t;
      t = i8x16.min_u(r41, r42); r42 = i8x16.max_u(r41, r42); r41 = t;
      t = i8x16.min_u(r03, r04); r04 = i8x16.max_u(r03, r04); r03 = t;
      t = i8x16.min_u(r03, r12); r12 = i8x16.max_u(r03, r12); r03 = t;
      t = i8x16.min_u(r03, r13); r13 = i8x16.max_u(r03, r13); r03 = t;
      t = i8x16.min_u(r03, r14); r14 = i8x16.max_u(r03, r14); r03 = t;
      t = i8x16.min_u(r03, r21); r21 = i8x16.max_u(r03, r21); r03 = t;
      t = i8x16.min_u(r03, r22); r22 = i8x16.max_u(r03, r22); r03 = t;
      t = i8x16.min_u(r03, r23); r23 = i8x16.max_u(r03, r23); r03 = t;
      t = i8x16.min_u(r04, r23); r23 = i8x16.max_u(r04, r23); r04 = t;
      t = i8x16.min_u(r12, r23); r23 = i8x16.max_u(r12, r23); r12 = t;
      t = i8x16.min_u(r13, r23); r23 = i8x16.max_u(r13, r23); r13 = t;
      t = i8x16.min_u(r14, r23); r23 = i8x16.max_u(r14, r23); r14 = t;
      t = i8x16.min_u(r21, r23); r23 = i8x16.max_u(r21, r23); r21 = t;
      t = i8x16.min_u(r22, r23); r23 = i8x16.max_u(r22, r23); r22 = t;
      t = i8x16.min_u(r04, r12); r12 = i8x16.max_u(r04, r12); r04 = t;
      t = i8x16.min_u(r04, r13); r13 = i8x16.max_u(r04, r13); r04 = t;
      t = i8x16.min_u(r04, r14); r14 = i8x16.max_u(r04, r14); r04 = t;
      t = i8x16.min_u(r04, r21); r21 = i8x16.max_u(r04, r21); r04 = t;
      t = i8x16.min_u(r04, r22); r22 = i8x16.max_u(r04, r22); r04 = t;
      t = i8x16.min_u(r04, r30); r30 = i8x16.max_u(r04, r30); r04 = t;
      t = i8x16.min_u(r12, r30); r30 = i8x16.max_u(r12, r30); r12 = t;
      t = i8x16.min_u(r13, r30); r30 = i8x16.max_u(r13, r30); r13 = t;
      t = i8x16.min_u(r14, r30); r30 = i8x16.max_u(r14, r30); r14 = t;
      t = i8x16.min_u(r21, r30); r30 = i8x16.max_u(r21, r30); r21 = t;
      t = i8x16.min_u(r22, r30); r30 = i8x16.max_u(r22, r30); r22 = t;
      t = i8x16.min_u(r12, r13); r13 = i8x16.max_u(r12, r13); r12 = t;
      t = i8x16.min_u(r12, r14); r14 = i8x16.max_u(r12, r14); r12 = t;
      t = i8x16.min_u(r12, r21); r21 = i8x16.max_u(r12, r21); r12 = t;
      t = i8x16.min_u(r12, r22); r22 = i8x16.max_u(r12, r22); r12 = t;
      t = i8x16.min_u(r12, r31); r31 = i8x16.max_u(r12, r31); r12 = t;
      t = i8x16.min_u(r13, r31); r31 = i8x16.max_u(r13, r31); r13 = t;
      t = i8x16.min_u(r14, r31); r31 = i8x16.max_u(r14, r31); r14 = t;
      t = i8x16.min_u(r21, r31); r31 = i8x16.max_u(r21, r31); r21 = t;
      t = i8x16.min_u(r22, r31); r31 = i8x16.max_u(r22, r31); r22 = t;
      t = i8x16.min_u(r13, r14); r14 = i8x16.max_u(r13, r14); r13 = t;
      t = i8x16.min_u(r13, r21); r21 = i8x16.max_u(r13, r21); r13 = t;
      t = i8x16.min_u(r13, r22); r22 = i8x16.max_u(r13, r22); r13 = t;
      t = i8x16.min_u(r13, r32); r32 = i8x16.max_u(r13, r32); r13 = t;
      t = i8x16.min_u(r14, r32); r32 = i8x16.max_u(r14, r32); r14 = t;
      t = i8x16.min_u(r21, r32); r32 = i8x16.max_u(r21, r32); r21 = t;
      t = i8x16.min_u(r22, r32); r32 = i8x16.max_u(r22, r32); r22 = t;
      t = i8x16.min_u(r14, r21); r21 = i8x16.max_u(r14, r21); r14 = t;
      t = i8x16.min_u(r14, r22); r22 = i8x16.max_u(r14, r22); r14 = t;
      t = i8x16.min_u(r14, r40); r40 = i8x16.max_u(r14, r40); r14 = t;
      t = i8x16.min_u(r21, r40); r40 = i8x16.max_u(r21, r40); r21 = t;
      t = i8x16.min_u(r22, r40); r40 = i8x16.max_u(r22, r40); r22 = t;
      t = i8x16.min_u(r21, r22); r22 = i8x16.max_u(r21, r22); r21 = t;
      t = i8x16.min_u(r21, r41); r41 = i8x16.max_u(r21, r41); r21 = t;
      t = i8x16.min_u(r22, r41); r41 = i8x16.max_u(r22, r41); r22 = t;
      v128.store(out + o, r22);
    }
  }
}
