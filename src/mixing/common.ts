/** Options, label mixing and pixel blending shared by the mixes. */
import { z } from 'zod';
import { AuguryError } from '../core/errors.js';
import { createImage, type Image } from '../targets/image.js';
import { softLabel, toProbabilities, type Label } from '../targets/label.js';
import { resizeImage } from '../functional/geometric/index.js';

/** `offAfterEpoch`: the mix is off from this epoch on (epochs count from 0), like timm's mixup_off_epoch and Ultralytics' close_mosaic. */
export const offAfterEpoch = () =>
  z.number().int().min(0).optional().describe('turn the mix off from this epoch on (epochs count from 0); unset: always on');

/** Class count for soft labels, and timm's label smoothing. */
export const labelOptions = {
  numClasses: z.number().int().min(1).optional().describe('number of classes of the soft label; needed when labels are class indices'),
  labelSmoothing: z.number().min(0).max(1).default(0).describe("label smoothing as timm's Mixup: off = s / classes, on = 1 - s + off"),
};

/** Whether the run's epoch is past `offAfterEpoch`. */
export function isOff(epoch: number, off: number | undefined): boolean {
  return off !== undefined && epoch >= off;
}

/**
 * The mixed soft label: sum of weight_k · smooth(label_k). Returns undefined when the sample has
 * no label. A partner without a label, when the sample has one, is refused by the caller.
 */
export function mixLabels(parts: readonly { label: Label | undefined; weight: number }[], numClasses: number | undefined, smoothing: number, mix: string): Label | undefined {
  if (parts.every((p) => p.label === undefined)) return undefined;
  const n = numClasses ?? parts.map((p) => (p.label?.kind === 'soft' ? p.label.probs.length : undefined)).find((v) => v !== undefined);
  if (n === undefined) {
    throw new AuguryError({ code: 'usage', message: `${mix} mixes class labels into a soft label and needs the number of classes`, key: `${mix}.numClasses`, hint: `set numClasses in the ${mix} step` });
  }
  const out = new Float64Array(n);
  for (const { label, weight } of parts) {
    if (!label) {
      throw new AuguryError({ code: 'validation', message: `${mix}: a partner has no class label while the sample has one`, key: mix, hint: 'mix samples that all carry labels' });
    }
    const p = toProbabilities(label, n);
    for (let c = 0; c < n; c++) out[c] = out[c]! + weight * (p[c]! * (1 - smoothing) + smoothing / n);
  }
  let sum = 0;
  for (const v of out) sum += v;
  return softLabel(out.map((v) => v / sum));
}

/** `img` resized (bilinear) to width x height, or itself when it already has that size. */
export function fitImage(img: Image, width: number, height: number): Image {
  return img.width === width && img.height === height ? img : resizeImage(img, width, height, 'bilinear');
}

/** a·w + b·(1 - w), pixel by pixel; both images have the same size, channels and dtype. */
export function blendImages(a: Image, b: Image, w: number): Image {
  const out = createImage(a.width, a.height, a.channels, a.dtype) as Image;
  const integer = a.dtype !== 'float32';
  for (let i = 0; i < out.data.length; i++) {
    const v = a.data[i]! * w + b.data[i]! * (1 - w);
    out.data[i] = integer ? Math.round(v) : v;
  }
  return a.maxValue === undefined ? out : { ...out, maxValue: a.maxValue };
}

/** Rounds params for the trace: 1e-9 keeps replays exact enough while the JSON stays short. */
export function r9(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
