/** Training-curve rules over per-epoch series. Thresholds are heuristics (docs/rules.md). */
import { finding, round, type Finding } from '../findings.js';
import type { Series, TrainingLog } from './series.js';

/** Epochs a plateau must last at least. */
export const PLATEAU_WINDOW = 5;
/** A plateau's least-squares slope is below this, in accuracy units per epoch (0.2 points). */
export const PLATEAU_SLOPE = 0.002;
/** Training accuracy this far below validation (1 point) on a plateau is flagged. */
export const PLATEAU_GAP = 0.01;
/** Convergence this much slower than the baseline (%) is flagged. */
export const SLOWER_PCT = 25;
/** The run reaches this share of the baseline's best validation metric. */
export const CONVERGENCE_SHARE = 0.95;
/** Loss that falls by less than this share from the first to the last window is flagged. */
export const LOSS_MIN_DROP = 0.01;

/** Least-squares slope of ys over 0..n-1. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i - mx) * (y - my);
    den += (i - mx) ** 2;
  });
  return num / den;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Epochs where both series have values, as aligned arrays. */
function paired(log: TrainingLog, a: Series, b: Series): { epochs: number[]; a: number[]; b: number[] } {
  const sa = log.series[a];
  const sb = log.series[b];
  const out = { epochs: [] as number[], a: [] as number[], b: [] as number[] };
  if (!sa || !sb) return out;
  log.epochs.forEach((e, i) => {
    const x = sa[i];
    const y = sb[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) {
      out.epochs.push(e);
      out.a.push(x);
      out.b.push(y);
    }
  });
  return out;
}

/** Training accuracy flat at the end of the run and below validation accuracy. */
export function trainBelowValRule(log: TrainingLog): Finding[] {
  const p = paired(log, 'train_acc', 'val_acc');
  const n = p.epochs.length;
  if (n < PLATEAU_WINDOW) return [];
  if (Math.abs(slope(p.a.slice(n - PLATEAU_WINDOW))) >= PLATEAU_SLOPE) return [];
  // Grow the plateau backwards while each window of PLATEAU_WINDOW epochs stays flat.
  let start = n - PLATEAU_WINDOW;
  while (start > 0 && Math.abs(slope(p.a.slice(start - 1, start - 1 + PLATEAU_WINDOW))) < PLATEAU_SLOPE) start--;
  const gaps = p.b.slice(start).map((v, i) => v - p.a[start + i]!);
  const gap = mean(gaps);
  if (gap <= PLATEAU_GAP) return [];
  const first = p.epochs[start]!;
  const last = p.epochs[n - 1]!;
  return [
    finding(
      'curve.train-below-val',
      'warning',
      `${log.file}: training accuracy plateaued at ${round(mean(p.a.slice(start)) * 100, 1)}% from epoch ${first} to ${last} (${n - start} epochs), ${round(gap * 100, 1)} points below validation: the augmentation and regularization make training images harder than real ones and the model has stopped learning from them`,
      { file: log.file, plateauStart: first, plateauEnd: last, plateauEpochs: n - start, gapPoints: round(gap * 100, 2), trainAcc: round(mean(p.a.slice(start)), 4), valAcc: round(mean(p.b.slice(start)), 4), slopePerEpoch: round(slope(p.a.slice(start)), 5) },
      'weaken the strongest regularizer (run augury doctor --pipeline ... --train ... for the budget), or train longer with the weaker setting',
    ),
  ];
}

/** 1-based count of epochs until the series first reaches `target`, or undefined. */
function epochsToReach(log: TrainingLog, s: Series, target: number): number | undefined {
  const vals = log.series[s] ?? [];
  const i = vals.findIndex((v) => v !== null && v >= target);
  return i < 0 ? undefined : i + 1;
}

/** Epochs to reach 95% of the baseline's best validation metric, compared with the baseline's own. */
export function slowConvergenceRule(run: TrainingLog, base: TrainingLog): Finding[] {
  const metric = run.metric;
  if (!metric || !base.series[metric]) {
    return [finding('input.log-columns', 'warning', `${base.file}: the run and the baseline share no validation metric (run: ${run.metric ?? 'none'}); convergence was not compared`, { file: base.file, metric: run.metric ?? null }, 'log the same validation metric in both runs, or map it with --columns')];
  }
  const best = Math.max(...(base.series[metric]!.filter((v) => v !== null) as number[]));
  const target = CONVERGENCE_SHARE * best;
  const eBase = epochsToReach(base, metric, target)!;
  const eRun = epochsToReach(run, metric, target);
  const evidence = { file: run.file, baseline: base.file, metric, baselineBest: round(best, 4), target: round(target, 4), baselineEpochs: eBase, runEpochs: eRun ?? null, runLength: run.epochs.length };
  if (eRun === undefined) {
    return [finding('curve.slow-convergence', 'warning', `${run.file}: ${metric} never reaches ${round(target * 100, 1)}% (95% of the baseline's best) in ${run.epochs.length} epochs; the baseline reached it in ${eBase}`, { ...evidence, slowerPct: null }, 'weaken the augmentation and regularization (see the budget rule) or train longer')];
  }
  const slower = ((eRun - eBase) / eBase) * 100;
  if (slower <= SLOWER_PCT) return [];
  return [
    finding('curve.slow-convergence', 'warning', `${run.file}: ${metric} takes ${eRun} epochs to reach ${round(target * 100, 1)}% (95% of the baseline's best), the baseline ${eBase}: ${round(slower, 0)}% slower`, { ...evidence, slowerPct: round(slower, 1) }, 'weaken the strongest regularizer (see the budget rule); if the final metric is better, budget the extra epochs'),
  ];
}

/** Training loss (validation loss when there is none) that does not go down. */
export function lossNotDecreasingRule(log: TrainingLog): Finding[] {
  const key: Series | undefined = log.series.train_loss ? 'train_loss' : log.series.val_loss ? 'val_loss' : undefined;
  if (!key) return [];
  const vals = log.series[key]!.filter((v): v is number => v !== null);
  if (vals.length < 4) return [];
  const w = Math.min(PLATEAU_WINDOW, Math.floor(vals.length / 2));
  const first = mean(vals.slice(0, w));
  const last = mean(vals.slice(-w));
  if (last < first * (1 - LOSS_MIN_DROP)) return [];
  return [
    finding('curve.loss-not-decreasing', 'warning', `${log.file}: ${key} does not decrease: mean ${round(first, 4)} over the first ${w} epochs, ${round(last, 4)} over the last ${w}`, { file: log.file, series: key, firstMean: round(first, 5), lastMean: round(last, 5), window: w, epochs: vals.length }, 'check the learning rate and the labels first; then weaken the augmentation (a model that cannot fit augmented images does not lower its loss)'),
  ];
}

/** Every curve rule on one log (and a baseline, when given). */
export function checkCurves(log: TrainingLog, baseline?: TrainingLog): Finding[] {
  return [...trainBelowValRule(log), ...(baseline ? slowConvergenceRule(log, baseline) : []), ...lossNotDecreasingRule(log)];
}
