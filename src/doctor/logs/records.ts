/** Rows of a training log, CSV or JSONL, each with its 1-based line number. */
import { AuguryError } from '../../core/errors.js';

export interface LogRecords {
  readonly columns: readonly string[];
  /** Cells as written (trimmed strings for CSV, JSON values for JSONL); absent or '' means blank. */
  readonly rows: readonly { readonly line: number; readonly cells: Readonly<Record<string, unknown>> }[];
}

/** Splits one CSV line, honouring double quotes ("a,b" and "" inside quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  // Older Ultralytics versions pad every cell with spaces to align the columns.
  return out.map((s) => s.trim());
}

/**
 * Parses log text. JSONL when the first non-empty line starts with `{`, CSV otherwise.
 * Throws an AuguryError (file and line) when there is no header or a JSONL line is not JSON.
 */
export function parseLogRecords(text: string, file: string): LogRecords {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new AuguryError({ code: 'parse', message: 'the training log is empty', file, hint: 'point --log at a CSV with a header row or a JSONL file with one object per epoch' });
  if (lines[first]!.trim().startsWith('{')) {
    const rows: { line: number; cells: Record<string, unknown> }[] = [];
    const columns: string[] = [];
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      let obj: unknown;
      try {
        obj = JSON.parse(l);
      } catch (e) {
        throw new AuguryError({ code: 'parse', message: `not a JSON object: ${(e as Error).message}`, file, record: `line ${i + 1}`, hint: 'a JSONL log has one JSON object per line, e.g. {"epoch": 0, "val_acc": 0.5}' });
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new AuguryError({ code: 'parse', message: 'expected a JSON object', file, record: `line ${i + 1}`, hint: 'a JSONL log has one JSON object per line' });
      }
      for (const k of Object.keys(obj)) if (!columns.includes(k)) columns.push(k);
      rows.push({ line: i + 1, cells: obj as Record<string, unknown> });
    });
    return { columns, rows };
  }
  const columns = splitCsv(lines[first]!);
  if (columns.every((c) => /^-?[\d.]+(e-?\d+)?$/i.test(c))) {
    throw new AuguryError({ code: 'parse', message: 'the first row is numbers, not column names', file, record: `line ${first + 1}`, hint: 'add a header row (epoch,train_acc,val_acc,...)' });
  }
  const rows: { line: number; cells: Record<string, unknown> }[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = splitCsv(lines[i]!);
    const rec: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      rec[c] = cells[j] ?? '';
    });
    rows.push({ line: i + 1, cells: rec });
  }
  return { columns, rows };
}
