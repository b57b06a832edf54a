/** ToGray: luma, as one channel or replicated into three. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { toGray } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel } from './common.js';

export type ToGrayParams = { numOutputChannels: 1 | 3 };

/**
 * ToGray (Albumentations, OpenCV's RGB2GRAY weights 0.299 / 0.587 / 0.114 with its fixed-point
 * rounding). The output channel count changes with `numOutputChannels`: 1 gives a single gray
 * plane (alpha is dropped: there is no gray + alpha layout), 3 replicates gray into R, G, B and
 * keeps alpha (RGBA stays 4 channels). Gray input is copied or replicated.
 * Any dtype. Defaults: numOutputChannels 3, p 0.5.
 * @example `- {name: ToGray, numOutputChannels: 1, p: 1}`
 */
export const ToGray = defineTransform({
  name: 'ToGray',
  family: 'color',
  description:
    'Converts to gray with OpenCV luma weights. `numOutputChannels: 1` outputs one channel (alpha dropped); 3 keeps an RGB layout (and alpha). Any dtype; labels are unchanged.',
  schema: z
    .object({
      numOutputChannels: z.literal([1, 3]).default(3).describe('channels of the output: 1 (one gray plane) or 3 (gray replicated into R, G, B)'),
      p: probability(0.5),
    })
    .strict(),
  sample: (_rng, _ctx, o): ToGrayParams => ({ numOutputChannels: o.numOutputChannels }),
  kernels: colorKernels(imageKernel<ToGrayParams>('ToGray', ANY_IMAGE, (img, p) => toGray(img, p.numOutputChannels))),
  conformance: { options: {}, deterministic: true, edit: { param: 'numOutputChannels', value: 1 } },
});
