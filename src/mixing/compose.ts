/**
 * Painting placed layers into one output sample: pixels in layer order, each layer hiding the
 * labels of the layers under it (layer.ts), then every label kind the sample carries merged.
 */
import type { BoxMethod } from '../geometry/boxes.js';
import type { Fill } from '../functional/types.js';
import { createImage, type Image } from '../targets/image.js';
import type { Sample } from '../targets/sample.js';
import { mergeLabels, occlude, type Cover, type Layer, type LayerLabels } from './layer.js';

export interface ComposeOptions {
  readonly width: number;
  readonly height: number;
  readonly boxMethod: BoxMethod;
  readonly fill: Fill;
}

export interface Composed {
  readonly sample: Sample;
  /** Rows (in the output, before box filters) whose polygon rings were dropped for their mask. */
  readonly maskOnly: number[];
}

/**
 * Paints `layers` (first = bottom) over a canvas filled with `fill`. `sources[k]` names the mix
 * input layer k came from (0 = the sample). The output has `base`'s label kinds, id and label.
 */
export function composeLayers(base: Sample, layers: readonly Layer[], sources: readonly number[], o: ComposeOptions): Composed {
  const canvas = { width: o.width, height: o.height };
  const image = blank(base.image, o.width, o.height, o.fill);
  const ch = image.channels;
  const touchedBy: number[][] = layers.map(() => []);
  for (let k = 0; k < layers.length; k++) {
    const l = layers[k]!;
    const [x0, y0, x1, y1] = l.region;
    const rw = x1 - x0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (l.cover && l.cover[y * o.width + x] !== 1) continue;
        const src = ((y - y0) * rw + (x - x0)) * ch;
        const dst = (y * o.width + x) * ch;
        for (let c = 0; c < ch; c++) image.data[dst + c] = l.image.data[src + c]!;
      }
    }
    const cover: Cover = l.cover ? { pixels: l.cover, width: o.width } : { rect: l.region };
    for (let j = 0; j < k; j++) touchedBy[j]!.push(...occlude(layers[j]!.labels, cover, o.boxMethod, canvas));
  }
  const kinds: LayerLabels = {
    ...(base.boxes ? { boxes: base.boxes } : {}),
    ...(base.polygons ? { polygons: base.polygons } : {}),
    ...(base.instanceMasks ? { instanceMasks: base.instanceMasks } : {}),
    ...(base.keypoints ? { keypoints: base.keypoints } : {}),
  };
  const merged = mergeLabels(layers.map((l, k) => ({ labels: l.labels, source: sources[k]! })), kinds, canvas);
  const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...base, image, ...merged };
  if (base.mask) out.mask = paintMasks(base.mask, layers, o.width, o.height);
  const maskOnly: number[] = [];
  let offset = 0;
  layers.forEach((l, k) => {
    for (const r of touchedBy[k]!) maskOnly.push(offset + r);
    offset += l.labels.boxes?.visibility.length ?? l.labels.polygons?.instances.length ?? 0;
  });
  return { sample: out, maskOnly: [...new Set(maskOnly)].sort((a, b) => a - b) };
}

function paintMasks(like: NonNullable<Sample['mask']>, layers: readonly Layer[], width: number, height: number): NonNullable<Sample['mask']> {
  const data = new (like.data.constructor as new (n: number) => typeof like.data)(width * height);
  for (const l of layers) {
    const m = l.labels.mask;
    if (!m) continue;
    const [x0, y0, x1, y1] = l.region;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        if (!l.cover || l.cover[i] === 1) data[i] = m.data[i]!;
      }
    }
  }
  return { width, height, data };
}

/** A canvas of `like`'s channels and dtype filled with `fill` (one value or one per channel). */
export function blank(like: Image, width: number, height: number, fill: Fill): Image {
  const img = createImage(width, height, like.channels, like.dtype) as Image;
  const f = typeof fill === 'number' ? [fill] : fill;
  if (f.every((v) => v === 0)) return like.maxValue === undefined ? img : { ...img, maxValue: like.maxValue };
  for (let i = 0; i < img.data.length; i++) img.data[i] = f[Math.min(f.length - 1, i % like.channels)]!;
  return like.maxValue === undefined ? img : { ...img, maxValue: like.maxValue };
}
