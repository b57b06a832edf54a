/**
 * The over-regularization budget: one score summing how hard the recipe pushes against fitting
 * the training data (label mixing, label smoothing, RandAugment, colour jitter, erasing, blur
 * and noise). Every weight is a heuristic, chosen so that the reported combinations (issue 7)
 * sit just above the budget and common mild recipes well below it; docs/rules.md states them.
 */
import type { ConfigContext } from '../context.js';
import { finding, round, type Finding } from '../findings.js';
import type { DoctorStep } from '../steps.js';

/** Scores above this are flagged. */
export const BUDGET = 1;
/** A suggested weaker setting aims here, leaving room for rounding. */
const TARGET = 0.9;

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
/** Largest |v| of a number or [min, max]; `center` is the neutral value (1 for factors). */
function spread(v: unknown, center = 0): number {
  if (typeof v === 'number') return Math.abs(v - center);
  if (Array.isArray(v)) return Math.max(0, ...v.map((x) => (typeof x === 'number' ? Math.abs(x - center) : 0)));
  return 0;
}

/** RandAugment magnitude as a fraction of its range: m / (bins - 1) on torchvision's scale, m / 10 on timm's. */
export function magnitudeFraction(o: Readonly<Record<string, unknown>>): number {
  const m = num(o['magnitude'], 9);
  const timm = o['magnitudeScale'] === 'timm';
  const top = timm ? 10 : num(o['numMagnitudeBins'], 31) - 1;
  return top > 0 ? Math.min(1, Math.max(0, m / top)) : 0;
}

/** Probability that a chosen RandAugment op is applied: timm applies each with 0.5, torchvision always. */
export function opProbability(o: Readonly<Record<string, unknown>>): number {
  return num(o['opProbability'], o['magnitudeScale'] === 'timm' ? 0.5 : 1);
}

/** RandAugment strength on the 0-30 scale, comparable across scales: fraction x op probability x 30. */
export function comparableMagnitude(o: Readonly<Record<string, unknown>>): number {
  return magnitudeFraction(o) * opProbability(o) * 30;
}

/** One contribution to the score, linear in one knob the user can turn. */
export interface BudgetTerm {
  readonly kind: 'mixup' | 'cutmix' | 'labelSmoothing' | 'randAugment' | 'colorJitter' | 'erasing' | 'blurNoise';
  /** Where the knob is: `train.yaml` or a step path. */
  readonly source: string;
  readonly knob: string;
  readonly current: number;
  /** Score contribution per unit of the knob. */
  readonly rate: number;
  /** Knob values are rounded down to multiples of this in suggestions. */
  readonly step: number;
}

const value = (t: BudgetTerm, knob = t.current): number => t.rate * knob;

