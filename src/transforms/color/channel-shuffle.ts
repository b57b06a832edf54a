/** ChannelShuffle: a random permutation of R, G, B. */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { channelShuffle } from '../../functional/color/index.js';
import { ANY_IMAGE, colorKernels, imageKernel } from './common.js';

export type ChannelShuffleParams = { order: number[] };

/**
 * ChannelShuffle (Albumentations): permutes R, G and B; the permutation is drawn per call and
 * may be the identity, as in Albumentations. Alpha stays in place; a gray image is unchanged.
 * Any dtype. Defaults: p 0.5.
 * @example `- {name: ChannelShuffle, p: 0.2}`
 */
export const ChannelShuffle = defineTransform({
  name: 'ChannelShuffle',
  family: 'color',
  description:
    'Permutes the color channels at random (output channel c is input channel `order[c]`); alpha stays, gray images are unchanged. Any dtype; labels are unchanged.',
  schema: z.object({ p: probability(0.5) }).strict(),
  // Reads only the channel count, which no geometric step changes, so pending warps need not flush.
  sample: (rng, ctx): ChannelShuffleParams => ({ order: ctx.sample.image.channels === 1 ? [0] : rng.shuffle([0, 1, 2]) }),
  kernels: colorKernels(imageKernel<ChannelShuffleParams>('ChannelShuffle', ANY_IMAGE, (img, p) => channelShuffle(img, p.order))),
  // One draw in six is the identity permutation.
  conformance: { options: {}, mayBeIdentity: true, edit: { param: 'order', value: [1, 2, 0] } },
});
