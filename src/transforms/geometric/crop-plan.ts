/**
 * The one pixel plan behind every crop, resize and pad: cut an integer window out of the input
 * (parts of it outside the image read the fill value), resize the window, then pad around it.
 * Each stage is a scale or a translation, so a whole plan is one matrix; boxes, polygons and
 * keypoints follow that matrix exactly, while the pixels take the exact fast paths (a copy for
 * crops and pads, the resize filter for resizes) instead of a generic warp.
 *
 * Fusion: every plan exposes its warp (`planWarp`). A lone step still runs these kernels (the
 * executor resamples through the composed warp only when two or more warps fuse), so a resize
 * alone keeps its area filter; fused with other warps it is resampled once with its
 * interpolation. The label kernels take the canvas sizes from `env`, which are right while
 * earlier warps wait to be resampled.
 */
import type { KernelEnv, Kernels, Params, WarpSpec } from '../../core/transform.js';
import { cropImage, cropMask, cropResizeImage, padImage, padMask, resizeImage, resizeMask } from '../../functional/geometric/index.js';
import type { BorderMode, Fill, Interpolation, MaskPlane } from '../../functional/types.js';
import { mapBoxes } from '../../geometry/boxes.js';
import { mapKeypoints } from '../../geometry/keypoints.js';
import { compose, scaling, translation, type Mat3 } from '../../geometry/matrix.js';
import { mapPolygons } from '../../geometry/polygons.js';
import type { Image } from '../../targets/image.js';

/** An integer window of the input: top-left pixel (x, y), size width x height. */
export interface PlanCrop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlanResize {
  readonly width: number;
  readonly height: number;
  readonly interpolation: Interpolation;
}

export interface PlanPad {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly border: BorderMode;
}

/** Crop, then resize, then pad; any stage may be missing. */
export interface CropPlan {
  readonly crop?: PlanCrop;
  readonly resize?: PlanResize;
  readonly pad?: PlanPad;
  /** Image value for window parts outside the image and for constant pads. */
  readonly fill: Fill;
  /** Mask label for the same places. */
  readonly fillMask: number;
}

/** The plan of a step from its params and the size of the image entering it. */
export type PlanOf<P> = (params: P, width: number, height: number) => CropPlan;

/** Size after the crop (or the input size without one). */
function croppedSize(plan: CropPlan, width: number, height: number): { width: number; height: number } {
  return plan.crop ? { width: plan.crop.width, height: plan.crop.height } : { width, height };
}

/** Output size of a plan applied to a `width` x `height` input. */
export function planSize(plan: CropPlan, width: number, height: number): { width: number; height: number } {
  const c = plan.resize ?? croppedSize(plan, width, height);
  const p = plan.pad;
  return p ? { width: c.width + p.left + p.right, height: c.height + p.top + p.bottom } : { width: c.width, height: c.height };
}

/**
 * The forward matrix (input continuous coordinates to output). The input size only matters for
 * a resize without a crop, i.e. for steps that never fuse and so always see their real input.
 */
export function planMatrix(plan: CropPlan, width: number, height: number): Mat3 {
  const parts: Mat3[] = [];
  if (plan.crop) parts.push(translation(-plan.crop.x, -plan.crop.y));
  if (plan.resize) {
    const c = croppedSize(plan, width, height);
    parts.push(scaling(plan.resize.width / c.width, plan.resize.height / c.height));
  }
  if (plan.pad) parts.push(translation(plan.pad.left, plan.pad.top));
  return compose(...parts);
}

