/**
 * What a transform is: an options schema, a sampler that turns options and randomness into
 * plain-JSON params, and one kernel (or 'invariant' / 'unsupported') per target kind.
 * A missing kernel entry is a compile error; an unsupported target present in a sample is a
 * runtime error that names the transform, the target and what to use instead.
 */
import type { z } from 'zod';
import type { BoxMethod } from '../geometry/boxes.js';
import type { Mat3 } from '../geometry/matrix.js';
import type { Codec } from '../io/codecs/codec.js';
import type { Boxes } from '../targets/boxes.js';
import type { Image } from '../targets/image.js';
import type { Keypoints } from '../targets/keypoints.js';
import type { Label } from '../targets/label.js';
import type { InstanceMasks } from '../targets/mask.js';
import type { Polygons } from '../targets/polygons.js';
import type { Sample } from '../targets/sample.js';
import type { BorderMode, Fill, Interpolation, MaskPlane } from '../functional/types.js';
import type { Rng } from './rng.js';

/** The target kinds a kernel record covers. Instance masks and extra masks use the `mask` kernel. */
export type KernelTarget = 'image' | 'mask' | 'boxes' | 'polygons' | 'keypoints' | 'label';
export const KERNEL_TARGETS: readonly KernelTarget[] = ['image', 'mask', 'boxes', 'polygons', 'keypoints', 'label'];

export type Family = 'geometric' | 'color' | 'blur-noise' | 'occlusion' | 'bbox-only' | 'composition' | 'custom';

/** JSON-compatible params (what a trace stores). */
export type Params = Record<string, unknown>;

/** What `sample` may look at: the sample as it enters the step. */
export interface SampleContext {
  readonly width: number;
  readonly height: number;
  readonly sample: Sample;
}

/** What a kernel may look at besides its own target and params. */
export interface KernelEnv {
  /** The sample as it entered the step. */
  readonly input: Sample;
  /**
   * Size of the step's input canvas. Use this, not `input.image`: while warps wait to be
   * resampled together (fusion), `input.image` still has the size from before them.
   */
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Output canvas size (the size of the transformed image). */
  readonly width: number;
  readonly height: number;
  /** Instance masks already transformed by this step, when the sample has them. */
  readonly instanceMasks?: InstanceMasks;
  /** Box method for this run ('mask' when polygons or instance masks exist, unless configured). */
  readonly boxMethod: BoxMethod;
  /** Drop keypoints that leave the frame instead of keeping them with visibility 0. */
  readonly removeInvisibleKeypoints: boolean;
  /** Clip boxes to the output canvas (pipeline `boxes.clip`, default true). */
  readonly clipBoxes: boolean;
  /** Codec for transforms that encode (JpegCompression); injected, so src/ stays portable. */
  readonly codec?: Codec;
}

export type KernelFn<T, P> = (value: T, params: P, env: KernelEnv) => T;
export type Slot<T, P> = KernelFn<T, P> | 'invariant' | 'unsupported';

export interface Kernels<P> {
  /** Every transform handles images; one that changes nothing there says 'invariant'. */
  readonly image: ((img: Image, params: P, env: KernelEnv) => Image | Promise<Image>) | 'invariant';
  readonly mask: Slot<MaskPlane, P>;
  readonly boxes: Slot<Boxes, P>;
  readonly polygons: Slot<Polygons, P>;
  readonly keypoints: Slot<Keypoints, P>;
  readonly label: Slot<Label, P>;
}

/**
 * A step that is a single warp: its forward matrix (input continuous coordinates to output),
 * output size and resampling settings. Consecutive such steps with the same settings are
 * resampled once (fusion).
 */
export interface WarpSpec {
  readonly matrix: Mat3;
  readonly width: number;
  readonly height: number;
  readonly interpolation: Interpolation;
  readonly border: BorderMode;
  readonly fill: Fill;
  readonly fillMask: number;
  /**
   * True when the map sends pixel centres onto pixel centres (flips, quarter turns, integer
   * shifts): every interpolation gives the same pixels, so it fuses with any other warp.
   */
  readonly exact?: boolean;
}

/**
 * The table of a tone step: 256 entries for a uint8 image, 65536 for uint16. Contract: the step's
 * image kernel equals `lut(image, table)` exactly (alpha untouched), every entry is at most the
 * image's maxValue, and every other target of the step is 'invariant'. Composing such tables is
 * then exact: integers map to integers, and no entry can leave the range the next table covers.
 */
export type ToneTable = Uint8Array | Uint16Array;

/** Test parameters every registered transform must give the conformance suite. */
export interface ConformanceSpec {
  /** Options that make the transform act on a typical 64x48 RGB sample (p is forced to 1). */
  readonly options: Record<string, unknown>;
  /**
   * A numeric param and the [min, max] it must cover over many draws with `options`, e.g.
   * `{ param: 'angle', range: [-30, 30] }`. Omit for transforms without a continuous param.
   */
  readonly covers?: { readonly param: string; readonly range: readonly [number, number] };
  /** A param edit and a check that its effect shows: used by the "edited trace" test. */
  readonly edit?: { readonly param: string; readonly value: unknown };
  /** Transforms whose output does not depend on params (ToGray, Equalize) say so. */
  readonly deterministic?: boolean;
  /** Transforms that never change some inputs (e.g. identity at default options) skip the change check. */
  readonly mayBeIdentity?: boolean;
}

export interface TransformDef<S extends z.ZodType = z.ZodType, P extends Params = Params> {
  readonly name: string;
  readonly family: Family;
  /** One sentence for docs/transforms.md. */
  readonly description: string;
  /** Options, including `p`. */
  readonly schema: S;
  /** All randomness lives here; params are plain JSON and self-sufficient (fill, interpolation, border resolved). */
  sample(rng: Rng, ctx: SampleContext, options: z.output<S>): P;
  readonly kernels: Kernels<P>;
  /** Geometric steps that are one warp expose it; it enables fusion. `null`: not one warp for these params. */
  warp?(params: P, width: number, height: number): WarpSpec | null;
  /**
   * Tone steps that are, for this image and these params, a pure map of each color value expose
   * it as the lookup table their image kernel applies (see `ToneTable`); consecutive such steps
   * are composed into one table and applied once (fusion). `null`: not a pure table here (float32,
   * a map that depends on image statistics, invalid params: the kernel then runs as usual).
   */
  lut?(params: P, image: Image): ToneTable | null;
  /** What to use instead, named in the error when a target is unsupported. */
  readonly alternatives?: Partial<Record<KernelTarget, string>>;
  /** Whether `sample` reads targets (boxes for bbox-safe crops): such steps are never fused into a pending warp. */
  readonly samplesFromTargets?: boolean;
  readonly conformance: ConformanceSpec;
}

/** Identity helper that keeps the schema and params types linked when defining a transform. */
export function defineTransform<S extends z.ZodType, P extends Params>(def: TransformDef<S, P>): TransformDef<S, P> {
  return def;
}
