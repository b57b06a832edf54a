/**
 * torchvision ColorJitter as one kernel: brightness, contrast and saturation (PIL ImageEnhance)
 * and hue (torchvision's tensor adjust_hue), in a given order. Each step is exactly the
 * corresponding kernel of this module; on the wasm backend a uint8 RGB(A) image is copied into
 * wasm memory once and all four steps run there in place, which saves three image copies and
 * allocations per call and gives the same bytes.
 */
import { WasmPixels8 } from '../../backend/fast/color.js';
import { AuguryError, show } from '../../core/errors.js';
import { cloneImage, type Image } from '../../targets/image.js';
import { withData } from './common.js';
import { adjustBrightness, adjustContrast, adjustSaturation } from './enhance.js';
import { roundedGrayMean } from './gray.js';
import { pointOpTable } from './lut.js';
import { adjustHue } from './torchvision.js';

export const JITTER_OPS = ['brightness', 'contrast', 'saturation', 'hue'] as const;
export type JitterOp = (typeof JITTER_OPS)[number];

export interface JitterParams {
  /** Factors: 1 (0 for hue) is the identity and skips its step, as torchvision skips an identity range. */
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  readonly hue: number;
  /** The four ops in the order they are applied (a permutation of JITTER_OPS). */
  readonly order: readonly JitterOp[];
}

/**
 * Applies the jitter steps of `p` in `p.order` (see adjustBrightness, adjustContrast,
 * adjustSaturation, adjustHue for each step's exact semantics). Returns a new image even when every
 * step is skipped.
 */
export function colorJitter(img: Image, p: JitterParams): Image {
  const order = checkOrder(p.order);
  const fast = fastJitter(img, p, order);
  if (fast) return fast;
  let out = img;
  for (const op of order) out = applyOp(out, op, p);
  return out === img ? cloneImage(img) : out;
}

function applyOp(img: Image, op: JitterOp, p: JitterParams): Image {
  switch (op) {
    case 'brightness':
      return p.brightness === 1 ? img : adjustBrightness(img, p.brightness);
    case 'contrast':
      return p.contrast === 1 ? img : adjustContrast(img, p.contrast);
    case 'saturation':
      return p.saturation === 1 ? img : adjustSaturation(img, p.saturation);
    case 'hue':
      return p.hue === 0 ? img : adjustHue(img, p.hue);
  }
}

const IDENTITY8 = Uint8Array.from({ length: 256 }, (_, i) => i);

/**
 * The wasm path for uint8 RGB(A) with the reference's parameters valid (the reference kernels
 * run, and throw their errors, otherwise): each step as its reference does it, on one copy.
 */
function fastJitter(img: Image, p: JitterParams, order: readonly JitterOp[]): Image | null {
  if (img.dtype !== 'uint8' || img.channels === 1 || img.maxValue !== undefined) return null;
  const valid = (f: number) => typeof f === 'number' && Number.isFinite(f) && f >= 0;
  if (!valid(p.brightness) || !valid(p.contrast) || !valid(p.saturation) || !(Math.abs(p.hue) <= 0.5)) return null;
  const px = WasmPixels8.of(img.data, img.channels);
  if (!px) return null;
  const withAlpha = (t: Uint8Array) => (img.channels === 4 ? [t, t, t, IDENTITY8] : [t, t, t]);
  for (const op of order) {
    if (op === 'brightness' && p.brightness !== 1) {
      px.lut(withAlpha(pointOpTable('brightness', { factor: p.brightness }, 'uint8') as Uint8Array));
    } else if (op === 'contrast' && p.contrast !== 1) {
      const mean = roundedGrayMean(px.pilLumaSum(), px.pixels, img);
      px.lut(withAlpha(pointOpTable('contrast', { factor: p.contrast, mean }, 'uint8') as Uint8Array));
    } else if (op === 'saturation' && p.saturation !== 1) {
      px.saturate(p.saturation);
    } else if (op === 'hue' && p.hue !== 0) {
      px.hue(p.hue);
    }
  }
  return withData(img, 'uint8', px.take());
}

function checkOrder(order: unknown): readonly JitterOp[] {
  const ok = Array.isArray(order) && order.length === JITTER_OPS.length && JITTER_OPS.every((op) => order.includes(op));
  if (!ok) {
    throw new AuguryError({
      code: 'validation',
      key: 'colorJitter.order',
      message: 'invalid order for colorJitter',
      expected: `a permutation of ${JSON.stringify(JITTER_OPS)}`,
      received: show(order),
      hint: 'list each of the four ops exactly once, in the order they should run',
    });
  }
  return order as readonly JitterOp[];
}
