/**
 * A loader source (ModuleSourceSpec) whose samples carry every target kind: boxes, polygons
 * (one instance with two rings, one with none), keypoints of a 3-point skeleton, a semantic
 * mask and instance masks, and optionally a class label. Sizes cycle through 20x10, 40x20 and
 * 12x16, so that a loader `size` of 40 letterboxes them by 2 (exact: every source pixel becomes
 * a 2x2 block), by 1 (a copy plus padding) and by 2.5. Coordinates are multiples of 0.25, so
 * every mapped value is exact in float32 and tests compare with ===.
 */
import type { SampleSource } from '../../src/pipeline/source.js';
import type { Sample } from '../../src/targets/sample.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createKeypoints } from '../../src/targets/keypoints.js';
import { classLabel } from '../../src/targets/label.js';
import { createInstanceMasks, createLabelMap } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';

export interface AllTargetsOptions {
  readonly count?: number;
  /** Give each sample a class label (Mosaic refuses them). Default false. */
  readonly label?: boolean;
  /** dtype of the semantic mask; default uint8. */
  readonly maskDtype?: 'uint8' | 'int32';
}

export const SIZES = [
  { width: 20, height: 10 },
  { width: 40, height: 20 },
  { width: 12, height: 16 },
] as const;

export const KEYPOINT_NAMES = ['left', 'right', 'tip'];

/** Sample i, built from its index alone (every thread builds the same). */
export function makeSample(i: number, o: AllTargetsOptions = {}): Sample {
  const { width: w, height: h } = SIZES[i % 3]!;
  const data = new Uint8Array(w * h * 3);
  for (let p = 0; p < w * h; p++) for (let c = 0; c < 3; c++) data[p * 3 + c] = (p * 7 + i * 31 + c * 50) % 256;
  const q = (v: number): number => Math.round(v * 4) / 4;
  // Object 0 on the left half, object 1 on the right half; both inside the image.
  const b0 = [q(w * 0.1), q(h * 0.2), q(w * 0.45), q(h * 0.8)];
  const b1 = [q(w * 0.55), q(h * 0.25), q(w * 0.9), q(h * 0.75)];
  const boxes = createBoxes({ xyxy: [...b0, ...b1], labels: [i % 2, 1 - (i % 2)], fields: { annotationId: Int32Array.of(100 * i, 100 * i + 1), tag: ['a', 'b'] } });
  const polygons = createPolygons({
    instances: [
      [
        // Inset from the box, so a box taken from the outline would differ from the annotated one.
        [b0[0]! + 0.5, b0[1]! + 0.5, b0[2]! - 0.5, b0[1]! + 0.5, b0[2]! - 0.5, b0[3]! - 0.5, b0[0]! + 0.5, b0[3]! - 0.5],
        [q(w * 0.2), q(h * 0.4), q(w * 0.3), q(h * 0.4), q(w * 0.25), q(h * 0.6)],
      ],
      [], // an object with no outline (as a crowd region stored as a mask)
    ],
    labels: boxes.labels,
  });
  const keypoints = createKeypoints({
    xy: [q(w * 0.15), q(h * 0.3), q(w * 0.4), q(h * 0.3), q(w * 0.3), q(h * 0.7), q(w * 0.6), q(h * 0.3), q(w * 0.85), q(h * 0.3), 0, 0],
    visibility: [2, 2, 1, 2, 1, 0],
    fields: { instance: Int32Array.of(0, 0, 0, 1, 1, 1) },
    names: KEYPOINT_NAMES,
    flipPairs: [[0, 1]],
  });
  const maskData = o.maskDtype === 'int32' ? new Int32Array(w * h) : new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) maskData[y * w + x] = (x + 2 * y + i) % 5;
  const planes = [b0, b1].map((b) => {
    const m = new Uint8Array(w * h);
    for (let y = Math.ceil(b[1]!); y < Math.floor(b[3]!); y++) for (let x = Math.ceil(b[0]!); x < Math.floor(b[2]!); x++) m[y * w + x] = 1;
    return m;
  });
  return {
    id: `s${i}`,
    image: { width: w, height: h, channels: 3, dtype: 'uint8', data },
    boxes,
    polygons,
    keypoints,
    mask: createLabelMap(w, h, maskData),
    instanceMasks: createInstanceMasks(w, h, planes, boxes.labels),
    ...(o.label ? { label: classLabel(i % 2) } : {}),
  };
}

export function openSource(o: AllTargetsOptions = {}): SampleSource {
  const size = o.count ?? 6;
  return {
    size,
    task: 'detection',
    categories: ['left-thing', 'right-thing'],
    fingerprint: `all-targets:${size}:${o.label ?? false}:${o.maskDtype ?? 'uint8'}`,
    load: async (i) => makeSample(i, o),
  };
}
