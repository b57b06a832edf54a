// Flips as index permutations: exact for any dtype, since bytes are only moved.

/** Mirrors each row of a `bpp`-bytes-per-pixel image (bpp = channels x bytes per channel). */
export function hflip(src: usize, dst: usize, width: i32, height: i32, bpp: i32): void {
  const row = <usize>(width * bpp);
  for (let y = 0; y < height; y++) {
    const s = src + <usize>y * row;
    const d = dst + <usize>y * row;
    if (bpp == 3) hflipRow3(s, d, width);
    else if (bpp == 1) hflipRow1(s, d, width);
    else if (bpp == 4) hflipRow4(s, d, width);
    else hflipRowN(s, d, width, bpp);
  }
}

function hflipRow1(s: usize, d: usize, w: i32): void {
  let x = 0;
  // 16 pixels at a time: load from the mirrored end, reverse the 16 lanes.
  for (; x + 16 <= w; x += 16) {
    const v = v128.load(s + <usize>(w - x - 16));
    v128.store(d + <usize>x, i8x16.shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
  }
  for (; x < w; x++) store<u8>(d + <usize>x, load<u8>(s + <usize>(w - 1 - x)));
}

function hflipRow4(s: usize, d: usize, w: i32): void {
  let x = 0;
  for (; x + 4 <= w; x += 4) {
    const v = v128.load(s + <usize>((w - x - 4) << 2));
    v128.store(d + <usize>(x << 2), i32x4.shuffle(v, v, 3, 2, 1, 0));
  }
  for (; x < w; x++) store<u32>(d + <usize>(x << 2), load<u32>(s + <usize>((w - 1 - x) << 2)));
}

function hflipRow3(s: usize, d: usize, w: i32): void {
  let x = 0;
  // 16 pixels = 48 bytes = three vectors a, b, c. The mirrored block reads pixels 15..0; each
  // output vector takes its bytes from two or three of the inputs (lane indices >= 16 pick b).
  for (; x + 16 <= w; x += 16) {
    const p = s + <usize>((w - x - 16) * 3);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const c = v128.load(p, 32);
    // out0 = pixels 15,14,13,12,11 and the first byte of 10: bytes 45..47,42..44,39..41,36..38,33..35,30
    const o0 = i8x16.shuffle(b, c, 29, 30, 31, 26, 27, 28, 23, 24, 25, 20, 21, 22, 17, 18, 19, 14);
    // out1 = rest of 10 (31,32), 9 (27..29), 8, 7, 6, 5 (15..17) and the first two bytes of 5: see below
    // bytes wanted: 31,32, 27,28,29, 24,25,26, 21,22,23, 18,19,20, 15,16
    const bc = i8x16.shuffle(b, c, 15, 16, 11, 12, 13, 8, 9, 10, 5, 6, 7, 2, 3, 4, 0, 0);
    const o1 = i8x16.replace_lane(i8x16.replace_lane(bc, 14, i8x16.extract_lane_u(a, 15)), 15, i8x16.extract_lane_u(b, 0));
    // out2 = byte 17 (b1), then pixels 4..0: 12..14, 9..11, 6..8, 3..5, 0..2
    const o2 = i8x16.shuffle(a, b, 17, 12, 13, 14, 9, 10, 11, 6, 7, 8, 3, 4, 5, 0, 1, 2);
    const q = d + <usize>(x * 3);
    v128.store(q, o0);
    v128.store(q, o1, 16);
    v128.store(q, o2, 32);
  }
  for (; x < w; x++) {
    const si = s + <usize>((w - 1 - x) * 3);
    const di = d + <usize>(x * 3);
    store<u16>(di, load<u16>(si));
    store<u8>(di, load<u8>(si, 2), 2);
  }
}

function hflipRowN(s: usize, d: usize, w: i32, bpp: i32): void {
  for (let x = 0; x < w; x++) memory.copy(d + <usize>(x * bpp), s + <usize>((w - 1 - x) * bpp), <usize>bpp);
}

/** Reverses the row order. */
export function vflip(src: usize, dst: usize, width: i32, height: i32, bpp: i32): void {
  const row = <usize>(width * bpp);
  for (let y = 0; y < height; y++) memory.copy(dst + <usize>y * row, src + <usize>(height - 1 - y) * row, row);
}
