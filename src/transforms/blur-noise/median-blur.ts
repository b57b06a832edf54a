/**
 * MedianBlur: per-channel median over an odd square window (OpenCV medianBlur, replicate border).
 *
 * Defaults: `blurLimit: [3, 7]`, `p: 0.5`. Labels: no pixel moves, so every target is invariant.
 * @example {name: MedianBlur, blurLimit: 5, p: 0.3}
 */
import { z } from 'zod';
import { probability } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { medianBlur } from '../../functional/blur-noise/index.js';
import { blurLimit, drawKernelSize, pixelOnlyKernels } from './common.js';

type MedianBlurParams = { ksize: number };

export const MedianBlur = defineTransform({
  name: 'MedianBlur',
  family: 'blur-noise',
  description: 'Replaces each pixel by the median of its window, whose odd size is drawn from `blurLimit`; removes salt-and-pepper noise and keeps edges. Labels are unchanged.',
  schema: z
    .object({
      blurLimit: blurLimit({ scalarFrom: 3, min: 1, description: 'median window size in pixels' }).prefault([3, 7]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): MedianBlurParams => ({ ksize: drawKernelSize(rng, o.blurLimit) }),
  kernels: pixelOnlyKernels<MedianBlurParams>((img, p) => medianBlur(img, p.ksize)),
  conformance: { options: { blurLimit: [3, 7] }, covers: { param: 'ksize', range: [3, 7] }, edit: { param: 'ksize', value: 1 } },
});
