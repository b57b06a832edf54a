/**
 * Row-aligned columns: per-box and per-keypoint fields live in parallel arrays so that a filter
 * that drops a row drops every field of that row with it.
 */
import { AuguryError } from '../core/errors.js';

export type Column = Float64Array | Int32Array | Uint8Array | readonly unknown[];
export type Columns = Readonly<Record<string, Column>>;

export function columnLength(c: Column): number {
  return c.length;
}

/** Rows `indices` of a column, in that order. */
export function takeColumn<C extends Column>(c: C, indices: ArrayLike<number>): C {
  if (Array.isArray(c)) {
    const out: unknown[] = new Array(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = c[indices[i]!];
    return out as unknown as C;
  }
  const typed = c as Float64Array | Int32Array | Uint8Array;
  const Ctor = typed.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
  const out = new Ctor(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = typed[indices[i]!]!;
  return out as C;
}

/** Rows of a strided array (n values a row). */
export function takeRows(a: Float64Array, stride: number, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length * stride);
  for (let i = 0; i < indices.length; i++) {
    const s = indices[i]! * stride;
    for (let k = 0; k < stride; k++) out[i * stride + k] = a[s + k]!;
  }
  return out;
}

export function takeColumns(cols: Columns, indices: ArrayLike<number>): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const [k, v] of Object.entries(cols)) out[k] = takeColumn(v, indices);
  return out;
}

export function assertColumns(cols: Columns, rows: number, what: string): void {
  for (const [k, v] of Object.entries(cols)) {
    if (v.length !== rows) {
      throw new AuguryError({
        code: 'validation',
        message: `${what} field "${k}" is not row-aligned`,
        expected: `${rows} values`,
        received: `${v.length}`,
      });
    }
  }
}

export function iota(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
