/**
 * Copy-Paste (Ghiasi et al. 2021, "Simple Copy-Paste"): instances of a partner, cut out by their
 * masks (polygons are rasterized), scaled with jitter and pasted over the sample. The pasted
 * pixels hide what was under them: the sample's instance masks lose those pixels, and boxes and
 * visibility are recomputed from the final masks; an instance covered entirely has visibility 0
 * and is removed by the box filter. An occluded instance's polygon rings are dropped, since a
 * pixel cover cannot be cut from a polygon exactly: its recomputed mask is its shape from then on
 * (a sample with polygons but no instance masks gets masks rasterized from them for that).
 */
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';
import { registerMix, type MixDef } from '../core/mix.js';
import { interpolation, probability, range } from '../core/schema.js';
import { applyBoxFilter } from '../geometry/box-filter.js';
import type { Interpolation } from '../functional/types.js';
import { polygonsToMask } from '../io/datasets/coco/rle.js';
import { selectKeypoints } from '../targets/keypoints.js';
import type { InstanceMasks } from '../targets/mask.js';
import type { Sample } from '../targets/sample.js';
import { isOff, offAfterEpoch, r9 } from './common.js';
import { composeLayers } from './compose.js';
import { placeSample, type Rect } from './layer.js';
import { checkPartnerTargets, conformImage } from './partners.js';

const schema = z
  .object({
    p: probability(1),
    scale: range({ scalar: 'exact', min: 0.01, description: "scale jitter of the partner after it is fitted to the sample's size" }).default([0.8, 1.25]),
    pasteP: z.number().min(0).max(1).default(1).describe('probability that each partner instance is pasted'),
    maxInstances: z.number().int().min(0).optional().describe('paste at most this many instances (the first drawn)'),
    interpolation: interpolation('bilinear'),
    offAfterEpoch: offAfterEpoch(),
  })
  .strict();
type Options = z.output<typeof schema>;

export interface CopyPasteParams extends Record<string, unknown> {
  readonly off?: string;
  readonly sx: number;
  readonly sy: number;
  readonly tx: number;
  readonly ty: number;
  /** Partner instance rows pasted, in row order. */
  readonly instances: readonly number[];
  readonly interpolation: Interpolation;
}

function instanceCount(s: Sample): number {
  return s.instanceMasks?.masks.length ?? s.polygons?.instances.length ?? 0;
}

/** Instance masks of `s`, rasterized from its polygons when it has none. */
function withMasks(s: Sample, who: string): Sample {
  if (s.instanceMasks) return s;
  if (!s.polygons) {
    throw new AuguryError({ code: 'validation', message: `CopyPaste needs instance masks or polygons on ${who}`, record: `sample ${s.id}`, expected: 'instance masks or polygons', received: 'neither', hint: 'Copy-Paste cuts objects out by their shape; use a dataset with segmentation, or CutMix or Mosaic for boxes only' });
  }
  const { width, height } = s.image;
  const masks = s.polygons.instances.map((rings) => polygonsToMask(rings.map((r) => Array.from(r)), width, height));
  const im: InstanceMasks = { width, height, masks, labels: s.polygons.labels };
  return { ...s, instanceMasks: im };
}

/** The partner reduced to the instances in `rows`; keypoints follow their `instance` field. */
function pick(b: Sample, rows: readonly number[]): Sample {
  let out: Sample = b;
  if (b.boxes) out = applyBoxFilter({ ...b, boxes: b.boxes }, rows);
  else {
    const masks = b.instanceMasks!;
    out = { ...b, instanceMasks: { ...masks, masks: rows.map((r) => masks.masks[r]!), labels: Int32Array.from(rows, (r) => masks.labels[r]!) } };
    if (b.polygons) out = { ...out, polygons: { ...b.polygons, instances: rows.map((r) => b.polygons!.instances[r]!), labels: Int32Array.from(rows, (r) => b.polygons!.labels[r]!), sourceIndex: Int32Array.from(rows, (r) => b.polygons!.sourceIndex[r]!), fields: {} } };
  }
  if (b.keypoints) {
    const inst = b.keypoints.fields['instance'];
    if (!(inst instanceof Int32Array)) {
      throw new AuguryError({ code: 'validation', message: 'CopyPaste cannot tell which keypoints belong to which pasted instance', record: `partner ${b.id}`, expected: 'a keypoint field "instance" (the box row of each keypoint)', hint: 'load keypoints with their instance (COCO does), or drop keypoints for this pipeline' });
    }
    const newRow = new Map(rows.map((r, k) => [r, k]));
    const keep: number[] = [];
    inst.forEach((v, i) => {
      if (newRow.has(v)) keep.push(i);
    });
    const k = selectKeypoints(b.keypoints, keep);
    out = { ...out, keypoints: { ...k, fields: { ...k.fields, instance: (k.fields['instance'] as Int32Array).map((v) => newRow.get(v)!) } } };
  }
  return out;
}

