/** A small sample carrying every target kind, for the conformance suite and pipeline tests. */
import { createBoxes } from '../../src/targets/boxes.js';
import { createImage } from '../../src/targets/image.js';
import { createKeypoints } from '../../src/targets/keypoints.js';
import { classLabel } from '../../src/targets/label.js';
import { createInstanceMasks, createLabelMap } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';
import type { Sample } from '../../src/targets/sample.js';

export const W = 64;
export const H = 48;

/** Boxes (xyxy) of three objects; each is also a polygon, an instance mask and a label-map region. */
export const OBJECTS = [
  [8, 6, 24, 22],
  [30, 10, 56, 30],
  [12, 30, 40, 44],
] as const;

function rectMask(x1: number, y1: number, x2: number, y2: number): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) m[y * W + x] = 1;
  return m;
}

export type Kinds = { boxes?: boolean; polygons?: boolean; keypoints?: boolean; mask?: boolean; instanceMasks?: boolean; label?: boolean };

/** A textured RGB image (so that every op changes something) plus the targets asked for. */
export function makeSample(kinds: Kinds = { boxes: true, polygons: true, keypoints: true, mask: true, instanceMasks: true, label: true }): Sample {
  const image = createImage(W, H, 3, 'uint8');
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      image.data[o] = (x * 4 + y) & 255;
      image.data[o + 1] = (y * 5 + ((x * y) % 23)) & 255;
      image.data[o + 2] = (x * 7 + y * 3 + 40) & 255;
    }
  }
  const s: { -readonly [K in keyof Sample]: Sample[K] } = { id: 'fixture', image };
  if (kinds.boxes) s.boxes = createBoxes({ xyxy: OBJECTS.flat(), labels: [0, 1, 2], fields: { tag: ['a', 'b', 'c'] } });
  if (kinds.polygons) s.polygons = createPolygons({ instances: OBJECTS.map(([x1, y1, x2, y2]) => [[x1, y1, x2, y1, x2, y2, x1, y2]]), labels: [0, 1, 2] });
  if (kinds.keypoints) {
    s.keypoints = createKeypoints({
      xy: [10, 10, 20, 10, 15, 18, 35, 15, 50, 15, 42, 25],
      visibility: [2, 2, 1, 2, 2, 2],
      names: ['left', 'right', 'nose'],
      flipPairs: [[0, 1]],
      fields: { instance: Int32Array.from([0, 0, 0, 1, 1, 1]) },
    });
  }
  if (kinds.mask) {
    const lm = new Uint8Array(W * H);
    OBJECTS.forEach(([x1, y1, x2, y2], i) => {
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) lm[y * W + x] = i + 1;
    });
    s.mask = createLabelMap(W, H, lm);
  }
  if (kinds.instanceMasks) s.instanceMasks = createInstanceMasks(W, H, OBJECTS.map(([x1, y1, x2, y2]) => rectMask(x1, y1, x2, y2)), [0, 1, 2]);
  if (kinds.label) s.label = classLabel(1);
  return s;
}

/** A deep snapshot of a sample's data (typed arrays copied), for equality and no-mutation checks. */
export function snapshot(s: unknown): unknown {
  return JSON.parse(
    JSON.stringify(s, (_k, v: unknown) => {
      if (ArrayBuffer.isView(v)) return { typed: (v as object).constructor.name, values: Array.from(v as unknown as ArrayLike<number>) };
      return v;
    }),
  );
}
