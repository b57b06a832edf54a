/**
 * The per-sample form of targets that leave a worker. Polygons (an array of rings per instance)
 * and instance masks (one plane per instance) would cross a thread as hundreds of small buffers;
 * packed, each is a few flat arrays, so a sample's whole payload is one short transfer list.
 * The packing happens in every thread (also with `workers: 0`), so a batch never depends on
 * where its samples were augmented.
 */
import type { Boxes } from '../targets/boxes.js';
import type { Image } from '../targets/image.js';
import type { Keypoints } from '../targets/keypoints.js';
import type { Label } from '../targets/label.js';
import type { InstanceMasks, LabelMap } from '../targets/mask.js';
import type { Polygons } from '../targets/polygons.js';
import type { AugmentedSample } from './unit.js';

/** Every ring of every instance, one after another. */
export interface PackedPolygons {
  /** x, y of every vertex (2 numbers a vertex). */
  readonly vertices: Float64Array;
  /** R + 1 offsets, in vertices: ring r is vertices [offsets[r], offsets[r + 1]). */
  readonly ringOffsets: Int32Array;
  /** The instance (polygon row) each ring belongs to. */
  readonly ringInstance: Int32Array;
  /** Class per instance (P values); instances without rings still count. */
  readonly labels: Int32Array;
}

/** P planes of width x height in one buffer, non-zero = inside. */
export interface PackedInstanceMasks {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Class per plane. */
  readonly labels: Int32Array;
}

export function packPolygons(p: Polygons): PackedPolygons {
  let rings = 0;
  let numbers = 0;
  for (const inst of p.instances) for (const r of inst) {
    rings++;
    numbers += r.length;
  }
  const vertices = new Float64Array(numbers);
  const ringOffsets = new Int32Array(rings + 1);
  const ringInstance = new Int32Array(rings);
  let k = 0;
  let at = 0;
  p.instances.forEach((inst, i) => {
    for (const r of inst) {
      vertices.set(r, at);
      at += r.length;
      ringInstance[k] = i;
      ringOffsets[++k] = at / 2;
    }
  });
  return { vertices, ringOffsets, ringInstance, labels: p.labels.slice() };
}

export function packInstanceMasks(m: InstanceMasks): PackedInstanceMasks {
  const plane = m.width * m.height;
  const data = new Uint8Array(plane * m.masks.length);
  m.masks.forEach((mask, i) => data.set(mask, i * plane));
  return { width: m.width, height: m.height, data, labels: m.labels.slice() };
}

/** Polygon instance count of a packed set (instances without rings included). */
export function packedPolygonCount(p: PackedPolygons): number {
  return p.labels.length;
}

/**
 * Makes every typed array of the result own its whole buffer (a decoder's output may be a view
 * into a shared pool, which must not be transferred), and returns the buffers to transfer.
 */
export function transferables(r: AugmentedSample): { value: AugmentedSample; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const own = <T extends ArrayBufferView>(a: T): T => {
    let out = a;
    if (!(a.buffer instanceof ArrayBuffer) || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength || buffers.includes(a.buffer)) {
      out = (a as unknown as { slice(): T }).slice();
    }
    buffers.push(out.buffer as ArrayBuffer);
    return out;
  };
  const ownFields = <F extends Record<string, unknown>>(fields: F): F => {
    const out: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(fields)) out[k] = ArrayBuffer.isView(c) ? own(c) : c;
    return out as F;
  };
  const image = { ...r.image, data: own(r.image.data) } as Image;
  const out: { -readonly [K in keyof AugmentedSample]: AugmentedSample[K] } = { ...r, image };
  if (r.boxes) {
    const b = r.boxes;
    out.boxes = { xyxy: own(b.xyxy), labels: own(b.labels), visibility: own(b.visibility), sourceIndex: own(b.sourceIndex), fields: ownFields(b.fields) } satisfies Boxes;
  }
  if (r.label?.kind === 'soft') out.label = { kind: 'soft', probs: own(r.label.probs) } satisfies Label;
  if (r.keypoints) {
    const k = r.keypoints;
    out.keypoints = {
      ...k,
      xy: own(k.xy),
      visibility: own(k.visibility),
      sourceIndex: own(k.sourceIndex),
      fields: ownFields(k.fields),
      ...(k.angle ? { angle: own(k.angle) } : {}),
      ...(k.scale ? { scale: own(k.scale) } : {}),
    } satisfies Keypoints;
  }
  if (r.polygons) {
    const p = r.polygons;
    out.polygons = { vertices: own(p.vertices), ringOffsets: own(p.ringOffsets), ringInstance: own(p.ringInstance), labels: own(p.labels) };
  }
  if (r.mask) out.mask = { ...r.mask, data: own(r.mask.data) } satisfies LabelMap;
  if (r.instanceMasks) out.instanceMasks = { ...r.instanceMasks, data: own(r.instanceMasks.data), labels: own(r.instanceMasks.labels) };
  return { value: out, buffers };
}
