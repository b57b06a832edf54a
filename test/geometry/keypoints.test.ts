import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../src/core/errors.js';
import { hflipKeypoints, mapKeypoints, vflipKeypoints } from '../../src/geometry/keypoints.js';
import { rotation, scaling, translation } from '../../src/geometry/matrix.js';
import { createKeypoints, type Keypoints } from '../../src/targets/keypoints.js';
import { assertClose, canvasArb, type CanvasCase } from './arbitraries.js';

/** Coordinates in frame, with the borders themselves drawn often. */
function coordIn(limit: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(0), fc.constant(limit), fc.double({ min: 0, max: limit, noNaN: true }));
}

function keypointsIn(c: CanvasCase): fc.Arbitrary<Keypoints> {
  return fc
    .array(fc.tuple(coordIn(c.width), coordIn(c.height), fc.constantFrom(0, 1, 2), fc.double({ min: 0, max: 359, noNaN: true })), { minLength: 1, maxLength: 12 })
    .map((rows) =>
      createKeypoints({
        xy: rows.flatMap(([x, y]) => [x, y]),
        visibility: rows.map((r) => r[2]),
        angle: rows.map((r) => r[3]),
        scale: rows.map(() => 1),
      }),
    );
}

const face = (xy: number[], extra: Partial<Parameters<typeof createKeypoints>[0]> = {}): Keypoints =>
  createKeypoints({
    xy,
    names: ['nose', 'left_eye', 'right_eye'],
    flipPairs: [[1, 2]],
    fields: { tag: ['a-nose', 'a-left', 'a-right', 'b-nose', 'b-left', 'b-right'] },
    ...extra,
  });