export const CopyPaste: MixDef<typeof schema, CopyPasteParams> = {
  name: 'CopyPaste',
  family: 'mixing',
  description: "Pastes a partner's instances (cut out by mask or polygon, scale-jittered) over the image; occluded instances get masks, boxes and visibility recomputed, fully covered ones are removed.",
  schema,
  partnerCount: () => 1,
  sample(rng, ctx, o: Options) {
    const b = ctx.partners[0]!;
    const { width: W, height: H } = ctx;
    const base = { interpolation: o.interpolation };
    if (isOff(ctx.epoch, o.offAfterEpoch)) return { ...base, sx: 1, sy: 1, tx: 0, ty: 0, instances: [], off: `offAfterEpoch ${o.offAfterEpoch}` };
    const s = Math.min(W / b.image.width, H / b.image.height) * rng.uniform(o.scale[0], o.scale[1]);
    const sw = Math.max(1, Math.round(b.image.width * s)), sh = Math.max(1, Math.round(b.image.height * s));
    const tx = rng.int(Math.min(0, W - sw), Math.max(0, W - sw));
    const ty = rng.int(Math.min(0, H - sh), Math.max(0, H - sh));
    const instances: number[] = [];
    for (let i = 0; i < instanceCount(b); i++) if (rng.bool(o.pasteP) && (o.maxInstances === undefined || instances.length < o.maxInstances)) instances.push(i);
    return { ...base, sx: r9(sw / b.image.width), sy: r9(sh / b.image.height), tx, ty, instances };
  },
  apply(s, [partner], p, env) {
    if (p.off) return s;
    const b = withMasks(partner!, `partner ${partner!.id}`);
    checkPartnerTargets('CopyPaste', s, [b], ['boxes', 'mask', 'keypoints']);
    const base = s.polygons || s.instanceMasks ? withMasks(s, 'the sample') : s;
    const { width, height } = s.image;
    const o = { width, height, boxMethod: env.boxMethod, interpolation: p.interpolation, fill: 0 };
    const layers = [placeSample(base, { sx: 1, sy: 1, tx: 0, ty: 0, region: [0, 0, width, height] }, o)];
    const region: Rect = [Math.max(0, p.tx), Math.max(0, p.ty), Math.min(width, Math.round(p.tx + b.image.width * p.sx)), Math.min(height, Math.round(p.ty + b.image.height * p.sy))];
    if (p.instances.length > 0 && region[2] > region[0] && region[3] > region[1]) {
      const placed = placeSample({ ...pick(b, p.instances), image: conformImage(b.image, s.image) }, { sx: p.sx, sy: p.sy, tx: p.tx, ty: p.ty, region }, o);
      const cover = new Uint8Array(width * height);
      for (const m of placed.labels.instanceMasks!.masks) for (let i = 0; i < m.length; i++) if (m[i] !== 0) cover[i] = 1;
      layers.push({ ...placed, cover });
    }
    const withKinds = s.polygons && !s.instanceMasks ? { ...s, instanceMasks: base.instanceMasks! } : s;
    const merged = composeLayers(withKinds, layers.map((l) => ({ ...l, labels: keepKinds(l.labels, withKinds) })), [0, 1], o).sample;
    return merged;
  },
  refuses: ['label'],
  alternatives: { label: 'Copy-Paste is for instance segmentation; for class labels use CutMix or MixUp' },
};
registerMix(CopyPaste);

/** The layer's labels restricted to the kinds the output carries. */
function keepKinds<L extends object>(l: L, s: Sample): L {
  const out = { ...l } as Record<string, unknown>;
  for (const k of ['boxes', 'polygons', 'instanceMasks', 'mask', 'keypoints'] as const) if (s[k] === undefined) delete out[k];
  return out as L;
}
