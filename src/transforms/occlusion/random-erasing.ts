/**
 * RandomErasing: erases one random rectangle (torchvision RandomErasing, Zhong et al. 2017).
 *
 * Defaults: `scale: [0.02, 0.33]`, `ratio: [0.3, 3.3]`, `value: 0`, `p: 0.5`. The rectangle is
 * drawn as torchvision does: up to 10 tries of area = image area * uniform(scale) and aspect ratio
 * height / width = exp(uniform(ln ratio)), sides rounded half to even; the first that fits strictly
 * inside the image is placed uniformly; when none fits, nothing is erased.
 * `value` is in the image value scale (as every fill here), one number or one per channel, or
 * 'random': torchvision then draws N(0, 1) per pixel on the normalized tensor, which on raw pixels
 * is N(mean, std) times maxValue per channel, with `mean` and `std` the normalization the network
 * uses (default ImageNet's; on a 1-channel image their average). Images already normalized by
 * Normalize (float32) want `mean: [0], std: [1]`. torchvision's `inplace` has no meaning here.
 *
 * Labels (see holes.ts): box visibility is multiplied by the share of the box left uncovered, then
 * the pipeline's filters apply; a visible keypoint (2) in the rectangle becomes occluded (1);
 * polygons, masks and labels are invariant.
 * @example {name: RandomErasing, scale: [0.02, 0.2], ratio: [0.3, 3.3], value: random, p: 0.5}
 */
import { z } from 'zod';
import { AuguryError, show } from '../../core/errors.js';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { roundHalfEven } from '../../functional/blur-noise/index.js';
import { fillRects } from '../../functional/occlusion/index.js';
import { maxValueOf, type Image } from '../../targets/image.js';
import { oneOf } from '../blur-noise/common.js';
import { constantFill, isFill, occludeBoxes, occludeKeypoints, type Hole } from './holes.js';

type RandomErasingParams = {
  holes: Hole[];
  value: number | number[] | 'random';
  /** Only for value 'random': normalization as shares of maxValue, and the noise seed. */
  mean?: number[];
  std?: number[];
  seed?: number;
};

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
const TRIES = 10;

/** Per-colour-channel values from a normalization list, scaled to the image's value range. */
function perColour(list: readonly number[], img: Image, key: string): number[] {
  const cc = img.channels === 4 ? 3 : img.channels;
  const max = maxValueOf(img);
  let v: number[];
  if (list.length === cc) v = list.slice();
  else if (list.length === 1) v = new Array<number>(cc).fill(list[0]!);
  else if (cc === 1) v = [list.reduce((a, b) => a + b, 0) / list.length];
  else {
    throw new AuguryError({
      code: 'validation',
      message: `${key} has ${list.length} values but the image has ${cc} colour channel(s)`,
      key,
      expected: `1 or ${cc} values`,
      received: show(list),
      hint: `give one value per colour channel (${cc}) as shares of the full range, e.g. ImageNet's [0.485, 0.456, 0.406]`,
    });
  }
  return v.map((x) => x * max);
}

export const RandomErasing = defineTransform({
  name: 'RandomErasing',
  family: 'occlusion',
  description:
    "Erases one rectangle whose area share is drawn from `scale` and aspect ratio from `ratio` (torchvision), filling it with `value` or Gaussian noise ('random'). Boxes lose visibility by the share covered and visible keypoints under it become occluded.",
  schema: z
    .object({
      scale: range({ scalar: 'exact', min: 0, max: 1, description: 'erased area as a share of the image area' }).prefault([0.02, 0.33]),
      ratio: range({ scalar: 'exact', min: 0, description: 'aspect ratio (height / width) of the erased rectangle, drawn log-uniformly; above 0' }).prefault([0.3, 3.3]),
      value: oneOf((v): v is number | number[] | 'random' => v === 'random' || isFill(v), "a number, a list of 1 to 4 numbers (one per channel), or 'random'")
        .default(0)
        .describe("fill in the image value scale, one number or one per channel, or 'random' for per-pixel Gaussian noise"),
      mean: z.array(z.number()).min(1).max(4).default(IMAGENET_MEAN).describe("for value 'random': the normalization mean, as shares of the full range (default ImageNet's)"),
      std: z.array(z.number().min(0)).min(1).max(4).default(IMAGENET_STD).describe("for value 'random': the normalization std, as shares of the full range (default ImageNet's)"),
      p: probability(0.5),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (!(o.ratio[0] > 0)) ctx.addIssue({ code: 'custom', path: ['ratio'], message: 'an aspect ratio must be above 0; use e.g. [0.3, 3.3]' });
    }),
  sample: (rng, ctx, o): RandomErasingParams => {
    const { width: w, height: h } = ctx;
    const area = w * h;
    const logLo = Math.log(o.ratio[0]);
    const logHi = Math.log(o.ratio[1]);
    const holes: Hole[] = [];
    for (let t = 0; t < TRIES; t++) {
      const erase = area * rng.uniform(o.scale[0], o.scale[1]);
      const aspect = Math.exp(rng.uniform(logLo, logHi));
      const hh = roundHalfEven(Math.sqrt(erase * aspect));
      const ww = roundHalfEven(Math.sqrt(erase / aspect));
      if (!(hh < h && ww < w)) continue;
      const y1 = rng.int(0, h - hh);
      const x1 = rng.int(0, w - ww);
      holes.push({ x1, y1, x2: x1 + ww, y2: y1 + hh });
      break;
    }
    if (o.value !== 'random') return { holes, value: o.value };
    return { holes, value: 'random', mean: o.mean, std: o.std, seed: rng.subSeed() };
  },
  kernels: {
    image: (img, p) => {
      if (p.value !== 'random') return fillRects(img, p.holes, constantFill(p.value, img, 'RandomErasing.value'));
      const fill = { kind: 'random_normal', mean: perColour(p.mean ?? IMAGENET_MEAN, img, 'RandomErasing.mean'), std: perColour(p.std ?? IMAGENET_STD, img, 'RandomErasing.std') } as const;
      return fillRects(img, p.holes, fill, p.seed ?? 0);
    },
    mask: 'invariant',
    boxes: (b, p) => occludeBoxes(b, p.holes),
    polygons: 'invariant',
    keypoints: (k, p) => occludeKeypoints(k, p.holes),
    label: 'invariant',
  },
  conformance: { options: { scale: [0.05, 0.2] }, edit: { param: 'value', value: 255 } },
});
