import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/rng.js';
import { beta, gamma } from '../../src/mixing/random.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

test('gamma draws have mean and variance equal to the shape, including shapes below 1', () => {
  for (const k of [0.3, 1, 4.5]) {
    const rng = new Rng(7);
    const m = moments(() => gamma(rng, k), 20000);
    assert.ok(Math.abs(m.mean - k) < 0.05 * Math.max(1, k), `mean ${m.mean} for shape ${k}`);
    assert.ok(Math.abs(m.variance - k) < 0.1 * Math.max(1, k), `variance ${m.variance} for shape ${k}`);
  }
});

test('beta(a, b) has mean a / (a + b) and stays in [0, 1]; the same seed gives the same draws', () => {
  const rng = new Rng(3);
  const m = moments(() => {
    const v = beta(rng, 2, 5);
    assert.ok(v >= 0 && v <= 1);
    return v;
  }, 20000);
  assert.ok(Math.abs(m.mean - 2 / 7) < 0.01, `mean ${m.mean}`);
  // Var = ab / ((a+b)^2 (a+b+1)) = 10 / (49 * 8)
  assert.ok(Math.abs(m.variance - 10 / 392) < 0.003, `variance ${m.variance}`);
  const a = new Rng(11), b = new Rng(11);
  for (let i = 0; i < 5; i++) assert.equal(beta(a, 0.4, 0.4), beta(b, 0.4, 0.4));
  assert.throws(() => gamma(new Rng(1), 0), /shape > 0/);
});
