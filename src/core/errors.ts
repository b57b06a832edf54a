/**
 * The one error class of augury. Every failure names where it happened (file, record, option),
 * what was expected, what was received, and what to do about it.
 */

export type ErrorCode =
  | 'usage'
  | 'validation'
  | 'io'
  | 'parse'
  | 'corrupt-image'
  | 'unknown-format'
  | 'too-large'
  | 'bad-box'
  | 'bad-annotation'
  | 'missing-image'
  | 'unknown-category'
  | 'duplicate-id'
  | 'path-escape'
  | 'size-mismatch'
  | 'unsupported';

/** Where a problem is: any of the parts may be missing. */
export interface ErrorLocation {
  /** A file path, as the user gave it or relative to the dataset. */
  file?: string;
  /** A record inside the file: `annotations[3] (id 17)`, `line 12`, `<object> 2`. */
  record?: string;
  /** An option or key path: `Affine.rotate`, `--max-pixels`. */
  key?: string;
}

export interface AuguryErrorInit extends ErrorLocation {
  code: ErrorCode;
  /** What is wrong, in a short sentence without the location. */
  message: string;
  expected?: string;
  received?: string;
  /** What the user can do. */
  hint?: string;
  cause?: unknown;
}

export class AuguryError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly record: string | undefined;
  readonly key: string | undefined;
  readonly expected: string | undefined;
  readonly received: string | undefined;
  readonly hint: string | undefined;
  /** The message without location, expected/received or hint. */
  readonly detail: string;

  constructor(init: AuguryErrorInit) {
    super(formatError(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AuguryError';
    this.code = init.code;
    this.file = init.file;
    this.record = init.record;
    this.key = init.key;
    this.expected = init.expected;
    this.received = init.received;
    this.hint = init.hint;
    this.detail = init.message;
  }

  /** The same error with more location filled in (values already set win). */
  at(loc: ErrorLocation): AuguryError {
    return new AuguryError({
      code: this.code,
      message: this.detail,
      file: this.file ?? loc.file,
      record: this.record ?? loc.record,
      key: this.key ?? loc.key,
      expected: this.expected,
      received: this.received,
      hint: this.hint,
      cause: this.cause,
    });
  }

  toJSON(): Record<string, string> {
    const out: Record<string, string> = { code: this.code, message: this.detail };
    for (const k of ['file', 'record', 'key', 'expected', 'received', 'hint'] as const) {
      const v = this[k];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
}

function formatError(e: AuguryErrorInit): string {
  const where = [e.file, e.record, e.key].filter((s) => s !== undefined && s !== '').join(': ');
  let msg = where ? `${where}: ${e.message}` : e.message;
  if (e.expected !== undefined || e.received !== undefined) {
    const parts: string[] = [];
    if (e.expected !== undefined) parts.push(`expected ${e.expected}`);
    if (e.received !== undefined) parts.push(`received ${e.received}`);
    msg += ` (${parts.join(', ')})`;
  }
  if (e.hint) msg += `. Hint: ${e.hint}`;
  return msg;
}

export function isAuguryError(e: unknown): e is AuguryError {
  return e instanceof AuguryError;
}

/** Short, safe rendering of a received value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  try {
    const s = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (s === undefined) return String(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(value);
  }
}
