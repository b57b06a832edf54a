/**
 * Tone fusion: consecutive tone steps (brightness, gamma, posterize, solarize, invert, ... on an
 * integer image) each expose their lookup table (`TransformDef.lut`); the executor composes the
 * tables of a run of such steps and maps the pixels once. Exact: every table maps integers to
 * integers within [0, maxValue], so `second[first[v]]` is what the two kernels give one after the
 * other. Labels and masks are untouched by tone steps, so only the images change.
 *
 * float32 images are never fused: their steps are real functions, and composing them as a table
 * would round in between where the kernels do not.
 */
import { composeTables, lut } from '../functional/color/lut.js';
import { maxValueOf } from '../targets/image.js';
import type { Sample } from '../targets/sample.js';
import { KERNEL_TARGETS, type Params, type ToneTable, type TransformDef } from './transform.js';

/**
 * The step's table for this sample, or null when the step cannot join a tone group here: no
 * hook, a target it does not leave invariant, a float32 image, extra images of another dtype or
 * scale than the image (one table must fit all), or the hook declining (or failing: the kernel
 * then runs on its own and reports the error with its usual context).
 */
export function toneTableOf(def: TransformDef, params: Params, s: Sample): ToneTable | null {
  if (!def.lut) return null;
  if (KERNEL_TARGETS.some((t) => t !== 'image' && def.kernels[t] !== 'invariant')) return null;
  const img = s.image;
  if (img.dtype !== 'uint8' && img.dtype !== 'uint16') return null;
  const max = maxValueOf(img);
  if (Object.values(s.extraImages ?? {}).some((e) => e.dtype !== img.dtype || maxValueOf(e) !== max)) return null;
  let t: ToneTable | null;
  try {
    t = def.lut(params, img);
  } catch {
    return null;
  }
  if (!t) return null;
  const fits = img.dtype === 'uint8' ? t instanceof Uint8Array && t.length === 256 : t instanceof Uint16Array && t.length === 65536;
  return fits ? t : null;
}

/** The table of `second` applied after `first`. */
export function composeTone(first: ToneTable, second: ToneTable): ToneTable {
  return composeTables(first, second);
}

/** The sample with its image and extra images mapped through `table`; everything else as is. */
export function applyTone(s: Sample, table: ToneTable): Sample {
  const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s, image: lut(s.image, table) };
  if (s.extraImages) out.extraImages = Object.fromEntries(Object.entries(s.extraImages).map(([k, v]) => [k, lut(v, table)]));
  return out;
}
