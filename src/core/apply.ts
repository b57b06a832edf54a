/**
 * Applies one step with known params to every target of a sample. No randomness here: the same
 * params always give the same output, which is what makes traces replay exactly.
 */
import { applyBoxFilter, filterBoxes, type BoxFilterOptions } from '../geometry/box-filter.js';
import type { BoxMethod } from '../geometry/boxes.js';
import type { Codec } from '../io/codecs/codec.js';
import type { Keypoints } from '../targets/keypoints.js';
import type { InstanceMasks, LabelMap } from '../targets/mask.js';
import type { Sample } from '../targets/sample.js';
import type { MaskPlane } from '../functional/types.js';
import { AuguryError } from './errors.js';
import type { KernelEnv, KernelTarget, Params, Slot, TransformDef } from './transform.js';

export interface ApplyOptions {
  readonly boxMethod: BoxMethod;
  readonly removeInvisibleKeypoints: boolean;
  /** Default true. */
  readonly clipBoxes?: boolean;
  readonly codec?: Codec;
}

const TARGET_WORDS: Record<KernelTarget, string> = {
  image: 'images',
  mask: 'masks',
  boxes: 'boxes',
  polygons: 'polygons',
  keypoints: 'keypoints',
  label: 'class labels',
};

/** Throws the error for a target this transform cannot map. */
export function unsupportedTarget(def: Pick<TransformDef, 'name' | 'alternatives'>, target: KernelTarget): AuguryError {
  const alt = def.alternatives?.[target];
  return new AuguryError({
    code: 'unsupported',
    message: `${def.name} cannot map ${TARGET_WORDS[target]}, and passing them through unchanged would leave them wrong`,
    key: def.name,
    hint: alt ?? `remove ${def.name} from pipelines whose samples carry ${TARGET_WORDS[target]}, or drop that target`,
  });
}

/** Which kernel targets a sample carries (instance masks and extra masks count as 'mask'). */
export function sampleKernelTargets(s: Sample): KernelTarget[] {
  const t: KernelTarget[] = ['image'];
  if (s.mask || s.instanceMasks || (s.extraMasks && Object.keys(s.extraMasks).length > 0)) t.push('mask');
  if (s.boxes) t.push('boxes');
  if (s.polygons) t.push('polygons');
  if (s.keypoints) t.push('keypoints');
  if (s.label) t.push('label');
  return t;
}

/** Fails before any work when the step cannot map a target the sample has. */
export function checkTargets(def: TransformDef, s: Sample): void {
  for (const t of sampleKernelTargets(s)) {
    if (t !== 'image' && def.kernels[t] === 'unsupported') throw unsupportedTarget(def, t);
  }
}

function run<T>(slot: Slot<T, Params>, value: T, params: Params, env: KernelEnv): T {
  if (slot === 'invariant') return value;
  if (slot === 'unsupported') throw new Error('unreachable: checked by checkTargets');
  return slot(value, params, env);
}

function mapLabelMap(slot: Slot<MaskPlane, Params>, m: LabelMap, params: Params, env: KernelEnv): LabelMap {
  return run(slot, m, params, env);
}

function mapInstanceMasks(slot: Slot<MaskPlane, Params>, im: InstanceMasks, params: Params, env: KernelEnv): InstanceMasks {
  if (slot === 'invariant') return im;
  let width = env.width;
  let height = env.height;
  // An instance plane reads non-zero as "inside": whatever the step fills label maps with (an
  // ignore index such as 255), new border pixels of a plane are outside the instance.
  const planeParams = 'fillMask' in params ? { ...params, fillMask: 0 } : params;
  const masks = im.masks.map((data) => {
    const out = run(slot, { width: im.width, height: im.height, data }, planeParams, env);
    width = out.width;
    height = out.height;
    return out.data instanceof Uint8Array ? out.data : Uint8Array.from(out.data);
  });
  return { width, height, masks, labels: im.labels };
}

/**
 * Which targets a call maps: everything; only labels (boxes, polygons, keypoints, class label)
 * while the pixels wait for a fused warp, with the true input and output canvas sizes; or only
 * pixels (image, masks, extra images), when a pending warp is resampled by its own kernels.
 */
