/**
 * MixUp: the image blended with a partner's, lambda ~ Beta(alpha, alpha).
 * - Class labels become the soft label lambda·y1 + (1 - lambda)·y2 (with timm's smoothing).
 * - Boxes, polygons, instance masks and keypoints: overlay only. Every object of both images is
 *   still where it was, so each keeps its exact label, and boxes carry their image's weight in the
 *   per-box field `weight` (Ultralytics' detection MixUp). Interpolating box coordinates, or
 *   blending a segmentation map, yields labels that match no object, so both are refused.
 */
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';
import { registerMix, type MixDef } from '../core/mix.js';
import { probability } from '../core/schema.js';
import type { Sample } from '../targets/sample.js';
import { blendImages, fitImage, isOff, labelOptions, mixLabels, offAfterEpoch, r9 } from './common.js';
import { mergeLabels, placeSample, type LayerLabels } from './layer.js';
import { checkPartnerTargets, conformImage } from './partners.js';
import { beta } from './random.js';

/** What mode means for one sample per run: see docs/mixing.md. */
export const MIX_MODES = ['batch', 'pair', 'elem'] as const;

const schema = z
  .object({
    p: probability(1),
    alpha: z.number().positive().default(1).describe('lambda ~ Beta(alpha, alpha); Ultralytics uses 32 for detection'),
    mode: z.enum(MIX_MODES).default('batch').describe("timm's mode; in a per-sample run every mode draws one lambda per output (docs/mixing.md)"),
    boxes: z.enum(['overlay', 'interpolate']).default('overlay').describe("'overlay' keeps both images' boxes with their weight; 'interpolate' is refused"),
    ...labelOptions,
    offAfterEpoch: offAfterEpoch(),
  })
  .strict();
type Options = z.output<typeof schema>;

export interface MixUpParams extends Record<string, unknown> {
  readonly off?: string;
  readonly lambda: number;
  readonly mode: (typeof MIX_MODES)[number];
  readonly numClasses: number | null;
  readonly labelSmoothing: number;
}

/** Why detection and segmentation MixUp overlay instead of interpolating. */
export const INTERPOLATE_WHY =
  'blending two images leaves every object where it was, so an interpolated box, or a blended segmentation map, matches no object in the output; use CutMix or Mosaic (they move pixels and labels together), or MixUp with boxes: overlay (both images\' boxes kept, each with its image\'s weight)';

export const MixUp: MixDef<typeof schema, MixUpParams> = {
  name: 'MixUp',
  family: 'mixing',
  description: 'Blends the image with a partner; class labels become soft labels, boxes and other object labels of both images are kept (overlay) with their image\'s weight.',
  schema,
  partnerCount: () => 1,
  sample(rng, ctx, o: Options) {
    const base = { lambda: 1, mode: o.mode, numClasses: o.numClasses ?? null, labelSmoothing: o.labelSmoothing };
    if (isOff(ctx.epoch, o.offAfterEpoch)) return { ...base, off: `offAfterEpoch ${o.offAfterEpoch}` };
    refuseNaive(ctx.sample, o.boxes);
    return { ...base, lambda: r9(beta(rng, o.alpha, o.alpha)) };
  },
  apply(s, [partner], p, env) {
    if (p.off) return s;
    refuseNaive(s, 'overlay');
    const b = partner!;
    checkPartnerTargets('MixUp', s, [b]);
    const { width, height } = s.image;
    const image = blendImages(s.image, fitImage(conformImage(b.image, s.image), width, height), p.lambda);
    const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s, image };
    const label = s.label ? mixLabels([{ label: s.label, weight: p.lambda }, { label: b.label, weight: 1 - p.lambda }], p.numClasses ?? undefined, p.labelSmoothing, 'MixUp') : undefined;
    if (label) out.label = label;
    if (s.boxes || s.polygons || s.instanceMasks || s.keypoints) {
      const placed = placeSample({ ...b, image: conformImage(b.image, s.image) }, { sx: width / b.image.width, sy: height / b.image.height, tx: 0, ty: 0, region: [0, 0, width, height] }, { width, height, boxMethod: env.boxMethod, interpolation: 'bilinear', fill: 0 });
      const mine: LayerLabels = {
        ...(s.boxes ? { boxes: s.boxes } : {}),
        ...(s.polygons ? { polygons: s.polygons } : {}),
        ...(s.instanceMasks ? { instanceMasks: s.instanceMasks } : {}),
        ...(s.keypoints ? { keypoints: s.keypoints } : {}),
      };
      const merged = mergeLabels([{ labels: mine, source: 0 }, { labels: placed.labels, source: 1 }], mine, { width, height });
      if (merged.boxes) {
        const n0 = s.boxes!.visibility.length;
        const weight = Float64Array.from(merged.boxes.visibility, (_, i) => (i < n0 ? p.lambda : 1 - p.lambda));
        merged.boxes = { ...merged.boxes, fields: { ...merged.boxes.fields, weight } };
      }
      Object.assign(out, merged);
    }
    return out;
  },
  refuses: [],
};
registerMix(MixUp);

/** Refuses what MixUp cannot keep true (semantic maps, interpolated boxes), naming what to use. */
function refuseNaive(s: Sample, boxes: 'overlay' | 'interpolate'): void {
  if (boxes === 'interpolate') {
    throw new AuguryError({ code: 'unsupported', message: 'MixUp does not interpolate boxes', key: 'MixUp.boxes', received: '"interpolate"', hint: INTERPOLATE_WHY });
  }
  if (s.mask) {
    throw new AuguryError({ code: 'unsupported', message: 'MixUp cannot blend segmentation masks', key: 'MixUp', hint: INTERPOLATE_WHY });
  }
}
