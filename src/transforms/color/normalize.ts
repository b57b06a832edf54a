/** Normalize: mean and std to float32, the last step of a pipeline. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform, type KernelEnv } from '../../core/transform.js';
import { normalize } from '../../functional/color/index.js';
import type { Image } from '../../targets/image.js';
import { ANY_IMAGE, badParam, colorKernels, imageKernel } from './common.js';

export type NormalizeParams = { mean: number | number[]; std: number | number[]; maxPixelValue: number | null };

const perChannel = (what: string, def: number[]) =>
  z
    .union([z.number(), z.array(z.number()).min(1).max(3)])
    .default(def)
    .describe(`${what} per color channel, as a fraction of maxPixelValue; one number for all channels`);

/** A list of the wrong length for this image is the one mistake the schema cannot see (it does not know the image). */
function checkLength(name: 'mean' | 'std', value: number | number[], img: Image, env: KernelEnv): void {
  if (typeof value === 'number' || value.length === 1) return;
  const colors = img.channels === 1 ? 1 : 3;
  if (value.length !== colors) {
    throw badParam(
      'Normalize',
      name,
      env,
      colors === 1 ? 'a single number for 1-channel images' : 'one number, or three (R, G, B)',
      value,
      colors === 1 ? `gray images have one channel: give ${name} as a single number` : `give three ${name} values (R, G, B) or a single number`,
    );
  }
}

/**
 * Normalize (Albumentations): `out = (v - mean * maxPixelValue) / (std * maxPixelValue)` per color
 * channel, in float32 as Albumentations computes it. The output is float32 with no intensity
 * scale (maxValue Infinity), so every color transform refuses it afterwards: put Normalize last.
 * Alpha, if any, is scaled to [0, 1] and not normalized. `mean` and `std` take one value per
 * color channel (3 for RGB, 1 for gray) or one number for all. `maxPixelValue` defaults to the
 * image's own maxValue (255 for uint8, as in Albumentations; 1 for float32; 4095 for a 12-bit image).
 * Any dtype. Defaults: ImageNet mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225], p 1.
 * @example `- {name: Normalize, mean: 0.5, std: 0.5}`
 */
export const Normalize = defineTransform({
  name: 'Normalize',
  family: 'color',
  description:
    'Subtracts a per-channel mean and divides by a per-channel std (fractions of `maxPixelValue`, ImageNet by default); outputs float32 with no intensity scale, so it must come after every color transform. Labels are unchanged.',
  schema: z
    .object({
      mean: perChannel('mean', [0.485, 0.456, 0.406]),
      std: perChannel('standard deviation', [0.229, 0.224, 0.225]),
      maxPixelValue: z.number().positive().optional().describe("the value that mean and std are fractions of; default: the image's maxValue (255 for uint8)"),
      p: probability(1),
    })
    .strict(),
  sample: (_rng, _ctx, o): NormalizeParams => ({ mean: o.mean, std: o.std, maxPixelValue: o.maxPixelValue ?? null }),
  kernels: colorKernels(
    imageKernel<NormalizeParams>('Normalize', ANY_IMAGE, (img, p, env) => {
      checkLength('mean', p.mean, img, env);
      checkLength('std', p.std, img, env);
      const one = (v: number | number[]) => (typeof v === 'number' ? v : v.length === 1 ? v[0]! : v);
      return normalize(img, one(p.mean), one(p.std), p.maxPixelValue ?? undefined);
    }),
  ),
  conformance: { options: {}, deterministic: true, edit: { param: 'mean', value: 0 } },
});
