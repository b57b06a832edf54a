import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../src/core/errors.js';
import { boxFromMask, boxFromPolygon, defaultBoxMethod, mapBoxes, type BoxMethod } from '../../src/geometry/boxes.js';
import { hflip, rotation, scaling, translation } from '../../src/geometry/matrix.js';
import { createBoxes, type Boxes } from '../../src/targets/boxes.js';
import { createInstanceMasks } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';
import { assertClose, boxIn, canvasArb, mapArb, refMap, unit, type CanvasCase } from './arbitraries.js';

const METHODS: BoxMethod[] = ['corners', 'ellipse', 'mask'];
const big = { width: 10000, height: 10000 };

const caseArb = canvasArb.chain((c) => fc.tuple(fc.constant(c), boxIn(c), mapArb));

function one(box: readonly number[], visibility = 1): Boxes {
  return createBoxes({ xyxy: box, visibility: [visibility] });
}

/** Points on the box's inscribed ellipse, mapped: an independent, sampled picture of 'ellipse'. */
function sampledEllipseBox(box: readonly number[], m: Float64Array, n: number): number[] {
  const [x1, y1, x2, y2] = box as [number, number, number, number];
  const out = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    const [x, y] = refMap(m, (x1 + x2) / 2 + ((x2 - x1) / 2) * Math.cos(t), (y1 + y2) / 2 + ((y2 - y1) / 2) * Math.sin(t));
    out[0] = Math.min(out[0]!, x); out[1] = Math.min(out[1]!, y); out[2] = Math.max(out[2]!, x); out[3] = Math.max(out[3]!, y);
  }
  return out;
}

function inside(inner: ArrayLike<number>, outer: ArrayLike<number>, tol: number): boolean {
  return inner[0]! >= outer[0]! - tol && inner[1]! >= outer[1]! - tol && inner[2]! <= outer[2]! + tol && inner[3]! <= outer[3]! + tol;
}

