/**
 * fast-check generators shared by the geometry tests. Matrices are built from raw numbers here,
 * not from the helpers under test, so properties do not lean on the code they check.
 */
import fc from 'fast-check';
import type { Mat3 } from '../../src/geometry/matrix.js';

export interface CanvasCase {
  width: number;
  height: number;
}

export const canvasArb: fc.Arbitrary<CanvasCase> = fc.record({
  width: fc.integer({ min: 1, max: 640 }),
  height: fc.integer({ min: 1, max: 640 }),
});

export const unit = (): fc.Arbitrary<number> => fc.double({ min: 0, max: 1, noNaN: true });

/** A box inside the canvas, as readers deliver them (x1 <= x2, y1 <= y2). */
export function boxIn(c: CanvasCase): fc.Arbitrary<[number, number, number, number]> {
  return fc.tuple(unit(), unit(), unit(), unit()).map(([a, b, d, e]) => {
    const [x1, x2] = a <= b ? [a, b] : [b, a];
    const [y1, y2] = d <= e ? [d, e] : [e, d];
    return [x1 * c.width, y1 * c.height, x2 * c.width, y2 * c.height];
  });
}

/** An invertible affine matrix (|det| >= 0.05, entries up to 3, translation up to 500). */
export const affineArb: fc.Arbitrary<Mat3> = fc
  .tuple(
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -500, max: 500, noNaN: true }),
    fc.double({ min: -500, max: 500, noNaN: true }),
  )
  .filter(([a, b, d, e]) => Math.abs(a * e - b * d) >= 0.05)
  .map(([a, b, d, e, tx, ty]) => Float64Array.of(a, b, tx, d, e, ty, 0, 0, 1));

/**
 * An affine map with a mild perspective: |g|, |h| <= 0.4 / 640, so w stays in [0.6, 1.4] over
 * any canvas of the generator above (no horizon crosses an object).
 */
export const projectiveArb: fc.Arbitrary<Mat3> = fc
  .tuple(affineArb, fc.double({ min: -0.4 / 640, max: 0.4 / 640, noNaN: true }), fc.double({ min: -0.4 / 640, max: 0.4 / 640, noNaN: true }))
  .map(([m, g, h]) => Float64Array.of(m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, g, h, 1));

export const mapArb: fc.Arbitrary<Mat3> = fc.oneof(affineArb, projectiveArb);

/** Independent point map, written out here so tests do not trust the code under test. */
export function refMap(m: Mat3, x: number, y: number): [number, number] {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
}

export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = 'values'): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) {
      throw new Error(`${what}[${i}]: ${actual[i]} is not within ${tol} of ${expected[i]} (actual ${Array.from(actual).join(', ')}; expected ${Array.from(expected).join(', ')})`);
    }
  }
}
