/**
 * COCO categories: ids, names, keypoint names and skeletons, and the dataset's keypoint schema.
 *
 * Skeleton edges are 1-based in COCO and 0-based in augury. COCO has no field for horizontal
 * flip partners (left eye <-> right eye), which a horizontal flip needs; we accept two custom
 * keys on a category, kept in its `extra` so they are written back unchanged:
 * - `flip_idx`: for each keypoint, the 0-based index of its mirror partner (YOLO's convention),
 *   e.g. [0, 2, 1, ...] for nose, left_eye, right_eye;
 * - `flip_pairs`: a list of 0-based [left, right] pairs (mmpose's convention); keypoints in no
 *   pair are their own partner.
 */
import { AuguryError, show } from '../../../core/errors.js';
import type { Category, KeypointSchema } from '../model.js';
import type { RunReport } from '../report.js';
import { CATEGORY_KEYS, categorySchema, extraKeys, recordShapeError } from './schema.js';

export interface CategoryTable {
  readonly categories: Category[];
  /** COCO category id -> index into `categories`. */
  readonly indexOf: Map<number, number>;
  /** Ids of categories that were skipped as malformed (their annotations go with them). */
  readonly skipped: Set<number>;
  readonly keypoints?: KeypointSchema;
}

/** Reads the `categories` array; malformed or duplicate categories are skipped and reported. */
export function readCategories(raw: readonly unknown[], file: string, report: RunReport): CategoryTable {
  const categories: Category[] = [];
  const indexOf = new Map<number, number>();
  const skipped = new Set<number>();
  const flips: (number[] | undefined)[] = [];
  raw.forEach((value, i) => {
    const parsed = categorySchema.safeParse(value);
    const rawId = (value as { id?: unknown } | null)?.id;
    const record = `categories[${i}]` + (typeof rawId === 'number' ? ` (id ${rawId})` : '');
    try {
      if (!parsed.success) throw recordShapeError(parsed.error, value, { file, record, kind: 'category' });
      const c = parsed.data;
      if (indexOf.has(c.id)) {
        throw new AuguryError({
          code: 'duplicate-id',
          message: `category id ${c.id} is used twice; the later category is skipped`,
          file,
          record,
          received: show(c.name),
          hint: 'give every category its own id',
        });
      }
      const k = c.keypoints?.length;
      const skeleton = c.skeleton?.map(([a, b], e): [number, number] => {
        if (a < 1 || b < 1 || (k !== undefined && (a > k || b > k))) {
          throw new AuguryError({
            code: 'validation',
            message: `skeleton edge ${e} points at a keypoint that does not exist`,
            file,
            record,
            expected: k === undefined ? '1-based keypoint indices' : `1-based indices from 1 to ${k}`,
            received: show([a, b]),
            hint: 'COCO skeleton indices start at 1 (the first name in "keypoints")',
          });
        }
        return [a - 1, b - 1];
      });
      const extra = extraKeys(c, CATEGORY_KEYS);
      const category: Category = {
        id: c.id,
        name: c.name,
        ...(c.supercategory !== undefined ? { supercategory: c.supercategory } : {}),
        ...(c.keypoints !== undefined ? { keypoints: c.keypoints } : {}),
        ...(skeleton !== undefined ? { skeleton } : {}),
        ...(extra ? { extra } : {}),
      };
      flips.push(k === undefined ? undefined : readFlip(extra, k, file, record, report));
      indexOf.set(c.id, categories.length);
      categories.push(category);
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      if (typeof rawId === 'number' && !indexOf.has(rawId)) skipped.add(rawId);
      report.skip(e);
    }
  });
  const keypoints = keypointSchema(categories, flips, file, report);
  return { categories, indexOf, skipped, ...(keypoints ? { keypoints } : {}) };
}

/** The first category with keypoint names defines the dataset's keypoint schema. */
function keypointSchema(categories: readonly Category[], flips: readonly (number[] | undefined)[], file: string, report: RunReport): KeypointSchema | undefined {
  const first = categories.findIndex((c) => c.keypoints !== undefined);
  if (first < 0) return undefined;
  const c = categories[first]!;
  const names = c.keypoints!;
  for (const other of categories) {
    if (other.keypoints !== undefined && other.keypoints.length !== names.length) {
      report.warn(
        'keypoint-schema-differs',
        `category "${other.name}" has ${other.keypoints.length} keypoints but "${c.name}" has ${names.length}; the dataset's keypoint schema follows "${c.name}"`,
        file,
      );
    }
  }
  const flipIndex = flips[first];
  return {
    count: names.length,
    dims: 3,
    names,
    ...(c.skeleton ? { skeleton: c.skeleton } : {}),
    ...(flipIndex ? { flipIndex } : {}),
  };
}

/** Reads `flip_idx` or `flip_pairs` into a flip index; a malformed one is reported and ignored. */
function readFlip(extra: Record<string, unknown> | undefined, k: number, file: string, record: string, report: RunReport): number[] | undefined {
  if (!extra || (extra['flip_idx'] === undefined && extra['flip_pairs'] === undefined)) return undefined;
  const key = extra['flip_idx'] !== undefined ? 'flip_idx' : 'flip_pairs';
  const value = extra[key];
  const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < k;
  let flip: number[] | undefined;
  if (key === 'flip_idx' && Array.isArray(value) && value.length === k && value.every(isIndex)) {
    flip = value;
  } else if (key === 'flip_pairs' && Array.isArray(value)) {
    flip = Array.from({ length: k }, (_, i) => i);
    for (const pair of value) {
      if (!Array.isArray(pair) || pair.length !== 2 || !isIndex(pair[0]) || !isIndex(pair[1])) {
        flip = undefined;
        break;
      }
      flip[pair[0]] = pair[1];
      flip[pair[1]] = pair[0];
    }
  }
  // A flip index must be its own inverse: if a mirrors to b, b mirrors back to a.
  if (flip && flip.every((p, i) => flip![p] === i)) return flip;
  report.skip(
    new AuguryError({
      code: 'validation',
      message: `"${key}" is not a valid flip mapping; horizontal flips will not know the keypoint partners`,
      file,
      record,
      key,
      expected:
        key === 'flip_idx'
          ? `${k} 0-based indices, each keypoint's mirror partner, mirroring back (flip_idx[flip_idx[i]] = i)`
          : `0-based [left, right] pairs of indices below ${k}, each index in at most one pair`,
      received: show(value),
      hint: 'fix the mapping, or remove it and give flip pairs in the pipeline config',
    }),
  );
  return undefined;
}
