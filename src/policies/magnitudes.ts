/**
 * The magnitude tables of the two scales, as data and pure functions (no randomness).
 *
 * torchvision (0.14): an op's magnitudes are `num_bins` float32 values from `torch.linspace`
 * (reproduced in float32 with its scalar rule: within 4 float32 ulps of torch, whose vectorised
 * lanes round a few entries differently, and never across an integer); a policy picks a
 * bin index. timm: a magnitude is a level on a 0..10 scale (`_LEVEL_DENOM`), turned into the op's
 * argument by a per-op "level to arg" function.
 */

/** torch.linspace in float32 (ATen's CPU rule: the first half steps up from start, the rest down from end). */
export function linspace32(start: number, end: number, steps: number): number[] {
  const f = Math.fround;
  const s = f(start), e = f(end);
  if (steps === 1) return [s];
  const step = f(f(e - s) / (steps - 1));
  const half = Math.floor(steps / 2);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(i < half ? f(s + f(step * i)) : f(e - f(step * (steps - i - 1))));
  return out;
}

/** One op of a torchvision augmentation space: its bins (null: the op has no magnitude) and whether its sign is drawn. */
export interface SpaceOp {
  readonly name: string;
  readonly magnitudes: readonly number[] | null;
  readonly signed: boolean;
}

export type TorchvisionSpaceKind = 'AutoAugment' | 'RandAugment' | 'TrivialAugmentWide' | 'AugMix';

