import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clipRingToRect, mapPolygons, ringArea } from '../../src/geometry/polygons.js';
import { hflip, translation } from '../../src/geometry/matrix.js';
import { createPolygons } from '../../src/targets/polygons.js';
import { canvasArb, mapArb } from './arbitraries.js';

const ring = (...v: number[]): Float64Array => Float64Array.from(v);

/** Vertices as a sorted list of "x,y" strings, to compare rings regardless of start vertex. */
function vertexSet(r: Float64Array): string[] {
  const out: string[] = [];
  for (let k = 0; k < r.length; k += 2) out.push(`${r[k]},${r[k + 1]}`);
  return out.sort();
}

describe('ringArea', () => {
  test('hand-computed areas, either orientation', () => {
    assert.equal(ringArea(ring(0, 0, 4, 0, 4, 3, 0, 3)), 12);
    assert.equal(ringArea(ring(0, 0, 0, 3, 4, 3, 4, 0)), 12);
    assert.equal(ringArea(ring(0, 0, 4, 0, 0, 4)), 8);
    // An L shape: 3x3 square minus its 2x2 top-right corner.
    assert.equal(ringArea(ring(0, 0, 1, 0, 1, 2, 3, 2, 3, 3, 0, 3)), 5);
    assert.equal(ringArea(ring(1e9, 1e9, 1e9 + 1, 1e9, 1e9 + 1, 1e9 + 1, 1e9, 1e9 + 1)), 1);
    assert.equal(ringArea(ring(0, 0, 1, 1)), 0);
  });
});

describe('clipRingToRect (Sutherland–Hodgman)', () => {
  test('a square over the corner keeps the quarter inside', () => {
    const out = clipRingToRect(ring(-1, -1, 1, -1, 1, 1, -1, 1), 0, 0, 2, 2);
    assert.deepEqual(vertexSet(out), ['0,0', '0,1', '1,0', '1,1']);
    assert.equal(ringArea(out), 1);
  });

  test('a triangle cut by a corner of the rectangle becomes a pentagon', () => {
    // x + y <= 3 inside [0,2]²: the square loses the corner triangle (2,1),(2,2),(1,2) of area 0.5.
    const out = clipRingToRect(ring(0, 0, 3, 0, 0, 3), 0, 0, 2, 2);
    assert.deepEqual(vertexSet(out), ['0,0', '0,2', '1,2', '2,0', '2,1']);
    assert.equal(ringArea(out), 3.5);
  });

  test('a concave U crossing the border keeps both arms', () => {
    // U of width 5, arms 1 wide, height 4, base 1 high; cut at y = 2 keeps the arm tops 1x2 each.
    const u = ring(0, 0, 1, 0, 1, 3, 4, 3, 4, 0, 5, 0, 5, 4, 0, 4);
    const out = clipRingToRect(u, 0, 0, 5, 2);
    assert.equal(ringArea(out), 4);
    for (let k = 0; k < out.length; k += 2) assert.ok(out[k + 1]! <= 2 && out[k + 1]! >= 0);
  });

  test('inside stays as is, outside vanishes, border contact keeps no area', () => {
    assert.deepEqual(Array.from(clipRingToRect(ring(1, 1, 2, 1, 2, 2), 0, 0, 3, 3)), [1, 1, 2, 1, 2, 2]);
    assert.equal(clipRingToRect(ring(5, 5, 6, 5, 6, 6), 0, 0, 3, 3).length, 0);
    assert.equal(ringArea(clipRingToRect(ring(-2, 0, 0, 0, 0, 2, -2, 2), 0, 0, 3, 3)), 0);
  });

  test('clipped area is additive across a split of the rectangle and within the rectangle', () => {
    // Quarter-pixel grid: keeps the simplicity test below free of underflow.
    const coord = fc.integer({ min: -200, max: 600 }).map((v) => v / 4);
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord), { minLength: 3, maxLength: 9 }), fc.double({ min: 1, max: 99, noNaN: true }), (pts, xm) => {
        const r = Float64Array.from(pts.flat());
        const whole = clipRingToRect(r, 0, 0, 100, 100);
        for (let k = 0; k < whole.length; k += 2) assert.ok(whole[k]! >= 0 && whole[k]! <= 100 && whole[k + 1]! >= 0 && whole[k + 1]! <= 100);
        // Additivity holds for simple rings; self-intersecting rings have signed lobes, so skip them.
        if (!isSimple(r)) return;
        const left = ringArea(clipRingToRect(r, 0, 0, xm, 100));
        const right = ringArea(clipRingToRect(r, xm, 0, 100, 100));
        assert.ok(Math.abs(left + right - ringArea(whole)) <= 1e-6 * (1 + ringArea(r)));
        assert.ok(ringArea(whole) <= ringArea(r) + 1e-9 * ringArea(r));
      }),
    );
  });

  test('an axis-aligned rectangle clips to the product of its overlaps', () => {
    const c = fc.double({ min: -100, max: 200, noNaN: true });
    fc.assert(
      fc.property(c, c, c, c, (a, b, d, e) => {
        const [x1, x2] = [Math.min(a, b), Math.max(a, b)];
        const [y1, y2] = [Math.min(d, e), Math.max(d, e)];
        const out = clipRingToRect(ring(x1, y1, x2, y1, x2, y2, x1, y2), 0, 0, 100, 100);
        const expected = Math.max(0, Math.min(x2, 100) - Math.max(x1, 0)) * Math.max(0, Math.min(y2, 100) - Math.max(y1, 0));
        assert.ok(Math.abs(ringArea(out) - expected) <= 1e-9 * (1 + expected));
      }),
    );
  });
});

