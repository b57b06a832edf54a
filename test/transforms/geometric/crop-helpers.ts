/** Shared helpers of the crop, resize and pad tests. */
import '../../../src/transforms/index.js';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import type { Params } from '../../../src/core/transform.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import { createImage, type Channels, type DType, type Image } from '../../../src/targets/image.js';
import type { Sample } from '../../../src/targets/sample.js';

/** A W x H image whose every value differs from its neighbours (so any shift shows). */
export function textured(width: number, height: number, channels: Channels = 3, dtype: DType = 'uint8'): Image {
  const img = createImage(width, height, channels, dtype) as Image;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = (x * 7 + y * 13 + c * 29 + ((x * y) % 11)) % 251;
        img.data[(y * width + x) * channels + c] = dtype === 'float32' ? v / 251 : dtype === 'uint16' ? v * 257 : v;
      }
    }
  }
  return img;
}

/** Value of channel `c` at pixel (x, y). */
export function px(img: Image, x: number, y: number, c = 0): number {
  return img.data[(y * img.width + x) * img.channels + c]!;
}

/** A sample with the given image and boxes (flat xyxy). */
export function sampleWith(image: Image, boxes: number[] = [], extra: Partial<Sample> = {}): Sample {
  return { id: 'crop-test', image, boxes: createBoxes({ xyxy: boxes, labels: Array.from({ length: boxes.length / 4 }, (_, i) => i) }), ...extra };
}

/** Runs one step (p forced to 1) with options on `s`; returns output and the step's params. */
export async function runStep(name: string, options: Record<string, unknown>, s: Sample, seed = 0, top: Record<string, unknown> = {}) {
  const r = await Pipeline.fromConfig({ ...top, transforms: [{ name, ...options, p: 1 }] }).run(s, { stream: { seed } });
  const leaf = r.trace.steps[0] as { params?: Params };
  return { sample: r.sample, params: leaf.params! };
}

/** Applies one step with explicit params (a hand-written trace), box filters included. */
export async function replayStep(name: string, params: Params, s: Sample, boxes: Record<string, unknown> = {}) {
  const r = await replayTrace(s, { version: 1, input: { width: s.image.width, height: s.image.height }, steps: [{ name, params }], backend: 'ts', boxes });
  return r.sample;
}

/** Rows of flat xyxy as arrays, for readable deepEqual. */
export function rows(xyxy: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < xyxy.length; i += 4) out.push(Array.from(xyxy.subarray(i, i + 4)));
  return out;
}

/** Asserts that two numbers agree within `tol`. */
export function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}