describe('mapKeypoints', () => {
  test('hflip is an involution, borders included, and keeps every point in frame', () => {
    fc.assert(
      fc.property(canvasArb.chain((c) => fc.tuple(fc.constant(c), keypointsIn(c))), ([c, kp]) => {
        const once = hflipKeypoints(kp, c);
        for (let i = 0; i < kp.visibility.length; i++) {
          // x -> W - x exactly at the borders; the frame is closed so x = 0 and x = W stay visible.
          if (kp.xy[2 * i] === 0) assert.equal(once.xy[2 * i], c.width);
          if (kp.xy[2 * i] === c.width) assert.equal(once.xy[2 * i], 0);
          assert.equal(once.xy[2 * i + 1], kp.xy[2 * i + 1]);
        }
        assert.deepEqual(once.visibility, kp.visibility);
        const twice = hflipKeypoints(once, c);
        assertClose(twice.xy, kp.xy, 1e-9 * c.width);
        assert.deepEqual(twice.visibility, kp.visibility);
        for (let i = 0; i < kp.visibility.length; i++) {
          const d = Math.abs(twice.angle![i]! - kp.angle![i]!) % 360;
          assert.ok(Math.min(d, 360 - d) < 1e-9, `angle ${kp.angle![i]} came back as ${twice.angle![i]}`);
        }
      }),
    );
  });

  test('hflip moves a point at x to W - x and mirrors its angle to 180 - a', () => {
    const kp = createKeypoints({ xy: [10, 20], angle: [30], scale: [2] });
    const out = hflipKeypoints(kp, { width: 100, height: 50 });
    assert.deepEqual(Array.from(out.xy), [90, 20]);
    assertClose(out.angle!, [150], 1e-12);
    assertClose(out.scale!, [2], 1e-12);
  });

  test('flip pairs swap within each instance under hflip; all row data travels, names stay', () => {
    const W = 100;
    const kp = face([50, 10, 40, 5, 60, 5, 20, 30, 15, 25, 25, 26], { visibility: [2, 2, 1, 2, 0, 2] });
    const out = hflipKeypoints(kp, { width: W, height: 100 });
    // Row 1 ("left_eye") now holds the mirrored old right eye (row 2) and its data.
    assert.deepEqual(Array.from(out.xy), [50, 10, W - 60, 5, W - 40, 5, W - 20, 30, W - 25, 26, W - 15, 25]);
    assert.deepEqual(Array.from(out.sourceIndex), [0, 2, 1, 3, 5, 4]);
    assert.deepEqual(Array.from(out.visibility), [2, 1, 2, 2, 2, 0]);
    assert.deepEqual(out.fields['tag'], ['a-nose', 'a-right', 'a-left', 'b-nose', 'b-right', 'b-left']);
    assert.deepEqual(out.names, kp.names);
  });

  test('flip pairs do not swap under rotation or translation, and do under vflip (a mirror)', () => {
    const kp = face([50, 10, 40, 5, 60, 5, 20, 30, 15, 25, 25, 26]);
    for (const m of [rotation(90, 50, 50), rotation(30, 50, 50), rotation(180, 50, 50), translation(3, 4), scaling(2, 2)]) {
      assert.deepEqual(Array.from(mapKeypoints(kp, m, { width: 100, height: 100 }).sourceIndex), [0, 1, 2, 3, 4, 5]);
    }
    assert.deepEqual(Array.from(vflipKeypoints(kp, { width: 100, height: 100 }).sourceIndex), [0, 2, 1, 3, 5, 4]);
  });

  test('without names, flip pairs index rows directly', () => {
    const kp = createKeypoints({ xy: [1, 1, 2, 2, 3, 3, 4, 4], flipPairs: [[0, 3]] });
    const out = hflipKeypoints(kp, { width: 10, height: 10 });
    assert.deepEqual(Array.from(out.sourceIndex), [3, 1, 2, 0]);
    assert.deepEqual(Array.from(out.xy), [6, 4, 8, 2, 7, 3, 9, 1]);
  });

  test('a skeleton with a partial instance cannot be flipped', () => {
    const kp = createKeypoints({ xy: [1, 1, 2, 2, 3, 3, 4, 4], names: ['a', 'b', 'c'], flipPairs: [[1, 2]] });
    assert.throws(() => hflipKeypoints(kp, { width: 10, height: 10 }), (e: unknown) => e instanceof AuguryError && e.code === 'validation');
  });

  test('a resize keeps border keypoints in frame even when W·(newW/W) rounds past newW', () => {
    const arb = fc.tuple(canvasArb, fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }));
    fc.assert(
      fc.property(arb, ([c, w2, h2]) => {
        const kp = createKeypoints({ xy: [0, 0, c.width, c.height, c.width, 0] });
        const out = mapKeypoints(kp, scaling(w2 / c.width, h2 / c.height), { width: w2, height: h2 });
        assert.deepEqual(Array.from(out.visibility), [2, 2, 2]);
        assertClose(out.xy, [0, 0, w2, h2, w2, 0], 1e-9 * Math.max(w2, h2));
        for (let k = 0; k < 6; k += 2) assert.ok(out.xy[k]! <= w2 && out.xy[k + 1]! <= h2);
      }),
    );
    // Regression: 633 · (3 / 633) is 3.0000000000000004 in floating point.
    const out = mapKeypoints(createKeypoints({ xy: [633, 1] }), scaling(3 / 633, 1), { width: 3, height: 5 });
    assert.deepEqual(Array.from(out.xy), [3, 1]);
    assert.equal(out.visibility[0], 2);
  });

  test('points leaving the frame get visibility 0 and keep their mapped position', () => {
    const kp = createKeypoints({ xy: [5, 5, 95, 5, 50, 50], visibility: [2, 1, 2], fields: { id: Int32Array.of(7, 8, 9) } });
    const out = mapKeypoints(kp, translation(10, 0), { width: 100, height: 100 });
    assert.deepEqual(Array.from(out.xy), [15, 5, 105, 5, 60, 50]);
    assert.deepEqual(Array.from(out.visibility), [2, 0, 2]);
    const removed = mapKeypoints(kp, translation(10, 0), { width: 100, height: 100 }, { removeInvisible: true });
    assert.deepEqual(Array.from(removed.xy), [15, 5, 60, 50]);
    assert.deepEqual(Array.from(removed.fields['id'] as Int32Array), [7, 9]);
    assert.deepEqual(Array.from(removed.sourceIndex), [0, 2]);
  });

  test('removeInvisible refuses to break a skeleton', () => {
    const kp = face([50, 10, 40, 5, 60, 5, 20, 30, 15, 25, 25, 26]);
    assert.throws(
      () => mapKeypoints(kp, translation(1, 0), { width: 100, height: 100 }, { removeInvisible: true }),
      (e: unknown) => e instanceof AuguryError && e.code === 'usage' && e.key === 'removeInvisible',
    );
  });

  test('angle follows the map (counter-clockwise rotation on screen lowers it) and scale grows by sqrt|det J|', () => {
    // Angle 0 points right; after +90° (counter-clockwise on screen) it points up, which in
    // y-down image coordinates is 270° (angles are clockwise on screen).
    const kp = createKeypoints({ xy: [50, 50, 10, 10], angle: [0, 45], scale: [1, 3] });
    const r = mapKeypoints(kp, rotation(90, 50, 50), { width: 100, height: 100 });
    assertClose(r.angle!, [270, 315], 1e-9);
    assertClose(r.scale!, [1, 3], 1e-12);
    const s = mapKeypoints(kp, scaling(2, 3), { width: 300, height: 300 });
    assertClose(s.scale!, [Math.sqrt(6), 3 * Math.sqrt(6)], 1e-12);
    // Under an anisotropic scale a 45° direction (1, 1) becomes (2, 3).
    assertClose([s.angle![1]!], [(Math.atan2(3, 2) * 180) / Math.PI], 1e-9);
  });

  test('projective maps use the local Jacobian for scale', () => {
    // x' = x / w, y' = y / w with w = 1 + x/100: at (100, 0), w = 2 and det J = 1 / w³.
    const m = Float64Array.of(1, 0, 0, 0, 1, 0, 0.01, 0, 1);
    const out = mapKeypoints(createKeypoints({ xy: [100, 0], scale: [1] }), m, { width: 100, height: 100 });
    assertClose(out.xy, [50, 0], 1e-12);
    assertClose(out.scale!, [Math.sqrt(1 / 8)], 1e-12);
  });

  test('the input is not mutated', () => {
    const kp = face([50, 10, 40, 5, 60, 5, 20, 30, 15, 25, 25, 26]);
    const before = { xy: kp.xy.slice(), v: kp.visibility.slice(), s: kp.sourceIndex.slice() };
    hflipKeypoints(kp, { width: 30, height: 30 });
    assert.deepEqual(kp.xy, before.xy);
    assert.deepEqual(kp.visibility, before.v);
    assert.deepEqual(kp.sourceIndex, before.s);
  });
});