describe('mapBoxes', () => {
  test('hflip of [x1, y1, x2, y2] is [W - x2, y1, W - x1, y2], and flipping twice gives the box back', () => {
    fc.assert(
      fc.property(canvasArb.chain((c) => fc.tuple(fc.constant(c), boxIn(c))), ([c, box]) => {
        const expected = [c.width - box[2], box[1], c.width - box[0], box[3]];
        for (const method of ['corners', 'ellipse'] as const) {
          const once = mapBoxes(one(box), hflip(c.width), c, { method }).boxes;
          assertClose(once.xyxy, expected, method === 'corners' ? 0 : 1e-9 * c.width, method);
          assert.equal(once.visibility[0], 1);
          const twice = mapBoxes(once, hflip(c.width), c, { method }).boxes;
          assertClose(twice.xyxy, box, 1e-9 * c.width, method);
        }
      }),
    );
  });

  test('mapped points of the box stay inside the corners box (before clipping)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.tuple(unit(), unit()), { maxLength: 10 }), ([c, box, m], ts) => {
        const out = mapBoxes(one(box), m, c, { clip: false }).boxes.xyxy;
        const tol = 1e-9 * (1 + Math.max(...Array.from(out, Math.abs)));
        for (const [u, v] of [[0, 0], [1, 1], [0, 1], [1, 0], ...ts] as [number, number][]) {
          const [x, y] = refMap(m, box[0] + u * (box[2] - box[0]), box[1] + v * (box[3] - box[1]));
          assert.ok(inside([x, y, x, y], out, tol), `(${x}, ${y}) outside [${Array.from(out)}]`);
        }
      }),
    );
  });

  test("'ellipse' boxes lie inside 'corners' boxes and enclose the sampled mapped ellipse", () => {
    fc.assert(
      fc.property(caseArb, ([c, box, m]) => {
        const corners = mapBoxes(one(box), m, c, { method: 'corners', clip: false }).boxes.xyxy;
        const ellipse = mapBoxes(one(box), m, c, { method: 'ellipse', clip: false }).boxes.xyxy;
        const scale = 1 + Math.max(...Array.from(corners, Math.abs));
        assert.ok(inside(ellipse, corners, 1e-9 * scale), `ellipse [${Array.from(ellipse)}] not inside corners [${Array.from(corners)}]`);
        const sampled = sampledEllipseBox(box, m, 720);
        assert.ok(inside(sampled, ellipse, 1e-9 * scale), 'a sampled point lies outside the closed-form box');
        // 720 samples miss an extreme by at most r·(1 - cos(π/720)) ≈ 1e-5·r.
        const extent = Math.max(corners[2]! - corners[0]!, corners[3]! - corners[1]!);
        assertClose(ellipse, sampled, 2e-5 * extent + 1e-9 * scale, 'ellipse vs sampled');
      }),
    );
  });

  test('45° rotation of a square: corners inflate it by √2, the ellipse (a circle) does not', () => {
    const box = [40, 40, 60, 60];
    const m = rotation(45, 50, 50);
    const corners = mapBoxes(one(box), m, big, { method: 'corners' }).boxes.xyxy;
    const ellipse = mapBoxes(one(box), m, big, { method: 'ellipse' }).boxes.xyxy;
    const h = 10 * Math.SQRT2;
    assertClose(corners, [50 - h, 50 - h, 50 + h, 50 + h], 1e-9);
    assertClose(ellipse, box, 1e-9);
  });

  test("'mask' boxes are the tight box of the mapped polygon and lie inside 'corners' boxes", () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.tuple(unit(), unit()), { minLength: 3, maxLength: 8 }), ([c, box, m], ts) => {
        const ringVals = ts.flatMap(([u, v]) => [box[0] + u * (box[2] - box[0]), box[1] + v * (box[3] - box[1])]);
        const polygons = createPolygons({ instances: [[ringVals]] });
        const res = mapBoxes(one(box), m, c, { method: 'mask', polygons, clip: false });
        const corners = mapBoxes(one(box), m, c, { method: 'corners', clip: false }).boxes.xyxy;
        const mapped = ts.map((_, k) => refMap(m, ringVals[2 * k]!, ringVals[2 * k + 1]!));
        const tight = [Math.min(...mapped.map((p) => p[0])), Math.min(...mapped.map((p) => p[1])), Math.max(...mapped.map((p) => p[0])), Math.max(...mapped.map((p) => p[1]))];
        const scale = 1 + Math.max(...Array.from(corners, Math.abs));
        assertClose(res.boxes.xyxy, tight, 1e-9 * scale, 'tight');
        assert.ok(inside(res.boxes.xyxy, corners, 1e-9 * scale));
        assert.ok(res.polygons !== undefined);
      }),
    );
  });

  test("'mask' with clipping uses the clipped polygon; rows without rings fall back to corners", () => {
    const boxes = createBoxes({ xyxy: [0, 0, 40, 40, 60, 60, 80, 80] });
    const polygons = createPolygons({ instances: [[[0, 0, 40, 0, 0, 40]], []] });
    const res = mapBoxes(boxes, translation(-20, 0), { width: 100, height: 100 }, { method: 'mask', polygons });
    // Triangle x + y <= 40 moved left by 20 and clipped at x = 0: vertices (0,0), (20,0), (0,20)... its box is [0, 0, 20, 20].
    assert.deepEqual(Array.from(res.boxes.xyxy), [0, 0, 20, 20, 40, 60, 60, 80]);
    // Triangle area 800; the part with x >= 20 (before the move) is a triangle of legs 20: 200 left in frame.
    assert.deepEqual(Array.from(res.boxes.visibility), [0.25, 1]);
    assert.equal(res.polygons!.instances[1]!.length, 0);
  });

  test("'mask' with instance masks takes their tight pixel box; empty masks fall back to corners", () => {
    const W = 8, H = 6;
    const a = new Uint8Array(W * H);
    a[2 * W + 3] = 1; // pixel (3, 2)
    a[4 * W + 5] = 255; // pixel (5, 4)
    const masks = createInstanceMasks(W, H, [a, new Uint8Array(W * H)]);
    const boxes = createBoxes({ xyxy: [0, 0, 1, 1, 1, 1, 3, 3] });
    const res = mapBoxes(boxes, translation(1, 0), { width: W, height: H }, { method: 'mask', instanceMasks: masks });
    assert.deepEqual(Array.from(res.boxes.xyxy), [3, 2, 6, 5, 2, 1, 4, 3]);
    assert.deepEqual(Array.from(res.boxes.visibility), [1, 1]);
  });

  test('visibility stays in [0, 1] for every method and map', () => {
    fc.assert(
      fc.property(caseArb, unit(), ([c, box, m], v0) => {
        const polygons = createPolygons({ instances: [[[box[0], box[1], box[2], box[1], box[0], box[3]]]] });
        for (const method of METHODS) {
          const out = mapBoxes(one(box, v0), m, c, { method, polygons }).boxes;
          const v = out.visibility[0]!;
          assert.ok(v >= 0 && v <= v0, `${method}: visibility ${v} with input ${v0}`);
          const b = out.xyxy;
          assert.ok(b[0]! >= 0 && b[1]! >= 0 && b[2]! <= c.width && b[3]! <= c.height && b[0]! <= b[2]! && b[1]! <= b[3]!, `${method}: clipped box [${Array.from(b)}]`);
        }
      }),
    );
  });

  test('a pure scaling onto a canvas scaled by the same factor never lowers visibility', () => {
    const arb = canvasArb.chain((c) => fc.tuple(fc.constant(c), boxIn(c), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), unit()));
    fc.assert(
      fc.property(arb, ([c, box, w2, h2, v0]) => {
        // A resize to w2 x h2 scales by w2/W, which need not be exact: the border may land an ulp off.
        const m = scaling(w2 / c.width, h2 / c.height);
        const target: CanvasCase = { width: w2, height: h2 };
        const polygons = createPolygons({ instances: [[[box[0], box[1], box[2], box[1], box[2], box[3], box[0], box[3]]]] });
        for (const method of METHODS) {
          assert.equal(mapBoxes(one(box, v0), m, target, { method, polygons }).boxes.visibility[0], v0, method);
        }
      }),
    );
  });

  test('regression: a zero-height box on the border survives a resize whose factor rounds up', () => {
    // 633 · (3 / 633) = 3.0000000000000004: the far corner lands an ulp past the new border.
    for (const method of METHODS) {
      const out = mapBoxes(one([0, 0, 633, 0], 0.5), scaling(3 / 633, 1), { width: 3, height: 313 }, { method }).boxes;
      assert.equal(out.visibility[0], 0.5, method);
      assertClose(out.xyxy, [0, 0, 3, 0], 1e-12, method);
    }
  });

  test('a box translated half out of frame keeps half its visibility, multiplied with the old one', () => {
    const box = [10, 10, 30, 30];
    const polygons = createPolygons({ instances: [[[10, 10, 30, 10, 30, 30, 10, 30]]] });
    for (const method of METHODS) {
      const out = mapBoxes(one(box, 0.8), translation(-20, 0), { width: 100, height: 100 }, { method, polygons }).boxes;
      assertClose(out.visibility, [0.4], 1e-12, method);
      assert.deepEqual(Array.from(out.xyxy), [0, 10, 10, 30], method);
    }
    // A circle centred on the canvas corner shows a quarter.
    const q = mapBoxes(one([-10, -10, 10, 10]), translation(0, 0), { width: 50, height: 50 }, { method: 'ellipse' }).boxes;
    assertClose(q.visibility, [0.25], 1e-12);
  });

  test('fully out of frame gives visibility 0; clip: false keeps the unclipped box', () => {
    for (const method of METHODS) {
      const out = mapBoxes(one([10, 10, 20, 20]), translation(200, 0), { width: 100, height: 100 }, { method, clip: false }).boxes;
      assert.equal(out.visibility[0], 0, method);
      assertClose(out.xyxy, [210, 10, 220, 20], 1e-9, method);
    }
  });

  test('fields, labels and sourceIndex pass through; the input is not mutated', () => {
    const boxes = createBoxes({ xyxy: [1, 2, 3, 4, 5, 6, 7, 8], labels: [4, 2], fields: { id: ['x', 'y'] } });
    const before = boxes.xyxy.slice();
    const out = mapBoxes(boxes, rotation(30, 5, 5), big).boxes;
    assert.deepEqual(Array.from(out.labels), [4, 2]);
    assert.deepEqual(out.fields['id'], ['x', 'y']);
    assert.deepEqual(Array.from(out.sourceIndex), [0, 1]);
    assert.deepEqual(boxes.xyxy, before);
  });

  test('a perspective whose horizon crosses a box is refused', () => {
    const m = Float64Array.of(1, 0, 0, 0, 1, 0, -0.02, 0, 1); // w = 0 at x = 50
    for (const method of METHODS) {
      assert.throws(() => mapBoxes(one([40, 0, 60, 10]), m, big, { method }), (e: unknown) => e instanceof AuguryError && e.code === 'validation', method);
    }
  });

  test('misaligned polygons or instance masks are refused', () => {
    const boxes = createBoxes({ xyxy: [0, 0, 1, 1] });
    assert.throws(() => mapBoxes(boxes, translation(0, 0), big, { polygons: createPolygons({ instances: [] }) }), AuguryError);
    assert.throws(() => mapBoxes(boxes, translation(0, 0), { width: 4, height: 4 }, { instanceMasks: createInstanceMasks(2, 2, [new Uint8Array(4)]) }), AuguryError);
  });
});

