/**
 * The one operation every box-aware mix is made of: place a sample on the output canvas (scale
 * and shift, keep only a rectangular region), then paint layers in order, each hiding what lies
 * under it. Labels follow the pixels exactly:
 * - a placed sample's boxes, polygons, masks and keypoints go through the same map as its pixels
 *   and are clipped to the region (visibility = share of the object still inside);
 * - a later layer hides earlier objects: instance masks lose the covered pixels, polygons lose
 *   the covered rectangle (exactly, as up to four clipped pieces), and boxes are rebuilt from
 *   what is left by the run's box method; keypoints under a cover become "labelled but occluded".
 */
import type { BoxMethod } from '../geometry/boxes.js';
import { boxFromMask, boxFromPolygon, mapBoxes } from '../geometry/boxes.js';
import { mapKeypoints } from '../geometry/keypoints.js';
import { mat3 } from '../geometry/matrix.js';
import { clipRingToRect, mapPolygons, ringArea } from '../geometry/polygons.js';
import { warpImage, warpMask } from '../functional/geometric/index.js';
import type { Fill, Interpolation } from '../functional/types.js';
import type { Boxes } from '../targets/boxes.js';
import type { Column } from '../targets/columns.js';
import type { Image } from '../targets/image.js';
import type { Keypoints } from '../targets/keypoints.js';
import type { InstanceMasks, LabelMap } from '../targets/mask.js';
import type { Polygons, Ring } from '../targets/polygons.js';
import type { Sample } from '../targets/sample.js';

/** An integer pixel rectangle [x0, y0, x1, y1) of the output canvas. */
export type Rect = readonly [number, number, number, number];

/** Source point (x, y) lands on (sx·x + tx, sy·y + ty); only `region` of the output keeps it. */
export interface Placement {
  readonly sx: number;
  readonly sy: number;
  readonly tx: number;
  readonly ty: number;
  readonly region: Rect;
}

/** The labels a layer carries, in output canvas coordinates. */
export interface LayerLabels {
  boxes?: Boxes;
  polygons?: Polygons;
  instanceMasks?: InstanceMasks;
  mask?: LabelMap;
  keypoints?: Keypoints;
}

/** A placed sample: its pixels for `region`, its labels on the full canvas, and where it paints. */
export interface Layer {
  readonly image: Image;
  readonly region: Rect;
  /** Pixel-wise cover on the full canvas (Copy-Paste); without it the whole region is painted. */
  readonly cover?: Uint8Array;
  labels: LayerLabels;
}

export interface PlaceOptions {
  readonly width: number;
  readonly height: number;
  readonly boxMethod: BoxMethod;
  readonly interpolation: Interpolation;
  readonly fill: Fill;
}

