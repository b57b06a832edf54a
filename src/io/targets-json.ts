/**
 * The targets JSON of `augury apply` and `augury preview`: the labels of one image.
 * Schema: docs/schemas/targets.schema.json (generated from `targetsSchema`). Paths are relative
 * to the JSON file. Coordinates are augury's continuous pixels (docs/coordinates.md), boxes in
 * `boxFormat`.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';
import { cocoToXyxy, xyxyToCoco, xyxyToYolo, yoloToXyxy } from '../geometry/formats.js';
import { createBoxes, type Boxes } from '../targets/boxes.js';
import { createKeypoints } from '../targets/keypoints.js';
import { createInstanceMasks, createLabelMap } from '../targets/mask.js';
import { createPolygons } from '../targets/polygons.js';
import type { Sample } from '../targets/sample.js';
import { writeFileAtomic } from './atomic.js';
import { readImage, writeImage } from './codecs/index.js';
import type { Column } from '../targets/columns.js';

export const BOX_FORMATS = ['pascal_voc', 'coco', 'yolo', 'albumentations'] as const;
export type BoxFormat = (typeof BOX_FORMATS)[number];

export const targetsSchema = z
  .object({
    width: z.number().int().positive().optional().describe('image width the labels were made on; checked against the image'),
    height: z.number().int().positive().optional(),
    boxes: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])).optional().describe('one box per object, in boxFormat'),
    boxFormat: z.enum(BOX_FORMATS).default('pascal_voc').describe('pascal_voc: [x1, y1, x2, y2] pixels; coco: [x, y, w, h] pixels; yolo: normalized [cx, cy, w, h]; albumentations: normalized [x1, y1, x2, y2]'),
    boxLabels: z.array(z.number().int().min(0)).optional().describe('class index per box'),
    boxFields: z.record(z.string(), z.array(z.unknown())).optional().describe('any other per-box values; they follow their box through filters'),
    polygons: z.array(z.array(z.array(z.number()))).optional().describe('per box: a list of rings [x1, y1, x2, y2, ...] in pixels (row-aligned with boxes)'),
    keypoints: z.array(z.tuple([z.number(), z.number()])).optional().describe('[x, y] in continuous pixels (a pixel centre is i + 0.5)'),
    keypointVisible: z.array(z.union([z.literal(0), z.literal(1), z.literal(2)])).optional().describe('COCO visibility per keypoint: 0 not labelled / out of frame, 1 occluded, 2 visible'),
    keypointNames: z.array(z.string()).optional().describe('names of the keypoints of one skeleton'),
    flipPairs: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional().describe('keypoint index pairs that swap on a horizontal flip'),
    mask: z.string().optional().describe('semantic label map image (PNG), relative to this file'),
    instanceMasks: z.array(z.string()).optional().describe('one binary mask image per box, relative to this file'),
    boxIndices: z.array(z.number().int()).optional().describe('output only: the input row each output box came from'),
    keypointIndices: z.array(z.number().int()).optional().describe('output only: the input row each output keypoint came from'),
  })
  .strict();

export type TargetsJson = z.input<typeof targetsSchema>;

function toXyxy(boxes: readonly (readonly number[])[], format: BoxFormat, w: number, h: number): Float64Array {
  const flat = Float64Array.from(boxes.flat());
  switch (format) {
    case 'pascal_voc':
      return flat;
    case 'coco':
      return cocoToXyxy(flat);
    case 'yolo':
      return yoloToXyxy(flat, w, h);
    case 'albumentations':
      return flat.map((v, i) => v * (i % 2 === 0 ? w : h));
  }
}

function fromXyxy(b: Boxes, format: BoxFormat, w: number, h: number): number[][] {
  const flat = format === 'pascal_voc' ? b.xyxy : format === 'coco' ? xyxyToCoco(b.xyxy) : format === 'yolo' ? xyxyToYolo(b.xyxy, w, h) : b.xyxy.map((v, i) => v / (i % 2 === 0 ? w : h));
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += 4) out.push(Array.from(flat.subarray(i, i + 4)));
  return out;
}

async function readMaskPng(path: string, file: string, key: string): Promise<{ width: number; height: number; data: Uint8Array | Uint16Array }> {
  const img = await readImage(path, { exif: 'ignore', file: path });
  if (img.channels !== 1 || img.dtype === 'float32') {
    throw new AuguryError({ code: 'validation', message: 'a mask must be a one-channel integer image (8- or 16-bit PNG)', file, key, received: `${img.channels} channels, ${img.dtype}`, hint: 'save label maps as grayscale PNGs whose values are class indices' });
  }
  return { width: img.width, height: img.height, data: img.data };
}

export interface ReadTargets {
  readonly targets: Omit<Sample, 'id' | 'image'>;
  /** The box format the file used, so outputs can use it too. */
  readonly boxFormat: BoxFormat;
}

