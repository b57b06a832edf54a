/**
 * The learned detection policies of Zoph et al. 2019 over the catalog: one sub-policy drawn
 * uniformly, each op applied with its probability at its level (0..10); box-only ops choose each
 * box with probability / 3 and always run (the reference's rule). Every op moves every target
 * it can move exactly: image-level rotate, shear and translate are Rotate and Affine steps, the
 * box-only ops are the bbox-only family (src/transforms/bbox-only), cutouts are CoarseDropout or
 * BBoxOnlyCutout holes with the occlusion visibility rule.
 *
 * Defaults: table v0, fill 128 on the uint8 scale (the reference's replace value; scaled for
 * uint16 and float32), interpolation nearest (as tf.contrib.image), p 1.
 * YAML: `- {name: AutoAugmentDetection, table: v0}` or `- {policy: aa-detection-v0}`.
 */
import { z } from 'zod';
import type { PolicyDef, PolicyOp } from '../core/policy.js';
import type { Rng } from '../core/rng.js';
import { probability } from '../core/schema.js';
import type { SampleContext } from '../core/transform.js';
import type { Fill } from '../functional/types.js';
import { drawRows } from '../transforms/bbox-only/regions.js';
import { maxValueOf } from '../targets/image.js';
import { imageMean, policyFill, type DrawnOp } from './common.js';
import { DETECTION_HPARAMS, DETECTION_SIGNED, DETECTION_TABLES, detectionArg, isBoxOnlyOp, type DetectionPolicyName } from './detection-tables.js';
import { domainRules, OpCollector } from './domain.js';
import { rotateOp, shearXOp, shearYOp, translateOp, type OpResampling } from './ops.js';

const TABLES = Object.keys(DETECTION_TABLES) as [DetectionPolicyName, ...DetectionPolicyName[]];
const RAD = 180 / Math.PI;

const schema = z
  .object({
    table: z.enum(TABLES).default('v0').describe('v0 (the paper\'s policy), v1, v2, v3, test (the reference\'s debugging policy)'),
    interpolation: z.enum(['nearest', 'bilinear', 'bicubic']).default('nearest').describe('resampling of the geometric ops (the reference: nearest)'),
    fill: policyFill(),
    p: probability(1),
  })
  .strict();

const factor = (name: string, f: number): PolicyOp => ({ name, params: { factor: f } });