/** Places `src` on the canvas through `pl` (its image must already match the output's channels and dtype). */
export function placeSample(src: Sample, pl: Placement, o: PlaceOptions): Layer {
  const [x0, y0, x1, y1] = pl.region;
  const rw = x1 - x0, rh = y1 - y0;
  const m = mat3(pl.sx, 0, pl.tx - x0, 0, pl.sy, pl.ty - y0, 0, 0, 1);
  const region = { width: rw, height: rh };
  // Replicate: within half a pixel of the image's edge a filter must not pull in the fill colour.
  const image = warpImage(src.image, m, rw, rh, { interpolation: o.interpolation, border: 'replicate', fill: o.fill });
  const labels: LayerLabels = {};
  let regionMasks: InstanceMasks | undefined;
  if (src.instanceMasks) {
    const im = src.instanceMasks;
    regionMasks = { width: rw, height: rh, labels: im.labels, masks: im.masks.map((data) => warpMask({ width: im.width, height: im.height, data }, m, rw, rh).data) };
    labels.instanceMasks = { width: o.width, height: o.height, labels: im.labels, masks: regionMasks.masks.map((d) => embed(d, rw, rh, x0, y0, o.width, o.height)) };
  }
  if (src.mask) {
    const d = warpMask(src.mask, m, rw, rh).data;
    labels.mask = { width: o.width, height: o.height, data: embedAny(d, rw, rh, x0, y0, o.width, o.height) };
  }
  if (src.boxes) {
    const mapped = mapBoxes(src.boxes, m, region, { method: o.boxMethod, ...(src.polygons ? { polygons: src.polygons } : {}), ...(regionMasks ? { instanceMasks: regionMasks } : {}) });
    let boxes = mapped.boxes;
    if (o.boxMethod === 'mask' && src.instanceMasks && regionMasks) boxes = maskVisibility(boxes, src, src.instanceMasks.masks, regionMasks.masks, pl.sx * pl.sy);
    labels.boxes = shiftBoxes(boxes, x0, y0);
    if (mapped.polygons) labels.polygons = shiftPolygons(mapped.polygons, x0, y0);
  }
  if (src.polygons && !labels.polygons) labels.polygons = shiftPolygons(mapPolygons(src.polygons, m, region).polygons, x0, y0);
  if (src.keypoints) {
    const k = mapKeypoints(src.keypoints, m, region);
    labels.keypoints = { ...k, xy: k.xy.map((v, i) => v + (i % 2 === 0 ? x0 : y0)) };
  }
  return { image, region: pl.region, labels };
}

/**
 * mapBoxes counts warped instance masks as fully visible (they are already clipped); a region
 * cuts them, so the share kept is measured here: pixels kept over pixels expected at this scale.
 * Instances with polygon rings keep mapBoxes' exact polygon figure.
 */
function maskVisibility(boxes: Boxes, src: Sample, before: readonly Uint8Array[], after: readonly Uint8Array[], areaScale: number): Boxes {
  const visibility = boxes.visibility.slice();
  before.forEach((m, i) => {
    // An object none of whose pixels lands in the output is gone, whatever sliver its polygon keeps.
    if (count(after[i]!) === 0 && count(m) > 0) {
      visibility[i] = 0;
      return;
    }
    if ((src.polygons?.instances[i]?.length ?? 0) > 0) return;
    const was = count(m) * areaScale;
    if (was <= 0) return;
    const share = Math.min(1, count(after[i]!) / was);
    // Nearest-neighbour rounding moves a count by a row or column: read near-1 as 1, not as occlusion.
    visibility[i] = share > 0.98 ? visibility[i]! : visibility[i]! * share;
  });
  return { ...boxes, visibility };
}

function count(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) n++;
  return n;
}

function embed(d: Uint8Array | Uint16Array | Int32Array, rw: number, rh: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < rh; y++) for (let x = 0; x < rw; x++) out[(y + y0) * w + x + x0] = d[y * rw + x]! !== 0 ? 1 : 0;
  return out;
}

function embedAny<T extends Uint8Array | Uint16Array | Int32Array>(d: T, rw: number, rh: number, x0: number, y0: number, w: number, h: number): T {
  const out = new (d.constructor as new (n: number) => T)(w * h);
  for (let y = 0; y < rh; y++) out.set(d.subarray(y * rw, (y + 1) * rw), (y + y0) * w + x0);
  return out;
}

function shiftBoxes(b: Boxes, dx: number, dy: number): Boxes {
  return { ...b, xyxy: b.xyxy.map((v, i) => v + (i % 2 === 0 ? dx : dy)) };
}

function shiftPolygons(p: Polygons, dx: number, dy: number): Polygons {
  return { ...p, instances: p.instances.map((rings) => rings.map((r) => r.map((v, i) => v + (i % 2 === 0 ? dx : dy)))) };
}

/** A cover: a rectangle, or a pixel set on the full canvas. */
export type Cover = { readonly rect: Rect } | { readonly pixels: Uint8Array; readonly width: number };

