/**
 * What the box-only transforms share (the "BBox only" ops of Zoph et al. 2019): an op runs inside
 * the pixel region of some boxes, each chosen with its own probability, in a drawn order.
 *
 * Params name the chosen boxes by row (`rows`, in processing order), not by coordinates: the
 * region is read from the boxes as the step receives them, so an op drawn by a policy after a
 * geometric op of the same sub-policy still acts where the box now is. A row beyond the box count
 * is skipped.
 *
 * A box's region is the pixels it touches: columns floor(x1) .. ceil(x2) - 1, rows likewise,
 * clipped to the canvas (the reference also takes the pixel at an integer x2, one column outside
 * the box in augury's continuous convention, docs/coordinates.md).
 *
 * Geometric ops move the content of a region by a matrix about the region and clip it to the
 * region (uncovered pixels get `fill`, masks `fillMask`), as the reference does by transforming
 * the cropped box. Labels follow the pixels:
 * - masks (label maps and instance masks) are resampled by the same nearest map, so they stay
 *   pixel-exact;
 * - a chosen box's own polygon rings are mapped and clipped to the region (exact while the object
 *   lies inside its box, which a tight box guarantees); other instances' rings are not changed;
 * - a chosen box becomes the tight box of its new polygon, else of its new instance mask, else it
 *   stays (the object is still inside it, but the box may now be loose); a box whose object left
 *   its region entirely gets visibility 0, so the box filters drop it;
 * - keypoints inside a region move with its pixels, and become visibility 0 when moved out of it.
 */