function stepTerms(s: DoctorStep): BudgetTerm[] {
  const o = s.options;
  const at = s.path;
  switch (s.name) {
    case 'RandAugment': {
      const m = num(o['magnitude'], 9);
      const perUnit = m > 0 ? (0.3 * num(o['numOps'], 2) * opProbability(o) * s.reach * magnitudeFraction(o)) / m : 0;
      return [{ kind: 'randAugment', source: at, knob: 'magnitude', current: m, rate: perUnit, step: 1 }];
    }
    case 'MixUp':
      return [{ kind: 'mixup', source: at, knob: 'alpha', current: Math.min(1, num(o['alpha'], 0.4)), rate: s.reach, step: 0.05 }];
    case 'CutMix':
      return [{ kind: 'cutmix', source: at, knob: 'alpha', current: Math.min(1, num(o['alpha'], 1)), rate: 0.5 * s.reach, step: 0.05 }];
    case 'ColorJitter': {
      const strength = (spread(o['brightness'], 1) + spread(o['contrast'], 1) + spread(o['saturation'], 1) + 2 * spread(o['hue'])) / 2;
      return [{ kind: 'colorJitter', source: at, knob: 'strength', current: 1, rate: s.reach * strength, step: 0.05 }];
    }
    case 'HueSaturationValue': {
      const strength = (spread(o['hueShiftLimit']) / 90 + spread(o['satShiftLimit']) / 100 + spread(o['valShiftLimit']) / 100) / 2;
      return [{ kind: 'colorJitter', source: at, knob: 'strength', current: 1, rate: s.reach * strength, step: 0.05 }];
    }
    case 'RandomBrightnessContrast':
      return [{ kind: 'colorJitter', source: at, knob: 'strength', current: 1, rate: (s.reach * (spread(o['brightnessLimit']) + spread(o['contrastLimit']))) / 2, step: 0.05 }];
    case 'RandomErasing': {
      const scale = Array.isArray(o['scale']) ? num(o['scale'][1], 0.33) : 0.33;
      return [{ kind: 'erasing', source: at, knob: 'p', current: s.p, rate: s.p > 0 ? (s.reach / s.p) * 0.25 * Math.min(1, scale / 0.33) : 0, step: 0.05 }];
    }
    case 'CoarseDropout':
      return [{ kind: 'erasing', source: at, knob: 'p', current: s.p, rate: s.p > 0 ? (s.reach / s.p) * 0.1 : 0, step: 0.05 }];
    default:
      if (s.def?.family === 'blur-noise') return [{ kind: 'blurNoise', source: at, knob: 'p', current: s.p, rate: s.p > 0 ? (s.reach / s.p) * 0.05 : 0, step: 0.05 }];
      return [];
  }
}

/** Every term of the recipe: train.yaml plus the pipeline's steps. */
export function budgetTerms(ctx: ConfigContext): BudgetTerm[] {
  const terms: BudgetTerm[] = [];
  const t = ctx.train;
  if (t?.mixup) terms.push({ kind: 'mixup', source: 'train.yaml', knob: 'mixup.alpha', current: Math.min(1, t.mixup.alpha), rate: t.mixup.prob, step: 0.05 });
  if (t?.cutmix) terms.push({ kind: 'cutmix', source: 'train.yaml', knob: 'cutmix.alpha', current: Math.min(1, t.cutmix.alpha), rate: 0.5 * t.cutmix.prob, step: 0.05 });
  if (t?.labelSmoothing !== undefined) terms.push({ kind: 'labelSmoothing', source: 'train.yaml', knob: 'labelSmoothing', current: t.labelSmoothing, rate: 1.5, step: 0.05 });
  for (const s of ctx.pipeline?.steps ?? []) terms.push(...stepTerms(s));
  return terms.filter((x) => x.rate > 0 && x.current > 0);
}

/**
 * The score of a set of terms at the given knob values. Trainers switch between MixUp and CutMix
 * per batch rather than stacking them, so only the larger mixing term counts.
 */
export function budgetScore(terms: readonly BudgetTerm[], knobs?: ReadonlyMap<BudgetTerm, number>): number {
  let mixing = 0;
  let rest = 0;
  for (const t of terms) {
    const v = value(t, knobs?.get(t) ?? t.current);
    if (t.kind === 'mixup' || t.kind === 'cutmix') mixing = Math.max(mixing, v);
    else rest += v;
  }
  return mixing + rest;
}

/** Knob values that bring the score under the budget, turning the largest contributors down first. */
export function weakerSetting(terms: readonly BudgetTerm[], seed: ReadonlyMap<BudgetTerm, number> = new Map()): Map<BudgetTerm, number> {
  const knobs = new Map<BudgetTerm, number>(seed);
  const order = [...terms].sort((a, b) => value(b) - value(a));
  for (const floor of [0.5, 0.25, 0]) {
    for (const t of order) {
      const score = budgetScore(terms, knobs);
      if (score <= TARGET) return knobs;
      const now = knobs.get(t) ?? t.current;
      const others = score - value(t, now);
      // Solve rate * k + others = TARGET for k; never below `floor` of the current value.
      let k = Math.max(floor * t.current, (TARGET - others) / t.rate);
      k = Math.floor(k / t.step + 1e-9) * t.step;
      if (k < now) knobs.set(t, round(k, 4));
    }
  }
  return knobs;
}

