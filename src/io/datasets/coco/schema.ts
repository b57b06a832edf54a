/**
 * The shape of a COCO annotation file, as zod schemas. The document is checked as a whole only
 * down to "images is an array"; each image, annotation and category is then checked on its own,
 * so one malformed record is skipped and reported instead of rejecting the file.
 */
import { z } from 'zod';
import { AuguryError, show, type ErrorCode } from '../../../core/errors.js';

const id = z.int().check(z.nonnegative());
const imageId = z.union([id, z.string().min(1)]);

export const documentSchema = z.looseObject({
  images: z.array(z.unknown()),
  annotations: z.array(z.unknown()).optional(),
  categories: z.array(z.unknown()).optional(),
});

export const imageSchema = z.looseObject({
  id: imageId,
  file_name: z.string().min(1),
  width: z.int().check(z.positive()).optional(),
  height: z.int().check(z.positive()).optional(),
});
export type CocoImage = z.infer<typeof imageSchema>;

export const rleSchema = z.looseObject({
  size: z.tuple([z.int().check(z.nonnegative()), z.int().check(z.nonnegative())]),
  counts: z.union([z.array(z.int().check(z.nonnegative())), z.string()]),
});

export const annotationSchema = z.looseObject({
  id: id.optional(),
  image_id: imageId,
  category_id: z.int(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  segmentation: z.union([z.array(z.array(z.number())), rleSchema]).optional(),
  area: z.number().check(z.nonnegative()).optional(),
  iscrowd: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  keypoints: z.array(z.number()).optional(),
  num_keypoints: z.int().check(z.nonnegative()).optional(),
});
export type CocoAnnotation = z.infer<typeof annotationSchema>;

export const categorySchema = z.looseObject({
  id: z.int(),
  name: z.string(),
  supercategory: z.string().optional(),
  keypoints: z.array(z.string()).optional(),
  skeleton: z.array(z.tuple([z.int(), z.int()])).optional(),
});
export type CocoCategory = z.infer<typeof categorySchema>;

/** Keys the reader interprets; every other key of a record is kept in `extra`. */
export const IMAGE_KEYS = new Set(['id', 'file_name', 'width', 'height']);
export const ANNOTATION_KEYS = new Set(['id', 'image_id', 'category_id', 'bbox', 'segmentation', 'area', 'iscrowd', 'keypoints', 'num_keypoints']);
export const CATEGORY_KEYS = new Set(['id', 'name', 'supercategory', 'keypoints', 'skeleton']);

/** What each field should hold, in words, for error messages. */
const EXPECTED: Record<string, string> = {
  images: 'an array of image records',
  annotations: 'an array of annotation records',
  categories: 'an array of category records',
  id: 'a non-negative integer id',
  image_id: 'the id of an image in "images" (an integer, or a string if the images use strings)',
  category_id: 'an integer category id',
  file_name: 'a non-empty image path relative to the image folder',
  width: 'a positive integer (pixels)',
  height: 'a positive integer (pixels)',
  bbox: '[x, y, width, height]: four finite numbers in pixels',
  segmentation: 'a list of polygons [[x1, y1, x2, y2, ...], ...] or an RLE {size: [height, width], counts}',
  area: 'a non-negative number',
  iscrowd: '0 or 1',
  keypoints: 'a flat list [x1, y1, v1, x2, y2, v2, ...] of numbers',
  num_keypoints: 'a non-negative integer',
  name: 'a string',
  supercategory: 'a string',
  skeleton: 'a list of [a, b] pairs of 1-based keypoint indices',
};

const HINTS: Record<string, string> = {
  bbox: 'COCO boxes are [x, y, width, height] with finite numbers; JSON has no NaN or Infinity, so a box written as "NaN" or null must be fixed or the annotation removed',
  segmentation: 'write polygons as lists of x, y pairs in pixels, or crowd regions as RLE with size [height, width]',
  keypoints: 'write keypoints as x, y, v triples with v = 0 (not labelled), 1 (occluded) or 2 (visible)',
};

/**
 * Turns the first zod issue of a record into an AuguryError naming the record, the field, what
 * the field should hold and what it holds.
 */
export function recordShapeError(
  error: z.ZodError,
  value: unknown,
  where: { file: string; record: string; kind: 'image' | 'annotation' | 'category' },
): AuguryError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const field = typeof path[0] === 'string' ? path[0] : undefined;
  const fieldValue = field !== undefined && isObject(value) ? value[field] : value;
  const code: ErrorCode = field === 'bbox' ? 'bad-box' : where.kind === 'annotation' ? 'bad-annotation' : 'validation';
  const missing = field !== undefined && isObject(value) && !(field in value);
  const key = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return new AuguryError({
    code,
    message: !isObject(value)
      ? `${where.kind} record is not a JSON object`
      : missing
        ? `${where.kind} has no "${field}"`
        : `${where.kind} field "${key}" has the wrong type or value`,
    file: where.file,
    record: where.record,
    expected: !isObject(value) ? `a ${where.kind} object` : field !== undefined ? EXPECTED[field] ?? issue?.message : issue?.message,
    received: missing ? 'nothing' : show(fieldValue),
    hint: (field !== undefined ? HINTS[field] : undefined) ?? `fix or remove this ${where.kind} record; the COCO format is described at https://cocodataset.org/#format-data`,
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The keys of `record` that are not in `known`, in their original order; undefined when none. */
export function extraKeys(record: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(record)) {
    if (known.has(k)) continue;
    (out ??= {})[k] = v;
  }
  return out;
}
