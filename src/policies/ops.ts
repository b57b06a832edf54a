/**
 * Policy ops as catalog transforms: each op of either scale becomes a registered transform with
 * self-sufficient params, so it moves boxes, polygons, masks and keypoints like any other step
 * and a trace replays without policy code.
 *
 * Geometric conventions (pinned by test/policies/parity.test.ts against Pillow/torchvision):
 * - ShearX m: x' = x - m·y, about the origin (torchvision's `degrees(atan(m))` shear with centre
 *   [0, 0]; timm's PIL coefficient m). Affine's shear keeps the sheared axis's length, so the
 *   other axis is scaled by 1/cos to make the map a pure tangent shear.
 * - ShearY m: y' = y - m·x, about the origin.
 * - torchvision TranslateX m: content moves by trunc(m) px (it calls `int(magnitude)`).
 * - timm TranslateX(Rel) v: PIL samples x + v, so content moves by -v px (v·width for Rel).
 * - Rotate: degrees counter-clockwise about the image centre.
 */
import type { PolicyOp } from '../core/policy.js';
import type { Fill, Interpolation } from '../functional/types.js';

/** How the geometric ops resample: interpolation and the fill of uncovered pixels. */
export interface OpResampling {
  readonly interpolation: Interpolation;
  readonly fill: Fill;
}

/** Ops that move pixels (and so move labels); the others are pixel-value ops that move nothing. */
export const GEOMETRIC_OPS: ReadonlySet<string> = new Set(['ShearX', 'ShearY', 'TranslateX', 'TranslateY', 'TranslateXRel', 'TranslateYRel', 'Rotate']);

const RAD = 180 / Math.PI;

function affine(r: OpResampling, a: { scaleX?: number; scaleY?: number; translateX?: number; translateY?: number; shearX?: number; shearY?: number }): PolicyOp {
  return {
    name: 'Affine',
    params: {
      scaleX: a.scaleX ?? 1,
      scaleY: a.scaleY ?? 1,
      translateX: a.translateX ?? 0,
      translateY: a.translateY ?? 0,
      rotate: 0,
      shearX: a.shearX ?? 0,
      shearY: a.shearY ?? 0,
      centerX: 0,
      centerY: 0,
      fitOutput: false,
      interpolation: r.interpolation,
      border: 'constant',
      fill: r.fill,
      fillMask: 0,
    },
  };
}

/** x' = x - m·y about the origin, as Affine params. */
export function shearXOp(m: number, r: OpResampling): PolicyOp {
  const t = Math.atan(-m);
  return affine(r, { shearX: t * RAD, scaleY: 1 / Math.cos(t) });
}

/** y' = y - m·x about the origin, as Affine params (Affine's y shear is a rotation of the x axis: sin, not tan). */
export function shearYOp(m: number, r: OpResampling): PolicyOp {
  const t = Math.asin(m);
  return affine(r, { shearY: t * RAD, scaleX: 1 / Math.cos(t) });
}

export function translateOp(dx: number, dy: number, r: OpResampling): PolicyOp {
  return affine(r, { translateX: dx, translateY: dy });
}

export function rotateOp(angle: number, r: OpResampling): PolicyOp {
  return { name: 'Rotate', params: { angle, interpolation: r.interpolation, border: 'constant', fill: r.fill, fillMask: 0 } };
}

const factor = (name: string, f: number): PolicyOp => ({ name, params: { factor: f } });

/**
 * torchvision's `_apply_op(img, op_name, magnitude)` as catalog ops. Identity gives no op.
 * Enhancers take `1 + magnitude` (the sign is already applied).
 */
export function torchvisionOp(name: string, magnitude: number, r: OpResampling): PolicyOp[] {
  switch (name) {
    case 'Identity':
      return [];
    case 'ShearX':
      return [shearXOp(magnitude, r)];
    case 'ShearY':
      return [shearYOp(magnitude, r)];
    case 'TranslateX':
      return [translateOp(Math.trunc(magnitude), 0, r)];
    case 'TranslateY':
      return [translateOp(0, Math.trunc(magnitude), r)];
    case 'Rotate':
      return [rotateOp(magnitude, r)];
    case 'Brightness':
      return [factor('Brightness', 1 + magnitude)];
    case 'Color':
      return [factor('Saturation', 1 + magnitude)];
    case 'Contrast':
      return [factor('Contrast', 1 + magnitude)];
    case 'Sharpness':
      return [factor('Sharpness', 1 + magnitude)];
    case 'Posterize':
      return [{ name: 'Posterize', params: { numBits: Math.trunc(magnitude) } }];
    case 'Solarize':
      return [{ name: 'Solarize', params: { threshold: magnitude } }];
    case 'AutoContrast':
    case 'Equalize':
    case 'Invert':
      return [{ name, params: {} }];
    default:
      throw new Error(`no torchvision op ${name}`);
  }
}

/**
 * timm's op functions as catalog ops, given the argument its level function produced (already
 * negated where timm negates). `blurRadius` is GaussianBlurRand's drawn radius.
 */
export function timmOp(name: string, arg: number | null, r: OpResampling, width: number, height: number): PolicyOp[] {
  const a = arg ?? 0;
  switch (name) {
    case 'AutoContrast':
    case 'Equalize':
    case 'Invert':
      return [{ name, params: {} }];
    case 'Rotate':
      return [rotateOp(a, r)];
    case 'ShearX':
      return [shearXOp(a, r)];
    case 'ShearY':
      return [shearYOp(a, r)];
    case 'TranslateX':
      return [translateOp(-a, 0, r)];
    case 'TranslateY':
      return [translateOp(0, -a, r)];
    case 'TranslateXRel':
      return [translateOp(-a * width, 0, r)];
    case 'TranslateYRel':
      return [translateOp(0, -a * height, r)];
    case 'Posterize':
    case 'PosterizeIncreasing':
    case 'PosterizeOriginal':
      // timm returns the image unchanged from 8 bits up; PIL keeps 0 bits as black.
      return [{ name: 'Posterize', params: { numBits: Math.max(0, Math.min(8, a)) } }];
    case 'Solarize':
    case 'SolarizeIncreasing':
      return [{ name: 'Solarize', params: { threshold: a } }];
    case 'SolarizeAdd':
      return [{ name: 'SolarizeAdd', params: { add: a, threshold: 128 } }];
    case 'Color':
    case 'ColorIncreasing':
      return [factor('Saturation', a)];
    case 'Contrast':
    case 'ContrastIncreasing':
      return [factor('Contrast', a)];
    case 'Brightness':
    case 'BrightnessIncreasing':
      return [factor('Brightness', a)];
    case 'Sharpness':
    case 'SharpnessIncreasing':
      return [factor('Sharpness', a)];
    case 'Desaturate':
      return [factor('Saturation', Math.min(1, Math.max(0, 1 - a)))];
    case 'GaussianBlur':
    case 'GaussianBlurRand':
      // PIL's radius is the Gaussian's standard deviation; ksize 0 derives the kernel from it.
      return [{ name: 'GaussianBlur', params: { ksize: 0, sigma: a } }];
    default:
      throw new Error(`no timm op ${name}`);
  }
}
