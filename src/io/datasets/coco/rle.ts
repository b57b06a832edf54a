/**
 * COCO run-length encoding and polygon rasterization.
 *
 * An RLE walks the mask in column-major order (down the first column, then the next), and its
 * counts alternate runs of 0 and 1, starting with 0 (so a mask whose first pixel is set starts
 * with a count of 0). COCO stores the counts either as a plain integer array ("uncompressed",
 * used for crowd regions in ground truth) or as a compact string ("compressed", pycocotools'
 * output). Masks passed in and out of this module are row-major (`y * width + x`, rows top to
 * bottom), like every other mask and image in augury: only the runs are column-major.
 *
 * The compressed string, as pycocotools defines it: from the fourth count on (index >= 3), each
 * count is stored as its difference from the count two places earlier (the previous run of the
 * same value), which is small for smooth shapes. Each value is then written as a signed
 * little-endian base-32 number: 5 data bits per character, bit 0x20 set when more characters
 * follow, and bit 0x10 of the last character its sign; each character is that 6-bit group plus
 * 48, so the string uses ASCII 48..111 ('0'..'o').
 */
import { AuguryError, show } from '../../../core/errors.js';
import type { Rle } from '../model.js';

const RLE_HINT =
  'an RLE needs size [height, width] and counts that add up to height * width: an array of non-negative integers, or the compressed string pycocotools writes';

/** The run lengths of `rle` as integers, from either form, checked against its size. */
export function rleCounts(rle: Rle): number[] {
  const [h, w] = rle.size;
  if (!Number.isSafeInteger(h) || !Number.isSafeInteger(w) || h < 0 || w < 0) {
    throw new AuguryError({ code: 'bad-annotation', message: 'RLE size is not two non-negative integers', expected: '[height, width]', received: show(rle.size), hint: RLE_HINT });
  }
  const counts = typeof rle.counts === 'string' ? decodeCountsString(rle.counts) : Array.from(rle.counts);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!Number.isSafeInteger(c) || c < 0) {
      throw new AuguryError({ code: 'bad-annotation', message: `RLE count ${i} is not a non-negative integer`, received: show(c), hint: RLE_HINT });
    }
    sum += c;
  }
  if (sum !== h * w) {
    throw new AuguryError({
      code: 'bad-annotation',
      message: 'RLE counts do not cover the mask exactly',
      expected: `counts summing to ${h} * ${w} = ${h * w}`,
      received: `a sum of ${sum}`,
      hint: RLE_HINT + '; check that size is [height, width] and not [width, height]',
    });
  }
  return counts;
}

/** Decodes pycocotools' compressed counts string into run lengths (no size check). */
export function decodeCountsString(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) {
        throw new AuguryError({ code: 'bad-annotation', message: 'compressed RLE string ends in the middle of a count', received: show(s), hint: RLE_HINT });
      }
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) {
        throw new AuguryError({ code: 'bad-annotation', message: `compressed RLE string has a character outside '0'..'o' at position ${p}`, received: show(s[p]), hint: RLE_HINT });
      }
      // Arithmetic instead of bit shifts: counts of large masks need more than 32 bits of shift.
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 2 ** (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    counts.push(x);
  }
  return counts;
}

/** Encodes run lengths as pycocotools' compressed counts string. */
export function encodeCountsString(counts: readonly number[]): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

/** Decodes an RLE (either form) into a row-major mask of `height * width` values, 1 inside. */
export function rleDecode(rle: Rle): Uint8Array {
  const counts = rleCounts(rle);
  const [h, w] = rle.size;
  const mask = new Uint8Array(h * w);
  let p = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (i % 2 === 1) {
      for (let q = p; q < p + c; q++) mask[(q % h) * w + Math.floor(q / h)] = 1;
    }
    p += c;
  }
  return mask;
}

/**
 * Encodes a row-major mask (non-zero = inside) as a COCO RLE, with `counts` as the compressed
 * string when `compressed` is true and as an integer array otherwise.
 */