/** Reads a targets JSON and builds the targets of a sample for an image of size `w` x `h`. */
export async function readTargets(path: string, w: number, h: number): Promise<ReadTargets> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new AuguryError({ code: 'parse', message: `cannot read the targets JSON: ${(e as Error).message}`, file: path, hint: 'see docs/schemas/targets.schema.json for the format' });
  }
  const r = targetsSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AuguryError({ code: 'validation', message: issue.message, file: path, key: issue.path.map(String).join('.') || '(root)', hint: 'see docs/schemas/targets.schema.json for the format' });
  }
  const t = r.data;
  if ((t.width !== undefined && t.width !== w) || (t.height !== undefined && t.height !== h)) {
    throw new AuguryError({ code: 'size-mismatch', message: 'the targets were made on an image of another size', file: path, expected: `${w}x${h} (the image)`, received: `${t.width}x${t.height}`, hint: 'pass the image the labels belong to; if it has an EXIF orientation, the labels must describe the upright image' });
  }
  const dir = dirname(path);
  const out: { -readonly [K in keyof Sample]?: Sample[K] } = {};
  const n = t.boxes?.length ?? 0;
  if (t.boxes) {
    const fields: Record<string, Column> = {};
    for (const [k, v] of Object.entries(t.boxFields ?? {})) {
      if (v.length !== n) throw new AuguryError({ code: 'validation', message: `boxFields.${k} is not row-aligned with boxes`, file: path, expected: `${n} values`, received: String(v.length) });
      fields[k] = v;
    }
    try {
      out.boxes = createBoxes({ xyxy: toXyxy(t.boxes, t.boxFormat, w, h), ...(t.boxLabels ? { labels: t.boxLabels } : {}), fields });
    } catch (e) {
      throw e instanceof AuguryError ? e.at({ file: path }) : e;
    }
  }
  if (t.polygons) {
    if (t.boxes && t.polygons.length !== n) throw new AuguryError({ code: 'validation', message: 'polygons must be row-aligned with boxes (one list of rings per box)', file: path, expected: String(n), received: String(t.polygons.length) });
    out.polygons = createPolygons({ instances: t.polygons, ...(t.boxLabels ? { labels: t.boxLabels } : {}) });
  }
  if (t.keypoints) {
    out.keypoints = createKeypoints({
      xy: t.keypoints.flat(),
      ...(t.keypointVisible ? { visibility: t.keypointVisible } : {}),
      ...(t.keypointNames ? { names: t.keypointNames } : {}),
      ...(t.flipPairs ? { flipPairs: t.flipPairs } : {}),
    });
  }
  if (t.mask) {
    const m = await readMaskPng(resolve(dir, t.mask), path, 'mask');
    if (m.width !== w || m.height !== h) throw new AuguryError({ code: 'size-mismatch', message: 'the mask differs from the image in size', file: path, key: 'mask', expected: `${w}x${h}`, received: `${m.width}x${m.height}` });
    out.mask = createLabelMap(w, h, m.data);
  }
  if (t.instanceMasks) {
    if (t.boxes && t.instanceMasks.length !== n) throw new AuguryError({ code: 'validation', message: 'instance masks must be row-aligned with boxes', file: path, expected: String(n), received: String(t.instanceMasks.length) });
    const masks: Uint8Array[] = [];
    for (const [i, f] of t.instanceMasks.entries()) {
      const m = await readMaskPng(resolve(dir, f), path, `instanceMasks[${i}]`);
      masks.push(Uint8Array.from(m.data, (v) => (v > 0 ? 1 : 0)));
    }
    out.instanceMasks = createInstanceMasks(w, h, masks, t.boxLabels);
  }
  return { targets: out, boxFormat: t.boxFormat };
}

