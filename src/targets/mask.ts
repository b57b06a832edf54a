/**
 * Masks are integer-valued and always resampled with nearest neighbour.
 * - `LabelMap`: a semantic label map, one class value per pixel.
 * - `InstanceMasks`: one binary mask per instance; instance i belongs to box i when both exist.
 */
import { AuguryError } from '../core/errors.js';
import { takeColumn } from './columns.js';

export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint16Array | Int32Array;
}

export interface InstanceMasks {
  readonly width: number;
  readonly height: number;
  /** One mask per instance, width*height values, non-zero = inside. */
  readonly masks: readonly Uint8Array[];
  readonly labels: Int32Array;
}

export function createLabelMap(width: number, height: number, data?: Uint8Array | Uint16Array | Int32Array): LabelMap {
  const d = data ?? new Uint8Array(width * height);
  if (d.length !== width * height) {
    throw new AuguryError({ code: 'validation', message: 'label map size does not match', expected: String(width * height), received: String(d.length) });
  }
  return { width, height, data: d };
}

export function createInstanceMasks(width: number, height: number, masks: readonly Uint8Array[], labels?: ArrayLike<number>): InstanceMasks {
  masks.forEach((m, i) => {
    if (m.length !== width * height) {
      throw new AuguryError({ code: 'validation', message: 'instance mask size does not match the canvas', record: `instance mask ${i}`, expected: String(width * height), received: String(m.length) });
    }
  });
  const l = labels ? Int32Array.from(labels) : new Int32Array(masks.length);
  if (l.length !== masks.length) {
    throw new AuguryError({ code: 'validation', message: 'instance mask labels are not row-aligned', expected: String(masks.length), received: String(l.length) });
  }
  return { width, height, masks, labels: l };
}

export function selectInstanceMasks(m: InstanceMasks, indices: ArrayLike<number>): InstanceMasks {
  const masks: Uint8Array[] = [];
  for (let i = 0; i < indices.length; i++) masks.push(m.masks[indices[i]!]!);
  return { width: m.width, height: m.height, masks, labels: takeColumn(m.labels, indices) };
}
