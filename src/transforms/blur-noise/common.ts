/**
 * Pieces shared by the blur, noise and quality transforms: they change pixel values only, so every
 * label is invariant, and the blurs draw an odd kernel size from a `blurLimit` range.
 */
import { z } from 'zod';
import { show } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Range } from '../../core/schema.js';
import type { Kernels, Params } from '../../core/transform.js';

/**
 * Kernels of a step that changes pixel values and nothing else: no pixel moves, so boxes,
 * polygons, keypoints, masks and labels keep their meaning exactly.
 */
export function pixelOnlyKernels<P extends Params>(image: Kernels<P>['image']): Kernels<P> {
  return { image, mask: 'invariant', boxes: 'invariant', polygons: 'invariant', keypoints: 'invariant', label: 'invariant' };
}

/** The kernel sizes a blur may draw from `[lo, hi]`: its odd values, plus 0 ("from sigma") when `allowZero` and lo is 0. */
export function kernelSizes(r: Range, allowZero: boolean): number[] {
  const out: number[] = allowZero && r[0] === 0 ? [0] : [];
  for (let k = Math.max(1, r[0]); k <= r[1]; k++) if (k % 2 === 1) out.push(k);
  return out;
}

/** One of `kernelSizes(r, allowZero)`, each equally likely. */
export function drawKernelSize(rng: Rng, r: Range, allowZero = false): number {
  return rng.choice(kernelSizes(r, allowZero));
}

/**
 * A `blurLimit` option: kernel sizes in pixels as `[min, max]`, of which the odd ones are drawn
 * (a Gaussian may also draw 0: size from sigma). A single number v means `[scalarFrom, v]`, as in
 * Albumentations (`to_tuple(blur_limit, 3)` for MedianBlur and MotionBlur, `to_tuple(blur_limit, 0)`
 * for GaussianBlur).
 */
export function blurLimit(spec: { scalarFrom: number; min: number; description: string }) {
  const int = z.number().int().min(spec.min);
  return z
    .union([int, z.tuple([int, int])])
    .describe(`${spec.description} [min, max]; the odd sizes in it are drawn; a number v means [${spec.scalarFrom}, v]; at least ${spec.min}`)
    .transform((v, ctx): Range => {
      const r: Range = typeof v === 'number' ? [spec.scalarFrom, v] : [v[0], v[1]];
      if (r[0] > r[1]) {
        ctx.addIssue({ code: 'custom', message: `expected [min, max] with min <= max, received ${show(typeof v === 'number' ? r : v)}` });
        return z.NEVER;
      }
      if (kernelSizes(r, spec.min === 0).length === 0) {
        ctx.addIssue({ code: 'custom', message: `expected a range holding an odd kernel size, received ${show(v)}` });
        return z.NEVER;
      }
      return r;
    });
}

/**
 * An option that takes one of several shapes (a filter name or a pair of them; a number, a list or
 * a keyword), checked by `accepts`. Written as one custom check rather than a zod union because
 * parseOptions reports every failed union as "expected a number or a [min, max] pair", which
 * would mislead here; with this the error says what the option does accept.
 */
export function oneOf<T>(accepts: (v: unknown) => v is T, expected: string) {
  return z.custom<T>(accepts, { message: `expected ${expected}` });
}
