/**
 * Coordinate maps for the distortion transforms. Each builder returns maps for remap.ts: for the
 * centre of every output pixel, the continuous input point it shows. Labels follow the same maps
 * through map-points.ts. Builders are pure: the same arguments (and seed) give the same maps,
 * bit for bit.
 *
 * References and where we differ (all differences keep "no distortion" an exact identity):
 * - elasticField: Albumentations 1.3.1 ElasticTransform (approximate=False): a uniform(-1, 1)
 *   displacement per pixel for x then for y, each smoothed by a Gaussian of std `sigma`
 *   (scipy.ndimage.gaussian_filter: kernel truncated at radius floor(4·sigma + 0.5), border
 *   'reflect' = dcba|abcd), then multiplied by `alpha`, in pixels. Its random affine part
 *   (alpha_affine) is a separate warp. torchvision's alpha is in different units (it divides by
 *   the image size), so convert before comparing.
 * - gridDistortionMaps: Albumentations GridDistortion: each axis is cut into `numSteps` cells of
 *   floor(size / numSteps) pixels, the last cell taking the remainder; cell k of the output shows
 *   a stretch of the input `steps[k]` times as long. We interpolate cells piecewise linearly in
 *   continuous coordinates (1.3.1 used np.linspace per cell, which repeats each knot and is not the
 *   identity for unit steps). `normalize` rescales so the last knot lands on the image edge (the
 *   `normalized` option of later Albumentations).
 * - opticalDistortionMaps: Albumentations OpticalDistortion (cv2.initUndistortRectifyMap with
 *   fx = width, fy = height, distortion [k, k, 0, 0, 0]): for output point X, x = (X - c) / f,
 *   r² = x² + y², input = c + f·x·(1 + k·r² + k·r⁴), with the centre c = (W/2 + dx, H/2 + dy)
 *   in continuous coordinates on both sides. (1.3.1 put the output centre at pixel index
 *   (W-1)/2 and the lens centre at index W/2, a half-pixel shift even for k = 0.)
 */
import { Rng } from '../../core/rng.js';
import { borderIndex, checkFinite, checkInt, invalid } from './common.js';
import { fastElasticField } from '../../backend/fast/fields.js';

/** Per-output-pixel continuous input coordinates, row-major, `width * height` each. */
export interface CoordinateMaps {
  readonly width: number;
  readonly height: number;
  readonly mapX: Float32Array;
  readonly mapY: Float32Array;
}

