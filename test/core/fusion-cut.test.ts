import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cutIntermediateReference, fusedWarp } from '../../src/core/fusion.js';
import type { WarpSpec } from '../../src/core/transform.js';
import { compose, hflip, mat3, rotation, scaling, translation, vflip, type Mat3 } from '../../src/geometry/matrix.js';
import type { Image } from '../../src/targets/image.js';

const spec = (matrix: Mat3, width: number, height: number, exact = false): WarpSpec => ({ matrix, width, height, interpolation: 'bilinear', border: 'constant', fill: [7, 8, 9], fillMask: 0, exact });

/** One random step from a canvas of w x h: a flip, a rotation, a scale-translate, or a perspective tilt. */
const arbStep = (w: number, h: number) =>
  fc.record({
    kind: fc.constantFrom('hflip', 'vflip', 'rotate', 'scale', 'perspective'),
    angle: fc.double({ min: -60, max: 60, noNaN: true }),
    s: fc.double({ min: 0.5, max: 1.6, noNaN: true }),
    tx: fc.integer({ min: -15, max: 15 }),
    ty: fc.integer({ min: -15, max: 15 }),
    ow: fc.integer({ min: 4, max: 48 }),
    oh: fc.integer({ min: 4, max: 48 }),
  }).map(({ kind, angle, s, tx, ty, ow, oh }) => {
    switch (kind) {
      case 'hflip': return spec(hflip(w), w, h, true);
      case 'vflip': return spec(vflip(h), w, h, true);
      case 'rotate': return spec(compose(rotation(angle, w / 2, h / 2), translation(tx, ty)), w, h);
      case 'scale': return spec(compose(scaling(s, s * 0.9), translation(tx, ty)), ow, oh);
      default: return spec(mat3(1, 0.05, tx, 0.02, 1, ty, 0.002, 0.001, 1), ow, oh);
    }
  });

/** Chains of 2-4 steps, each starting from the previous step's canvas. */
const arbChain = fc.record({ w: fc.integer({ min: 4, max: 48 }), h: fc.integer({ min: 4, max: 48 }), n: fc.integer({ min: 2, max: 4 }), seed: fc.integer() }).chain(({ w, h, n }) => {
  const grow = (specs: WarpSpec[], cw: number, ch: number, left: number): fc.Arbitrary<WarpSpec[]> =>
    left === 0 ? fc.constant(specs) : arbStep(cw, ch).chain((s) => grow([...specs, s], s.width, s.height, left - 1));
  return grow([], w, h, n).map((specs) => ({ w, h, specs }));
});

describe('fused warps cut intermediate canvases exactly as the per-pixel rule', () => {
  test('affine rows (and projective pixel by pixel) give the reference pixels', () => {
    fc.assert(
      fc.property(arbChain, ({ w, h, specs }) => {
        const src: Image = { width: w, height: h, channels: 3, dtype: 'uint8', data: new Uint8Array(w * h * 3).fill(200) };
        const fused = fusedWarp(src, specs);
        // The same single resampling without any cut, then the per-pixel rule.
        const last = specs[specs.length - 1]!;
        const whole = fusedWarp(src, [{ ...last, matrix: compose(...specs.map((s) => s.matrix)), exact: specs.every((s) => s.exact), interpolation: 'bilinear' }]);
        cutIntermediateReference(whole, specs, last.fill);
        assert.deepEqual(fused.data, whole.data);
      }),
      { numRuns: 400 },
    );
  });

  test('a flip then a rotation: the rows path keeps and fills the same pixels on a 500x375 canvas', () => {
    const w = 500, h = 375;
    const specs = [spec(hflip(w), w, h, true), spec(rotation(17, w / 2, h / 2), w, h)];
    const src: Image = { width: w, height: h, channels: 3, dtype: 'uint8', data: new Uint8Array(w * h * 3).fill(200) };
    const fused = fusedWarp(src, specs);
    const whole = fusedWarp(src, [{ ...specs[1]!, matrix: compose(...specs.map((s) => s.matrix)) }]);
    cutIntermediateReference(whole, specs, specs[1]!.fill);
    assert.deepEqual(fused.data, whole.data);
  });
});
