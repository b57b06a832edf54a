/**
 * Training logs as per-epoch series: recognises Keras CSVLogger, PyTorch Lightning CSVLogger
 * (rows collapsed by epoch), Ultralytics results.csv and plain epoch/train_acc/val_acc logs
 * without configuration; `--columns` maps any other names. docs/rules.md lists the aliases.
 */
import { finding, type Finding } from '../findings.js';
import type { LogRecords } from './records.js';

export const CANONICAL = ['epoch', 'train_acc', 'val_acc', 'train_loss', 'val_loss', 'val_map50', 'val_map'] as const;
export type Canonical = (typeof CANONICAL)[number];
export type Series = Exclude<Canonical, 'epoch'>;
export type LogFormat = 'keras' | 'lightning' | 'ultralytics' | 'plain';

/** Recognised column names (compared case-insensitively). */
export const ALIASES: Readonly<Record<Canonical, readonly string[]>> = {
  epoch: ['epoch', 'epochs'],
  train_acc: ['train_acc', 'accuracy', 'acc', 'train_accuracy', 'training_accuracy', 'train/acc', 'train_acc_epoch', 'train_accuracy_epoch', 'categorical_accuracy', 'sparse_categorical_accuracy'],
  val_acc: ['val_acc', 'val_accuracy', 'valid_acc', 'validation_accuracy', 'val/acc', 'val_acc_epoch', 'val_accuracy_epoch', 'val_categorical_accuracy', 'val_sparse_categorical_accuracy', 'metrics/accuracy_top1'],
  train_loss: ['train_loss', 'loss', 'training_loss', 'train/loss', 'train_loss_epoch'],
  val_loss: ['val_loss', 'valid_loss', 'validation_loss', 'val/loss', 'val_loss_epoch'],
  val_map50: ['metrics/map50(b)', 'map50', 'val_map50'],
  val_map: ['metrics/map50-95(b)', 'map50-95', 'map', 'val_map'],
};

/** Columns read but not needed (step counters, learning rates, times): not reported as unknown. */
const IGNORED = [/^step$/i, /^lr/i, /learning_rate/i, /^time/i, /_step$/i, /^metrics\/(precision|recall)/i, /^metrics\/.*\(m\)$/i, /^metrics\/accuracy_top5$/i, /^epoch_time$/i];
/** Ultralytics loss parts, summed into train_loss / val_loss. */
const ULTRA_LOSS = /^(train|val)\/(box|cls|dfl|seg|pose|kobj|obj|rle)_loss$/i;

export interface TrainingLog {
  readonly file: string;
  readonly format: LogFormat;
  /** Epoch labels as the file gives them, ascending. */
  readonly epochs: readonly number[];
  /** Values aligned with `epochs`; null where the epoch has no value. */
  readonly series: Partial<Record<Series, readonly (number | null)[]>>;
  /** Which file column(s) fed each series. */
  readonly sources: Partial<Record<Series, string>>;
  /** The validation metric the convergence rule compares (higher is better). */
  readonly metric?: Series;
}

/** Parses `train_acc=acc_tr,val_acc=acc_va` into {canonical: column}. */
export function parseColumnMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) out[part] = '';
    else out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function detectFormat(cols: readonly string[], rec: LogRecords): LogFormat {
  const lower = cols.map((c) => c.toLowerCase());
  if (lower.some((c) => c.startsWith('metrics/') || ULTRA_LOSS.test(c))) return 'ultralytics';
  if (lower.includes('step') && rec.rows.some((r) => Object.values(r.cells).some((v) => v === '' || v === null))) return 'lightning';
  if (lower.includes('epoch') && (lower.includes('accuracy') || lower.includes('acc') || lower.includes('loss')) && lower.some((c) => c.startsWith('val_'))) return 'keras';
  return 'plain';
}

function toNumber(v: unknown): number | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isFinite(n) ? n : 'bad';
  }
  return 'bad';
}

/**
 * Per-epoch series from parsed records. Problems (mapped columns that do not exist, NaN cells,
 * repeated epochs, missing columns) become findings naming the file and lines; whatever can be
 * read is still returned.
 */
