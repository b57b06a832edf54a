/**
 * Number text for label files (YOLO, VOC). We write the shortest fixed-point text that reads back
 * within a tolerance, so values that came from a file (`0.479492`, `0.5955`, `273.5`) are written
 * exactly as they were read, and computed values keep enough digits to survive the round trip.
 */
import { AuguryError } from '../../core/errors.js';

/** Strict decimal number syntax: what label files contain (no hex, no empty strings). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Parses a decimal number token. Returns `'nan'` for NaN or infinity spelled out, and undefined
 * for anything that is not a number at all, so callers can word their error.
 */
export function parseDecimal(token: string): number | 'nan' | undefined {
  const t = token.trim();
  if (NOT_FINITE.test(t)) return 'nan';
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : 'nan';
}

/**
 * The shortest fixed-point text (0 to 17 decimals) of `v` whose value is within `tolerance` of
 * `v`. Never uses exponent notation, never writes `-0`.
 */
export function formatNumber(v: number, tolerance: number): string {
  if (!Number.isFinite(v)) {
    throw new AuguryError({ code: 'validation', message: 'cannot write a non-finite number to a label file', received: String(v) });
  }
  // toFixed switches to exponent notation from 1e21 on; such values are not coordinates.
  if (Math.abs(v) >= 1e21) return String(v);
  for (let d = 0; d <= 17; d++) {
    const s = v.toFixed(d);
    const back = Number(s);
    if (Math.abs(back - v) <= tolerance) return back === 0 ? '0' : s;
  }
  return v.toFixed(17);
}
