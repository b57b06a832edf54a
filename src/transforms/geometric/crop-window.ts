/**
 * Crop windows: the params every crop records (`xMin, yMin, xMax, yMax` in input pixels, the
 * same shape as Crop's options, so a RandomCrop trace reads like a Crop), how the random and
 * centred windows are drawn, and the error for an image smaller than the crop.
 */
import { z } from 'zod';
import { AuguryError } from '../../core/errors.js';
import { fill, fillMask, probability } from '../../core/schema.js';
import type { Rng } from '../../core/rng.js';
import type { SampleContext } from '../../core/transform.js';
import type { Fill, Interpolation } from '../../functional/types.js';
import type { CropPlan, PlanOf } from './crop-plan.js';

/** An integer window [xMin, xMax) x [yMin, yMax) of the input; it may reach past the image. */
export type Window = { xMin: number; yMin: number; xMax: number; yMax: number };

/** Params of the plain crops (Crop, RandomCrop, CenterCrop). */
export type WindowParams = Window & { fill: Fill; fillMask: number };

/** Params of the crops that resize their window to `width` x `height`. */
export type ResizedWindowParams = Window & { width: number; height: number; interpolation: Interpolation };

/** The plan of a plain crop. */
export const windowPlan: PlanOf<WindowParams> = (p) => ({
  crop: { x: p.xMin, y: p.yMin, width: p.xMax - p.xMin, height: p.yMax - p.yMin },
  fill: p.fill,
  fillMask: p.fillMask,
});

/** The plan of a crop resized to its output size; windows of these steps lie inside the image. */
export const resizedWindowPlan: PlanOf<ResizedWindowParams> = (p): CropPlan => ({
  crop: { x: p.xMin, y: p.yMin, width: p.xMax - p.xMin, height: p.yMax - p.yMin },
  resize: { width: p.width, height: p.height, interpolation: p.interpolation },
  fill: 0,
  fillMask: 0,
});

/**
 * Albumentations' random placement: offset `int((size - crop + 1) * u)` with u uniform in
 * [0, 1), so every offset in [0, size - crop] is equally likely.
 */
export function randomOffset(rng: Rng, size: number, crop: number): number {
  return Math.floor((size - crop + 1) * rng.next());
}

/**
 * Offset that centres a crop: `(size - crop) // 2` when the crop fits; when it does not, the
 * image is centred in the crop with the odd pixel of padding at the bottom/right, as
 * PadIfNeeded does (so the offset is minus the top/left padding).
 */
export function centredOffset(size: number, crop: number): number {
  return size >= crop ? Math.floor((size - crop) / 2) : -Math.floor((crop - size) / 2);
}

/** Where a sample-time error happened: the sample's file and id, when known. */
export function sampleLocation(ctx: SampleContext): { file?: string; record: string } {
  const file = ctx.sample.source?.file;
  return { ...(file !== undefined ? { file } : {}), record: `sample ${ctx.sample.id}` };
}

/**
 * The error for a crop larger than the image. `fix` says how to allow it on this transform
 * (e.g. "set padIfNeeded: true"), and the hint also names PadIfNeeded.
 */
export function cropTooLarge(name: string, ctx: SampleContext, need: { width: number; height: number }, fix: string): AuguryError {
  return new AuguryError({
    code: 'size-mismatch',
    message: `${name} needs an image at least as large as its crop`,
    ...sampleLocation(ctx),
    key: name,
    expected: `at least ${need.width}x${need.height} (width x height)`,
    received: `${ctx.width}x${ctx.height}`,
    hint: `put PadIfNeeded {minHeight: ${need.height}, minWidth: ${need.width}} before ${name}, or ${fix}`,
  });
}

/** Options shared by the fixed-size window crops (RandomCrop, CenterCrop). */
export function windowCropOptions() {
  return {
    height: z.number().int().min(1).describe('crop height in pixels'),
    width: z.number().int().min(1).describe('crop width in pixels'),
    padIfNeeded: z.boolean().default(false).describe('centre an image smaller than the crop in the window and fill the rest'),
    fill: fill(),
    fillMask: fillMask(),
    p: probability(1),
  };
}
