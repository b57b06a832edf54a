/**
 * Perspective: a random four-point perspective, as Albumentations' Perspective. Each image corner
 * moves inwards by |N(0, scale)| of the side (x and y apart), and the quadrilateral they span is
 * stretched onto the output canvas.
 *
 * Defaults: scale [0.05, 0.1], keepSize true, fitOutput false, interpolation bilinear, border
 * constant, fill 0, fillMask 0, p 0.5.
 *
 * YAML: `- {name: Perspective, scale: [0.05, 0.1], keepSize: true}`
 */
import { z } from 'zod';
import { probability, range, resamplingOptions, resampling, type Resampling } from '../../core/schema.js';
import { defineTransform } from '../../core/transform.js';
import { invert, mat3, multiply, scaling, type Mat3 } from '../../geometry/matrix.js';
import { fitCanvas } from './affine-matrix.js';
import { warpKernels, type WarpOf } from './warp-kernels.js';

/**
 * Largest corner jitter, as a fraction of the side. Albumentations wraps jitters at 0.32
 * (|n| mod 0.32), which lets the map's horizon (the line sent to infinity) cross the image
 * once the jitters pass sqrt(5) - 2 = 0.236 in the worst pattern: objects near a corner would
 * then map to infinity. We clamp at 0.2 instead, where the horizon provably stays off the
 * image (the worst pattern keeps every image corner at over a quarter of the centre's
 * projective weight), so no box, polygon or keypoint of the image can cross it. With the default
 * scales a jitter passes 0.2 in under 5% of draws at scale 0.1.
 */
export const MAX_JITTER = 0.2;

export type PerspectiveParams = {
  /** Source corners as fractions of width and height: top-left, top-right, bottom-right, bottom-left. */
  points: [number, number][];
  keepSize: boolean;
  fitOutput: boolean;
} & Resampling;

const schema = z
  .object({
    scale: range({ scalar: 'zero-to', min: 0, max: 1, description: 'standard deviation of the corner jitter as a fraction of the side (jitters are clamped to 0.2)' }).prefault([0.05, 0.1]),
    keepSize: z.boolean().default(true).describe('scale the result back to the input size (one resampling, not two)'),
    fitOutput: z.boolean().default(false).describe('grow the canvas to the whole mapped image, so nothing is cut off'),
    ...resamplingOptions(),
    p: probability(0.5),
  })
  .strict();

/** The projective map of the unit square's corners (0,0), (1,0), (1,1), (0,1) onto quad q (Heckbert). */
function squareToQuad(q: readonly number[]): Mat3 {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = q as [number, number, number, number, number, number, number, number];
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  if (dx3 === 0 && dy3 === 0) return mat3(x1 - x0, x3 - x0, x0, y1 - y0, y3 - y0, y0, 0, 0, 1);
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const h = (dx1 * dy3 - dx3 * dy1) / det;
  return mat3(x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1);
}

/**
 * The forward map and output size. The source quad (in continuous pixels) is stretched onto
 * [0, w] x [0, h]: the input size with `keepSize`, else Albumentations' int(longest opposite
 * side) per axis. With `fitOutput` the canvas is then grown to the whole mapped image (and, with
 * `keepSize`, scaled back to the input size). Albumentations warps to the intermediate size and
 * resizes afterwards; composing both into one matrix gives the same geometry with one resampling.
 */
export function perspectiveMap(p: Pick<PerspectiveParams, 'points' | 'keepSize' | 'fitOutput'>, width: number, height: number): { matrix: Mat3; width: number; height: number } {
  const q = p.points.flatMap(([x, y]) => [x * width, y * height]);
  let w = width, h = height;
  if (!p.keepSize || p.fitOutput) {
    const side = (a: number, b: number) => Math.hypot(q[2 * b]! - q[2 * a]!, q[2 * b + 1]! - q[2 * a + 1]!);
    w = Math.max(1, Math.trunc(Math.max(side(0, 1), side(3, 2))));
    h = Math.max(1, Math.trunc(Math.max(side(1, 2), side(0, 3))));
  }
  let m = multiply(scaling(w, h), invert(squareToQuad(q)));
  if (p.fitOutput) {
    const f = fitCanvas(m, width, height);
    m = f.matrix; w = f.width; h = f.height;
    if (p.keepSize) {
      m = multiply(scaling(width / w, height / h), m);
      w = width; h = height;
    }
  }
  return { matrix: m, width: w, height: h };
}

const warp: WarpOf<PerspectiveParams> = (p, width, height) => ({
  ...perspectiveMap(p, width, height),
  ...resampling(p),
});

export const Perspective = defineTransform({
  name: 'Perspective',
  family: 'geometric',
  description:
    'Moves each image corner inwards by a random amount and stretches that quadrilateral onto the canvas (a projective map); boxes, polygons and keypoints go through the same map. Corner jitters are clamped to 0.2 of the side so no object can cross the horizon.',
  schema,
  sample: (rng, _ctx, o): PerspectiveParams => {
    const s = rng.uniform(o.scale[0], o.scale[1]);
    const j: number[] = [];
    // Row-major like Albumentations' normal(0, scale, [4, 2]): x then y for each corner.
    for (let k = 0; k < 8; k++) j.push(Math.min(Math.abs(rng.normal(0, s)), MAX_JITTER));
    return {
      points: [
        [j[0]!, j[1]!],
        [1 - j[2]!, j[3]!],
        [1 - j[4]!, 1 - j[5]!],
        [j[6]!, 1 - j[7]!],
      ],
      keepSize: o.keepSize,
      fitOutput: o.fitOutput,
      ...resampling(o),
    };
  },
  kernels: warpKernels(warp),
  warp,
  conformance: {
    options: { scale: [0.05, 0.15] },
    edit: { param: 'points', value: [[0.1, 0], [1, 0.2], [0.9, 1], [0, 0.85]] },
  },
});
