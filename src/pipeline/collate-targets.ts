/**
 * Batching the instance-level targets (keypoints, polygons, instance masks) and semantic masks.
 * Instances refer to the rows of the batch's `boxes` when the samples carry boxes (so that a
 * training loop indexes every target of object m by m, as Ultralytics and torchvision do), and
 * carry their own batch index either way (docs/loader.md gives each layout with an example).
 */
import { AuguryError } from '../core/errors.js';
import type { AugmentedSample } from './unit.js';
import { packedPolygonCount } from './pack.js';

/** Keypoints as [M, K, 3] instances. */
export interface BatchKeypoints {
  /** [M, K, 3]: x, y in pixels of the batch image, and the COCO visibility (0, 1, 2). */
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number];
  /** Sample of each instance (M values). */
  readonly batchIndex: Int32Array;
  /**
   * True: instance m is object m of `boxes` (M = box rows; objects without keypoints are all
   * zeros, visibility 0). False (no boxes, or keypoints without an `instance` field): each
   * sample's rows form consecutive instances of K.
   */
  readonly alignedWithBoxes: boolean;
  /** Names of the K slots, flip pairs and skeleton edges, when the data gives them. */
  readonly names?: readonly string[];
  readonly flipPairs?: readonly (readonly [number, number])[];
  readonly skeleton?: readonly (readonly [number, number])[];
  /** Per-keypoint numeric columns (angle, scale, user fields), [M, K] each; NaN where missing. */
  readonly fields: Readonly<Record<string, Float32Array>>;
}

/** Every ring of the batch, flat. */
export interface BatchPolygons {
  /** [V, 2]: x, y of every vertex in pixels of the batch image, ring after ring. */
  readonly vertices: Float32Array;
  /** R + 1 offsets, in vertices: ring r is vertices [offsets[r], offsets[r + 1]). */
  readonly offsets: Int32Array;
  /** Per ring: its sample. */
  readonly batchIndex: Int32Array;
  /** Per ring: its instance: the row of `boxes` when alignedWithBoxes, else a running instance number over the batch. */
  readonly instance: Int32Array;
  /** Per ring: its instance's class. */
  readonly classes: Int32Array;
  readonly alignedWithBoxes: boolean;
}

/** One plane per instance. */
export interface BatchInstanceMasks {
  /** [P, H, W] uint8, non-zero = inside. */
  readonly data: Uint8Array;
  readonly shape: readonly [number, number, number];
  /** Per plane: its sample, its instance (as for polygons) and its class. */
  readonly batchIndex: Int32Array;
  readonly instance: Int32Array;
  readonly classes: Int32Array;
  readonly alignedWithBoxes: boolean;
}

/** Semantic label maps, one per sample. */
export interface BatchMasks {
  /** [N, H, W]: uint8 when every map is uint8, else int32. */
  readonly data: Uint8Array | Int32Array;
  readonly shape: readonly [number, number, number];
}

/** Where each sample's boxes start in the batch's box rows (N + 1 values), or undefined without boxes. */
export type BoxRows = Int32Array | undefined;

const where = (s: AugmentedSample): string => `sample ${s.unit.index} (${s.id})`;

function boxCountOf(s: AugmentedSample): number | undefined {
  return s.boxes ? s.boxes.labels.length : undefined;
}