/** Applies a plan to an image with the exact kernels: copy, resize filter, pad. */
export function planImage<I extends Image>(img: I, plan: CropPlan): I {
  let out = img;
  const c = plan.crop;
  const r = plan.resize;
  if (c && r && (r.width !== c.width || r.height !== c.height)) {
    // Crop and resize in one pass (same pixels; the window is not copied out first).
    out = cropResizeImage(out, c.x, c.y, c.width, c.height, r.width, r.height, r.interpolation, plan.fill);
  } else {
    if (c && !(c.x === 0 && c.y === 0 && c.width === img.width && c.height === img.height)) {
      out = cropImage(out, c.x, c.y, c.width, c.height, plan.fill);
    }
    if (r && (r.width !== out.width || r.height !== out.height)) out = resizeImage(out, r.width, r.height, r.interpolation);
  }
  const p = plan.pad;
  if (p && p.top + p.bottom + p.left + p.right > 0) out = padImage(out, p.top, p.bottom, p.left, p.right, p.border, plan.fill);
  // Every stage may have been a no-op; the output must still never alias the input.
  return out === img ? { ...img, data: img.data.slice() } as I : out;
}

/** Applies a plan to a mask plane: same windows, nearest resize, pads with `fillMask`. */
export function planMask(mask: MaskPlane, plan: CropPlan): MaskPlane {
  let out = mask;
  const c = plan.crop;
  if (c && !(c.x === 0 && c.y === 0 && c.width === mask.width && c.height === mask.height)) {
    out = cropMask(out, c.x, c.y, c.width, c.height, plan.fillMask);
  }
  const r = plan.resize;
  if (r && (r.width !== out.width || r.height !== out.height)) out = resizeMask(out, r.width, r.height);
  const p = plan.pad;
  if (p && p.top + p.bottom + p.left + p.right > 0) out = padMask(out, p.top, p.bottom, p.left, p.right, p.border, plan.fillMask);
  return out === mask ? { ...mask, data: mask.data.slice() } : out;
}

/**
 * Kernels for a plan. Labels use the canvas sizes from `env` (`inputWidth`/`inputHeight` and
 * the output `width`/`height`), which are right whether or not earlier warps are still waiting
 * to be resampled together.
 */
export function planKernels<P extends Params>(planOf: PlanOf<P>): Kernels<P> {
  const matrixOf = (p: P, env: KernelEnv) => planMatrix(planOf(p, env.inputWidth, env.inputHeight), env.inputWidth, env.inputHeight);
  return {
    image: (img, p) => planImage(img, planOf(p, img.width, img.height)),
    mask: (m, p) => planMask(m, planOf(p, m.width, m.height)),
    boxes: (b, p, env) =>
      mapBoxes(b, matrixOf(p, env), { width: env.width, height: env.height }, {
        method: env.boxMethod,
        clip: env.clipBoxes,
        ...(env.input.polygons ? { polygons: env.input.polygons } : {}),
        ...(env.instanceMasks ? { instanceMasks: env.instanceMasks } : {}),
      }).boxes,
    polygons: (poly, p, env) => mapPolygons(poly, matrixOf(p, env), { width: env.width, height: env.height }).polygons,
    keypoints: (k, p, env) => mapKeypoints(k, matrixOf(p, env), { width: env.width, height: env.height }, { removeInvisible: env.removeInvisibleKeypoints }),
    label: 'invariant',
  };
}

/**
 * The warp of a plan, for fusion with neighbouring warps. A crop followed by a pad is not one
 * warp (the padding would show the pixels the crop cut off): `null` then. Crops and pads move
 * pixels by whole pixels (exact: they fuse with any interpolation); a resize brings its own
 * interpolation ('area' falls back to bilinear inside a fused warp). A lone step still runs its
 * own kernels (exact copies, the resize filter), pinned by test/transforms/geometric/crop-plan.test.ts.
 */
export function planWarp<P>(planOf: PlanOf<P>): (params: P, width: number, height: number) => WarpSpec | null {
  return (params, width, height) => {
    const plan = planOf(params, width, height);
    if (plan.crop && plan.pad) return null;
    const size = planSize(plan, width, height);
    return {
      matrix: planMatrix(plan, width, height),
      width: size.width,
      height: size.height,
      interpolation: plan.resize?.interpolation ?? 'nearest',
      border: plan.pad?.border ?? 'constant',
      fill: plan.fill,
      fillMask: plan.fillMask,
      exact: plan.resize === undefined,
    };
  };
}