import { AuguryError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { KernelEnv, Kernels, Params } from '../../core/transform.js';
import { cropImage, cropMask, warpImage, warpMask } from '../../functional/geometric/index.js';
import type { Fill, Interpolation, MaskPlane } from '../../functional/types.js';
import { boxFromMask, boxFromPolygon } from '../../geometry/boxes.js';
import { applyToPoint, compose, translation, type Mat3 } from '../../geometry/matrix.js';
import { mapPoints } from '../../geometry/points.js';
import { clipRingToRect } from '../../geometry/polygons.js';
import type { Boxes } from '../../targets/boxes.js';
import type { Image } from '../../targets/image.js';
import type { Keypoints } from '../../targets/keypoints.js';
import type { Polygons, Ring } from '../../targets/polygons.js';

/** Pixel region [x0, x1) x [y0, y1) of a box, with the row it came from. */
export interface Region {
  readonly row: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The region of box `row`, or null when it covers no pixel of the canvas. */
export function regionOf(boxes: Boxes, row: number, width: number, height: number): Region | null {
  const b = boxes.xyxy;
  const x0 = Math.max(0, Math.floor(b[row * 4]!));
  const y0 = Math.max(0, Math.floor(b[row * 4 + 1]!));
  const x1 = Math.min(width, Math.ceil(b[row * 4 + 2]!));
  const y1 = Math.min(height, Math.ceil(b[row * 4 + 3]!));
  return x1 > x0 && y1 > y0 ? { row, x0, y0, x1, y1 } : null;
}

/** The regions of `rows` (in order) on the boxes the step receives. */
export function regionsOf(rows: readonly number[], env: Pick<KernelEnv, 'input' | 'inputWidth' | 'inputHeight'>): Region[] {
  const boxes = env.input.boxes;
  if (!boxes) return [];
  const n = boxes.xyxy.length / 4;
  const out: Region[] = [];
  for (const r of rows) {
    if (!Number.isInteger(r) || r < 0) {
      throw new AuguryError({ code: 'validation', message: 'a box-only op names a box row that is not a whole number >= 0', key: 'rows', received: String(r), hint: 'rows are box indices drawn by sample(); fix the edited trace' });
    }
    const reg = r < n ? regionOf(boxes, r, env.inputWidth, env.inputHeight) : null;
    if (reg) out.push(reg);
  }
  return out;
}

/**
 * The reference's per-box draw: the boxes in a random order, each kept with `probability`.
 * Returns the kept rows in processing order.
 */
export function drawRows(rng: Rng, count: number, probability: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.filter(() => rng.next() < probability);
}

/** Copies `patch` into `dst` (same channels) at (x, y). */
function paste<T extends { width: number; data: ArrayLike<number> & { [i: number]: number } }>(dst: T, patch: { width: number; height: number; data: ArrayLike<number> }, x: number, y: number, channels: number): void {
  const rowLen = patch.width * channels;
  for (let j = 0; j < patch.height; j++) {
    const src = j * rowLen;
    const at = ((y + j) * dst.width + x) * channels;
    for (let k = 0; k < rowLen; k++) dst.data[at + k] = patch.data[src + k]!;
  }
}

/** Applies a pixel op to each region of an image in order; returns a new image. */
export function mapImageRegions(img: Image, regions: readonly Region[], op: (patch: Image, r: Region) => Image): Image {
  if (regions.length === 0) return img;
  const out = { ...img, data: img.data.slice() } as Image;
  for (const r of regions) {
    const patch = cropImage(out, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    paste(out as { width: number; data: Image['data'] }, op(patch, r), r.x0, r.y0, img.channels);
  }
  return out;
}

/** The params every geometric box-only op carries. */
export interface RegionWarpParams extends Params {
  rows: number[];
  interpolation: Interpolation;
  fill: Fill;
  fillMask: number;
}

/** A region's content map in absolute coordinates, from one given about the region's top-left corner. */
function absolute(local: Mat3, r: Region): Mat3 {
  return compose(translation(-r.x0, -r.y0), local, translation(r.x0, r.y0));
}

function inRegion(x: number, y: number, r: Region): boolean {
  return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
}

function mappedRings(rings: readonly Ring[], m: Mat3, r: Region): Ring[] {
  return rings.map((ring) => clipRingToRect(mapPoints(ring, m), r.x0, r.y0, r.x1, r.y1)).filter((ring) => ring.length >= 6);
}

/**
 * Kernels of a geometric box-only op whose content map, about the region's top-left corner, is
 * `localOf(params, regionWidth, regionHeight)`.
 */
export function regionWarpKernels<P extends RegionWarpParams>(localOf: (p: P, w: number, h: number) => Mat3): Kernels<P> {
  const local = (p: P, r: Region) => localOf(p, r.x1 - r.x0, r.y1 - r.y0);
  const polygonsAfter = (poly: Polygons, p: P, env: KernelEnv): Polygons => {
    const instances = poly.instances.map((rings) => [...rings]);
    for (const r of regionsOf(p.rows, env)) {
      if (r.row < instances.length) instances[r.row] = mappedRings(instances[r.row]!, absolute(local(p, r), r), r);
    }
    return { ...poly, instances };
  };
  return {
    image: (img, p, env) =>
      mapImageRegions(img, regionsOf(p.rows, env), (patch, r) => warpImage(patch, local(p, r), patch.width, patch.height, { interpolation: p.interpolation, border: 'constant', fill: p.fill })),
    mask: (m, p, env) => {
      const regions = regionsOf(p.rows, env);
      if (regions.length === 0) return m;
      const out: MaskPlane = { ...m, data: m.data.slice() };
      for (const r of regions) {
        const patch = cropMask(out, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
        paste(out as { width: number; data: MaskPlane['data'] }, warpMask(patch, local(p, r), patch.width, patch.height, { border: 'constant', fill: p.fillMask }), r.x0, r.y0, 1);
      }
      return out;
    },
    polygons: (poly, p, env) => polygonsAfter(poly, p, env),
    boxes: (b, p, env) => {
      const regions = regionsOf(p.rows, env);
      if (regions.length === 0) return b;
      const xyxy = b.xyxy.slice();
      const visibility = b.visibility.slice();
      const poly = env.input.polygons ? polygonsAfter(env.input.polygons, p, env) : undefined;
      for (const r of regions) {
        const rings = poly?.instances[r.row];
        const hadRings = (env.input.polygons?.instances[r.row]?.length ?? 0) > 0;
        const mask = env.instanceMasks?.masks[r.row];
        let tight: Float64Array | null | undefined;
        if (hadRings) tight = boxFromPolygon(rings ?? []);
        else if (mask) tight = boxFromMask(mask, env.width, env.height);
        else continue;
        if (tight) xyxy.set(tight, r.row * 4);
        else visibility[r.row] = 0;
      }
      return { ...b, xyxy, visibility };
    },
    keypoints: (k: Keypoints, p, env) => {
      const regions = regionsOf(p.rows, env);
      if (regions.length === 0) return k;
      const xy = k.xy.slice();
      const visibility = k.visibility.slice();
      for (const r of regions) {
        const m = absolute(local(p, r), r);
        for (let i = 0; i < visibility.length; i++) {
          if (visibility[i] === 0 || !inRegion(xy[2 * i]!, xy[2 * i + 1]!, r)) continue;
          const [x, y] = applyToPoint(m, xy[2 * i]!, xy[2 * i + 1]!);
          xy[2 * i] = x;
          xy[2 * i + 1] = y;
          if (!inRegion(x, y, r)) visibility[i] = 0;
        }
      }
      return { ...k, xy, visibility };
    },
    label: 'invariant',
  };
}
