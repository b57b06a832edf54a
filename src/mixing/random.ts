/**
 * Gamma and Beta draws for mixing weights (MixUp's and CutMix's lambda ~ Beta(alpha, alpha)).
 * Kept here rather than in src/core/rng.ts so that the generator's documented stream stays as it
 * is; these only consume `Rng.next()` and `Rng.normal()`, so they replay exactly.
 *
 * Gamma(shape k, scale 1): Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables": d = k - 1/3, c = 1/sqrt(9d); draw x ~ N(0, 1) until v = (1 + c x)^3 > 0, then
 * u ~ U(0, 1); accept d·v when log(u) < x²/2 + d - d·v + d·log(v). For k < 1 it draws
 * Gamma(k + 1) and multiplies by u^(1/k) (the paper's boosting step).
 * Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 */
import { AuguryError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';

/** A Gamma(shape, 1) draw; `shape` > 0. */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) {
    throw new AuguryError({ code: 'validation', message: 'a gamma draw needs a finite shape > 0', received: String(shape), hint: 'use alpha > 0' });
  }
  if (shape < 1) {
    const g = gamma(rng, shape + 1);
    const u = 1 - rng.next(); // (0, 1]: the power stays finite
    return g * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(a, b) draw in [0, 1]; both parameters > 0. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  const s = x + y;
  // Both can underflow to 0 for tiny shapes; the limit of Beta(a, a) as a -> 0 is a fair coin on {0, 1}.
  return s > 0 ? x / s : rng.bool(a / (a + b)) ? 1 : 0;
}