/** `8 - round(i / ((n - 1) / k))` as torchvision writes posterize bits (round half to even, like torch.round). */
function posterizeBits(n: number, top: number, k: number): number[] {
  return Array.from({ length: n }, (_, i) => top - roundHalfEven(i / ((n - 1) / k)));
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The augmentation space torchvision draws from, in its dict order (the order its random index
 * reads). `width` and `height` matter for the translate ops (TrivialAugmentWide has fixed ranges).
 */
export function torchvisionSpace(kind: TorchvisionSpaceKind, numBins: number, width: number, height: number, allOps = true): SpaceOp[] {
  const lin = (hi: number, lo = 0) => linspace32(lo, hi, numBins);
  const op = (name: string, magnitudes: number[] | null, signed: boolean): SpaceOp => ({ name, magnitudes, signed });
  if (kind === 'AugMix') {
    const ops = [
      op('ShearX', lin(0.3), true),
      op('ShearY', lin(0.3), true),
      op('TranslateX', lin(width / 3.0), true),
      op('TranslateY', lin(height / 3.0), true),
      op('Rotate', lin(30.0), true),
      op('Posterize', posterizeBits(numBins, 4, 4), false),
      op('Solarize', linspace32(255.0, 0.0, numBins), false),
      op('AutoContrast', null, false),
      op('Equalize', null, false),
    ];
    if (allOps) ops.push(op('Brightness', lin(0.9), true), op('Color', lin(0.9), true), op('Contrast', lin(0.9), true), op('Sharpness', lin(0.9), true));
    return ops;
  }
  if (kind === 'TrivialAugmentWide') {
    return [
      op('Identity', null, false),
      op('ShearX', lin(0.99), true),
      op('ShearY', lin(0.99), true),
      op('TranslateX', lin(32.0), true),
      op('TranslateY', lin(32.0), true),
      op('Rotate', lin(135.0), true),
      op('Brightness', lin(0.99), true),
      op('Color', lin(0.99), true),
      op('Contrast', lin(0.99), true),
      op('Sharpness', lin(0.99), true),
      op('Posterize', posterizeBits(numBins, 8, 6), false),
      op('Solarize', linspace32(255.0, 0.0, numBins), false),
      op('AutoContrast', null, false),
      op('Equalize', null, false),
    ];
  }
  const common = [
    op('ShearX', lin(0.3), true),
    op('ShearY', lin(0.3), true),
    op('TranslateX', lin((150.0 / 331.0) * width), true),
    op('TranslateY', lin((150.0 / 331.0) * height), true),
    op('Rotate', lin(30.0), true),
    op('Brightness', lin(0.9), true),
    op('Color', lin(0.9), true),
    op('Contrast', lin(0.9), true),
    op('Sharpness', lin(0.9), true),
    op('Posterize', posterizeBits(numBins, 8, 4), false),
    op('Solarize', linspace32(255.0, 0.0, numBins), false),
    op('AutoContrast', null, false),
    op('Equalize', null, false),
  ];
  return kind === 'RandAugment' ? [op('Identity', null, false), ...common] : [...common, op('Invert', null, false)];
}

/** timm's `_LEVEL_DENOM`: level 10 is the full range. */
export const LEVEL_DENOM = 10;

/** What timm's level function gives: the op's argument, and whether timm negates it with probability 0.5. */
export interface TimmArg {
  readonly value: number | null;
  readonly negatable: boolean;
}

/** Settings the level functions read (timm's hparams). */
export interface TimmHparams {
  readonly translateConst: number;
  readonly translatePct: number;
}

export const TIMM_HPARAMS: TimmHparams = { translateConst: 250, translatePct: 0.45 };

const posterizeLevel = (l: number) => Math.trunc((l / LEVEL_DENOM) * 4);
const solarizeLevel = (l: number) => Math.min(256, Math.trunc((l / LEVEL_DENOM) * 256));
const minmax = (lo: number, hi: number) => (l: number) => Math.max(lo, Math.min(hi, lo + (hi - lo) * (l / LEVEL_DENOM)));

type LevelFn = (level: number, h: TimmHparams) => TimmArg;
const plain = (f: (l: number, h: TimmHparams) => number): LevelFn => (l, h) => ({ value: f(l, h), negatable: false });
const signed = (f: (l: number, h: TimmHparams) => number): LevelFn => (l, h) => ({ value: f(l, h), negatable: true });
const none: LevelFn = () => ({ value: null, negatable: false });
const enhance = plain((l) => (l / LEVEL_DENOM) * 1.8 + 0.1);
/** The Increasing enhancers negate the offset from 1, not the factor: see `timmNegate`. */
const enhanceIncreasing = signed((l) => (l / LEVEL_DENOM) * 0.9);

/** timm's LEVEL_TO_ARG, op by op (timm/data/auto_augment.py). */
export const TIMM_LEVEL_TO_ARG: Readonly<Record<string, LevelFn>> = {
  AutoContrast: none,
  Equalize: none,
  Invert: none,
  Rotate: signed((l) => (l / LEVEL_DENOM) * 30),
  Posterize: plain(posterizeLevel),
  PosterizeIncreasing: plain((l) => 4 - posterizeLevel(l)),
  PosterizeOriginal: plain((l) => posterizeLevel(l) + 4),
  Solarize: plain(solarizeLevel),
  SolarizeIncreasing: plain((l) => 256 - solarizeLevel(l)),
  SolarizeAdd: plain((l) => Math.min(128, Math.trunc((l / LEVEL_DENOM) * 110))),
  Color: enhance,
  ColorIncreasing: enhanceIncreasing,
  Contrast: enhance,
  ContrastIncreasing: enhanceIncreasing,
  Brightness: enhance,
  BrightnessIncreasing: enhanceIncreasing,
  Sharpness: enhance,
  SharpnessIncreasing: enhanceIncreasing,
  ShearX: signed((l) => (l / LEVEL_DENOM) * 0.3),
  ShearY: signed((l) => (l / LEVEL_DENOM) * 0.3),
  TranslateX: signed((l, h) => (l / LEVEL_DENOM) * h.translateConst),
  TranslateY: signed((l, h) => (l / LEVEL_DENOM) * h.translateConst),
  TranslateXRel: signed((l, h) => (l / LEVEL_DENOM) * h.translatePct),
  TranslateYRel: signed((l, h) => (l / LEVEL_DENOM) * h.translatePct),
  Desaturate: plain(minmax(0.5, 1.0)),
  GaussianBlur: plain(minmax(0.1, 2.0)),
  GaussianBlurRand: plain(minmax(0, 1)),
};

const INCREASING_ENHANCERS = new Set(['ColorIncreasing', 'ContrastIncreasing', 'BrightnessIncreasing', 'SharpnessIncreasing']);

/**
 * The argument timm passes to the PIL op at `level`, with the negated branch taken when
 * `negate` is true (timm draws it: `-v if random() > 0.5`). Increasing enhancers are
 * `max(0.1, 1 ± 0.9 level/10)`.
 */
export function timmArg(name: string, level: number, negate: boolean, h: TimmHparams = TIMM_HPARAMS): number | null {
  const fn = TIMM_LEVEL_TO_ARG[name];
  if (!fn) throw new Error(`unknown timm op ${name}`);
  const a = fn(level, h);
  if (a.value === null) return null;
  const v = a.negatable && negate ? -a.value : a.value;
  return INCREASING_ENHANCERS.has(name) ? Math.max(0.1, 1.0 + v) : v;
}

/** Whether timm draws a sign for this op. */
export function timmNegatable(name: string): boolean {
  return TIMM_LEVEL_TO_ARG[name]?.(1, TIMM_HPARAMS).negatable ?? false;
}
