/**
 * AugMixBlend: the catalog transform behind the AugMix policy. Its params hold the chains, their
 * weights and the optional shared geometric op; the image kernel runs each chain's ops through
 * their own kernels and blends; the label kernels apply the shared op only (or nothing), which
 * is exact because in pixel-only mode no chain moves a pixel.
 *
 * Defaults: those of the AugMix policy (severity 3, mixtureWidth 3, chainDepth -1, alpha 1,
 * allOps true, magnitudeScale torchvision, bilinear, fill 0, strict false), p 1.
 * YAML: use the policy, `- {name: AugMix, severity: 3}` or `- {policy: augmix-m3-w3}`.
 */
import { getTransform } from '../core/registry.js';
import type { PolicyOp } from '../core/policy.js';
import { defineTransform, type KernelEnv, type KernelTarget, type Slot } from '../core/transform.js';
import { createImage, maxValueOf, type Image } from '../targets/image.js';
import { augMixSchema, drawAugMix, type AugMixParams } from './augmix-draw.js';

async function runImage(op: PolicyOp, img: Image, env: KernelEnv): Promise<Image> {
  const k = getTransform(op.name, 'AugMixBlend op').kernels.image;
  return k === 'invariant' ? img : await k(img, op.params, env);
}

/** The blend of torchvision (one weighted sum) or timm (chains mixed, then blended; or blended in turn). */
export function blendAugMix(base: Image, augs: readonly Image[], p: Pick<AugMixParams, 'weights' | 'original' | 'blend'>): Image {
  const out = createImage(base.width, base.height, base.channels, base.dtype) as Image;
  const max = maxValueOf(base);
  const integer = base.dtype !== 'float32';
  // Integer images truncate as torch's `.to(uint8)` and PIL's blend do.
  const store = (v: number) => (integer ? Math.trunc(Math.min(max, Math.max(0, v))) : Math.min(1, Math.max(0, v)));
  const n = base.data.length;
  for (let i = 0; i < n; i++) {
    const b = base.data[i]!;
    if (p.blend === 'torchvision') {
      let v = p.original * b;
      augs.forEach((a, k) => (v += p.weights[k]! * a.data[i]!));
      out.data[i] = store(v);
    } else if (p.blend === 'timm') {
      let mixed = 0;
      augs.forEach((a, k) => (mixed += p.weights[k]! * a.data[i]!));
      mixed = store(mixed);
      out.data[i] = store(b + (1 - p.original) * (mixed - b));
    } else {
      let v = b;
      augs.forEach((a, k) => (v = store(v + p.weights[k]! * (a.data[i]! - v))));
      out.data[i] = v;
    }
  }
  return out;
}

/** A label kernel that applies the shared op's kernel for `target`, or keeps the value. */
function sharedKernel<T>(target: Exclude<KernelTarget, 'image'>): Slot<T, AugMixParams> {
  return (value: T, p: AugMixParams, env: KernelEnv): T => {
    if (!p.shared) return value;
    const slot = getTransform(p.shared.name, 'AugMixBlend shared op').kernels[target] as unknown as Slot<T, PolicyOp['params']>;
    if (slot === 'invariant') return value;
    if (slot === 'unsupported') throw new Error(`unreachable: shared AugMix ops are geometric warps (${p.shared.name})`);
    return slot(value, p.shared.params, env);
  };
}

export const AugMixBlend = defineTransform({
  name: 'AugMixBlend',
  family: 'composition',
  description:
    'The step the AugMix policy draws: chains of policy ops blended with the original. With boxes, polygons, masks or keypoints, chains hold only pixel-value ops plus at most one shared geometric op that the labels follow exactly (`mode: pixel-only` in the trace); `strict` refuses such samples.',
  schema: augMixSchema,
  sample: (rng, ctx, o): AugMixParams => drawAugMix(rng, ctx, o).params,
  samplesFromTargets: true,
  kernels: {
    image: async (img, p, env) => {
      const base = p.shared ? await runImage(p.shared, img, env) : img;
      const augs: Image[] = [];
      for (const chain of p.chains) {
        let a = base;
        for (const op of chain) a = await runImage(op, a, env);
        augs.push(a);
      }
      return blendAugMix(base, augs, p);
    },
    mask: sharedKernel('mask'),
    boxes: sharedKernel('boxes'),
    polygons: sharedKernel('polygons'),
    keypoints: sharedKernel('keypoints'),
    label: 'invariant',
  },
  conformance: {
    options: { severity: 3, mixtureWidth: 3 },
    covers: { param: 'original', range: [0, 1] },
    edit: { param: 'original', value: 1 },
  },
});
