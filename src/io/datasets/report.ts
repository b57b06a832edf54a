/**
 * What a dataset run skipped, clipped or noticed. Readers and writers push entries here instead
 * of dying on one bad record (unless the user asks with `--on-error fail`).
 */
import { AuguryError } from '../../core/errors.js';

export type OnError = 'skip' | 'fail';

export interface ReportEntry {
  readonly kind: 'skipped' | 'clipped' | 'dropped-field' | 'warning';
  /** A short reason key, used to group the summary: `box-outside-image`, `missing-image`. */
  readonly reason: string;
  readonly message: string;
  readonly file?: string;
  readonly record?: string;
}

export class RunReport {
  readonly entries: ReportEntry[] = [];
  constructor(readonly onError: OnError = 'skip') {}

  /** Records an error for a skipped record, or throws it when the run must fail. */
  skip(err: AuguryError, reason: string = err.code): void {
    if (this.onError === 'fail') throw err;
    this.entries.push({ kind: 'skipped', reason, message: err.message, ...(err.file ? { file: err.file } : {}), ...(err.record ? { record: err.record } : {}) });
  }

  clipped(reason: string, message: string, file?: string, record?: string): void {
    this.entries.push({ kind: 'clipped', reason, message, ...(file ? { file } : {}), ...(record ? { record } : {}) });
  }

  /** A field the target format cannot hold (a conversion's loss). */
  dropped(reason: string, message: string): void {
    this.entries.push({ kind: 'dropped-field', reason, message });
  }

  warn(reason: string, message: string, file?: string, record?: string): void {
    this.entries.push({ kind: 'warning', reason, message, ...(file ? { file } : {}), ...(record ? { record } : {}) });
  }

  count(kind: ReportEntry['kind']): number {
    return this.entries.filter((e) => e.kind === kind).length;
  }

  /** Counts by kind and reason, plus the first few messages of each group. */
  summary(examples = 3): { kind: ReportEntry['kind']; reason: string; count: number; examples: string[] }[] {
    const groups = new Map<string, { kind: ReportEntry['kind']; reason: string; count: number; examples: string[] }>();
    for (const e of this.entries) {
      const key = `${e.kind}\u0000${e.reason}`;
      let g = groups.get(key);
      if (!g) {
        g = { kind: e.kind, reason: e.reason, count: 0, examples: [] };
        groups.set(key, g);
      }
      g.count++;
      if (g.examples.length < examples) g.examples.push(e.message);
    }
    return [...groups.values()];
  }
}