export function collateKeypoints(samples: readonly AugmentedSample[], rows: BoxRows): BatchKeypoints | undefined {
  const withKp = samples.filter((s) => s.keypoints);
  if (withKp.length === 0) return undefined;
  const named = withKp.find((s) => s.keypoints!.names)?.keypoints;
  for (const s of withKp) {
    if (JSON.stringify(s.keypoints!.names ?? null) !== JSON.stringify(named?.names ?? null)) {
      throw new AuguryError({ code: 'validation', message: 'samples of one batch have keypoints of different skeletons', record: where(s), expected: JSON.stringify(named?.names ?? null), received: JSON.stringify(s.keypoints!.names ?? null), hint: 'batch samples whose keypoints have the same names' });
    }
  }
  // Names are checked equal above; pairs and edges come with them, so any sample's will do.
  const meta = named ?? withKp[0]!.keypoints!;
  const aligned = rows !== undefined && withKp.every((s) => s.boxes && s.keypoints!.fields['instance'] instanceof Int32Array);
  // Slots per instance: the skeleton's size, else the most rows any instance has.
  let K = named?.names?.length ?? 0;
  if (!named?.names && aligned) {
    for (const s of withKp) {
      const count = new Map<number, number>();
      for (const i of s.keypoints!.fields['instance'] as Int32Array) if (i >= 0) count.set(i, (count.get(i) ?? 0) + 1);
      for (const c of count.values()) K = Math.max(K, c);
    }
  }
  const entries: { row: number; at: number; slot: number }[][] = samples.map(() => []);
  let M: number;
  if (aligned) {
    M = rows[samples.length]!;
    samples.forEach((s, n) => {
      const kp = s.keypoints;
      if (!kp) return;
      const inst = kp.fields['instance'] as Int32Array;
      const boxes = boxCountOf(s)!;
      const used = new Int32Array(boxes);
      inst.forEach((i, r) => {
        if (i < 0) return; // its box was dropped: so is the instance (docs/loader.md)
        if (i >= boxes || used[i]! >= K) {
          const missing = i >= boxes;
          throw new AuguryError({
            code: 'validation',
            message: missing ? 'a keypoint names a box the sample does not have' : 'an object has more keypoints than its skeleton',
            record: `${where(s)} keypoint ${r}`,
            expected: missing ? `instance < ${boxes}` : `at most ${K} keypoints an object`,
            received: missing ? String(i) : String(used[i]! + 1),
            hint: "keep the keypoints' instance field pointing at box rows, K rows an object",
          });
        }
        entries[n]!.push({ row: r, at: rows[n]! + i, slot: used[i]!++ });
      });
    });
  } else {
    K = Math.max(1, K); // free keypoints (no skeleton): one an instance
    M = 0;
    samples.forEach((s, n) => {
      const R = s.keypoints ? s.keypoints.visibility.length : 0;
      if (R % K !== 0) {
        throw new AuguryError({ code: 'validation', message: 'keypoint rows do not form whole skeleton instances', record: where(s), expected: `a multiple of ${K} rows`, received: `${R} rows`, hint: 'store every keypoint of each instance (visibility 0 for missing ones) in name order' });
      }
      for (let r = 0; r < R; r++) entries[n]!.push({ row: r, at: M + Math.floor(r / K), slot: r % K });
      M += R / K;
    });
  }
  const data = new Float32Array(M * K * 3);
  const batchIndex = new Int32Array(M);
  if (aligned) samples.forEach((_, n) => batchIndex.fill(n, rows[n]!, rows[n + 1]!));
  const names = new Set<string>();
  for (const s of withKp) {
    const kp = s.keypoints!;
    if (kp.angle) names.add('angle');
    if (kp.scale) names.add('scale');
    for (const [k, c] of Object.entries(kp.fields)) if (k !== 'instance' && ArrayBuffer.isView(c)) names.add(k);
  }
  const fields: Record<string, Float32Array> = {};
  for (const k of names) fields[k] = new Float32Array(M * K).fill(Number.NaN);
  samples.forEach((s, n) => {
    const kp = s.keypoints;
    if (!kp) return;
    const cols: [string, ArrayLike<number>][] = [];
    if (kp.angle) cols.push(['angle', kp.angle]);
    if (kp.scale) cols.push(['scale', kp.scale]);
    for (const [k, c] of Object.entries(kp.fields)) if (k !== 'instance' && ArrayBuffer.isView(c)) cols.push([k, c as ArrayLike<number>]);
    for (const { row: r, at, slot } of entries[n]!) {
      const o = (at * K + slot) * 3;
      data[o] = kp.xy[2 * r]!;
      data[o + 1] = kp.xy[2 * r + 1]!;
      data[o + 2] = kp.visibility[r]!;
      for (const [k, c] of cols) fields[k]![at * K + slot] = Number(c[r]);
      if (!aligned) batchIndex[at] = n;
    }
  });
  return {
    data,
    shape: [M, K, 3],
    batchIndex,
    alignedWithBoxes: aligned,
    ...(meta.names ? { names: meta.names } : {}),
    ...(meta.flipPairs ? { flipPairs: meta.flipPairs } : {}),
    ...(meta.skeleton ? { skeleton: meta.skeleton } : {}),
    fields,
  };
}

