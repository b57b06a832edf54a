import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pointInRects, rectsCoverage, unionAreaIn, visibleFractionOfBox, visibleFractions, type Rect } from '../../../src/functional/occlusion/index.js';

/** Brute force: count the cells of size `cell` inside the window whose centre some rect contains. */
function bruteArea(rects: readonly Rect[], box: Rect, cell: number): number {
  let n = 0;
  for (let y = box.y1; y < box.y2; y += cell) {
    for (let x = box.x1; x < box.x2; x += cell) {
      const cx = x + cell / 2;
      const cy = y + cell / 2;
      if (rects.some((r) => cx > r.x1 && cx < r.x2 && cy > r.y1 && cy < r.y2)) n++;
    }
  }
  return n * cell * cell;
}

/** Rects whose corners lie on a grid of step `step` in [0, 12]. */
function gridRect(step: number): fc.Arbitrary<Rect> {
  const n = Math.round(12 / step);
  return fc
    .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))
    .map(([a, b, c, d]) => ({ x1: Math.min(a, c) * step, x2: Math.max(a, c) * step, y1: Math.min(b, d) * step, y2: Math.max(b, d) * step }));
}

describe('union area of holes inside a box', () => {
  test('equals brute-force pixel counting (integer rects)', () => {
    fc.assert(
      fc.property(fc.array(gridRect(1), { maxLength: 8 }), gridRect(1), (rects, box) => {
        const area = unionAreaIn(rects, box.x1, box.y1, box.x2, box.y2);
        return area === bruteArea(rects, box, 1);
      }),
      { numRuns: 300 },
    );
  });

  test('equals brute-force counting on a half-pixel grid (rects on half pixels)', () => {
    fc.assert(
      fc.property(fc.array(gridRect(0.5), { maxLength: 6 }), gridRect(0.5), (rects, box) => {
        return unionAreaIn(rects, box.x1, box.y1, box.x2, box.y2) === bruteArea(rects, box, 0.5);
      }),
      { numRuns: 200 },
    );
  });

  test('visible fraction is 1 - covered area / box area', () => {
    fc.assert(
      fc.property(fc.array(gridRect(1), { maxLength: 6 }), gridRect(1), (rects, box) => {
        const area = (box.x2 - box.x1) * (box.y2 - box.y1);
        fc.pre(area > 0);
        const vis = visibleFractionOfBox(box, rects);
        return Math.abs(vis - (1 - bruteArea(rects, box, 1) / area)) < 1e-12 && vis >= 0 && vis <= 1;
      }),
    );
  });

  test('hand cases: overlapping holes count once', () => {
    const box = { x1: 0, y1: 0, x2: 10, y2: 10 };
    assert.equal(visibleFractionOfBox(box, [{ x1: 5, y1: 0, x2: 20, y2: 10 }]), 0.5);
    const overlapping = [
      { x1: 0, y1: 0, x2: 6, y2: 6 },
      { x1: 3, y1: 3, x2: 9, y2: 9 },
    ];
    assert.equal(unionAreaIn(overlapping, 0, 0, 10, 10), 36 + 36 - 9);
    assert.equal(rectsCoverage(overlapping, 0, 0, 10, 10), 0.63);
    assert.equal(visibleFractionOfBox(box, []), 1);
    assert.equal(visibleFractionOfBox(box, [{ x1: -5, y1: -5, x2: 15, y2: 15 }]), 0);
  });

  test('a box of zero area is hidden when its centre is in a hole', () => {
    assert.equal(visibleFractionOfBox({ x1: 2, y1: 1, x2: 2, y2: 3 }, [{ x1: 0, y1: 0, x2: 4, y2: 4 }]), 0);
    assert.equal(visibleFractionOfBox({ x1: 5, y1: 2, x2: 5, y2: 8 }, [{ x1: 0, y1: 0, x2: 4, y2: 4 }]), 1);
  });

  test('visibleFractions works on N x 4 xyxy rows', () => {
    const boxes = Float64Array.of(0, 0, 10, 10, 20, 20, 30, 40);
    const holes = [{ x1: 0, y1: 0, x2: 10, y2: 2.5 }];
    assert.deepEqual([...visibleFractions(boxes, holes)], [0.75, 1]);
    assert.throws(() => visibleFractions([1, 2, 3], holes), /Hint:/);
  });
});

describe('pointInRects', () => {
  test('holes are half-open: the left and top edges hide, the right and bottom do not', () => {
    const r = [{ x1: 1, y1: 1, x2: 3, y2: 3 }];
    assert.equal(pointInRects(1, 1, r), true);
    assert.equal(pointInRects(2.999, 2.999, r), true);
    assert.equal(pointInRects(3, 2, r), false);
    assert.equal(pointInRects(2, 3, r), false);
    assert.equal(pointInRects(0.999, 2, r), false);
    assert.equal(pointInRects(2, 2, []), false);
  });
});