export function logSeries(rec: LogRecords, file: string, columnMap: Readonly<Record<string, string>> = {}): { log: TrainingLog; findings: Finding[] } {
  const findings: Finding[] = [];
  const format = detectFormat(rec.columns, rec);
  const byLower = new Map(rec.columns.map((c) => [c.toLowerCase(), c]));
  const chosen: Partial<Record<Canonical, string[]>> = {};
  for (const [target, col] of Object.entries(columnMap)) {
    if (!(CANONICAL as readonly string[]).includes(target)) {
      findings.push(finding('input.log-columns', 'error', `--columns: unknown name "${target}"`, { file, key: target }, `map one of ${CANONICAL.join(', ')}, e.g. --columns val_acc=my_val_accuracy`));
    } else if (!rec.columns.includes(col)) {
      findings.push(finding('input.log-columns', 'error', `--columns: ${file} has no column "${col}" (for ${target})`, { file, key: target, column: col, columns: [...rec.columns] }, `the columns are: ${rec.columns.join(', ')}`));
    } else chosen[target as Canonical] = [col];
  }
  for (const c of CANONICAL) {
    if (chosen[c]) continue;
    const hit = ALIASES[c].map((a) => byLower.get(a)).find((x) => x !== undefined);
    if (hit) chosen[c] = [hit];
  }
  if (format === 'ultralytics') {
    for (const split of ['train', 'val'] as const) {
      const key: Series = split === 'train' ? 'train_loss' : 'val_loss';
      const parts = rec.columns.filter((c) => ULTRA_LOSS.test(c) && c.toLowerCase().startsWith(split));
      if (!columnMap[key] && parts.length > 0) chosen[key] = parts;
    }
  }
  const used = new Set(Object.values(chosen).flat());
  const unknown = rec.columns.filter((c) => !used.has(c) && !IGNORED.some((r) => r.test(c)) && !ULTRA_LOSS.test(c));
  if (unknown.length > 0) {
    findings.push(finding('input.log-columns', 'info', `${file}: columns not used by any rule: ${unknown.join(', ')}`, { file, columns: unknown }, 'map them with --columns name=column if they hold accuracy or loss (docs/rules.md lists the names)'));
  }

  // Read every row; NaN and non-numbers are reported per column with their first lines.
  const bad = new Map<string, number[]>();
  type Row = { line: number; epoch: number; values: Partial<Record<Series, number>> };
  const rows: Row[] = [];
  const epochCol = chosen.epoch?.[0];
  if (!epochCol) findings.push(finding('input.log-columns', 'warning', `${file}: no epoch column; rows are taken as consecutive epochs`, { file, columns: [...rec.columns] }, 'add an epoch column or map one with --columns epoch=<column>'));
  rec.rows.forEach((r, i) => {
    let epoch = i;
    if (epochCol) {
      const e = toNumber(r.cells[epochCol]);
      if (e === null) return; // Lightning writes step-only rows without an epoch.
      if (e === 'bad') {
        bad.set(epochCol, [...(bad.get(epochCol) ?? []), r.line]);
        return;
      }
      epoch = e;
    }
    const values: Partial<Record<Series, number>> = {};
    for (const s of CANONICAL) {
      if (s === 'epoch' || !chosen[s]) continue;
      let sum: number | null = null;
      for (const col of chosen[s]!) {
        const v = toNumber(r.cells[col]);
        if (v === 'bad') bad.set(col, [...(bad.get(col) ?? []), r.line]);
        else if (v !== null) sum = (sum ?? 0) + v;
      }
      if (sum !== null) values[s] = sum;
    }
    rows.push({ line: r.line, epoch, values });
  });
  for (const [col, lines] of bad) {
    findings.push(finding('input.log-values', 'warning', `${file}: column "${col}" has ${lines.length} value(s) that are NaN, infinite or not numbers (line ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', ...' : ''}); they are skipped`, { file, column: col, lines: lines.slice(0, 20), count: lines.length }, 'a NaN loss usually means the run diverged: lower the learning rate or check the inputs; otherwise fix the log'));
  }

  // Collapse consecutive rows of one epoch (Lightning logs train and val on separate rows);
  // an epoch that comes back after another one is a repeat (a resumed or appended run).
  const blocks: { epoch: number; lines: number[]; values: Partial<Record<Series, number>> }[] = [];
  for (const r of rows) {
    const last = blocks[blocks.length - 1];
    if (last && last.epoch === r.epoch) {
      last.lines.push(r.line);
      Object.assign(last.values, r.values);
    } else blocks.push({ epoch: r.epoch, lines: [r.line], values: { ...r.values } });
  }
  const byEpoch = new Map<number, (typeof blocks)[number]>();
  const repeats: { epoch: number; lines: number[] }[] = [];
  for (const b of blocks) {
    const prev = byEpoch.get(b.epoch);
    if (prev) repeats.push({ epoch: b.epoch, lines: [prev.lines[0]!, b.lines[0]!] });
    byEpoch.set(b.epoch, b);
  }
  if (repeats.length > 0) {
    findings.push(finding('input.log-repeated-epochs', 'warning', `${file}: ${repeats.length} epoch(s) appear again after later epochs (epoch ${repeats[0]!.epoch} at lines ${repeats[0]!.lines.join(' and ')}${repeats.length > 1 ? ', ...' : ''}); the later rows are used`, { file, repeats: repeats.slice(0, 20) }, 'write each run to its own log file (a resumed run appended to an old log repeats epochs)'));
  }
  const epochs = [...byEpoch.keys()].sort((a, b) => a - b);
  const series: Partial<Record<Series, (number | null)[]>> = {};
  const sources: Partial<Record<Series, string>> = {};
  for (const s of CANONICAL) {
    if (s === 'epoch' || !chosen[s]) continue;
    const vals = epochs.map((e) => byEpoch.get(e)!.values[s] ?? null);
    if (vals.every((v) => v === null)) continue;
    // Accuracies logged in percent are brought to [0, 1] so thresholds mean one thing.
    const pct = (s === 'train_acc' || s === 'val_acc' || s === 'val_map' || s === 'val_map50') && vals.some((v) => v !== null && v > 1.5);
    series[s] = pct ? vals.map((v) => (v === null ? null : v / 100)) : vals;
    sources[s] = chosen[s]!.join(' + ');
  }
  const metric: Series | undefined = series.val_acc ? 'val_acc' : series.val_map ? 'val_map' : series.val_map50 ? 'val_map50' : undefined;
  if (!series.train_acc && !series.val_acc && !series.train_loss && !series.val_loss && !metric) {
    findings.push(finding('input.log-columns', 'error', `${file}: no accuracy, loss or mAP column was recognised; no curve rule can run`, { file, columns: [...rec.columns] }, 'map your columns, e.g. --columns train_acc=my_acc,val_acc=my_val_acc,train_loss=my_loss'));
  }
  return { log: { file, format, epochs, series, sources, ...(metric ? { metric } : {}) }, findings };
}