/** A displacement per pixel, in pixels. */
export interface DisplacementField {
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

/**
 * Random smooth displacements for ElasticTransform, from the 32-bit `seed` (an `Rng` stream):
 * all x draws row by row, then all y draws. Smoothing runs along rows, then along columns, in
 * float64; values are stored as float32 after multiplying by `alpha`. `sigma` 0 skips smoothing;
 * `alpha` 0 gives a zero field.
 * @example
 * const { dx, dy } = elasticField(w, h, 34, 4, params.seed);
 * const { mapX, mapY } = displacementMaps(dx, dy, w, h);
 */
export function elasticField(width: number, height: number, alpha: number, sigma: number, seed: number): DisplacementField {
  checkDims(width, height, 'elasticField');
  checkFinite(alpha, 'elasticField.alpha', 'alpha scales the displacement in pixels; use a finite number such as 1 or 34');
  checkFinite(sigma, 'elasticField.sigma', 'sigma is the smoothing std in pixels; use a finite number >= 0 such as 4 or 50');
  if (sigma < 0) throw invalid('elasticField.sigma', 'sigma must not be negative', 'a number >= 0', sigma, 'use 0 for no smoothing');
  checkInt(seed, 'elasticField.seed', 0, 'pass the 32-bit sub-seed stored in the transform params', 0xffffffff);
  const kernel = sigma > 0 ? elasticKernel(sigma) : null;
  const r = kernel ? kernel.length >> 1 : -1;
  const fast = fastElasticField(width, height, alpha, seed, kernel, () => reflectTable(width, r), () => reflectTable(height, r));
  if (fast) return fast;
  const rng = new Rng(seed);
  const n = width * height;
  const fields: Float32Array[] = [];
  const raw = new Float64Array(n);
  for (let f = 0; f < 2; f++) {
    for (let p = 0; p < n; p++) raw[p] = rng.uniform(-1, 1);
    const smooth = kernel ? gaussianSmooth(raw, width, height, kernel) : raw;
    const out = new Float32Array(n);
    for (let p = 0; p < n; p++) out[p] = smooth[p]! * alpha;
    fields.push(out);
  }
  return { dx: fields[0]!, dy: fields[1]! };
}

/** Maps that show input point (j + 0.5 + dx, i + 0.5 + dy) at output pixel (i, j). */
export function displacementMaps(dx: Float32Array, dy: Float32Array, width: number, height: number): CoordinateMaps {
  checkDims(width, height, 'displacementMaps');
  if (dx.length !== width * height || dy.length !== width * height) {
    throw invalid('displacementMaps.dx', 'displacement fields must hold one value per pixel', `${width * height} values`, `${dx.length} and ${dy.length}`, 'build fields with elasticField for the same size');
  }
  const mapX = new Float32Array(width * height), mapY = new Float32Array(width * height);
  for (let i = 0, p = 0; i < height; i++) {
    for (let j = 0; j < width; j++, p++) {
      mapX[p] = j + 0.5 + dx[p]!;
      mapY[p] = i + 0.5 + dy[p]!;
    }
  }
  return { width, height, mapX, mapY };
}

/**
 * GridDistortion maps. `xSteps` and `ySteps` hold one positive multiplier per cell
 * (`numSteps` each); all ones give the identity.
 * @example gridDistortionMaps(w, h, 5, [1.2, 0.9, 1, 1.1, 0.8], [1, 1, 1, 1, 1])
 */
export function gridDistortionMaps(width: number, height: number, numSteps: number, xSteps: readonly number[], ySteps: readonly number[], normalize = false): CoordinateMaps {
  checkDims(width, height, 'gridDistortionMaps');
  checkInt(numSteps, 'gridDistortionMaps.numSteps', 1, 'every cell needs at least one pixel: use numSteps <= the smaller image side', Math.min(width, height));
  const xs = axisMap(width, numSteps, xSteps, normalize, 'gridDistortionMaps.xSteps');
  const ys = axisMap(height, numSteps, ySteps, normalize, 'gridDistortionMaps.ySteps');
  const mapX = new Float32Array(width * height), mapY = new Float32Array(width * height);
  for (let i = 0, p = 0; i < height; i++) {
    for (let j = 0; j < width; j++, p++) {
      mapX[p] = xs[j]!;
      mapY[p] = ys[i]!;
    }
  }
  return { width, height, mapX, mapY };
}

/** Input coordinate of each output pixel centre along one axis. */
function axisMap(size: number, numSteps: number, steps: readonly number[], normalize: boolean, key: string): Float64Array {
  if (steps.length !== numSteps || !steps.every((s) => Number.isFinite(s) && s > 0)) {
    throw invalid(key, 'expected one positive step multiplier per cell', `${numSteps} finite numbers > 0`, steps, 'sample each step as 1 + uniform(-distortLimit, distortLimit) with distortLimit < 1');
  }
  const cell = Math.floor(size / numSteps);
  const outKnots = new Float64Array(numSteps + 1);
  const inKnots = new Float64Array(numSteps + 1);
  for (let k = 0; k < numSteps; k++) {
    outKnots[k + 1] = k === numSteps - 1 ? size : (k + 1) * cell;
    inKnots[k + 1] = inKnots[k]! + (outKnots[k + 1]! - outKnots[k]!) * steps[k]!;
  }
  if (normalize) {
    const s = size / inKnots[numSteps]!;
    for (let k = 1; k < numSteps; k++) inKnots[k] = inKnots[k]! * s;
    inKnots[numSteps] = size;
  }
  const out = new Float64Array(size);
  let k = 0;
  for (let j = 0; j < size; j++) {
    const x = j + 0.5;
    while (x >= outKnots[k + 1]!) k++;
    const t = (x - outKnots[k]!) / (outKnots[k + 1]! - outKnots[k]!);
    out[j] = inKnots[k]! + t * (inKnots[k + 1]! - inKnots[k]!);
  }
  return out;
}

/**
 * OpticalDistortion maps: radial distortion `k` (negative: pincushion-like, positive:
 * barrel-like) about the centre shifted by (`dx`, `dy`) pixels. k = 0 gives the identity.
 */
export function opticalDistortionMaps(width: number, height: number, k: number, dx = 0, dy = 0): CoordinateMaps {
  checkDims(width, height, 'opticalDistortionMaps');
  checkFinite(k, 'opticalDistortionMaps.k', 'k is the radial coefficient, typically within [-0.5, 0.5]');
  checkFinite(dx, 'opticalDistortionMaps.dx', 'dx shifts the lens centre in pixels');
  checkFinite(dy, 'opticalDistortionMaps.dy', 'dy shifts the lens centre in pixels');
  const cx = width / 2 + dx, cy = height / 2 + dy;
  const mapX = new Float32Array(width * height), mapY = new Float32Array(width * height);
  for (let i = 0, p = 0; i < height; i++) {
    const y = (i + 0.5 - cy) / height;
    for (let j = 0; j < width; j++, p++) {
      const x = (j + 0.5 - cx) / width;
      const r2 = x * x + y * y;
      const f = 1 + k * r2 + k * r2 * r2;
      mapX[p] = cx + width * x * f;
      mapY[p] = cy + height * y * f;
    }
  }
  return { width, height, mapX, mapY };
}

function checkDims(width: number, height: number, fn: string): void {
  checkInt(width, `${fn}.width`, 1, 'pass the image width in whole pixels');
  checkInt(height, `${fn}.height`, 1, 'pass the image height in whole pixels');
}

/** The smoothing kernel: a Gaussian of std `sigma` truncated at radius floor(4·sigma + 0.5), normalized. */
function elasticKernel(sigma: number): Float64Array {
  const r = Math.floor(4 * sigma + 0.5);
  const kernel = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let t = -r; t <= r; t++) {
    const v = Math.exp((-0.5 * t * t) / (sigma * sigma));
    kernel[t + r] = v;
    sum += v;
  }
  for (let t = 0; t < kernel.length; t++) kernel[t] = kernel[t]! / sum;
  return kernel;
}

