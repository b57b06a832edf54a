/**
 * Boxes under a map. A box is only a summary of an object, so after a rotation or a perspective
 * the new box depends on what is known about the object inside it; the three methods below trade
 * tightness for what they need (docs/coordinates.md, "Box methods").
 */
import { AuguryError } from '../core/errors.js';
import type { Boxes } from '../targets/boxes.js';
import type { InstanceMasks, LabelMap } from '../targets/mask.js';
import type { Polygons, Ring } from '../targets/polygons.js';
import { mapEllipseBox } from './ellipse.js';
import type { Mat3 } from './matrix.js';
import { assertSameSideOfHorizon, mapPointsInto, type Canvas } from './points.js';
import { areaRatio, clipRingToRect, everyInFrame, mapPolygons, ringArea } from './polygons.js';

export type BoxMethod = 'corners' | 'ellipse' | 'mask';

export interface MapBoxesOptions {
  /** How to rebuild each box; default 'corners'. Use `defaultBoxMethod` to pick from a sample. */
  method?: BoxMethod;
  /** Polygons row-aligned with the boxes, in input space; mapped and returned when given. */
  polygons?: Polygons;
  /** Instance masks row-aligned with the boxes, already warped to output space. */
  instanceMasks?: InstanceMasks;
  /** Clip boxes to the canvas; default true. Polygons are always clipped. */
  clip?: boolean;
}

export interface MappedBoxes {
  readonly boxes: Boxes;
  /** The mapped and clipped polygons, when `polygons` were given. */
  readonly polygons?: Polygons;
}

/**
 * 'mask' when the sample carries per-instance shapes (polygons or instance masks), else
 * 'corners'. A semantic label map alone does not count: it cannot tell which pixels belong to
 * which box.
 */
export function defaultBoxMethod(sample: { polygons?: Polygons; instanceMasks?: InstanceMasks; mask?: LabelMap }): BoxMethod {
  return sample.polygons !== undefined || sample.instanceMasks !== undefined ? 'mask' : 'corners';
}

/**
 * Maps boxes through `m` onto `canvas`.
 * - 'corners': the box enclosing the four mapped corners (exact for projective maps, since the
 *   box's edges map to the quadrilateral's edges). Never too small, inflates under rotation.
 * - 'ellipse': the box enclosing the mapped inscribed ellipse, solved in closed form for affine
 *   and projective maps (no sampling). Tighter for round objects, may cut corners.
 * - 'mask': the tight box of the instance's mapped polygon, clipped to the canvas, when it has
 *   rings; otherwise the tight box of its instance mask (already in output space) when one is
 *   given and non-empty; otherwise 'corners'. If every ring of an instance leaves the frame the
 *   coordinates come from 'corners' and the visibility factor is 0.
 * Visibility is multiplied by clipped area / unclipped area of the mapped object: polygon area
 * ('mask' with polygons), mapped quadrilateral ('corners' and fallbacks), mapped ellipse
 * ('ellipse'). Instance masks are already clipped, so they contribute a factor 1.
 * Pinned by test/geometry/boxes.test.ts.
 */
export function mapBoxes(boxes: Boxes, m: Mat3, canvas: Canvas, opts: MapBoxesOptions = {}): MappedBoxes {
  const method = opts.method ?? 'corners';
  const clip = opts.clip ?? true;
  const n = boxes.xyxy.length >> 2;
  checkAligned(n, opts, canvas);
  const mappedPolys = opts.polygons ? mapPolygons(opts.polygons, m, canvas) : undefined;
  const xyxy = new Float64Array(4 * n);
  const visibility = new Float64Array(n);
  const quad = new Float64Array(8);
  const mappedQuad = new Float64Array(8);
  const tmp = new Float64Array(4);
  const { width, height } = canvas;

  for (let i = 0; i < n; i++) {
    const x1 = boxes.xyxy[4 * i]!, y1 = boxes.xyxy[4 * i + 1]!, x2 = boxes.xyxy[4 * i + 2]!, y2 = boxes.xyxy[4 * i + 3]!;
    // `factor` stays undefined until a method has measured the object; `placed` once it wrote the box.
    let factor: number | undefined;
    let placed = false;
    if (method === 'ellipse') {
      factor = mapEllipseBox(x1, y1, x2, y2, m, canvas, tmp, `box ${i}`);
      xyxy.set(tmp, 4 * i);
      placed = true;
    } else if (method === 'mask') {
      const rings = opts.polygons?.instances[i];
      if (mappedPolys && rings && rings.some((r) => r.length > 0)) {
        // An instance whose rings all left the frame keeps its factor 0 and takes the corners box.
        factor = mappedPolys.visibility[i]!;
        const b = boxFromPolygon(clip ? mappedPolys.polygons.instances[i]! : unclippedRings(rings, m));
        if (b) {
          xyxy.set(b, 4 * i);
          placed = true;
        }
      } else if (opts.instanceMasks) {
        const b = boxFromMask(opts.instanceMasks.masks[i]!, opts.instanceMasks.width, opts.instanceMasks.height);
        if (b) {
          xyxy.set(b, 4 * i);
          factor = 1;
          placed = true;
        }
      }
    }
    if (!placed) {
      quad[0] = x1; quad[1] = y1; quad[2] = x2; quad[3] = y1;
      quad[4] = x2; quad[5] = y2; quad[6] = x1; quad[7] = y2;
      assertSameSideOfHorizon(quad, m, `box ${i}`);
      mapPointsInto(quad, m, mappedQuad);
      enclosing(mappedQuad, xyxy, 4 * i);
      factor ??= areaRatio(ringArea(clipRingToRect(mappedQuad, 0, 0, width, height)), ringArea(mappedQuad), everyInFrame(mappedQuad, width, height));
    }
    if (clip) clampBox(xyxy, 4 * i, width, height);
    visibility[i] = Math.min(1, Math.max(0, boxes.visibility[i]! * factor!));
  }
  const out: Boxes = { ...boxes, xyxy, visibility };
  return mappedPolys ? { boxes: out, polygons: mappedPolys.polygons } : { boxes: out };
}