describe('mapPolygons', () => {
  test('hflip maps every vertex to (W - x, y), keeps every ring, and is an involution', () => {
    // Vertices on a quarter-pixel grid keep W - x exact, so the round trip can be compared exactly.
    const caseArb = canvasArb.chain((c) =>
      fc.tuple(fc.constant(c), fc.array(fc.tuple(fc.integer({ min: 0, max: 4 * c.width }), fc.integer({ min: 0, max: 4 * c.height })), { minLength: 3, maxLength: 8 })),
    );
    fc.assert(
      fc.property(caseArb, ([c, pts]) => {
        const r = Float64Array.from(pts.flatMap(([u, v]) => [u / 4, v / 4]));
        fc.pre(ringArea(r) > 0 && distinctNeighbours(r));
        const p = createPolygons({ instances: [[r]] });
        const once = mapPolygons(p, hflip(c.width), c);
        assert.equal(once.visibility[0], 1);
        const flipped = once.polygons.instances[0]![0]!;
        assert.deepEqual(Array.from(flipped), Array.from(r).map((v, k) => (k % 2 === 0 ? c.width - v : v)));
        const twice = mapPolygons(once.polygons, hflip(c.width), c);
        assert.deepEqual(Array.from(twice.polygons.instances[0]![0]!), Array.from(r));
      }),
    );
  });

  test('rows stay aligned: an instance that leaves the frame stays, empty, with its label and fields', () => {
    const p = createPolygons({
      instances: [[ring(10, 10, 20, 10, 20, 20, 10, 20)], [ring(80, 80, 90, 80, 90, 90)], []],
      labels: [3, 4, 5],
      fields: { name: ['a', 'b', 'c'] },
    });
    const out = mapPolygons(p, translation(-25, 0), { width: 100, height: 100 });
    assert.equal(out.polygons.instances.length, 3);
    assert.equal(out.polygons.instances[0]!.length, 0);
    assert.equal(out.polygons.instances[1]!.length, 1);
    assert.equal(out.polygons.instances[2]!.length, 0);
    assert.deepEqual(Array.from(out.polygons.labels), [3, 4, 5]);
    assert.deepEqual(out.polygons.fields['name'], ['a', 'b', 'c']);
    assert.deepEqual(Array.from(out.visibility), [0, 1, 1]);
  });

  test('visibility is the area share in frame: a square half out of frame gives 0.5', () => {
    const p = createPolygons({ instances: [[ring(10, 10, 30, 10, 30, 30, 10, 30)], [ring(10, 10, 30, 10, 30, 30, 10, 30), ring(50, 50, 60, 50, 60, 60, 50, 60)]] });
    const out = mapPolygons(p, translation(-20, 0), { width: 100, height: 100 });
    assert.equal(out.visibility[0], 0.5);
    // Two parts: 200 of 400 in frame, plus 100 of 100: 300 / 500.
    assert.equal(out.visibility[1], 0.6);
  });

  test('visibility stays in [0, 1] and mapped rings stay inside the canvas', () => {
    fc.assert(
      fc.property(canvasArb, mapArb, fc.array(fc.tuple(fc.double({ min: 0, max: 640, noNaN: true }), fc.double({ min: 0, max: 640, noNaN: true })), { minLength: 3, maxLength: 8 }), (c, m, pts) => {
        const out = mapPolygons(createPolygons({ instances: [[Float64Array.from(pts.flat())]] }), m, c);
        const v = out.visibility[0]!;
        assert.ok(v >= 0 && v <= 1, `visibility ${v}`);
        for (const r of out.polygons.instances[0]!) {
          for (let k = 0; k < r.length; k += 2) assert.ok(r[k]! >= 0 && r[k]! <= c.width && r[k + 1]! >= 0 && r[k + 1]! <= c.height);
        }
      }),
    );
  });
});

function distinctNeighbours(r: Float64Array): boolean {
  const m = r.length >> 1;
  for (let k = 0; k < m; k++) {
    const j = (k + m - 1) % m;
    if (r[2 * k] === r[2 * j] && r[2 * k + 1] === r[2 * j + 1]) return false;
  }
  return true;
}

/** True when no two non-adjacent edges of the ring cross or touch (O(n²), small rings only). */
function isSimple(r: Float64Array): boolean {
  const n = r.length >> 1;
  const p = (i: number): [number, number] => [r[2 * (i % n)]!, r[2 * (i % n) + 1]!];
  const orient = (a: [number, number], b: [number, number], c: [number, number]): number => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const [a, b, c, d] = [p(i), p(i + 1), p(j), p(j + 1)];
      const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
      if (o1 * o2 <= 0 && o3 * o4 <= 0) return false;
    }
  }
  return n >= 3 && ringArea(r) > 0;
}