/** Entry j is the index position j - r reads on an axis of `len` with the 'reflect' border. */
function reflectTable(len: number, r: number): Int32Array {
  const t = new Int32Array(len + 2 * Math.max(r, 0));
  for (let j = 0; j < t.length; j++) t[j] = borderIndex(j - r, len, 'reflect');
  return t;
}

/** Separable Gaussian with `kernel`, rows then columns, border 'reflect'. */
function gaussianSmooth(src: Float64Array, w: number, h: number, kernel: Float64Array): Float64Array {
  const r = kernel.length >> 1;
  // Both passes add the taps in the same order (t = 0..2r) for every pixel, looping over t
  // outside so that rows are read contiguously; the sums are those of a per-pixel loop.
  const tmp = new Float64Array(w * h);
  const cols = reflectTable(w, r);
  for (let i = 0; i < h; i++) {
    const row = i * w;
    const acc = tmp.subarray(row, row + w);
    for (let t = 0; t <= 2 * r; t++) {
      const k = kernel[t]!;
      for (let j = 0; j < w; j++) acc[j] = acc[j]! + k * src[row + cols[j + t]!]!;
    }
  }
  const out = new Float64Array(w * h);
  for (let i = 0; i < h; i++) {
    const acc = out.subarray(i * w, (i + 1) * w);
    for (let t = 0; t <= 2 * r; t++) {
      const k = kernel[t]!;
      const srow = borderIndex(i - r + t, h, 'reflect') * w;
      for (let j = 0; j < w; j++) acc[j] = acc[j]! + k * tmp[srow + j]!;
    }
  }
  return out;
}