export function rleEncode(mask: ArrayLike<number>, width: number, height: number, compressed: boolean): Rle {
  if (mask.length !== width * height) {
    throw new AuguryError({ code: 'validation', message: 'mask length does not match its size', expected: `${width} * ${height} = ${width * height}`, received: String(mask.length) });
  }
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = mask[y * width + x]! !== 0 ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        run = 0;
        current = v;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [height, width], counts: compressed ? encodeCountsString(counts) : counts };
}

/** Number of pixels inside the RLE mask. */
export function rleArea(rle: Rle): number {
  const counts = rleCounts(rle);
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i]!;
  return area;
}

/**
 * Tight xyxy box around the RLE mask in continuous coordinates (pixel x covers [x, x + 1)),
 * computed from the runs without decoding; undefined for an empty mask.
 */
export function rleToBox(rle: Rle): [number, number, number, number] | undefined {
  const counts = rleCounts(rle);
  const h = rle.size[0];
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  let p = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (i % 2 === 1 && c > 0) {
      const first = p;
      const last = p + c - 1;
      const xs = Math.floor(first / h);
      const xe = Math.floor(last / h);
      xmin = Math.min(xmin, xs);
      xmax = Math.max(xmax, xe);
      if (xs === xe) {
        ymin = Math.min(ymin, first % h);
        ymax = Math.max(ymax, last % h);
      } else {
        // A run that wraps into the next column touches both the bottom and the top row.
        ymin = 0;
        ymax = h - 1;
      }
    }
    p += c;
  }
  if (xmin === Infinity) return undefined;
  return [xmin, ymin, xmax + 1, ymax + 1];
}

/**
 * Rasterizes polygon rings (flat x, y, ... in continuous coordinates) into a row-major mask.
 * A pixel is inside when its center (x + 0.5, y + 0.5) is inside a ring by the even-odd rule;
 * rings are united, as COCO treats the rings of one object as separate parts. A center exactly
 * on a left or top edge counts as inside, on a right or bottom edge as outside, so two polygons
 * sharing an edge never both claim a pixel. pycocotools rasterizes differently (it traces the
 * outline on an upsampled grid), so its areas can differ from ours by about a pixel per boundary
 * pixel; use this mask for augury's own checks, not to reproduce pycocotools' numbers.
 */
export function polygonsToMask(rings: readonly (readonly number[])[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const xs: number[] = [];
  for (const ring of rings) {
    const n = Math.floor(ring.length / 2);
    if (n < 3) continue;
    for (let y = 0; y < height; y++) {
      const cy = y + 0.5;
      xs.length = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = ring[2 * i]!;
        const yi = ring[2 * i + 1]!;
        const xj = ring[2 * j]!;
        const yj = ring[2 * j + 1]!;
        // Half-open in y so that a vertex shared by two edges is crossed once.
        if (yi <= cy !== yj <= cy) xs.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // Pixel x is inside when xs[k] <= x + 0.5 < xs[k + 1].
        const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
        const to = Math.min(width, Math.ceil(xs[k + 1]! - 0.5));
        for (let x = from; x < to; x++) mask[y * width + x] = 1;
      }
    }
  }
  return mask;
}

/**
 * Area of polygon rings by the shoelace formula, summed over rings (COCO rings are separate
 * parts, not holes). This is the exact area of the continuous shape, which is what a polygon
 * means in augury; pycocotools' `area` comes from its rasterized mask instead.
 */
export function polygonArea(rings: readonly (readonly number[])[]): number {
  let total = 0;
  for (const ring of rings) {
    const n = Math.floor(ring.length / 2);
    let twice = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) twice += ring[2 * j]! * ring[2 * i + 1]! - ring[2 * i]! * ring[2 * j + 1]!;
    total += Math.abs(twice) / 2;
  }
  return total;
}
