/**
 * Mosaic: the sample and 3 partners in a 2x2 grid around a random centre (Ultralytics' mosaic),
 * or the sample and 8 partners in a 3x3 grid (`grid: 3`). Each image is scaled, placed against
 * its cell's inner corner (2x2) or centred in its cell (3x3), and cut to its cell; every target
 * follows its pixels and is clipped to the cell (layer.ts).
 */
import { z } from 'zod';
import { registerMix, type MixDef } from '../core/mix.js';
import type { Rng } from '../core/rng.js';
import { fill, interpolation, probability, range } from '../core/schema.js';
import type { Fill, Interpolation } from '../functional/types.js';
import type { Sample } from '../targets/sample.js';
import { isOff, offAfterEpoch, r9 } from './common.js';
import { composeLayers } from './compose.js';
import { placeSample, type Placement, type Rect } from './layer.js';
import { checkPartnerTargets, conformImage } from './partners.js';

const schema = z
  .object({
    p: probability(1),
    grid: z.union([z.literal(2), z.literal(3)]).default(2).describe('2: four images around a centre; 3: nine images in a 3x3 grid'),
    size: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional().describe('output [width, height]; default the sample\'s size'),
    centerRange: range({ scalar: 'exact', min: 0, max: 1, description: 'where the centre (2x2) or the cut points (3x3) fall, as a share of the output size' }).default([0.25, 0.75]),
    scale: range({ scalar: 'exact', min: 0.01, description: 'factor on each image after it is fitted into the output (2x2) or into half of it (3x3)' }).default([1, 1]),
    interpolation: interpolation('bilinear'),
    fill: fill(),
    offAfterEpoch: offAfterEpoch(),
  })
  .strict();
type Options = z.output<typeof schema>;

export interface MosaicCell extends Placement {
  /** 0: the sample; k: partner k. */
  readonly source: number;
}

export interface MosaicParams extends Record<string, unknown> {
  readonly off?: string;
  readonly width: number;
  readonly height: number;
  readonly cells: readonly MosaicCell[];
  readonly interpolation: Interpolation;
  readonly fill: Fill;
}

function scaled(rng: Rng, w: number, h: number, boxW: number, boxH: number, scale: readonly [number, number]): { sw: number; sh: number } {
  const s = Math.min(boxW / w, boxH / h) * rng.uniform(scale[0], scale[1]);
  return { sw: Math.max(1, Math.round(w * s)), sh: Math.max(1, Math.round(h * s)) };
}

function clipRect(r: Rect, W: number, H: number): Rect {
  return [Math.max(0, Math.min(W, r[0])), Math.max(0, Math.min(H, r[1])), Math.max(0, Math.min(W, r[2])), Math.max(0, Math.min(H, r[3]))];
}

function cell(source: number, img: { width: number; height: number }, sw: number, sh: number, tx: number, ty: number, region: Rect): MosaicCell {
  return { source, sx: r9(sw / img.width), sy: r9(sh / img.height), tx, ty, region };
}

function sample2(rng: Rng, imgs: readonly Sample[], W: number, H: number, o: Options): MosaicCell[] {
  const cx = Math.round(W * rng.uniform(o.centerRange[0], o.centerRange[1]));
  const cy = Math.round(H * rng.uniform(o.centerRange[0], o.centerRange[1]));
  return imgs.slice(0, 4).map((s, k) => {
    const { sw, sh } = scaled(rng, s.image.width, s.image.height, W, H, o.scale);
    const right = k === 1 || k === 3, bottom = k >= 2;
    const tx = right ? cx : cx - sw, ty = bottom ? cy : cy - sh;
    const region = clipRect(right ? (bottom ? [cx, cy, tx + sw, ty + sh] : [cx, ty, tx + sw, cy]) : bottom ? [tx, cy, cx, ty + sh] : [tx, ty, cx, cy], W, H);
    return cell(k, s.image, sw, sh, tx, ty, region);
  });
}

function sample3(rng: Rng, imgs: readonly Sample[], W: number, H: number, o: Options): MosaicCell[] {
  // Two cut points per axis, one in each half of centerRange, so that every cell has some size.
  const [lo, hi] = o.centerRange;
  const mid = (lo + hi) / 2;
  const xs = [0, Math.round(W * rng.uniform(lo, mid)), Math.round(W * rng.uniform(mid, hi)), W];
  const ys = [0, Math.round(H * rng.uniform(lo, mid)), Math.round(H * rng.uniform(mid, hi)), H];
  // The sample takes the centre cell; partners fill the others row by row.
  const order = [4, 0, 1, 2, 3, 5, 6, 7, 8];
  return imgs.slice(0, 9).map((s, k) => {
    const c = order[k]!;
    const col = c % 3, row = Math.floor(c / 3);
    const region: Rect = [xs[col]!, ys[row]!, xs[col + 1]!, ys[row + 1]!];
    const { sw, sh } = scaled(rng, s.image.width, s.image.height, W / 2, H / 2, o.scale);
    const tx = Math.round((region[0] + region[2] - sw) / 2), ty = Math.round((region[1] + region[3] - sh) / 2);
    return cell(k, s.image, sw, sh, tx, ty, clipRect([Math.max(region[0], tx), Math.max(region[1], ty), Math.min(region[2], tx + sw), Math.min(region[3], ty + sh)], W, H));
  });
}

export const Mosaic: MixDef<typeof schema, MosaicParams> = {
  name: 'Mosaic',
  family: 'mixing',
  description: 'Tiles the image with 3 partners (2x2 around a random centre) or 8 partners (3x3); every target is moved with its pixels and clipped to its cell.',
  schema,
  partnerCount: (o) => (o.grid === 3 ? 8 : 3),
  sample(rng, ctx, o: Options) {
    const [W, H] = o.size ?? [ctx.width, ctx.height];
    const base = { width: W, height: H, interpolation: o.interpolation, fill: o.fill };
    if (isOff(ctx.epoch, o.offAfterEpoch)) return { ...base, cells: [], off: `offAfterEpoch ${o.offAfterEpoch}` };
    const imgs = [ctx.sample, ...ctx.partners];
    return { ...base, cells: o.grid === 3 ? sample3(rng, imgs, W, H, o) : sample2(rng, imgs, W, H, o) };
  },
  apply(s, partners, p, env) {
    if (p.off) return s;
    checkPartnerTargets('Mosaic', s, partners);
    const imgs = [s, ...partners];
    const o = { width: p.width, height: p.height, boxMethod: env.boxMethod, interpolation: p.interpolation, fill: p.fill };
    const cells = p.cells.filter((c) => c.region[2] > c.region[0] && c.region[3] > c.region[1]);
    const layers = cells.map((c) => {
      const src = imgs[c.source]!;
      return placeSample({ ...src, image: conformImage(src.image, s.image) }, c, o);
    });
    return composeLayers(s, layers, cells.map((c) => c.source), o).sample;
  },
  refuses: ['label'],
  alternatives: { label: 'Mosaic is for detection and segmentation; for class labels use CutMix or MixUp, which weight the labels by area' },
};
registerMix(Mosaic);