/** Tight box of the non-zero pixels of a mask (pixel i covers [i, i+1)), or null when empty. */
export function boxFromMask(mask: Uint8Array, width: number, height: number): Float64Array | null {
  if (mask.length !== width * height) {
    throw new AuguryError({ code: 'size-mismatch', message: 'mask length does not match its size', expected: `${width * height} values (${width}x${height})`, received: String(mask.length), hint: 'pass the width and height the mask was made for' });
  }
  let minX = width, minY = height, maxX = -1, maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1, last = -1;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (first < minX) minX = first;
    if (last > maxX) maxX = last;
    if (y < minY) minY = y;
    maxY = y;
  }
  if (maxX < 0) return null;
  return Float64Array.of(minX, minY, maxX + 1, maxY + 1);
}

/** Tight box of the vertices of some rings, or null when there is no vertex. */
export function boxFromPolygon(rings: readonly Ring[]): Float64Array | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rings) {
    for (let k = 0; k + 1 < r.length; k += 2) {
      const x = r[k]!, y = r[k + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX <= maxX ? Float64Array.of(minX, minY, maxX, maxY) : null;
}

function unclippedRings(rings: readonly Ring[], m: Mat3): Ring[] {
  return rings.filter((r) => r.length > 0).map((r) => {
    const out = new Float64Array(r.length);
    mapPointsInto(r, m, out);
    return out;
  });
}

function enclosing(xy: Float64Array, out: Float64Array, at: number): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < xy.length; k += 2) {
    const x = xy[k]!, y = xy[k + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  out[at] = minX; out[at + 1] = minY; out[at + 2] = maxX; out[at + 3] = maxY;
}

function clampBox(xyxy: Float64Array, at: number, width: number, height: number): void {
  xyxy[at] = Math.min(width, Math.max(0, xyxy[at]!));
  xyxy[at + 1] = Math.min(height, Math.max(0, xyxy[at + 1]!));
  xyxy[at + 2] = Math.min(width, Math.max(0, xyxy[at + 2]!));
  xyxy[at + 3] = Math.min(height, Math.max(0, xyxy[at + 3]!));
}

function checkAligned(n: number, opts: MapBoxesOptions, canvas: Canvas): void {
  const p = opts.polygons;
  if (p && p.instances.length !== n) {
    throw new AuguryError({ code: 'validation', message: 'polygons must be row-aligned with boxes', key: 'polygons', expected: `${n} instances`, received: String(p.instances.length), hint: 'give one polygon instance per box (an empty instance when a box has no polygon)' });
  }
  const im = opts.instanceMasks;
  if (im && im.masks.length !== n) {
    throw new AuguryError({ code: 'validation', message: 'instance masks must be row-aligned with boxes', key: 'instanceMasks', expected: `${n} masks`, received: String(im.masks.length), hint: 'give one instance mask per box' });
  }
  if (im && (im.width !== canvas.width || im.height !== canvas.height)) {
    throw new AuguryError({ code: 'size-mismatch', message: 'instance masks must already be in output space', key: 'instanceMasks', expected: `${canvas.width}x${canvas.height}`, received: `${im.width}x${im.height}`, hint: 'warp the instance masks with the same map before rebuilding boxes from them' });
  }
}
