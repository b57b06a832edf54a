/**
 * The fixed-factor PIL enhancers (Brightness, Contrast, Saturation, Sharpness) share one shape:
 * a `factor` option that policies can pin to one value, one `factor` param, and a kernel that
 * blends the image with a degenerate version of itself. Factor 1 is the identity.
 */
import { z } from 'zod';
import { probability, range } from '../../core/schema.js';
import { defineTransform, type ToneTable } from '../../core/transform.js';
import type { Image } from '../../targets/image.js';
import { ANY_IMAGE, colorKernels, imageKernel } from './common.js';

export type FactorParams = { factor: number };

/** AutoAugment's full magnitude: 1 ± 0.9. */
const DEFAULT_FACTOR: [number, number] = [0.1, 1.9];

/**
 * Builds one enhancer transform over a PIL-semantics kernel `(img, factor) => img`; `lut` gives
 * the tone table of enhancers that are a pure map of the value (Brightness, not Contrast).
 */
export function enhanceTransform(
  name: string,
  description: string,
  factorMeaning: string,
  kernel: (img: Image, factor: number) => Image,
  lut?: (p: FactorParams, img: Image) => ToneTable | null,
) {
  return defineTransform({
    name,
    family: 'color',
    description,
    schema: z
      .object({
        factor: range({ scalar: 'exact', min: 0, description: `blend factor: ${factorMeaning}` }).prefault(DEFAULT_FACTOR),
        p: probability(0.5),
      })
      .strict(),
    sample: (rng, _ctx, o): FactorParams => ({ factor: rng.uniform(o.factor[0], o.factor[1]) }),
    kernels: colorKernels(imageKernel<FactorParams>(name, ANY_IMAGE, (img, p) => kernel(img, p.factor))),
    ...(lut ? { lut } : {}),
    conformance: { options: { factor: [0.5, 1.5] }, covers: { param: 'factor', range: [0.5, 1.5] }, edit: { param: 'factor', value: 0 } },
  });
}
