/**
 * Object identity for the audit. Every sample that enters a run (the sample and each partner
 * draw) is registered: each object gets a run-unique id, carried as a box field (so every output
 * row names its object whatever mixes reorder or duplicate) and painted into an id map carried as
 * the sample's label map (so an object's visible pixels can be counted even after the pipeline
 * dropped its box). Instance masks are made for every object (polygons rasterized) so that the
 * transformed masks give each kept object's visible pixels.
 */
import { AuguryError } from '../core/errors.js';
import type { PartnerProvider } from '../core/mix.js';
import { polygonsToMask } from '../io/datasets/coco/rle.js';
import type { DatasetIndex } from '../io/datasets/model.js';
import { loadSample } from '../io/datasets/sample.js';
import { createInstanceMasks } from '../targets/mask.js';
import type { Sample } from '../targets/sample.js';

/** The box field that names each row's audit object id. */
export const OBJECT_FIELD = 'auditObject';

/** One object of one draw (a draw is the sample or one partner pick; the same record drawn twice gives two draws). */
export interface AuditObject {
  readonly id: number;
  readonly draw: number;
  /** Record index in the dataset and the object's row in it. */
  readonly record: number;
  readonly row: number;
  /** The annotation id when the dataset has one (COCO), else -1. */
  readonly annotationId: number;
  readonly label: number;
  /** Pixels of the object visible in its own image (the id map, later rows on top). */
  readonly pixels: number;
}

export interface AuditDraw {
  readonly record: number;
  readonly width: number;
  readonly height: number;
}

/** The objects and draws of one run. */
export class ObjectTable {
  readonly objects: AuditObject[] = [];
  readonly draws: AuditDraw[] = [];

  byId(id: number): AuditObject | undefined {
    return this.objects[id - 1];
  }

  /** Registers `s` (record `record`) as a new draw and returns it ready for the pipeline. */
  prepare(s: Sample, record: number): Sample {
    const { width, height } = s.image;
    const draw = this.draws.length;
    this.draws.push({ record, width, height });
    const n = s.boxes ? s.boxes.xyxy.length / 4 : 0;
    const masks = instanceMasksOf(s, n);
    const ids = new Int32Array(n);
    const idMap = new Int32Array(width * height);
    const first = this.objects.length + 1;
    for (let r = 0; r < n; r++) {
      ids[r] = first + r;
      const m = masks[r]!;
      for (let p = 0; p < m.length; p++) if (m[p] !== 0) idMap[p] = first + r;
    }
    const counts = new Map<number, number>();
    for (const v of idMap) if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
    const ann = s.boxes?.fields['annotationId'];
    for (let r = 0; r < n; r++) {
      this.objects.push({ id: first + r, draw, record, row: r, annotationId: ann instanceof Int32Array ? ann[r]! : -1, label: s.boxes!.labels[r]!, pixels: counts.get(first + r) ?? 0 });
    }
    const boxes = s.boxes ? { ...s.boxes, fields: { ...s.boxes.fields, [OBJECT_FIELD]: ids } } : undefined;
    return {
      ...s,
      ...(boxes ? { boxes } : {}),
      instanceMasks: createInstanceMasks(width, height, masks, s.boxes?.labels ?? []),
      mask: { width, height, data: idMap },
    };
  }
}

/** Instance masks for every box row: the sample's own, or its polygons rasterized. */
function instanceMasksOf(s: Sample, n: number): Uint8Array[] {
  const where = { record: `sample ${s.id}${s.source?.file ? ` (${s.source.file})` : ''}` };
  if (s.instanceMasks) return [...s.instanceMasks.masks];
  if (!s.polygons || n === 0) {
    if (n === 0) return [];
    throw new AuguryError({
      code: 'validation',
      message: 'the audit needs each object\'s pixels, and this sample has neither instance masks nor polygons',
      ...where,
      expected: 'COCO segmentation (polygons or RLE) for every annotation',
      received: 'boxes only',
      hint: 'audit a dataset with instance segmentation; boxes alone cannot tell which pixels are the object',
    });
  }
  const { width, height } = s.image;
  return s.polygons.instances.map((rings, r) => {
    if (rings.length === 0) {
      throw new AuguryError({ code: 'validation', message: 'an object has no polygon rings', ...where, key: `object ${r}`, expected: 'a segmentation for every annotation', received: 'an empty segmentation', hint: 'add its segmentation, or remove the annotation from the audit data' });
    }
    return polygonsToMask(rings.map((ring) => Array.from(ring)), width, height);
  });
}

/** Decoded samples of a dataset, read once. */
export class SampleCache {
  private readonly cache = new Map<number, Promise<Sample>>();
  constructor(readonly index: DatasetIndex) {}

  get(i: number): Promise<Sample> {
    let p = this.cache.get(i);
    if (!p) {
      p = loadSample(this.index, i);
      this.cache.set(i, p);
    }
    return p;
  }

  recordOfId(id: string): number {
    const i = this.index.records.findIndex((r) => String(r.id) === id);
    if (i < 0) throw new AuguryError({ code: 'validation', message: `no record with id ${id} in the audit data`, file: this.index.source, hint: 'replay with the dataset the trace was recorded on' });
    return i;
  }
}

/** A partner provider over the dataset that registers every draw in `table`. */
export function auditProvider(cache: SampleCache, table: ObjectTable): PartnerProvider {
  return {
    size: cache.index.records.length,
    get: async (i) => ({ id: String(cache.index.records[i]!.id), sample: table.prepare(await cache.get(i), i) }),
    byId: async (id) => {
      const i = cache.recordOfId(id);
      return table.prepare(await cache.get(i), i);
    },
  };
}
