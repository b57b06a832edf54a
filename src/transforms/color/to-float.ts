/** ToFloat: float32 in [0, 1]. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { toFloat } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel } from './common.js';

export type ToFloatParams = { maxValue: number | null };

/**
 * ToFloat (Albumentations): float32 in [0, 1] as `v / maxValue`; values above maxValue clip to 1.
 * `maxValue` defaults to the image's own (255 for uint8, 65535 for uint16, or the custom value of
 * a 12-bit image); set it to read, say, 12-bit data stored as full uint16. All channels,
 * alpha included, are converted. Any dtype and channel count. Defaults: p 1.
 * @example `- {name: ToFloat, maxValue: 4095}`
 */
export const ToFloat = defineTransform({
  name: 'ToFloat',
  family: 'color',
  description: "Converts to float32 in [0, 1] by dividing by `maxValue` (default: the image's own full scale). Labels are unchanged.",
  schema: z
    .object({
      maxValue: z.number().positive().optional().describe("the value that becomes 1; default: the image's maxValue (255 for uint8, 65535 for uint16)"),
      p: probability(1),
    })
    .strict(),
  sample: (_rng, _ctx, o): ToFloatParams => ({ maxValue: o.maxValue ?? null }),
  kernels: colorKernels(imageKernel<ToFloatParams>('ToFloat', ANY_IMAGE, (img, p) => toFloat(img, p.maxValue ?? undefined))),
  conformance: { options: {}, deterministic: true, edit: { param: 'maxValue', value: 1000 } },
});
