/**
 * A painted sample for geometry checks (the idea of test/conformance/geometry-consistency.test.ts,
 * repeated here so that policy tests do not import a test file): three objects painted in unique
 * colours with matching boxes, polygons and instance masks, and three one-pixel keypoint markers.
 */
import { polygonsToMask } from '../../src/io/datasets/coco/rle.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createImage, type Image } from '../../src/targets/image.js';
import { createKeypoints } from '../../src/targets/keypoints.js';
import { createInstanceMasks } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';
import type { Sample } from '../../src/targets/sample.js';

export const W = 96;
export const H = 72;
export const SHAPES = [
  [20, 18, 40, 16, 38, 36, 22, 38],
  [50, 14, 70, 14, 70, 32, 50, 32],
  [36, 44, 50, 40, 62, 46, 58, 58, 40, 58],
] as const;
export const COLOURS = [
  [250, 40, 40],
  [40, 250, 40],
  [40, 40, 250],
] as const;
export const KEYPOINTS = [
  [76.5, 20.5],
  [24.5, 52.5],
  [70.5, 54.5],
] as const;
export const KP_COLOURS = [
  [250, 250, 40],
  [40, 250, 250],
  [250, 40, 250],
] as const;

export function paintedSample(): Sample {
  const image = createImage(W, H, 3, 'uint8');
  const masks = SHAPES.map((ring) => polygonsToMask([Array.from(ring)], W, H));
  masks.forEach((m, i) => m.forEach((v, p) => v && image.data.set(COLOURS[i]!, p * 3)));
  KEYPOINTS.forEach(([x, y], i) => image.data.set(KP_COLOURS[i]!, (Math.floor(y) * W + Math.floor(x)) * 3));
  const boxes = SHAPES.map((r) => {
    const xs = r.filter((_, k) => k % 2 === 0);
    const ys = r.filter((_, k) => k % 2 === 1);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  return {
    id: 'painted',
    image,
    boxes: createBoxes({ xyxy: boxes.flat(), labels: [0, 1, 2] }),
    polygons: createPolygons({ instances: SHAPES.map((r) => [Array.from(r)]), labels: [0, 1, 2] }),
    instanceMasks: createInstanceMasks(W, H, masks.map((m) => Uint8Array.from(m)), [0, 1, 2]),
    keypoints: createKeypoints({ xy: KEYPOINTS.flat() }),
  };
}

/** The pixels of exactly `rgb`: their box (continuous), centroid, count and a 0/1 plane. */
export function readBack(img: Image, rgb: readonly number[]): { box: number[]; cx: number; cy: number; n: number; plane: Uint8Array } {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity, sx = 0, sy = 0, n = 0;
  const plane = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * img.channels;
      if (img.data[o] === rgb[0] && img.data[o + 1] === rgb[1] && img.data[o + 2] === rgb[2]) {
        x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x + 1); y2 = Math.max(y2, y + 1);
        sx += x + 0.5; sy += y + 0.5; n++;
        plane[y * img.width + x] = 1;
      }
    }
  }
  return { box: [x1, y1, x2, y2], cx: sx / Math.max(1, n), cy: sy / Math.max(1, n), n, plane };
}
