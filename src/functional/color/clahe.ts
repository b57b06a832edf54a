/**
 * CLAHE (contrast limited adaptive histogram equalization), written after OpenCV's algorithm.
 *
 * On one integer plane with `levels` input levels (256 for uint8, maxValue + 1 for uint16) and
 * `bins = min(levels, 256)` histogram bins:
 * 1. Tiles: tilesX x tilesY. If the plane does not divide evenly, it is padded at the right and
 *    bottom by `tilesX - W % tilesX` columns and `tilesY - H % tilesY` rows (OpenCV pads both
 *    axes, even an axis that divides), mirroring without repeating the edge (reflect101).
 * 2. Per tile: histogram; if clipLimit > 0, every bin is cut at
 *    `limit = max(1, trunc(clipLimit * tileArea / bins))`; the excess is spread evenly over all
 *    bins and the remainder one by one at a stride of `max(1, floor(bins / remainder))` from bin 0.
 * 3. Per tile mapping: `lut[i] = round_half_even(cdf(i) * (bins - 1) / tileArea)` (float32).
 * 4. Every pixel blends the mappings of the four nearest tile centres bilinearly (weights from
 *    `x / tileWidth - 0.5`, clamped at the border tiles), in float32, rounded half to even.
 * When levels > 256 (uint16), values share 256 histogram bins (bin `floor(v * 256 / levels)`), so
 * clipLimit means the same as for uint8 (OpenCV would use 65536 bins, which makes any clip limit
 * clip almost everything), and step 3 is continuous: a value at fraction t of its bin maps to
 * `(cdf_before + t * h[bin]) * (levels - 1) / tileArea` (t = 1 at the bin's top value, matching the
 * uint8 rule), blended in double precision and rounded once, so 16-bit detail survives.
 * RGB images are equalized on L* of CIE Lab (D65): L is quantized to the plane's levels, mapped,
 * and recombined with the unquantized a* and b* (OpenCV also quantizes a* and b* to 8 bits, so
 * results are close to but not bit-identical with OpenCV's). Alpha passes through.
 */
import { maxValueOf, type DType, type Image, type ImageOf } from '../../targets/image.js';
import { ANY_CHANNELS, INTEGER_DTYPES, checkImage, checkInteger, checkNumber, clamp, f32, like } from './common.js';
import { roundHalfEven } from './hsv.js';
import { labToRgb, rgbToLab } from './lab.js';

/**
 * CLAHE on gray images directly, on the L* channel for RGB(A). uint8 and uint16 only.
 * `tileGridSize` is `[tilesX, tilesY]` (columns, rows), like OpenCV's `Size(width, height)`.
 * clipLimit 0 disables clipping (plain adaptive equalization). Defaults: clipLimit 4, 8 x 8 tiles.
 */
export function clahe(img: Image, clipLimit = 4, tileGridSize: readonly [number, number] = [8, 8]): Image {
  checkImage(img, 'clahe', { dtypes: INTEGER_DTYPES, channels: ANY_CHANNELS });
  checkNumber('clahe', 'clipLimit', clipLimit, 0);
  checkInteger('clahe', 'tileGridSize[0]', tileGridSize[0], 1, 1024);
  checkInteger('clahe', 'tileGridSize[1]', tileGridSize[1], 1, 1024);
  const max = maxValueOf(img);
  const levels = img.dtype === 'uint8' ? 256 : Math.min(max, 65535) + 1;
  const { width: w, height: h, channels: ch } = img;
  const src = img.data;
  const out = like(img as ImageOf<DType>) as Image;
  const dst = out.data;
  const n = w * h;
  const plane = new Int32Array(n);
  if (ch === 1) {
    for (let i = 0; i < n; i++) plane[i] = Math.min(src[i]!, levels - 1);
    const mapped = clahePlane(plane, w, h, levels, clipLimit, tileGridSize[0], tileGridSize[1]);
    dst.set(mapped);
    return out;
  }
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const lab = new Float64Array(3);
  for (let p = 0, j = 0; p < n; p++, j += ch) {
    rgbToLab(src[j]! / max, src[j + 1]! / max, src[j + 2]! / max, lab);
    plane[p] = clamp(Math.round((lab[0]! * (levels - 1)) / 100), 0, levels - 1);
    a[p] = lab[1]!;
    b[p] = lab[2]!;
  }
  const mapped = clahePlane(plane, w, h, levels, clipLimit, tileGridSize[0], tileGridSize[1]);
  const rgb = new Float64Array(3);
  for (let p = 0, j = 0; p < n; p++, j += ch) {
    labToRgb((mapped[p]! * 100) / (levels - 1), a[p]!, b[p]!, rgb);
    for (let c = 0; c < 3; c++) dst[j + c] = clamp(Math.round(rgb[c]! * max), 0, max);
    if (ch === 4) dst[j + 3] = src[j + 3]!;
  }
  return out;
}

/** OpenCV's `BORDER_REFLECT_101` index for any i (repeats the reflection for tiny planes). */
function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
  return i;
}

/**
 * CLAHE of one plane of integer levels in [0, levels). Exported for tests and for callers with their
 * own channel handling; see the module comment for the exact steps.
 */
