/**
 * What the occlusion transforms share: holes are drawn in `sample` and stored in the params as
 * plain `{x1, y1, x2, y2}` rectangles (whole pixels, continuous coordinates), and the labels
 * follow one rule:
 * - boxes: visibility is multiplied by the share of the box's area the holes leave uncovered, so
 *   the pipeline's `minVisibility` filter (applied after every step) drops boxes hidden too much;
 *   a box covered entirely gets visibility 0 and is always dropped, as one entirely out of frame;
 * - keypoints: a visible keypoint (2) inside a hole becomes labelled-but-occluded (1), COCO's
 *   meaning; 0 and 1 stay;
 * - polygons: invariant, since the object is still there behind the hole, and how much of it shows
 *   is what box visibility measures;
 * - labels: invariant.
 * Masks are decided by each transform.
 */
import { AuguryError, show } from '../../core/errors.js';
import type { HoleFill, Rect } from '../../functional/occlusion/index.js';
import { pointInRects, visibleFractions } from '../../functional/occlusion/index.js';
import type { Fill } from '../../functional/types.js';
import type { Boxes } from '../../targets/boxes.js';
import type { Image } from '../../targets/image.js';
import type { Keypoints } from '../../targets/keypoints.js';

/** A hole as stored in params: plain JSON, whole pixels. */
export type Hole = { x1: number; y1: number; x2: number; y2: number };

/** Box visibility times the share of each box left uncovered by the holes. */
export function occludeBoxes(b: Boxes, holes: readonly Rect[]): Boxes {
  if (holes.length === 0) return b;
  const visible = visibleFractions(b.xyxy, holes);
  const visibility = b.visibility.map((v, i) => v * visible[i]!);
  return { ...b, visibility };
}

/** Visible keypoints (2) inside a hole become occluded (1). */
export function occludeKeypoints(k: Keypoints, holes: readonly Rect[]): Keypoints {
  if (holes.length === 0) return k;
  const visibility = k.visibility.map((v, i) => (v === 2 && pointInRects(k.xy[2 * i]!, k.xy[2 * i + 1]!, holes) ? 1 : v));
  return { ...k, visibility };
}

/** A constant fill as options and params give it: a finite number, or 1 to 4 of them (one per channel). */
export function isFill(v: unknown): v is number | number[] {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  return finite(v) || (Array.isArray(v) && v.length >= 1 && v.length <= 4 && v.every(finite));
}

/**
 * A constant fill (one number, or one per channel) checked against the image it fills, so a
 * list of the wrong length fails with the option's name rather than deep in a kernel.
 */
export function constantFill(value: Fill, img: Image, key: string): Fill {
  if (typeof value === 'number') return value;
  if (value.length === 1) return value[0]!;
  if (value.length !== img.channels) {
    throw new AuguryError({
      code: 'validation',
      message: `${key} has ${value.length} values but the image has ${img.channels} channel(s)`,
      key,
      expected: `one number, or ${img.channels} (one per channel)`,
      received: show(value),
      hint: `give one value for all channels, or ${img.channels} values for this ${img.channels}-channel image`,
    });
  }
  return value;
}

/** The fill of `fillRects` for a params value: constants are checked, random kinds pass through. */
export function holeFill(value: Fill | 'random' | 'random_uniform', img: Image, key: string): HoleFill {
  return value === 'random' || value === 'random_uniform' ? value : constantFill(value, img, key);
}
