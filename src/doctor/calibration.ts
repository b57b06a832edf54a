/**
 * Calibration from a predictions file: expected calibration error over 15 equal-width confidence
 * bins (the definition of Guo et al., "On Calibration of Modern Neural Networks",
 * arXiv:1706.04599) and the bins for a reliability diagram.
 *
 *   {"probs": [0.7, 0.2, 0.1], "label": 0}     one line per validation image
 */
import { finding, round, type Finding } from './findings.js';

export const ECE_BINS = 15;
/** ECE above this is flagged (heuristic). */
export const ECE_THRESHOLD = 0.05;
/** Probabilities may miss a sum of 1 by this much (float32 softmax rounding). */
const SUM_TOLERANCE = 1e-3;

export interface Prediction {
  readonly line: number;
  readonly probs: readonly number[];
  readonly label: number;
}

export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Share of correct top-1 predictions in the bin (0 when empty). */
  readonly accuracy: number;
  /** Mean top-1 probability in the bin (0 when empty). */
  readonly confidence: number;
}

export interface Calibration {
  readonly ece: number;
  readonly accuracy: number;
  readonly count: number;
  readonly bins: readonly ReliabilityBin[];
}

/** Reads JSONL predictions; bad lines are skipped and reported (one finding per kind of problem). */
export function parsePredictions(text: string, file: string): { predictions: Prediction[]; findings: Finding[] } {
  const predictions: Prediction[] = [];
  const problems = new Map<string, { lines: number[]; fix: string }>();
  const note = (what: string, line: number, fix: string): void => {
    const p = problems.get(what) ?? { lines: [], fix };
    p.lines.push(line);
    problems.set(what, p);
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      note('not valid JSON', line, 'write one JSON object per line: {"probs": [...], "label": k}');
      return;
    }
    const o = obj as { probs?: unknown; label?: unknown };
    if (!o || typeof o !== 'object' || !Array.isArray(o.probs) || o.probs.length < 2 || !o.probs.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      note('no "probs" list of at least two finite numbers', line, 'write the softmax output of the model as "probs"');
      return;
    }
    const probs = o.probs as number[];
    const sum = probs.reduce((a, b) => a + b, 0);
    if (probs.some((x) => x < 0) || Math.abs(sum - 1) > SUM_TOLERANCE) {
      note('probabilities that do not sum to 1', line, 'write softmax probabilities, not logits (apply softmax before writing)');
      return;
    }
    if (typeof o.label !== 'number' || !Number.isInteger(o.label) || o.label < 0 || o.label >= probs.length) {
      note(`a label out of range (an integer from 0 to the number of classes - 1)`, line, 'write the true class index as "label"');
      return;
    }
    predictions.push({ line, probs, label: o.label });
  });
  const findings = [...problems].map(([what, p]) =>
    finding('input.predictions', 'warning', `${file}: ${p.lines.length} line(s) with ${what} (line ${p.lines.slice(0, 5).join(', ')}${p.lines.length > 5 ? ', ...' : ''}); they are skipped`, { file, problem: what, lines: p.lines.slice(0, 20), count: p.lines.length }, p.fix),
  );
  if (predictions.length === 0) findings.push(finding('input.predictions', 'error', `${file}: no usable predictions; calibration was not measured`, { file }, 'write lines like {"probs": [0.7, 0.2, 0.1], "label": 0}'));
  return { predictions, findings };
}

/** ECE and reliability bins: bin m holds confidences in ((m-1)/M, m/M], the first bin also 0. */
export function calibration(preds: readonly Prediction[], bins = ECE_BINS): Calibration {
  const count = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  let right = 0;
  for (const p of preds) {
    let k = 0;
    for (let j = 1; j < p.probs.length; j++) if (p.probs[j]! > p.probs[k]!) k = j;
    const c = p.probs[k]!;
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[b]!++;
    conf[b]! += c;
    if (k === p.label) {
      correct[b]!++;
      right++;
    }
  }
  const n = preds.length;
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const m = count[b]!;
    const acc = m > 0 ? correct[b]! / m : 0;
    const cf = m > 0 ? conf[b]! / m : 0;
    if (m > 0) ece += (m / n) * Math.abs(acc - cf);
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: m, accuracy: acc, confidence: cf });
  }
  return { ece, accuracy: n > 0 ? right / n : 0, count: n, bins: out };
}

/** The calibration findings: a summary (info) and a warning above the threshold. */
export function checkCalibration(c: Calibration, file: string): Finding[] {
  const summary = finding('calibration.summary', 'info', `${file}: ${c.count} predictions, top-1 accuracy ${round(c.accuracy * 100, 1)}%, ECE ${round(c.ece, 4)} over ${c.bins.length} bins`, {
    file,
    ece: round(c.ece, 5),
    accuracy: round(c.accuracy, 5),
    count: c.count,
    bins: c.bins.map((b) => ({ lower: round(b.lower, 4), upper: round(b.upper, 4), count: b.count, accuracy: round(b.accuracy, 4), confidence: round(b.confidence, 4) })),
  });
  if (c.ece <= ECE_THRESHOLD) return [summary];
  const over = c.bins.reduce((a, b) => a + (b.count / Math.max(1, c.count)) * (b.confidence - b.accuracy), 0);
  return [
    finding(
      'calibration.ece',
      'warning',
      `${file}: expected calibration error ${round(c.ece, 3)} is above ${ECE_THRESHOLD}: the model is ${over > 0 ? 'over' : 'under'}-confident, so its probabilities cannot be read as chances of being right`,
      { file, ece: round(c.ece, 5), threshold: ECE_THRESHOLD, direction: over > 0 ? 'over-confident' : 'under-confident' },
      over > 0 ? 'fit a temperature on held-out data (temperature scaling), or add mild label smoothing' : 'heavy label smoothing or mixing makes models under-confident: weaken them, or fit a temperature on held-out data',
    ),
    summary,
  ];
}