function covered(c: Cover, x: number, y: number): boolean {
  if ('rect' in c) return x > c.rect[0] && x < c.rect[2] && y > c.rect[1] && y < c.rect[3];
  return c.pixels[Math.floor(y) * c.width + Math.floor(x)] === 1;
}

/**
 * Hides what `cover` paints over in `l`: see the module comment. Polygon rings survive only a
 * rectangular cover; under a pixel cover, an instance the cover touches loses its rings and its
 * recomputed instance mask becomes its shape (the caller reports those rows).
 */
export function occlude(l: LayerLabels, c: Cover, method: BoxMethod, canvas: { width: number; height: number }): number[] {
  const touched: number[] = [];
  const n = l.boxes ? l.boxes.xyxy.length >> 2 : 0;
  const pixelCount = (i: number) => (l.instanceMasks ? count(l.instanceMasks.masks[i]!) : 0);
  const before = Array.from({ length: n }, (_, i) => pixelCount(i));
  if (l.instanceMasks) {
    const masks = l.instanceMasks.masks.map((m) => {
      const out = m.slice();
      if ('rect' in c) {
        const [x0, y0, x1, y1] = c.rect;
        for (let y = y0; y < y1; y++) out.fill(0, y * canvas.width + x0, y * canvas.width + x1);
      } else {
        for (let i = 0; i < out.length; i++) if (c.pixels[i] === 1) out[i] = 0;
      }
      return out;
    });
    l.instanceMasks = { ...l.instanceMasks, masks };
  }
  let polyBefore: number[] = [];
  if (l.polygons) {
    polyBefore = l.polygons.instances.map(areaOf);
    const instances = l.polygons.instances.map((rings, i) => {
      if (rings.length === 0) return rings;
      if ('rect' in c) return subtractRect(rings, c.rect, canvas);
      const hit = l.instanceMasks ? pixelCount(i) !== before[i] : rings.length > 0;
      if (hit) touched.push(i);
      return hit ? [] : rings;
    });
    l.polygons = { ...l.polygons, instances };
  }
  if (l.boxes) {
    const b = l.boxes;
    const xyxy = b.xyxy.slice();
    const visibility = b.visibility.slice();
    for (let i = 0; i < n; i++) {
      const rings = l.polygons?.instances[i];
      const hadRings = (polyBefore[i] ?? 0) > 0;
      if (l.instanceMasks && before[i]! > 0 && pixelCount(i) === 0) {
        visibility[i] = 0;
      } else if (method === 'mask' && hadRings && rings && rings.length > 0) {
        xyxy.set(boxFromPolygon(rings)!, 4 * i);
        visibility[i] = visibility[i]! * ratio(areaOf(rings), polyBefore[i]!);
      } else if (method === 'mask' && before[i]! > 0) {
        const box = boxFromMask(l.instanceMasks!.masks[i]!, canvas.width, canvas.height);
        if (box) xyxy.set(box, 4 * i);
        visibility[i] = box ? visibility[i]! * ratio(pixelCount(i), before[i]!) : 0;
      } else if (method === 'mask' && hadRings) {
        visibility[i] = 0;
      } else {
        visibility[i] = visibility[i]! * boxMinusCover(xyxy, i, c, canvas.width);
      }
    }
    l.boxes = { ...b, xyxy, visibility };
  }
  if (l.keypoints) {
    const k = l.keypoints;
    const vis = k.visibility.slice();
    for (let i = 0; i < vis.length; i++) if (vis[i] === 2 && covered(c, k.xy[2 * i]!, k.xy[2 * i + 1]!)) vis[i] = 1;
    l.keypoints = { ...k, visibility: vis };
  }
  return touched;
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.min(1, a / b) : 0;
}

function areaOf(rings: readonly Ring[]): number {
  let a = 0;
  for (const r of rings) a += ringArea(r);
  return a;
}