/**
 * Writes a sample's targets as targets JSON (atomically), with masks beside it as
 * `<stem>.mask.png` and `<stem>.instance-<i>.png`, and the input row of every output row.
 */
export async function writeTargets(path: string, s: Sample, boxFormat: BoxFormat = 'pascal_voc'): Promise<void> {
  const { width: w, height: h } = s.image;
  const stem = basename(path).replace(/\.json$/i, '');
  const dir = dirname(path);
  const t: Record<string, unknown> = { width: w, height: h };
  if (s.boxes) {
    t['boxes'] = fromXyxy(s.boxes, boxFormat, w, h);
    t['boxFormat'] = boxFormat;
    t['boxLabels'] = Array.from(s.boxes.labels);
    const fields = Object.fromEntries(Object.entries(s.boxes.fields).map(([k, v]) => [k, Array.from(v as ArrayLike<unknown>)]));
    if (Object.keys(fields).length > 0) t['boxFields'] = fields;
    t['boxIndices'] = Array.from(s.boxes.sourceIndex);
  }
  if (s.polygons) t['polygons'] = s.polygons.instances.map((rings) => rings.map((r) => Array.from(r)));
  if (s.keypoints) {
    const k = s.keypoints;
    const pts: number[][] = [];
    for (let i = 0; i < k.xy.length; i += 2) pts.push([k.xy[i]!, k.xy[i + 1]!]);
    t['keypoints'] = pts;
    t['keypointVisible'] = Array.from(k.visibility);
    if (k.names) t['keypointNames'] = k.names;
    if (k.flipPairs) t['flipPairs'] = k.flipPairs;
    t['keypointIndices'] = Array.from(k.sourceIndex);
  }
  if (s.mask) {
    const name = `${stem}.mask.png`;
    const m = s.mask;
    const data = m.data instanceof Int32Array ? Uint16Array.from(m.data) : m.data;
    await writeImage(join(dir, name), data instanceof Uint8Array ? { width: m.width, height: m.height, channels: 1, dtype: 'uint8', data } : { width: m.width, height: m.height, channels: 1, dtype: 'uint16', data });
    t['mask'] = name;
  }
  if (s.instanceMasks) {
    const names: string[] = [];
    for (const [i, m] of s.instanceMasks.masks.entries()) {
      const name = `${stem}.instance-${i}.png`;
      await writeImage(join(dir, name), { width: s.instanceMasks.width, height: s.instanceMasks.height, channels: 1, dtype: 'uint8', data: m.map((v) => (v > 0 ? 255 : 0)) });
      names.push(name);
    }
    t['instanceMasks'] = names;
  }
  await writeFileAtomic(path, JSON.stringify(t, null, 1) + '\n');
}


/** docs/schemas/targets.schema.json, generated from `targetsSchema` (`npm run docs`). */
export function targetsJsonSchema(): string {
  const schema = z.toJSONSchema(targetsSchema, { io: 'input' }) as Record<string, unknown>;
  return JSON.stringify({ ...schema, title: 'augury targets JSON', description: 'The labels of one image. Paths are relative to the JSON file; coordinates are continuous pixels (docs/coordinates.md).' }, null, 2) + '\n';
}
