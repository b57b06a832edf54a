/**
 * CutMix: a rectangle of the partner (stretched to the sample's size) pasted over the sample.
 * lambda is recomputed from the clipped rectangle (1 - area / image area), the correct way: the
 * drawn lambda only sets the size, and a rectangle cut by the border must not keep a weight its
 * pixels do not have. Class labels become area-weighted soft labels; the patch brings its
 * objects clipped to it, and objects of the sample under it are cut or dropped by what is left
 * visible (layer.ts).
 */
import { z } from 'zod';
import { registerMix, type MixDef } from '../core/mix.js';
import type { Rng } from '../core/rng.js';
import { interpolation, probability } from '../core/schema.js';
import type { Interpolation } from '../functional/types.js';
import type { Sample } from '../targets/sample.js';
import { isOff, labelOptions, mixLabels, offAfterEpoch, r9 } from './common.js';
import { composeLayers } from './compose.js';
import { placeSample, type Rect } from './layer.js';
import { checkPartnerTargets, conformImage } from './partners.js';
import { beta } from './random.js';

const minMax = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .refine(([a, b]) => a <= b, { message: 'min must be <= max' })
  .optional()
  .describe('[min, max] share of the image area the patch covers, drawn uniformly; replaces alpha when set');

const schema = z
  .object({
    p: probability(1),
    alpha: z.number().positive().default(1).describe('1 - patch area share ~ Beta(alpha, alpha)'),
    minMax,
    interpolation: interpolation('bilinear'),
    ...labelOptions,
    offAfterEpoch: offAfterEpoch(),
  })
  .strict();
type Options = z.output<typeof schema>;

export interface CutMixParams extends Record<string, unknown> {
  readonly off?: string;
  /** The pasted rectangle [x0, y0, x1, y1) in pixels, clipped to the image. */
  readonly rect: Rect;
  /** Weight of the sample: 1 - rect area / image area. */
  readonly lambda: number;
  readonly numClasses: number | null;
  readonly labelSmoothing: number;
  /** How the partner is resampled when its size differs. */
  readonly interpolation?: Interpolation;
}

/** The patch for an area share `cut` centred on a uniform pixel, clipped to the image (timm's rand_bbox). */
export function drawRect(rng: Rng, width: number, height: number, cut: number): Rect {
  const ratio = Math.sqrt(Math.min(1, Math.max(0, cut)));
  const cw = Math.round(width * ratio), ch = Math.round(height * ratio);
  const cx = rng.int(0, width - 1), cy = rng.int(0, height - 1);
  const x0 = Math.min(width, Math.max(0, cx - Math.floor(cw / 2)));
  const x1 = Math.min(width, Math.max(0, cx + Math.ceil(cw / 2)));
  const y0 = Math.min(height, Math.max(0, cy - Math.floor(ch / 2)));
  const y1 = Math.min(height, Math.max(0, cy + Math.ceil(ch / 2)));
  return [x0, y0, x1, y1];
}

/** Draws CutMix's rectangle and its area-corrected lambda. */
export function sampleCutMix(rng: Rng, width: number, height: number, alpha: number, range: readonly [number, number] | undefined): { rect: Rect; lambda: number } {
  const cut = range ? rng.uniform(range[0], range[1]) : 1 - beta(rng, alpha, alpha);
  const rect = drawRect(rng, width, height, cut);
  const area = (rect[2] - rect[0]) * (rect[3] - rect[1]);
  return { rect, lambda: r9(1 - area / (width * height)) };
}

/** Applies CutMix with known params (shared with MixUpCutMix). */
export function applyCutMix(s: Sample, b: Sample, p: Pick<CutMixParams, 'rect' | 'lambda' | 'numClasses' | 'labelSmoothing' | 'interpolation'>, boxMethod: Parameters<typeof placeSample>[2]['boxMethod'], name: string): Sample {
  checkPartnerTargets(name, s, [b]);
  const { width, height } = s.image;
  const o = { width, height, boxMethod, interpolation: p.interpolation ?? 'bilinear', fill: 0 };
  const [x0, y0, x1, y1] = p.rect;
  const layers = [placeSample(s, { sx: 1, sy: 1, tx: 0, ty: 0, region: [0, 0, width, height] }, o)];
  if (x1 > x0 && y1 > y0) {
    layers.push(placeSample({ ...b, image: conformImage(b.image, s.image) }, { sx: width / b.image.width, sy: height / b.image.height, tx: 0, ty: 0, region: p.rect }, o));
  }
  const out = composeLayers(s, layers, [0, 1], o).sample;
  const label = s.label ? mixLabels([{ label: s.label, weight: p.lambda }, { label: b.label, weight: 1 - p.lambda }], p.numClasses ?? undefined, p.labelSmoothing, name) : undefined;
  return label ? { ...out, label } : out;
}

export const CutMix: MixDef<typeof schema, CutMixParams> = {
  name: 'CutMix',
  family: 'mixing',
  description: 'Pastes a rectangle of a partner over the image; labels are weighted by the pasted area, and every object label is cut to what stays visible.',
  schema,
  partnerCount: () => 1,
  sample(rng, ctx, o: Options) {
    const base = { numClasses: o.numClasses ?? null, labelSmoothing: o.labelSmoothing, interpolation: o.interpolation };
    if (isOff(ctx.epoch, o.offAfterEpoch)) return { ...base, rect: [0, 0, 0, 0], lambda: 1, off: `offAfterEpoch ${o.offAfterEpoch}` };
    return { ...base, ...sampleCutMix(rng, ctx.width, ctx.height, o.alpha, o.minMax) };
  },
  apply: (s, [b], p, env) => (p.off ? s : applyCutMix(s, b!, p, env.boxMethod, 'CutMix')),
  refuses: [],
};
registerMix(CutMix);