/** The rings minus a rectangle: the rings clipped to the (up to four) bands around it. */
export function subtractRect(rings: readonly Ring[], r: Rect, canvas: { width: number; height: number }): Ring[] {
  const [x0, y0, x1, y1] = r;
  const W = canvas.width, H = canvas.height;
  const bands: Rect[] = [[0, 0, W, y0], [0, y1, W, H], [0, y0, x0, y1], [x1, y0, W, y1]];
  const out: Ring[] = [];
  for (const ring of rings) {
    const bb = boxFromPolygon([ring]);
    // A ring the rectangle does not reach stays whole rather than cut along the bands.
    if (!bb || bb[2]! <= x0 || bb[0]! >= x1 || bb[3]! <= y0 || bb[1]! >= y1) {
      out.push(ring);
      continue;
    }
    for (const [a, b, c, d] of bands) {
      if (c <= a || d <= b) continue;
      const piece = clipRingToRect(ring, a, b, c, d);
      if (piece.length >= 6 && ringArea(piece) > 0) out.push(piece);
    }
  }
  return out;
}

/**
 * A box seen through a cover, when nothing finer than the box is known: it shrinks where the
 * cover hides a whole side, and otherwise keeps its extent; returns the visible share of its area.
 */
function boxMinusCover(xyxy: Float64Array, i: number, c: Cover, width: number): number {
  const a = xyxy[4 * i]!, b = xyxy[4 * i + 1]!, cc = xyxy[4 * i + 2]!, d = xyxy[4 * i + 3]!;
  const area = (cc - a) * (d - b);
  if (!(area > 0)) return 1;
  if (!('rect' in c)) {
    let hidden = 0, total = 0;
    for (let y = Math.floor(b); y < Math.ceil(d); y++) for (let x = Math.floor(a); x < Math.ceil(cc); x++) {
      total++;
      if (c.pixels[y * width + x] === 1) hidden++;
    }
    return total > 0 ? 1 - hidden / total : 1;
  }
  const [x0, y0, x1, y1] = c.rect;
  const iw = Math.min(cc, x1) - Math.max(a, x0), ih = Math.min(d, y1) - Math.max(b, y0);
  if (iw <= 0 || ih <= 0) return 1;
  const spansY = y0 <= b && y1 >= d, spansX = x0 <= a && x1 >= cc;
  if (spansY && spansX) return 0;
  if (spansY && x0 <= a) xyxy[4 * i] = x1;
  else if (spansY && x1 >= cc) xyxy[4 * i + 2] = x0;
  else if (spansX && y0 <= b) xyxy[4 * i + 1] = y1;
  else if (spansX && y1 >= d) xyxy[4 * i + 3] = y0;
  return 1 - (iw * ih) / area;
}

/** Which mix input a row came from (0: the sample, k: partner k), as a per-box field. */
export const SOURCE_FIELD = 'mixSource';

/**
 * Concatenates the layers' labels (rows in layer order) for the kinds the sample carries. Box
 * fields present in only some layers become plain arrays with `null` where a layer had none.
 */
