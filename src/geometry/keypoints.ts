/**
 * Keypoints under a map: positions, visibility, angle and scale columns, and flip pairs.
 */
import { AuguryError } from '../core/errors.js';
import { iota } from '../targets/columns.js';
import { selectKeypoints, type Keypoints } from '../targets/keypoints.js';
import { hflip, isMirroring, jacobianInto, vflip, type Mat3 } from './matrix.js';
import { frameTolerance, inFrame, mapPoints, type Canvas } from './points.js';

export interface MapKeypointsOptions {
  /**
   * Drop the rows that end up out of frame instead of keeping them with visibility 0.
   * Default false. Refused when the keypoints have `names` or `flipPairs`, because both index
   * rows by position and dropping rows would silently reassign them.
   */
  removeInvisible?: boolean;
}

/**
 * Maps keypoints through `m` onto `canvas`.
 * - Positions are mapped exactly (projective division included).
 * - A keypoint that ends up out of frame (docs/coordinates.md) gets visibility 0 and keeps its
 *   mapped position, or its row is dropped with `removeInvisible`. One that lands within
 *   `frameTolerance` past the border (rounding) is put back on the border and stays in frame.
 *   Visibility 1 and 2 are kept for points still in frame; rows that were already 0 stay 0.
 * - `angle` (degrees, measured in image coordinates, so clockwise on screen) follows the local
 *   Jacobian: the new angle is the direction of J·(cos a, sin a), in [0, 360).
 * - `scale` is multiplied by the local linear scale factor sqrt(|det J|).
 * - When the map mirrors (a flip, det J < 0) and `flipPairs` exist, the data of paired rows swap
 *   places, so the row that means "left eye" holds the left eye of the mirrored image. With
 *   `names` (K = names.length) rows form instances of K consecutive rows and the pairs index
 *   within each instance; without names the pairs index rows directly. Everything per row moves
 *   with the data (position, visibility, angle, scale, sourceIndex, fields); the slot, and thus
 *   the name, stays. A vertical flip mirrors too, so it swaps as well; a rotation never does.
 * Pinned by test/geometry/keypoints.test.ts.
 */
export function mapKeypoints(kp: Keypoints, m: Mat3, canvas: Canvas, opts: MapKeypointsOptions = {}): Keypoints {
  const n = kp.xy.length >> 1;
  if (opts.removeInvisible && (kp.names !== undefined || kp.flipPairs !== undefined)) {
    throw new AuguryError({
      code: 'usage',
      message: 'removeInvisible cannot drop keypoints that belong to a skeleton',
      key: 'removeInvisible',
      expected: 'keypoints without names or flipPairs',
      received: kp.names ? `${kp.names.length} named keypoints per instance` : `${kp.flipPairs!.length} flip pairs`,
      hint: 'keep out-of-frame keypoints with visibility 0 (the COCO convention) by leaving removeInvisible off',
    });
  }
  const xy = mapPoints(kp.xy, m);
  const visibility = kp.visibility.slice();
  const { width, height } = canvas;
  const tol = frameTolerance(width, height);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!, y = xy[2 * i + 1]!;
    if (inFrame(x + tol, y + tol, width + 2 * tol, height + 2 * tol)) {
      // Rounding put it a hair past the border: put it back on the border it was meant to hit.
      xy[2 * i] = Math.min(width, Math.max(0, x));
      xy[2 * i + 1] = Math.min(height, Math.max(0, y));
      keep.push(i);
    } else {
      visibility[i] = 0;
    }
  }
  let angle: Float64Array | undefined;
  let scale: Float64Array | undefined;
  if (kp.angle || kp.scale) {
    const j = new Float64Array(4);
    angle = kp.angle ? new Float64Array(n) : undefined;
    scale = kp.scale ? new Float64Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      jacobianInto(m, kp.xy[2 * i]!, kp.xy[2 * i + 1]!, j);
      if (angle) {
        const a = (kp.angle![i]! * Math.PI) / 180;
        const c = Math.cos(a), s = Math.sin(a);
        const deg = (Math.atan2(j[2]! * c + j[3]! * s, j[0]! * c + j[1]! * s) * 180) / Math.PI;
        angle[i] = deg < 0 ? deg + 360 : deg;
      }
      if (scale) scale[i] = kp.scale![i]! * Math.sqrt(Math.abs(j[0]! * j[3]! - j[1]! * j[2]!));
    }
  }
  let out: Keypoints = {
    ...kp,
    xy,
    visibility,
    ...(angle ? { angle } : {}),
    ...(scale ? { scale } : {}),
  };
  if (kp.flipPairs && kp.flipPairs.length > 0 && isMirroring(m)) out = selectKeypoints(out, flipPermutation(kp));
  if (opts.removeInvisible && keep.length < n) out = selectKeypoints(out, keep);
  return out;
}

/** Row order after a mirror: row r takes the data of its flip partner. */
function flipPermutation(kp: Keypoints): Int32Array {
  const n = kp.xy.length >> 1;
  const perm = iota(n);
  const pairs = kp.flipPairs ?? [];
  const k = kp.names?.length;
  if (k !== undefined && (k === 0 || n % k !== 0)) {
    throw new AuguryError({
      code: 'validation',
      message: 'keypoint rows do not form whole skeleton instances, so flip pairs cannot be applied',
      expected: `a multiple of ${k} rows (names.length)`,
      received: `${n} rows`,
      hint: 'store every keypoint of each instance (visibility 0 for missing ones) in name order',
    });
  }
  const groups = k === undefined ? 1 : n / k;
  const stride = k ?? 0;
  for (const [a, b] of pairs) {
    if (k === undefined && (a >= n || b >= n)) {
      throw new AuguryError({
        code: 'validation',
        message: 'flip pair refers to a keypoint row that does not exist',
        expected: `row indices below ${n}`,
        received: `[${a}, ${b}]`,
        hint: 'without names, flip pairs index rows directly; give names to index within each instance',
      });
    }
    for (let g = 0; g < groups; g++) {
      const ra = g * stride + a, rb = g * stride + b;
      const t = perm[ra]!;
      perm[ra] = perm[rb]!;
      perm[rb] = t;
    }
  }
  return perm;
}

/** Horizontal flip of keypoints on `canvas` (x -> width - x), swapping flip pairs. */
export function hflipKeypoints(kp: Keypoints, canvas: Canvas): Keypoints {
  return mapKeypoints(kp, hflip(canvas.width), canvas);
}

/** Vertical flip of keypoints on `canvas` (y -> height - y), swapping flip pairs (it mirrors). */
export function vflipKeypoints(kp: Keypoints, canvas: Canvas): Keypoints {
  return mapKeypoints(kp, vflip(canvas.height), canvas);
}
