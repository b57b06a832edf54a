/** Border extrapolation for the filters, with OpenCV's borderInterpolate semantics. */
import type { BorderMode } from '../types.js';
import { badOption } from './pixels.js';

const MODES: readonly BorderMode[] = ['constant', 'replicate', 'reflect', 'reflect101', 'wrap'];

/** Checks a border mode name (configs arrive as JSON, so the type alone is not enough). */
export function checkBorder(key: string, border: BorderMode): BorderMode {
  if (!MODES.includes(border)) badOption(key, MODES.join(' | '), border, 'use reflect101 (OpenCV default) unless you need another border');
  return border;
}

/**
 * The source index that position `p` reads on an axis of length `len`, or -1 for the constant
 * border. Offsets larger than the axis keep reflecting (as OpenCV does), so a kernel wider than
 * the image is still defined.
 */
export function borderIndex(p: number, len: number, mode: BorderMode): number {
  if (p >= 0 && p < len) return p;
  switch (mode) {
    case 'constant':
      return -1;
    case 'replicate':
      return p < 0 ? 0 : len - 1;
    case 'reflect':
    case 'reflect101': {
      if (len === 1) return 0;
      const delta = mode === 'reflect101' ? 1 : 0;
      let q = p;
      while (q < 0 || q >= len) q = q < 0 ? -q - 1 + delta : len - 1 - (q - len) - delta;
      return q;
    }
    case 'wrap':
      return ((p % len) + len) % len;
  }
}

/**
 * Source indices for positions -before .. len-1+after: entry `i` is the index that position
 * `i - before` reads (or -1 for the constant border). Filters index this table instead of
 * branching per tap.
 */
export function borderTable(len: number, before: number, after: number, mode: BorderMode): Int32Array {
  const t = new Int32Array(len + before + after);
  for (let i = 0; i < t.length; i++) t[i] = borderIndex(i - before, len, mode);
  return t;
}
