/**
 * What every color transform shares: the label kernels (a color op moves nothing, so every label
 * target is invariant), the input check that names the transform and the sample, and the uint8
 * value scale in which options such as Solarize's threshold are written.
 */
import { AuguryError, isAuguryError, show } from '../../core/errors.js';
import type { KernelEnv, Kernels, Params, ToneTable } from '../../core/transform.js';
import { pointOpTable, type PointOpKind, type PointOpParams } from '../../functional/color/index.js';
import { maxValueOf, type Channels, type DType, type Image } from '../../targets/image.js';

/** Which images a color transform accepts; `hint` says what to do with any other image. */
export interface ColorSupport {
  readonly dtypes: readonly DType[];
  readonly channels: readonly Channels[];
  /** What to do with an unsupported dtype (defaults to a generic hint). */
  readonly dtypeHint?: string;
  /** What to do with an unsupported channel count (defaults to a generic hint). */
  readonly channelHint?: string;
}

export const ANY_IMAGE: ColorSupport = { dtypes: ['uint8', 'uint16', 'float32'], channels: [1, 3, 4] };
export const INTEGER_IMAGES: readonly DType[] = ['uint8', 'uint16'];

/** Where an error happened, for kernels: the sample's file and id. */
function location(env: KernelEnv, name: string) {
  const file = env.input.source?.file;
  return { ...(file !== undefined ? { file } : {}), record: `sample ${show(env.input.id)}`, key: name };
}

/**
 * Refuses an image the transform cannot handle, naming the transform, the sample and what to do.
 * Normalized images (float32 with no intensity scale) are refused by every color transform.
 */
export function checkInput(name: string, img: Image, env: KernelEnv, support: ColorSupport): void {
  const where = location(env, name);
  if (!Number.isFinite(maxValueOf(img))) {
    throw new AuguryError({
      code: 'unsupported',
      ...where,
      message: `${name} cannot run on a normalized image`,
      expected: 'an image with an intensity scale (uint8, uint16, or float32 in [0, 1])',
      received: 'the output of Normalize',
      hint: `move Normalize to the end of the pipeline, after ${name} and every other color transform`,
    });
  }
  if (!support.dtypes.includes(img.dtype)) {
    throw new AuguryError({
      code: 'unsupported',
      ...where,
      message: `${name} does not support ${img.dtype} images`,
      expected: support.dtypes.join(' or '),
      received: img.dtype,
      hint: support.dtypeHint ?? `place ${name} before ToFloat and Normalize in the pipeline, or read the images as ${support.dtypes.join(' or ')}`,
    });
  }
  if (!support.channels.includes(img.channels)) {
    throw new AuguryError({
      code: 'unsupported',
      ...where,
      message: `${name} does not support images with ${img.channels} channel${img.channels === 1 ? '' : 's'}`,
      expected: `${support.channels.join(' or ')} channels`,
      received: String(img.channels),
      hint: support.channelHint ?? `remove ${name} for these images, or convert them to ${support.channels.join(' or ')} channels when reading`,
    });
  }
}

/**
 * An image kernel that checks its input and adds the transform, file and sample to any error a
 * pixel kernel throws (a hand-edited trace can carry a bad value).
 */
export function imageKernel<P extends Params>(
  name: string,
  support: ColorSupport,
  fn: (img: Image, params: P, env: KernelEnv) => Image,
): (img: Image, params: P, env: KernelEnv) => Image {
  return (img, params, env) => {
    checkInput(name, img, env, support);
    try {
      return fn(img, params, env);
    } catch (e) {
      if (isAuguryError(e)) {
        const where = location(env, name);
        throw e.at({ record: where.record, ...(where.file !== undefined ? { file: where.file } : {}) });
      }
      throw e;
    }
  };
}

/** Kernels of a color transform: its image kernel, every label target invariant. */
export function colorKernels<P extends Params>(image: (img: Image, params: P, env: KernelEnv) => Image): Kernels<P> {
  return { image, mask: 'invariant', boxes: 'invariant', polygons: 'invariant', keypoints: 'invariant', label: 'invariant' };
}

/**
 * Factor from the uint8 value scale (in which thresholds and offsets are written, as in PIL and
 * AutoAugment) to this image's scale: 1 for uint8, 65535/255 for uint16, 1/255 for float32.
 */
export function fromUint8Scale(img: Image): number {
  return img.dtype === 'uint8' ? 1 : maxValueOf(img) / 255;
}

/**
 * The lookup table a point-op transform's kernel applies to `img` (`applyPointOp`: the op's table
 * for the image's dtype and maxValue, entries capped at maxValue as `lut` caps them), for tone
 * fusion. null where the kernel does not go through a table (float32, a normalized image) or the
 * params are invalid (the kernel then runs and reports them).
 */
export function toneTable<K extends PointOpKind>(kind: K, params: PointOpParams[K], img: Image): ToneTable | null {
  if (img.dtype === 'float32') return null;
  const max = maxValueOf(img);
  if (!Number.isFinite(max)) return null;
  let t: ToneTable;
  try {
    t = pointOpTable(kind, params, img.dtype, max);
  } catch {
    return null;
  }
  const cap = Math.min(max, t.length - 1);
  for (let i = 0; i < t.length; i++) if (t[i]! > cap) t[i] = cap;
  return t;
}

/** A validation error for a param of a (possibly hand-edited) trace. */
export function badParam(name: string, param: string, env: KernelEnv, expected: string, received: unknown, hint: string): AuguryError {
  const where = location(env, name);
  return new AuguryError({ code: 'validation', ...where, key: `${name}.${param}`, message: `invalid ${param} for ${name}`, expected, received: show(received), hint });
}
