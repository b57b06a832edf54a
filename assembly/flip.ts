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

// Reverses 16 bytes. Kept in memory and loaded once per row: V8 rebuilds a shuffle's constant
// mask with four instructions on every use inside a loop.
const REV16 = memory.data<u8>([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 16);

function hflipRow1(s: usize, d: usize, w: i32): void {
  let x = 0;
  const mask = v128.load(REV16);
  // 16 pixels at a time: load from the mirrored end, reverse the 16 lanes.
  for (; x + 16 <= w; x += 16) v128.store(d + <usize>x, i8x16.swizzle(v128.load(s + <usize>(w - x - 16)), mask));
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

// Mirrors 5 pixels (15 bytes) within a vector; the 16th output byte is don't-care.
const REV5 = memory.data<u8>([12, 13, 14, 9, 10, 11, 6, 7, 8, 3, 4, 5, 0, 1, 2, 15], 16);

function hflipRow3(s: usize, d: usize, w: i32): void {
  // Five pixels per step with one single-input shuffle: output pixels j..j+4 are source pixels
  // w-1-j .. w-5-j, loaded as one 16-byte vector (its last byte belongs to the next source pixel
  // up, so nothing outside the image but one byte past its end is read). The 16th byte stored
  // lands in output pixel j+5, written on the next step; the loop stops while that pixel exists.
  // (Single-input shuffles cost one pshufb; the 16-pixel version needed three two-input
  // shuffles, each two pshufb and an or, plus lane inserts.)
  const mask = v128.load(REV5);
  let j = 0;
  let sp = s + <usize>((w - 5) * 3), dp = d;
  // Two steps per iteration: fewer loop-back checks, and the second store covers the first's
  // stray byte.
  for (; j + 10 < w; j += 10, sp -= 30, dp += 30) {
    v128.store(dp, i8x16.swizzle(v128.load(sp), mask));
    v128.store(dp, i8x16.swizzle(v128.load(sp - 15), mask), 15);
  }
  for (; j + 5 < w; j += 5, sp -= 15, dp += 15) v128.store(dp, i8x16.swizzle(v128.load(sp), mask));
  for (; j < w; j++) {
    const si = s + <usize>((w - 1 - j) * 3);
    const di = d + <usize>(j * 3);
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
