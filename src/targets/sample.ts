/** A sample: an image and every target that travels with it, on one canvas (the image's size). */
import { AuguryError } from '../core/errors.js';
import type { Boxes } from './boxes.js';
import { boxCount } from './boxes.js';
import type { Image } from './image.js';
import type { Keypoints } from './keypoints.js';
import type { Label } from './label.js';
import type { InstanceMasks, LabelMap } from './mask.js';
import type { Polygons } from './polygons.js';
import { polygonCount } from './polygons.js';

export interface SampleSource {
  /** Dataset root or file the sample came from. */
  readonly dataset?: string;
  /** Image file, relative to the dataset root. */
  readonly file?: string;
  /** Position of the record in the dataset. */
  readonly index?: number;
}

export interface Sample {
  readonly id: string;
  readonly image: Image;
  readonly boxes?: Boxes;
  readonly keypoints?: Keypoints;
  readonly polygons?: Polygons;
  readonly mask?: LabelMap;
  readonly instanceMasks?: InstanceMasks;
  readonly label?: Label;
  /**
   * Further images and masks that share every draw with the main ones (Albumentations'
   * `additionalTargets`): the right view of a stereo pair, a depth map, a second mask.
   * They must have the main image's size.
   */
  readonly extraImages?: Readonly<Record<string, Image>>;
  readonly extraMasks?: Readonly<Record<string, LabelMap>>;
  readonly source?: SampleSource;
  /** Anything else the reader kept (record attributes to write back). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export type TargetKind = 'image' | 'boxes' | 'keypoints' | 'polygons' | 'mask' | 'instanceMasks' | 'label';

/** The target kinds a sample carries, image first. */
export function targetKinds(s: Sample): TargetKind[] {
  const kinds: TargetKind[] = ['image'];
  for (const k of ['boxes', 'keypoints', 'polygons', 'mask', 'instanceMasks', 'label'] as const) {
    if (s[k] !== undefined) kinds.push(k);
  }
  return kinds;
}

/** Checks that every target fits the canvas and that aligned targets have the same row count. */
export function validateSample(s: Sample): Sample {
  const { width, height } = s.image;
  for (const m of [s.mask, s.instanceMasks, ...Object.values(s.extraImages ?? {}), ...Object.values(s.extraMasks ?? {})]) {
    if (m && (m.width !== width || m.height !== height)) {
      throw new AuguryError({
        code: 'size-mismatch',
        message: 'a mask or extra image differs from the image in size',
        record: `sample ${s.id}`,
        expected: `${width}x${height}`,
        received: `${m.width}x${m.height}`,
      });
    }
  }
  if (s.boxes && s.polygons && boxCount(s.boxes) !== polygonCount(s.polygons)) {
    throw new AuguryError({ code: 'validation', message: 'polygons must be row-aligned with boxes', record: `sample ${s.id}`, expected: String(boxCount(s.boxes)), received: String(polygonCount(s.polygons)) });
  }
  if (s.boxes && s.instanceMasks && boxCount(s.boxes) !== s.instanceMasks.masks.length) {
    throw new AuguryError({ code: 'validation', message: 'instance masks must be row-aligned with boxes', record: `sample ${s.id}`, expected: String(boxCount(s.boxes)), received: String(s.instanceMasks.masks.length) });
  }
  return s;
}