export function clahePlane(
  plane: Int32Array,
  w: number,
  h: number,
  levels: number,
  clipLimit: number,
  tilesX: number,
  tilesY: number,
): Int32Array {
  const bins = Math.min(levels, 256);
  const even = w % tilesX === 0 && h % tilesY === 0;
  const pw = even ? w : w + tilesX - (w % tilesX);
  const ph = even ? h : h + tilesY - (h % tilesY);
  const tw = pw / tilesX;
  const th = ph / tilesY;
  const area = tw * th;
  const limit = clipLimit > 0 ? Math.max(1, Math.trunc((clipLimit * area) / bins)) : 0;
  const binned = levels > bins;
  const binOf = (v: number): number => (binned ? Math.floor((v * bins) / levels) : v);
  const hist = new Float64Array(bins);
  // Exact path: one rounded table per tile. Binned path: the cumulative histogram per tile.
  const lutScale = f32((bins - 1) / area);
  const luts = new Uint8Array(binned ? 0 : tilesX * tilesY * bins);
  const cdfs = new Float64Array(binned ? tilesX * tilesY * (bins + 1) : 0);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      hist.fill(0);
      for (let y = ty * th; y < (ty + 1) * th; y++) {
        const row = reflect101(y, h) * w;
        for (let x = tx * tw; x < (tx + 1) * tw; x++) hist[binOf(plane[row + reflect101(x, w)]!)]!++;
      }
      if (limit > 0) clipHistogram(hist, limit);
      const tile = ty * tilesX + tx;
      let sum = 0;
      if (binned) cdfs[tile * (bins + 1)] = 0;
      for (let i = 0; i < bins; i++) {
        sum += hist[i]!;
        if (binned) cdfs[tile * (bins + 1) + i + 1] = sum;
        else luts[tile * bins + i] = clamp(roundHalfEven(f32(sum * lutScale)), 0, bins - 1);
      }
    }
  }
  if (binned) return interpolateBinned(plane, w, h, levels, bins, cdfs, tilesX, tilesY, tw, th);
  const out = new Int32Array(w * h);
  const invTw = f32(1 / tw);
  const invTh = f32(1 / th);
  const x1s = new Int32Array(w);
  const x2s = new Int32Array(w);
  const xas = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const txf = f32(f32(x * invTw) - 0.5);
    const tx1 = Math.floor(txf);
    xas[x] = f32(txf - tx1);
    x1s[x] = Math.max(tx1, 0) * bins;
    x2s[x] = Math.min(tx1 + 1, tilesX - 1) * bins;
  }
  for (let y = 0; y < h; y++) {
    const tyf = f32(f32(y * invTh) - 0.5);
    const ty1 = Math.floor(tyf);
    const ya = f32(tyf - ty1);
    const ya1 = f32(1 - ya);
    const plane1 = Math.max(ty1, 0) * tilesX * bins;
    const plane2 = Math.min(ty1 + 1, tilesY - 1) * tilesX * bins;
    for (let x = 0; x < w; x++) {
      const v = plane[y * w + x]!;
      const xa = xas[x]!;
      const xa1 = f32(1 - xa);
      const top = f32(f32(luts[plane1 + x1s[x]! + v]! * xa1) + f32(luts[plane1 + x2s[x]! + v]! * xa));
      const bottom = f32(f32(luts[plane2 + x1s[x]! + v]! * xa1) + f32(luts[plane2 + x2s[x]! + v]! * xa));
      out[y * w + x] = clamp(roundHalfEven(f32(f32(top * ya1) + f32(bottom * ya))), 0, bins - 1);
    }
  }
  return out;
}

/** Step 4 for the binned (uint16) path: continuous per-tile mappings, bilinear blend in doubles. */
function interpolateBinned(
  plane: Int32Array,
  w: number,
  h: number,
  levels: number,
  bins: number,
  cdfs: Float64Array,
  tilesX: number,
  tilesY: number,
  tw: number,
  th: number,
): Int32Array {
  const scale = (levels - 1) / (tw * th);
  const lo = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) lo[b] = Math.ceil((b * levels) / bins);
  const map = (tile: number, v: number): number => {
    const b = Math.floor((v * bins) / levels);
    const base = tile * (bins + 1);
    const before = cdfs[base + b]!;
    const t = (v - lo[b]! + 1) / (lo[b + 1]! - lo[b]!);
    return (before + (cdfs[base + b + 1]! - before) * t) * scale;
  };
  const out = new Int32Array(w * h);
  for (let y = 0; y < h; y++) {
    const tyf = y / th - 0.5;
    const ty1 = Math.floor(tyf);
    const ya = tyf - ty1;
    const r1 = Math.max(ty1, 0) * tilesX;
    const r2 = Math.min(ty1 + 1, tilesY - 1) * tilesX;
    for (let x = 0; x < w; x++) {
      const txf = x / tw - 0.5;
      const tx1 = Math.floor(txf);
      const xa = txf - tx1;
      const c1 = Math.max(tx1, 0);
      const c2 = Math.min(tx1 + 1, tilesX - 1);
      const v = plane[y * w + x]!;
      const top = map(r1 + c1, v) * (1 - xa) + map(r1 + c2, v) * xa;
      const bottom = map(r2 + c1, v) * (1 - xa) + map(r2 + c2, v) * xa;
      out[y * w + x] = clamp(Math.round(top * (1 - ya) + bottom * ya), 0, levels - 1);
    }
  }
  return out;
}

/** Cuts bins at `limit` and spreads the excess as OpenCV does (even share, then a strided remainder). */
function clipHistogram(hist: Float64Array, limit: number): void {
  const bins = hist.length;
  let clipped = 0;
  for (let i = 0; i < bins; i++) {
    if (hist[i]! > limit) {
      clipped += hist[i]! - limit;
      hist[i] = limit;
    }
  }
  const batch = Math.floor(clipped / bins);
  let residual = clipped - batch * bins;
  for (let i = 0; i < bins; i++) hist[i]! += batch;
  if (residual > 0) {
    const step = Math.max(Math.floor(bins / residual), 1);
    for (let i = 0; i < bins && residual > 0; i += step, residual--) hist[i]!++;
  }
}