function describeKnob(t: BudgetTerm, v: number): string {
  const where = t.source === 'train.yaml' ? 'train.yaml' : t.source;
  if (t.kind === 'colorJitter') return `${where}: scale the colour jitter ranges by ${round(v, 2)}`;
  return `${where}: ${t.knob} ${round(t.current, 3)} -> ${round(v, 3)}`;
}

/** The budget finding: the reported combinations by name, any other over-budget recipe generically. */
export function budgetRule(ctx: ConfigContext): Finding[] {
  const terms = budgetTerms(ctx);
  const score = budgetScore(terms);
  const mixup = Math.max(0, ...terms.filter((t) => t.kind === 'mixup').map((t) => t.current));
  const ra = (ctx.pipeline?.steps ?? []).filter((s) => s.name === 'RandAugment');
  const raMagnitude = Math.max(0, ...ra.map((s) => comparableMagnitude(s.options)));
  const ls = ctx.train?.labelSmoothing ?? 0;
  const color = terms.filter((t) => t.kind === 'colorJitter').reduce((a, t) => a + value(t), 0);
  const comboA = mixup > 0.4 && raMagnitude > 15;
  const comboB = mixup >= 0.5 && ls >= 0.2 && color >= 0.3;
  if (!comboA && !comboB && score <= BUDGET) return [];
  // A named combination is broken up first (mixup below the reported 0.4, smoothing to 0.1), then the score is brought under budget.
  const seed = new Map<BudgetTerm, number>();
  for (const t of terms) {
    if (comboA && t.kind === 'mixup' && t.current > 0.3) seed.set(t, 0.3);
    if (comboB && !comboA && t.kind === 'labelSmoothing' && t.current > 0.1) seed.set(t, 0.1);
  }
  const knobs = weakerSetting(terms, seed);
  const after = budgetScore(terms, knobs);
  const contributions = terms.map((t) => ({ kind: t.kind, source: t.source, knob: t.knob, value: round(t.current, 3), score: round(value(t), 3) }));
  const suggestion = [...knobs].map(([t, v]) => ({ source: t.source, knob: t.knob, from: round(t.current, 3), to: round(v, 3) }));
  const fix = `${suggestion.length > 0 ? [...knobs].map(([t, v]) => describeKnob(t, v)).join('; ') : 'weaken the strongest contributor'} (score ${round(after, 2)}, within the budget of ${BUDGET})`;
  const evidence = { score: round(score, 3), budget: BUDGET, contributions, suggestion, scoreAfter: round(after, 3), mixupAlpha: mixup, randAugmentMagnitude30: round(raMagnitude, 2), labelSmoothing: ls, colorJitter: round(color, 3) };
  if (comboA) {
    return [
      finding(
        'budget.mixup-randaugment',
        'warning',
        `mixup alpha ${mixup} together with RandAugment magnitude ${round(raMagnitude, 1)} on the 0-30 scale (fraction of the range x op probability): reported to cost 1 to 3 points of ImageNet top-1 accuracy; budget score ${round(score, 2)} of ${BUDGET}`,
        evidence,
        fix,
      ),
    ];
  }
  if (comboB) {
    return [
      finding(
        'budget.mixup-smoothing-color',
        'warning',
        `mixup alpha ${mixup}, label smoothing ${ls} and heavy colour jitter together: reported to keep training accuracy below validation, slow convergence by 50 to 100% and make confidences unreliable; budget score ${round(score, 2)} of ${BUDGET}`,
        evidence,
        fix,
      ),
    ];
  }
  return [finding('budget.over-regularization', 'warning', `the recipe's regularization score is ${round(score, 2)}, over the budget of ${BUDGET}: expect training accuracy below validation and slower convergence`, evidence, fix)];
}
