/**
 * Running one color transform through the pipeline on small hand-made images, so that each test
 * states its input values and the values it expects.
 */
import '../../../src/transforms/index.js';
import { Pipeline, type RunResult } from '../../../src/core/pipeline.js';
import { Rng } from '../../../src/core/rng.js';
import type { LeafTrace } from '../../../src/core/trace.js';
import { createImage, imageFrom, type Channels, type DType, type Image, type ImageOf } from '../../../src/targets/image.js';
import type { Sample } from '../../../src/targets/sample.js';

/** A `width` x 1 image holding `values` (pixels left to right, channels interleaved). */
export function row<D extends DType>(dtype: D, channels: Channels, values: readonly number[], maxValue?: number): ImageOf<D> {
  const ctor = dtype === 'uint8' ? Uint8Array : dtype === 'uint16' ? Uint16Array : Float32Array;
  const data = ctor.from(values) as ImageOf<D>['data'];
  return imageFrom(values.length / channels, 1, channels, dtype, data, maxValue);
}

/** A seeded random image; float32 values lie in [0, 1], uint16 use the full range. */
export function randomImage(seed: number, dtype: DType, channels: Channels, width = 9, height = 7): Image {
  const rng = new Rng(seed);
  const img = createImage(width, height, channels, dtype);
  for (let i = 0; i < img.data.length; i++) img.data[i] = dtype === 'uint8' ? rng.int(0, 255) : dtype === 'uint16' ? rng.int(0, 65535) : rng.next();
  return img as Image;
}

/** Runs `{name, ...options, p: 1}` on `image` (or a whole sample) with the given seed. */
export async function runStep(name: string, options: Record<string, unknown>, input: Image | Sample, seed = 0): Promise<RunResult> {
  const sample: Sample = 'image' in input ? input : { id: 'test', image: input };
  return Pipeline.fromConfig({ transforms: [{ name, ...options, p: 1 }] }).run(sample, { stream: { seed } });
}

/** The output image of one step. */
export async function apply(name: string, options: Record<string, unknown>, input: Image | Sample, seed = 0): Promise<Image> {
  return (await runStep(name, options, input, seed)).sample.image;
}

/** The params the step recorded. */
export function paramsOf(r: RunResult): Record<string, unknown> {
  return (r.trace.steps[0] as LeafTrace).params!;
}

export function values(img: Image): number[] {
  return Array.from(img.data);
}
