/**
 * JpegCompression: JPEG artefacts from a real encode and decode (Albumentations
 * JpegCompression / ImageCompression with JPEG).
 *
 * Defaults: `qualityRange: [99, 100]` (Albumentations' quality_lower, quality_upper), `p: 0.5`.
 * The codec is injected when running (`pipeline.run(sample, { codec })`, likewise `replay`):
 * sharpCodec in Node, a wasm or canvas codec in a browser; without one the step fails with a
 * message saying how to pass it. RGBA keeps its alpha; uint16 and float32 go through 8 bits.
 * Labels: no pixel moves, so every target is invariant.
 * @example {name: JpegCompression, qualityRange: [30, 90], p: 0.5}
 */
import { z } from 'zod';
import { AuguryError } from '../../core/errors.js';
import { probability, range } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { jpegCompress } from '../../functional/blur-noise/index.js';
import { pixelOnlyKernels } from './common.js';

type JpegParams = { quality: number };

export const JpegCompression = defineTransform({
  name: 'JpegCompression',
  family: 'blur-noise',
  description:
    'Encodes the image as JPEG at a quality drawn from `qualityRange` (1..100) and decodes it again, through the codec given to the run. Labels are unchanged.',
  schema: z
    .object({
      qualityRange: range({ scalar: 'exact', integer: true, min: 1, max: 100, description: 'JPEG quality, 1 (worst) to 100 (best)' }).prefault([99, 100]),
      p: probability(0.5),
    })
    .strict(),
  sample: (rng, _ctx, o): JpegParams => ({ quality: rng.int(o.qualityRange[0], o.qualityRange[1]) }),
  kernels: pixelOnlyKernels<JpegParams>((img, p, env) => {
    if (!env.codec) {
      throw new AuguryError({
        code: 'unsupported',
        message: 'JpegCompression needs an image codec to encode and decode, and none was given to this run',
        key: 'JpegCompression',
        expected: 'a codec in the run options',
        received: 'no codec',
        hint: "pass one: pipeline.run(sample, { codec: sharpCodec }) or pipeline.replay(sample, trace, { codec: sharpCodec }) with sharpCodec imported from 'augury' (in a browser, any object implementing Codec)",
      });
    }
    return jpegCompress(img, p.quality, env.codec);
  }),
  conformance: { options: { qualityRange: [20, 60] }, covers: { param: 'quality', range: [20, 60] }, edit: { param: 'quality', value: 1 } },
});