export function mergeLabels(layers: readonly { labels: LayerLabels; source: number }[], kinds: LayerLabels, canvas: { width: number; height: number }): LayerLabels {
  const out: LayerLabels = {};
  if (kinds.boxes) {
    const parts = layers.map((l) => l.labels.boxes!);
    const names = [...new Set(parts.flatMap((p) => Object.keys(p.fields)))].filter((k) => k !== SOURCE_FIELD);
    const fields: Record<string, Column> = {};
    for (const name of names) fields[name] = concatColumn(parts.map((p) => ({ col: p.fields[name], rows: p.visibility.length })));
    fields[SOURCE_FIELD] = Int32Array.from(layers.flatMap((l, k) => Array.from({ length: parts[k]!.visibility.length }, () => l.source)));
    out.boxes = {
      xyxy: Float64Array.from(parts.flatMap((p) => Array.from(p.xyxy))),
      labels: Int32Array.from(parts.flatMap((p) => Array.from(p.labels))),
      visibility: Float64Array.from(parts.flatMap((p) => Array.from(p.visibility))),
      sourceIndex: Int32Array.from(parts.flatMap((p) => Array.from(p.sourceIndex))),
      fields,
    };
  }
  if (kinds.polygons) {
    // A layer without polygons (a Copy-Paste partner cut out by masks) gives ring-less instances.
    const parts = layers.map((l) => l.labels.polygons ?? ringless(l.labels.boxes?.visibility.length ?? l.labels.instanceMasks?.masks.length ?? 0));
    const names = [...new Set(parts.flatMap((p) => Object.keys(p.fields)))];
    const fields: Record<string, Column> = {};
    for (const name of names) fields[name] = concatColumn(parts.map((p) => ({ col: p.fields[name], rows: p.instances.length })));
    out.polygons = {
      instances: parts.flatMap((p) => p.instances),
      labels: Int32Array.from(parts.flatMap((p) => Array.from(p.labels))),
      sourceIndex: Int32Array.from(parts.flatMap((p) => Array.from(p.sourceIndex))),
      fields,
    };
  }
  if (kinds.instanceMasks) {
    const parts = layers.map((l) => l.labels.instanceMasks!);
    out.instanceMasks = { width: canvas.width, height: canvas.height, masks: parts.flatMap((p) => p.masks), labels: Int32Array.from(parts.flatMap((p) => Array.from(p.labels))) };
  }
  if (kinds.keypoints) {
    let offset = 0;
    const parts = layers.map((l) => {
      const k = l.labels.keypoints!;
      const inst = k.fields['instance'];
      const shifted = inst instanceof Int32Array ? { ...k, fields: { ...k.fields, instance: inst.map((v) => (v >= 0 ? v + offset : v)) } } : k;
      offset += l.labels.boxes ? l.labels.boxes.visibility.length : 0;
      return shifted;
    });
    const names = [...new Set(parts.flatMap((p) => Object.keys(p.fields)))];
    const fields: Record<string, Column> = {};
    for (const name of names) fields[name] = concatColumn(parts.map((p) => ({ col: p.fields[name], rows: p.visibility.length })));
    const base = parts[0]!;
    out.keypoints = {
      ...base,
      xy: Float64Array.from(parts.flatMap((p) => Array.from(p.xy))),
      visibility: Uint8Array.from(parts.flatMap((p) => Array.from(p.visibility))),
      sourceIndex: Int32Array.from(parts.flatMap((p) => Array.from(p.sourceIndex))),
      fields,
      ...(base.angle ? { angle: Float64Array.from(parts.flatMap((p) => Array.from(p.angle ?? new Float64Array(p.visibility.length)))) } : {}),
      ...(base.scale ? { scale: Float64Array.from(parts.flatMap((p) => Array.from(p.scale ?? new Float64Array(p.visibility.length).fill(1)))) } : {}),
    };
  }
  return out;
}

function concatColumn(parts: readonly { col: Column | undefined; rows: number }[]): Column {
  const first = parts.find((p) => p.col !== undefined)!.col!;
  const sameTyped = !Array.isArray(first) && parts.every((p) => p.col !== undefined && p.col.constructor === first.constructor);
  if (sameTyped) {
    const Ctor = first.constructor as new (v: number[]) => Float64Array | Int32Array | Uint8Array;
    return new Ctor(parts.flatMap((p) => Array.from(p.col as ArrayLike<number>)));
  }
  return parts.flatMap((p) => (p.col === undefined ? Array.from({ length: p.rows }, () => null) : Array.from(p.col as ArrayLike<unknown>)));
}

function ringless(n: number): Polygons {
  return { instances: Array.from({ length: n }, () => []), labels: new Int32Array(n), sourceIndex: new Int32Array(n).fill(-1), fields: {} };
}
