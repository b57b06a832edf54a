import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  displacementMaps, elasticField, gridDistortionMaps, opticalDistortionMaps, remapImage,
} from '../../../src/functional/geometric/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/rng.js';
import { patterned, same } from './helpers.js';

function isIdentity(maps: { width: number; height: number; mapX: Float32Array; mapY: Float32Array }): boolean {
  for (let i = 0; i < maps.height; i++) {
    for (let j = 0; j < maps.width; j++) {
      if (maps.mapX[i * maps.width + j] !== j + 0.5 || maps.mapY[i * maps.width + j] !== i + 0.5) return false;
    }
  }
  return true;
}

function variance(a: Float32Array): number {
  let s = 0, s2 = 0;
  for (const v of a) { s += v; s2 += v * v; }
  const m = s / a.length;
  return s2 / a.length - m * m;
}

const validation = (key: string) => (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.message.includes(key) && /Hint: /.test(e.message);

describe('elasticField', () => {
  test('alpha 0 gives a zero field, hence identity maps and an unchanged image', () => {
    const { dx, dy } = elasticField(9, 7, 0, 3, 42);
    assert.ok(dx.every((v) => v === 0) && dy.every((v) => v === 0));
    const maps = displacementMaps(dx, dy, 9, 7);
    assert.ok(isIdentity(maps));
    const img = patterned(9, 7, 3, 'uint8');
    assert.ok(same(remapImage(img, maps.mapX, maps.mapY, 9, 7, { interpolation: 'bilinear', border: 'reflect101', fill: 0 }), img));
  });

  test('draws come from Rng(seed): every x value row by row, then every y value', () => {
    const w = 5, h = 3;
    const { dx, dy } = elasticField(w, h, 2, 0, 1234);
    const rng = new Rng(1234);
    for (let p = 0; p < w * h; p++) assert.equal(dx[p], Math.fround(2 * (-1 + 2 * rng.next())));
    for (let p = 0; p < w * h; p++) assert.equal(dy[p], Math.fround(2 * (-1 + 2 * rng.next())));
  });

  test('same seed, same field; another seed, another field', () => {
    const a = elasticField(16, 12, 5, 2, 7), b = elasticField(16, 12, 5, 2, 7), c = elasticField(16, 12, 5, 2, 8);
    assert.deepEqual(a.dx, b.dx);
    assert.deepEqual(a.dy, b.dy);
    assert.notDeepEqual(a.dx, c.dx);
    assert.notDeepEqual(a.dx, a.dy);
  });

  test('smoothing shrinks the variance by the sum of squared Gaussian weights', () => {
    const sigma = 2, r = Math.floor(4 * sigma + 0.5);
    let sum = 0, sum2 = 0;
    for (let t = -r; t <= r; t++) {
      const g = Math.exp(-(t * t) / (2 * sigma * sigma));
      sum += g;
      sum2 += g * g;
    }
    // A uniform(-1, 1) value has variance 1/3; a separable smoothing multiplies it by (Σw²)² in 2-D.
    const expected = (1 / 3) * (sum2 / (sum * sum)) ** 2;
    const { dx } = elasticField(96, 96, 1, sigma, 99);
    const v = variance(dx);
    assert.ok(v > expected * 0.6 && v < expected * 1.4, `variance ${v} vs ${expected}`);
    const raw = elasticField(96, 96, 1, 0, 99).dx;
    assert.ok(Math.abs(variance(raw) - 1 / 3) < 0.02);
    assert.ok(raw.every((x) => x >= -1 && x < 1));
  });

  test('bad arguments are refused with the option and a hint', () => {
    assert.throws(() => elasticField(4, 4, 1, -1, 0), validation('elasticField.sigma'));
    assert.throws(() => elasticField(4, 4, 1, 1, 2 ** 32), validation('elasticField.seed'));
    assert.throws(() => elasticField(0, 4, 1, 1, 0), validation('elasticField.width'));
  });
});

describe('gridDistortionMaps', () => {
  test('unit steps give the identity, with or without normalize', () => {
    assert.ok(isIdentity(gridDistortionMaps(10, 7, 3, [1, 1, 1], [1, 1, 1])));
    assert.ok(isIdentity(gridDistortionMaps(10, 7, 3, [1, 1, 1], [1, 1, 1], true)));
  });

  test('cells stretch piecewise linearly (hand-computed)', () => {
    // Width 10, 2 cells of 5 px; steps [2, 0.5]: input knots 0, 10, 12.5.
    const m = gridDistortionMaps(10, 2, 2, [2, 0.5], [1, 1]);
    assert.deepEqual(Array.from(m.mapX.subarray(0, 10)), [1, 3, 5, 7, 9, 10.25, 10.75, 11.25, 11.75, 12.25]);
    assert.deepEqual(Array.from(m.mapY), [...Array(10).fill(0.5), ...Array(10).fill(1.5)]);
    // normalize scales the knots to 0, 8, 10 so the right edge stays the right edge.
    const n = gridDistortionMaps(10, 2, 2, [2, 0.5], [1, 1], true);
    const expected = [0.8, 2.4, 4, 5.6, 7.2, 8.2, 8.6, 9, 9.4, 9.8];
    n.mapX.subarray(0, 10).forEach((v, j) => assert.ok(Math.abs(v - expected[j]!) < 1e-6, `${j}: ${v}`));
  });

  test('the last cell takes the remainder', () => {
    // Width 7, 2 cells: [0, 3) and [3, 7). Steps [1, 2]: knots 0, 3, 11.
    const m = gridDistortionMaps(7, 2, 2, [1, 2], [1, 1]);
    assert.deepEqual(Array.from(m.mapX.subarray(0, 7)), [0.5, 1.5, 2.5, 4, 6, 8, 10]);
  });

  test('bad arguments are refused with the option and a hint', () => {
    assert.throws(() => gridDistortionMaps(10, 10, 3, [1, 1], [1, 1, 1]), validation('gridDistortionMaps.xSteps'));
    assert.throws(() => gridDistortionMaps(10, 10, 2, [1, 0], [1, 1]), validation('gridDistortionMaps.xSteps'));
    assert.throws(() => gridDistortionMaps(10, 2, 3, [1, 1, 1], [1, 1, 1]), validation('gridDistortionMaps.numSteps'));
  });
});

describe('opticalDistortionMaps', () => {
  test('k = 0 gives the identity, even with a shifted centre', () => {
    assert.ok(isIdentity(opticalDistortionMaps(12, 9, 0)));
    assert.ok(isIdentity(opticalDistortionMaps(12, 9, 0, 2, -1)));
  });

  test('a hand-computed point, and mirror symmetry about the centre', () => {
    // 10x10, k = 0.5, pixel (9, 4): x = 0.45, y = -0.05, r² = 0.205, f = 1 + 0.5·0.205 + 0.5·0.205² = 1.1235125.
    const m = opticalDistortionMaps(10, 10, 0.5);
    assert.ok(Math.abs(m.mapX[4 * 10 + 9]! - 10.05580625) < 1e-5);
    assert.ok(Math.abs(m.mapY[4 * 10 + 9]! - 4.43824375) < 1e-5);
    for (let j = 0; j < 10; j++) assert.ok(Math.abs(m.mapX[3 * 10 + j]! + m.mapX[3 * 10 + 9 - j]! - 10) < 1e-5);
    // Positive k pulls from farther out at the corners (barrel), negative from nearer (pincushion).
    assert.ok(m.mapX[9]! > 9.5 && opticalDistortionMaps(10, 10, -0.5).mapX[9]! < 9.5);
  });

  test('bad arguments are refused with the option and a hint', () => {
    assert.throws(() => opticalDistortionMaps(4, 4, NaN), validation('opticalDistortionMaps.k'));
  });
});