describe('box helpers', () => {
  test('defaultBoxMethod prefers per-instance shapes', () => {
    assert.equal(defaultBoxMethod({}), 'corners');
    assert.equal(defaultBoxMethod({ polygons: createPolygons({ instances: [] }) }), 'mask');
    assert.equal(defaultBoxMethod({ instanceMasks: createInstanceMasks(1, 1, []) }), 'mask');
    assert.equal(defaultBoxMethod({ mask: { width: 1, height: 1, data: new Uint8Array(1) } }), 'corners');
  });

  test('boxFromMask: pixel i covers [i, i+1)', () => {
    const m = new Uint8Array(12);
    assert.equal(boxFromMask(m, 4, 3), null);
    m[4 + 1] = 1;
    assert.deepEqual(Array.from(boxFromMask(m, 4, 3)!), [1, 1, 2, 2]);
    m[11] = 1;
    assert.deepEqual(Array.from(boxFromMask(m, 4, 3)!), [1, 1, 4, 3]);
    assert.throws(() => boxFromMask(m, 5, 3), AuguryError);
  });

  test('boxFromPolygon spans every ring', () => {
    assert.equal(boxFromPolygon([]), null);
    assert.deepEqual(Array.from(boxFromPolygon([Float64Array.of(1, 5, 3, 2, 2, 4), Float64Array.of(-1, 6, 0, 7, 0.5, 6)])!), [-1, 2, 3, 7]);
  });
});