/** Instance numbers of each sample's polygons or masks: box rows when aligned, else running. */
function instanceBase(samples: readonly AugmentedSample[], rows: BoxRows, count: (s: AugmentedSample) => number | undefined, what: string): { aligned: boolean; base: Int32Array } {
  const aligned = rows !== undefined && samples.every((s) => count(s) === undefined || s.boxes !== undefined);
  const base = new Int32Array(samples.length);
  let running = 0;
  samples.forEach((s, n) => {
    const c = count(s);
    if (aligned) {
      if (c !== undefined && c !== boxCountOf(s)) {
        throw new AuguryError({ code: 'validation', message: `${what} must be row-aligned with boxes`, record: where(s), expected: `${boxCountOf(s)} instances`, received: String(c), hint: 'give one entry per box (an empty one when a box has none)' });
      }
      base[n] = rows[n]!;
    } else {
      base[n] = running;
      running += c ?? 0;
    }
  });
  return { aligned, base };
}

export function collatePolygons(samples: readonly AugmentedSample[], rows: BoxRows): BatchPolygons | undefined {
  if (!samples.some((s) => s.polygons)) return undefined;
  const { aligned, base } = instanceBase(samples, rows, (s) => (s.polygons ? packedPolygonCount(s.polygons) : undefined), 'polygons');
  let V = 0;
  let R = 0;
  for (const s of samples) if (s.polygons) {
    V += s.polygons.vertices.length / 2;
    R += s.polygons.ringInstance.length;
  }
  const vertices = new Float32Array(2 * V);
  const offsets = new Int32Array(R + 1);
  const batchIndex = new Int32Array(R);
  const instance = new Int32Array(R);
  const classes = new Int32Array(R);
  let v = 0;
  let r = 0;
  samples.forEach((s, n) => {
    const p = s.polygons;
    if (!p) return;
    vertices.set(p.vertices, 2 * v);
    for (let k = 0; k < p.ringInstance.length; k++, r++) {
      offsets[r + 1] = v + p.ringOffsets[k + 1]!;
      batchIndex[r] = n;
      instance[r] = base[n]! + p.ringInstance[k]!;
      classes[r] = p.labels[p.ringInstance[k]!]!;
    }
    v += p.vertices.length / 2;
  });
  return { vertices, offsets, batchIndex, instance, classes, alignedWithBoxes: aligned };
}

function checkPlane(s: AugmentedSample, what: string, w: number, h: number, W: number, H: number): void {
  if (w !== W || h !== H) {
    throw new AuguryError({ code: 'size-mismatch', message: `${what} differs from the image in size`, record: where(s), expected: `${W}x${H}`, received: `${w}x${h}`, hint: 'keep masks the size of their image (the loader letterboxes both alike)' });
  }
}

export function collateInstanceMasks(samples: readonly AugmentedSample[], rows: BoxRows): BatchInstanceMasks | undefined {
  if (!samples.some((s) => s.instanceMasks)) return undefined;
  const { width: W, height: H } = samples[0]!.image;
  const { aligned, base } = instanceBase(samples, rows, (s) => s.instanceMasks?.labels.length, 'instance masks');
  const P = samples.reduce((p, s) => p + (s.instanceMasks?.labels.length ?? 0), 0);
  const data = new Uint8Array(P * W * H);
  const batchIndex = new Int32Array(P);
  const instance = new Int32Array(P);
  const classes = new Int32Array(P);
  let p = 0;
  samples.forEach((s, n) => {
    const m = s.instanceMasks;
    if (!m) return;
    checkPlane(s, 'an instance mask', m.width, m.height, W, H);
    data.set(m.data, p * W * H);
    for (let i = 0; i < m.labels.length; i++, p++) {
      batchIndex[p] = n;
      instance[p] = base[n]! + i;
      classes[p] = m.labels[i]!;
    }
  });
  return { data, shape: [P, H, W], batchIndex, instance, classes, alignedWithBoxes: aligned };
}

export function collateMasks(samples: readonly AugmentedSample[]): BatchMasks | undefined {
  const first = samples.find((s) => s.mask);
  if (!first) return undefined;
  const { width: W, height: H } = samples[0]!.image;
  const N = samples.length;
  const data = samples.every((s) => s.mask?.data instanceof Uint8Array) ? new Uint8Array(N * W * H) : new Int32Array(N * W * H);
  samples.forEach((s, n) => {
    if (!s.mask) {
      // A missing map is not "all background": refuse rather than invent labels.
      throw new AuguryError({ code: 'validation', message: 'a sample has no segmentation mask while others in its batch have', record: where(s), expected: 'a mask for every sample', received: 'none', hint: 'give every sample a mask (fill unknown pixels with your ignore index)' });
    }
    checkPlane(s, 'the segmentation mask', s.mask.width, s.mask.height, W, H);
    data.set(s.mask.data, n * W * H);
  });
  return { data, shape: [N, H, W] };
}