export type ApplyPart =
  | 'all'
  | 'pixels'
  | { readonly labels: { readonly inputWidth: number; readonly inputHeight: number; readonly width: number; readonly height: number } };

/** Applies `def` with `params` to the targets of `s` that `part` names. */
export async function applyStep(def: TransformDef, params: Params, s: Sample, opts: ApplyOptions, part: ApplyPart = 'all'): Promise<Sample> {
  checkTargets(def, s);
  const k = def.kernels;
  const baseEnv = { input: s, boxMethod: opts.boxMethod, removeInvisibleKeypoints: opts.removeInvisibleKeypoints, clipBoxes: opts.clipBoxes ?? true, ...(opts.codec ? { codec: opts.codec } : {}) };
  const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s };
  let env: KernelEnv;
  if (typeof part === 'object') {
    env = { ...baseEnv, ...part.labels };
  } else {
    const inSize = { inputWidth: s.image.width, inputHeight: s.image.height };
    const image = k.image === 'invariant' ? s.image : await k.image(s.image, params, { ...baseEnv, ...inSize, width: s.image.width, height: s.image.height });
    out.image = image;
    env = { ...baseEnv, ...inSize, width: image.width, height: image.height };
    if (s.extraImages) {
      const extra: Record<string, typeof image> = {};
      for (const [name, img] of Object.entries(s.extraImages)) extra[name] = k.image === 'invariant' ? img : await k.image(img, params, env);
      out.extraImages = extra;
    }
    if (s.mask) out.mask = mapLabelMap(k.mask, s.mask, params, env);
    if (s.extraMasks) {
      const extra: Record<string, LabelMap> = {};
      for (const [name, m] of Object.entries(s.extraMasks)) extra[name] = mapLabelMap(k.mask, m, params, env);
      out.extraMasks = extra;
    }
    if (s.instanceMasks) out.instanceMasks = mapInstanceMasks(k.mask, s.instanceMasks, params, env);
    if (part === 'pixels') return out;
  }
  const envWithMasks: KernelEnv = part === 'all' && out.instanceMasks ? { ...env, instanceMasks: out.instanceMasks } : env;
  if (s.polygons) out.polygons = run(k.polygons, s.polygons, params, envWithMasks);
  if (s.keypoints) out.keypoints = run(k.keypoints, s.keypoints, params, envWithMasks);
  if (s.boxes) out.boxes = run(k.boxes, s.boxes, params, envWithMasks);
  if (s.label) out.label = run(k.label, s.label, params, envWithMasks);
  return out;
}

/**
 * Drops boxes that fail the filters, with their polygons and instance masks; keypoints keep
 * their rows and have their `instance` field renumbered (-1 for a dropped box).
 */
export function filterSample(s: Sample, filters: BoxFilterOptions): Sample {
  if (!s.boxes) return s;
  const keep = filterBoxes(s.boxes, filters);
  if (keep.length === s.boxes.visibility.length) return s;
  const kept = applyBoxFilter({ boxes: s.boxes, ...(s.polygons ? { polygons: s.polygons } : {}), ...(s.instanceMasks ? { instanceMasks: s.instanceMasks } : {}) }, keep);
  const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s, boxes: kept.boxes };
  if (kept.polygons) out.polygons = kept.polygons;
  if (kept.instanceMasks) out.instanceMasks = kept.instanceMasks;
  if (s.keypoints) out.keypoints = renumberInstances(s.keypoints, keep, s.boxes.visibility.length);
  return out;
}

function renumberInstances(k: Keypoints, keep: Int32Array, oldCount: number): Keypoints {
  const inst = k.fields['instance'];
  if (!(inst instanceof Int32Array)) return k;
  const map = new Int32Array(oldCount).fill(-1);
  keep.forEach((oldRow, newRow) => {
    map[oldRow] = newRow;
  });
  const next = inst.map((i) => (i >= 0 && i < oldCount ? map[i]! : -1));
  return { ...k, fields: { ...k.fields, instance: next } };
}