/** The catalog ops of one detection op, given its (signed) argument. */
export function detectionOp(rng: Rng, ctx: SampleContext, op: string, prob: number, arg: number | null, r: OpResampling): PolicyOp[] {
  const a = arg ?? 0;
  const boxCount = ctx.sample.boxes ? ctx.sample.boxes.xyxy.length / 4 : 0;
  const rows = () => drawRows(rng, boxCount, prob / 3);
  const region = { interpolation: r.interpolation, fill: r.fill, fillMask: 0 };
  switch (op) {
    case 'AutoContrast':
    case 'Equalize':
      return [{ name: op, params: {} }];
    case 'Posterize':
      return [{ name: 'Posterize', params: { numBits: a } }];
    case 'Solarize':
      return [{ name: 'Solarize', params: { threshold: a } }];
    case 'SolarizeAdd':
      return [{ name: 'SolarizeAdd', params: { add: a, threshold: 128 } }];
    case 'Color':
      return [factor('Saturation', a)];
    case 'Contrast':
    case 'Brightness':
    case 'Sharpness':
      return [factor(op, a)];
    case 'Cutout': {
      // The reference draws the centre row, then column, over the whole image; the square is cut to the image.
      const cy = rng.int(0, ctx.height - 1);
      const cx = rng.int(0, ctx.width - 1);
      const hole = { x1: Math.max(0, cx - a), y1: Math.max(0, cy - a), x2: Math.min(ctx.width, cx + a), y2: Math.min(ctx.height, cy + a) };
      return hole.x2 > hole.x1 && hole.y2 > hole.y1 ? [{ name: 'CoarseDropout', params: { holes: [hole], fill: r.fill, maskFillValue: null } }] : [];
    }
    case 'BBox_Cutout': {
      if (boxCount === 0) return [];
      const row = rng.int(0, boxCount - 1);
      const v = rng.next();
      const u = rng.next();
      return [{ name: 'BBoxOnlyCutout', params: { cuts: [{ row, u, v }], halfSize: 0, fraction: a, clipToBox: false, fill: r.fill } }];
    }
    case 'Rotate_BBox':
      return [rotateOp(a, r)];
    // The reference translates the content by -pixels (tf.contrib.image.translate of [-pixels, 0]).
    case 'TranslateX_BBox':
      return [translateOp(-Math.trunc(a), 0, r)];
    case 'TranslateY_BBox':
      return [translateOp(0, -Math.trunc(a), r)];
    case 'ShearX_BBox':
      return [shearXOp(a, r)];
    case 'ShearY_BBox':
      return [shearYOp(a, r)];
    case 'TranslateX_Only_BBoxes':
      return [{ name: 'BBoxOnlyTranslate', params: { rows: rows(), dx: -Math.trunc(a), dy: 0, ...region } }];
    case 'TranslateY_Only_BBoxes':
      return [{ name: 'BBoxOnlyTranslate', params: { rows: rows(), dx: 0, dy: -Math.trunc(a), ...region } }];
    // The reference's shear of the cropped box: x' = x - level·y about the box's corner.
    case 'ShearX_Only_BBoxes':
      return [{ name: 'BBoxOnlyShear', params: { rows: rows(), shearX: Math.atan(-a) * RAD, shearY: 0, ...region } }];
    case 'ShearY_Only_BBoxes':
      return [{ name: 'BBoxOnlyShear', params: { rows: rows(), shearX: 0, shearY: Math.atan(-a) * RAD, ...region } }];
    case 'Rotate_Only_BBoxes':
      return [{ name: 'BBoxOnlyRotate', params: { rows: rows(), angle: a, ...region } }];
    case 'Flip_Only_BBoxes':
      return [{ name: 'BBoxOnlyHorizontalFlip', params: { rows: rows(), interpolation: 'nearest', fill: 0, fillMask: 0 } }];
    case 'Solarize_Only_BBoxes':
      return [{ name: 'BBoxOnlySolarize', params: { rows: rows(), threshold: a } }];
    case 'Equalize_Only_BBoxes':
      return [{ name: 'BBoxOnlyEqualize', params: { rows: rows() } }];
    case 'Cutout_Only_BBoxes': {
      const cuts = rows().map((row) => {
        const v = rng.next();
        return { row, u: rng.next(), v };
      });
      return [{ name: 'BBoxOnlyCutout', params: { cuts, halfSize: a, fraction: null, clipToBox: true, fill: r.fill } }];
    }
    default:
      throw new Error(`no detection op ${op}`);
  }
}

/** The fill: the reference's gray 128 on the uint8 scale unless given. */
function fillFor(o: { fill?: Fill | 'mean' | undefined }, ctx: SampleContext): Fill {
  if (o.fill === 'mean') return imageMean(ctx.sample.image);
  if (o.fill !== undefined) return o.fill;
  const img = ctx.sample.image;
  return img.dtype === 'uint8' ? DETECTION_HPARAMS.replace : (DETECTION_HPARAMS.replace * maxValueOf(img)) / 255;
}

/** The detection policies of Zoph et al. 2019 over the catalog, labels moved by every op. */
export const AutoAugmentDetection: PolicyDef<typeof schema> = {
  name: 'AutoAugmentDetection',
  description: "The learned object-detection policies of Zoph et al. 2019 (v0, v1, v2, v3), box-only ops included, with boxes, polygons, masks and keypoints moved by every op that moves pixels.",
  schema,
  samplesFromTargets: true,
  choose(rng, ctx, o) {
    const table = DETECTION_TABLES[o.table];
    const res: OpResampling = { interpolation: o.interpolation, fill: fillFor(o, ctx) };
    const c = new OpCollector(domainRules(ctx.domain));
    const index = rng.int(0, table.length - 1);
    const drawn: DrawnOp[] = [];
    for (const [op, prob, level] of table[index]!) {
      // Box-only ops take their probability per box and always run.
      if (!isBoxOnlyOp(op) && !(rng.next() < prob)) {
        drawn.push({ op, skipped: true });
        continue;
      }
      let arg = detectionArg(op, level ?? 0);
      if (arg !== null && DETECTION_SIGNED.has(op) && !rng.bool(0.5)) arg = -arg;
      drawn.push({ op, magnitude: level ?? 0, ...(arg !== null ? { arg } : {}) });
      c.add(op, detectionOp(rng, ctx, op, prob, arg, res));
    }
    const info: Record<string, unknown> = {
      magnitudeScale: 'detection',
      table: o.table,
      subPolicy: index,
      drawn,
      ...(ctx.task ? { task: ctx.task } : {}),
      ...(ctx.domain ? { domain: ctx.domain } : {}),
      ...(c.removed.length > 0 ? { removed: c.removed } : {}),
    };
    return { ops: c.ops, info };
  },
};
