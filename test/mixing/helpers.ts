/** Samples whose objects are painted in unique colours, so truth can be read back from pixels. */
import type { PartnerProvider } from '../../src/core/mix.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createImage, type Image } from '../../src/targets/image.js';
import { createInstanceMasks } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';
import type { Sample } from '../../src/targets/sample.js';

export type RectSpec = readonly [number, number, number, number];

/** Colour of object `k` of sample `s`: unique across samples, never the background. */
export function colourOf(s: number, k: number): [number, number, number] {
  return [40 + s * 20, 60 + k * 30, 200];
}

/** A sample `id` of size w x h, background grey `bg`, objects painted in order (later on top). */
export function paintedSample(index: number, w: number, h: number, rects: readonly RectSpec[], opts: { polygons?: boolean; masks?: boolean } = {}): Sample {
  const image = createImage(w, h, 3, 'uint8');
  image.data.fill(10 + index);
  const masks = rects.map(() => new Uint8Array(w * h));
  rects.forEach(([x0, y0, x1, y1], k) => {
    const c = colourOf(index, k);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      image.data.set(c, (y * w + x) * 3);
      for (const m of masks) m[y * w + x] = 0;
      masks[k]![y * w + x] = 1;
    }
  });
  const s: Sample = {
    id: `s${index}`,
    image,
    boxes: createBoxes({ xyxy: rects.flatMap((r) => [...r]), labels: rects.map((_, k) => index * 10 + k) }),
    ...(opts.masks !== false ? { instanceMasks: createInstanceMasks(w, h, masks, rects.map((_, k) => k)) } : {}),
    ...(opts.polygons ? { polygons: createPolygons({ instances: rects.map(([x0, y0, x1, y1]) => [[x0, y0, x1, y0, x1, y1, x0, y1]]) }) } : {}),
  };
  return s;
}

/** Tight box of the pixels of exactly `colour`, or null. */
export function colourBox(img: Image, colour: readonly number[]): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    const i = (y * img.width + x) * img.channels;
    if (img.data[i] === colour[0] && img.data[i + 1] === colour[1] && img.data[i + 2] === colour[2]) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
    }
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

export function provider(samples: readonly Sample[]): PartnerProvider {
  return {
    size: samples.length,
    get: async (i) => ({ id: samples[i]!.id, sample: samples[i]! }),
    byId: async (id) => samples.find((s) => s.id === id)!,
  };
}

export function boxRow(s: Sample, i: number): number[] {
  return Array.from(s.boxes!.xyxy.subarray(4 * i, 4 * i + 4));
}

/** The colour of output box row i (its label is sample index * 10 + object index). */
export function colourOfRow(s: Sample, i: number): [number, number, number] {
  const l = s.boxes!.labels[i]!;
  return colourOf(Math.floor(l / 10), l % 10);
}

/** Checks every output box against its object's visible pixels; returns the worst IoU. */
export function worstIoU(s: Sample): number {
  let worst = 1;
  for (let i = 0; i < s.boxes!.visibility.length; i++) {
    const truth = colourBox(s.image, colourOfRow(s, i));
    const b = boxRow(s, i);
    worst = Math.min(worst, truth ? iou(b, truth) : 0);
  }
  return worst;
}

export function iou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!), ih = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  const inter = iw > 0 && ih > 0 ? iw * ih : 0;
  const ua = (a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter;
  return ua > 0 ? inter / ua : 0;
}
