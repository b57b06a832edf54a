/**
 * Keypoints: N x 2 continuous coordinates with COCO visibility (0 not labelled or out of frame,
 * 1 labelled but occluded, 2 visible), optional angle (degrees, clockwise on screen since y
 * points down) and scale columns, names and flip pairs.
 */
import { AuguryError } from '../core/errors.js';
import { assertColumns, iota, takeColumn, takeColumns, takeRows, type Column, type Columns } from './columns.js';

export type KeypointVisibility = 0 | 1 | 2;

export interface Keypoints {
  /** N*2 values: x, y per row. */
  readonly xy: Float64Array;
  /** COCO visibility per row. */
  readonly visibility: Uint8Array;
  readonly angle?: Float64Array;
  readonly scale?: Float64Array;
  /** Input row each row came from. */
  readonly sourceIndex: Int32Array;
  /** Per-row fields, e.g. `instance` (which object a keypoint belongs to) or `label`. */
  readonly fields: Columns;
  /** Names of the keypoints of one skeleton (length K); row i has name names[i % K]. */
  readonly names?: readonly string[];
  /** Pairs of skeleton indices that swap on a horizontal flip (left eye <-> right eye). */
  readonly flipPairs?: readonly (readonly [number, number])[];
  /** Skeleton edges (pairs of skeleton indices), drawn by previews and kept by writers. */
  readonly skeleton?: readonly (readonly [number, number])[];
}

export interface KeypointsInit {
  xy: ArrayLike<number>;
  visibility?: ArrayLike<number>;
  angle?: ArrayLike<number>;
  scale?: ArrayLike<number>;
  sourceIndex?: ArrayLike<number>;
  fields?: Record<string, Column>;
  names?: readonly string[];
  flipPairs?: readonly (readonly [number, number])[];
  skeleton?: readonly (readonly [number, number])[];
}

export function keypointCount(k: Keypoints): number {
  return k.xy.length / 2;
}

export function createKeypoints(init: KeypointsInit): Keypoints {
  if (init.xy.length % 2 !== 0) {
    throw new AuguryError({ code: 'validation', message: 'keypoint array length must be even', received: String(init.xy.length) });
  }
  const n = init.xy.length / 2;
  const visibility = init.visibility ? Uint8Array.from(init.visibility) : new Uint8Array(n).fill(2);
  for (let i = 0; i < visibility.length; i++) {
    if (visibility[i]! > 2) {
      throw new AuguryError({ code: 'validation', message: 'keypoint visibility must be 0, 1 or 2', record: `keypoint ${i}`, received: String(visibility[i]) });
    }
  }
  const k: Keypoints = {
    xy: Float64Array.from(init.xy),
    visibility,
    sourceIndex: init.sourceIndex ? Int32Array.from(init.sourceIndex) : iota(n),
    fields: init.fields ?? {},
    ...(init.angle ? { angle: Float64Array.from(init.angle) } : {}),
    ...(init.scale ? { scale: Float64Array.from(init.scale) } : {}),
    ...(init.names ? { names: init.names } : {}),
    ...(init.flipPairs ? { flipPairs: init.flipPairs } : {}),
    ...(init.skeleton ? { skeleton: init.skeleton } : {}),
  };
  const cols: Record<string, Column> = { visibility: k.visibility, sourceIndex: k.sourceIndex };
  if (k.angle) cols['angle'] = k.angle;
  if (k.scale) cols['scale'] = k.scale;
  assertColumns(cols, n, 'keypoint');
  assertColumns(k.fields, n, 'keypoint');
  if (k.flipPairs) {
    const kk = k.names?.length;
    for (const [a, b] of k.flipPairs) {
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || (kk !== undefined && (a >= kk || b >= kk))) {
        throw new AuguryError({ code: 'validation', message: 'flip pair index out of range', received: `[${a}, ${b}]`, expected: kk === undefined ? 'non-negative integers' : `indices below ${kk}` });
      }
    }
  }
  return k;
}

/** Keeps rows `indices` of every column; names, flip pairs and skeleton stay. */
export function selectKeypoints(k: Keypoints, indices: ArrayLike<number>): Keypoints {
  return {
    ...k,
    xy: takeRows(k.xy, 2, indices),
    visibility: takeColumn(k.visibility, indices),
    sourceIndex: takeColumn(k.sourceIndex, indices),
    fields: takeColumns(k.fields, indices),
    ...(k.angle ? { angle: takeColumn(k.angle, indices) } : {}),
    ...(k.scale ? { scale: takeColumn(k.scale, indices) } : {}),
  };
}
