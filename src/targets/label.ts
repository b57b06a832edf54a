/** A classification label: a class index, or a soft vector (what mixing produces). */
import { AuguryError } from '../core/errors.js';

export type Label =
  | { readonly kind: 'class'; readonly index: number }
  | { readonly kind: 'soft'; readonly probs: Float64Array };

export function classLabel(index: number): Label {
  if (!Number.isInteger(index) || index < 0) {
    throw new AuguryError({ code: 'validation', message: 'class index must be a non-negative integer', received: String(index) });
  }
  return { kind: 'class', index };
}

/** A soft label; the vector must be non-negative and sum to 1 (within 1e-6). */
export function softLabel(probs: ArrayLike<number>): Label {
  const p = Float64Array.from(probs);
  let sum = 0;
  for (const v of p) {
    if (!(v >= 0)) throw new AuguryError({ code: 'validation', message: 'soft label values must be >= 0', received: String(v) });
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-6) {
    throw new AuguryError({ code: 'validation', message: 'soft label must sum to 1', received: sum.toFixed(6) });
  }
  return { kind: 'soft', probs: p };
}

/** The label as a probability vector over `numClasses` classes. */
export function toProbabilities(label: Label, numClasses: number): Float64Array {
  if (label.kind === 'soft') {
    if (label.probs.length !== numClasses) {
      throw new AuguryError({ code: 'validation', message: 'soft label length does not match the class count', expected: String(numClasses), received: String(label.probs.length) });
    }
    return label.probs.slice();
  }
  if (label.index >= numClasses) {
    throw new AuguryError({ code: 'validation', message: 'class index out of range', expected: `< ${numClasses}`, received: String(label.index) });
  }
  const p = new Float64Array(numClasses);
  p[label.index] = 1;
  return p;
}
