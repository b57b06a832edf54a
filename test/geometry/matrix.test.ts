import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../src/core/errors.js';
import {
  applyToPoint, compose, hflip, identity, invert, isAffine, isMirroring, jacobianAt, multiply,
  rotation, scaling, shearing, translation, vflip,
} from '../../src/geometry/matrix.js';
import { inFrame, mapPoints } from '../../src/geometry/points.js';
import { assertClose, canvasArb, mapArb, refMap } from './arbitraries.js';

describe('matrix', () => {
  test('m · m⁻¹ is the identity and points round-trip', () => {
    fc.assert(
      fc.property(mapArb, fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true }), (m, x, y) => {
        const inv = invert(m);
        const scale = Math.max(...Array.from(m, Math.abs), ...Array.from(inv, Math.abs));
        assertClose(multiply(m, inv), identity(), 1e-9 * scale * scale, 'm·m⁻¹');
        assertClose(multiply(inv, m), identity(), 1e-9 * scale * scale, 'm⁻¹·m');
        const [u, v] = applyToPoint(m, x, y);
        const [bx, by] = applyToPoint(inv, u, v);
        assertClose([bx, by], [x, y], 1e-7 * (1 + Math.abs(u) + Math.abs(v)) * scale, 'round trip');
      }),
    );
  });

  test('a singular matrix cannot be inverted', () => {
    for (const m of [scaling(0, 1), shearing(45, 45), Float64Array.of(1, 2, 3, 2, 4, 6, 0, 0, 1)]) {
      assert.throws(() => invert(m), (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.hint !== undefined);
    }
  });

  test('compose applies its arguments in the order given; multiply(a, b) applies b first', () => {
    // Translate (0,0) to (1,0), then scale by 2: (2,0). The other order gives (1,0).
    assert.deepEqual(applyToPoint(compose(translation(1, 0), scaling(2, 2)), 0, 0), [2, 0]);
    assert.deepEqual(applyToPoint(compose(scaling(2, 2), translation(1, 0)), 0, 0), [1, 0]);
    assert.deepEqual(applyToPoint(multiply(translation(1, 0), scaling(2, 2)), 0, 0), [1, 0]);
    assert.deepEqual(Array.from(compose()), Array.from(identity()));
  });

  test('positive rotation is counter-clockwise on screen: (W, H/2) goes to (W/2, 0) under +90° about the centre', () => {
    const W = 100;
    assert.deepEqual(applyToPoint(rotation(90, W / 2, W / 2), W, W / 2), [W / 2, 0]);
    // The top-middle point continues counter-clockwise to the left-middle.
    assert.deepEqual(applyToPoint(rotation(90, W / 2, W / 2), W / 2, 0), [0, W / 2]);
    // 45°: a point right of the centre moves up and right (y decreases) by r/√2 each way.
    const [x, y] = applyToPoint(rotation(45, 10, 10), 20, 10);
    assertClose([x, y], [10 + 10 / Math.SQRT2, 10 - 10 / Math.SQRT2], 1e-12);
  });

  test('quarter turns are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (q, x, y) => {
        const m = rotation(90 * q, 3, 5);
        const expected = [[x, y], [3 + (y - 5), 5 - (x - 3)], [6 - x, 10 - y], [3 - (y - 5), 5 + (x - 3)]][((q % 4) + 4) % 4]!;
        assert.deepEqual(applyToPoint(m, x, y), expected);
      }),
    );
  });

  test('scaling, shearing and flips act as documented', () => {
    assert.deepEqual(applyToPoint(scaling(2, 3, 10, 10), 11, 12), [12, 16]);
    const [sx, sy] = applyToPoint(shearing(45, 0), 0, 10);
    assertClose([sx, sy], [10, 10], 1e-12);
    const [tx, ty] = applyToPoint(shearing(0, 45, 5, 0), 7, 1);
    assertClose([tx, ty], [7, 3], 1e-12);
    assert.deepEqual(applyToPoint(hflip(100), 30, 7), [70, 7]);
    assert.deepEqual(applyToPoint(vflip(50), 30, 7), [30, 43]);
    assert.deepEqual(Array.from(compose(hflip(37), hflip(37))), Array.from(identity()));
  });

  test('isAffine and isMirroring', () => {
    assert.equal(isAffine(rotation(30, 1, 2)), true);
    assert.equal(isAffine(Float64Array.of(1, 0, 0, 0, 1, 0, 1e-4, 0, 1)), false);
    assert.equal(isMirroring(hflip(10)), true);
    assert.equal(isMirroring(vflip(10)), true);
    assert.equal(isMirroring(compose(hflip(10), vflip(10))), false);
    assert.equal(isMirroring(rotation(123, 4, 5)), false);
    // Homogeneous matrices are defined up to scale: -diag(2, 2, 1) is a plain scaling by 2 ...
    assert.equal(isMirroring(Float64Array.of(-2, 0, 0, 0, -2, 0, 0, 0, -1)), false);
    // ... and diag(2, -2, -1) maps x to -2x: a mirror, although its determinant is positive.
    assert.equal(isMirroring(Float64Array.of(2, 0, 0, 0, -2, 0, 0, 0, -1)), true);
  });

  test('jacobianAt matches central finite differences', () => {
    fc.assert(
      fc.property(mapArb, fc.double({ min: 0, max: 640, noNaN: true }), fc.double({ min: 0, max: 640, noNaN: true }), (m, x, y) => {
        const h = 1e-3;
        const [xp] = refMap(m, x + h, y), [xm] = refMap(m, x - h, y);
        const [, yp] = refMap(m, x + h, y), [, ym] = refMap(m, x - h, y);
        const [xq, yq] = refMap(m, x, y + h), [xr, yr] = refMap(m, x, y - h);
        const fd = [(xp - xm) / (2 * h), (xq - xr) / (2 * h), (yp - ym) / (2 * h), (yq - yr) / (2 * h)];
        assertClose(jacobianAt(m, x, y), fd, 1e-5 * (1 + Math.max(...fd.map(Math.abs))));
      }),
    );
  });
});

describe('points', () => {
  test('mapPoints agrees with a point-by-point map', () => {
    fc.assert(
      fc.property(mapArb, fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { maxLength: 20 }), (m, vals) => {
        const xy = Float64Array.from(vals.length % 2 ? vals.slice(1) : vals);
        const out = mapPoints(xy, m);
        for (let k = 0; k < xy.length; k += 2) assertClose([out[k]!, out[k + 1]!], refMap(m, xy[k]!, xy[k + 1]!), 1e-9 * (1 + Math.abs(out[k]!) + Math.abs(out[k + 1]!)));
      }),
    );
  });

  test('the frame includes its borders', () => {
    fc.assert(
      fc.property(canvasArb, ({ width, height }) => {
        assert.equal(inFrame(0, 0, width, height), true);
        assert.equal(inFrame(width, height, width, height), true);
        assert.equal(inFrame(-1e-9, 0, width, height), false);
        assert.equal(inFrame(width, height + 1e-9, width, height), false);
      }),
    );
  });
});
