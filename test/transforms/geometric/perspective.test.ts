/** Perspective: sizes, the corner-to-corner map, the jitter clamp that keeps the horizon away, parity with Albumentations. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { mapBoxes } from '../../../src/geometry/boxes.js';
import { applyToPoint, invert, multiply, scaling, type Mat3 } from '../../../src/geometry/matrix.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import type { Sample } from '../../../src/targets/sample.js';
import { MAX_JITTER, Perspective, perspectiveMap, type PerspectiveParams } from '../../../src/transforms/geometric/perspective.js';
import { apply, assertClose, boxSample, draw, golden, textured, warpOf } from './apply-helpers.js';

const W = 64;
const H = 48;

/** The quad of corner jitters j (tl x, tl y, tr x, tr y, br x, br y, bl x, bl y) as fractions. */
function quad(j: readonly number[]): [number, number][] {
  return [[j[0]!, j[1]!], [1 - j[2]!, j[3]!], [1 - j[4]!, 1 - j[5]!], [j[6]!, 1 - j[7]!]];
}

/** Projective weight w at (x, y). */
const weight = (m: Mat3, x: number, y: number) => m[6]! * x + m[7]! * y + m[8]!;

describe('Perspective', () => {
  test('keepSize keeps the size, and the source quad lands on the canvas corners', () => {
    const s: Sample = { id: 'p', image: textured(W, H) };
    for (let seed = 0; seed < 20; seed++) {
      const p = draw(Perspective, { scale: [0.05, 0.15] }, s, seed);
      const spec = warpOf(Perspective, p, W, H);
      assert.deepEqual([spec.width, spec.height], [W, H]);
      const targets = [[0, 0], [W, 0], [W, H], [0, H]];
      p.points.forEach(([x, y], k) => assertClose(applyToPoint(spec.matrix, x * W, y * H), targets[k]!, 1e-9, `seed ${seed} corner ${k}`));
    }
  });

  test(`corner jitters are |N(0, scale)| clamped to ${MAX_JITTER} of the side`, () => {
    const s: Sample = { id: 'p', image: textured(W, H) };
    let clamped = 0;
    for (let seed = 0; seed < 20; seed++) {
      const pts = draw(Perspective, { scale: 1 }, s, seed).points;
      const j = [pts[0]![0], pts[0]![1], 1 - pts[1]![0], pts[1]![1], 1 - pts[2]![0], 1 - pts[2]![1], pts[3]![0], 1 - pts[3]![1]];
      for (const v of j) {
        assert.ok(v >= 0 && v <= MAX_JITTER + 1e-15, `jitter ${v}`);
        if (Math.abs(v - MAX_JITTER) < 1e-12) clamped++;
      }
      const small = draw(Perspective, { scale: 0 }, s, seed);
      assert.deepEqual(small.points, [[0, 0], [1, 0], [1, 1], [0, 1]]);
    }
    assert.ok(clamped > 80, `${clamped} of 160 jitters clamped at scale 1`);
  });

  test('with jitters up to the clamp the horizon never reaches the image, so objects at every corner map', () => {
    const corners = [[0, 0], [W, 0], [W, H], [0, H]] as const;
    const boxes = createBoxes({ xyxy: [0, 0, 10, 10, W - 10, 0, W, 10, W - 10, H - 10, W, H, 0, H - 10, 10, H] });
    for (let mask = 0; mask < 256; mask++) {
      const j = Array.from({ length: 8 }, (_, k) => ((mask >> k) & 1 ? MAX_JITTER : 0));
      for (const keepSize of [true, false]) {
        const { matrix, width, height } = perspectiveMap({ points: quad(j), keepSize, fitOutput: false }, W, H);
        const wc = weight(matrix, W / 2, H / 2);
        for (const [x, y] of corners) assert.ok(weight(matrix, x, y) / wc > 0.25, `pattern ${mask}: corner (${x}, ${y})`);
        for (const method of ['corners', 'ellipse'] as const) mapBoxes(boxes, matrix, { width, height }, { method });
      }
    }
    // Past sqrt(5) - 2 the worst pattern puts the horizon through the image: the clamp is needed.
    const bad = perspectiveMap({ points: quad([0.25, 0.25, 0.25, 0, 0, 0, 0, 0.25]), keepSize: true, fitOutput: false }, W, H).matrix;
    assert.ok(corners.some(([x, y]) => weight(bad, x, y) / weight(bad, W / 2, H / 2) <= 0));
  });

  test('without keepSize the canvas is int(longest opposite side); a cut-off left strip shifts labels by its width', async () => {
    const s = boxSample(100, 50, [20, 10, 40, 20], [30, 25]);
    const params: PerspectiveParams = { points: [[0.1, 0], [1, 0], [1, 1], [0.1, 1]], keepSize: false, fitOutput: false, interpolation: 'bilinear', border: 'constant', fill: 0, fillMask: 0 };
    const out = await apply(Perspective, params, s);
    assert.deepEqual([out.image.width, out.image.height], [90, 50]);
    assertClose(out.boxes!.xyxy, [10, 10, 30, 20], 1e-9, 'box');
    assertClose(out.keypoints!.xy, [20, 25], 1e-9, 'keypoint');
    // A whole-pixel shift: pixels move exactly.
    for (let c = 0; c < 3; c++) assert.equal(out.image.data[(7 * 90 + 3) * 3 + c], s.image.data[(7 * 100 + 13) * 3 + c]);
  });

  test('fitOutput keeps the whole image in the canvas (then scales it back with keepSize)', () => {
    const s: Sample = { id: 'p', image: textured(W, H) };
    for (let seed = 0; seed < 10; seed++) {
      for (const keepSize of [false, true]) {
        const spec = warpOf(Perspective, draw(Perspective, { scale: [0.1, 0.2], fitOutput: true, keepSize }, s, seed), W, H);
        const pts = [[0, 0], [W, 0], [W, H], [0, H]].map(([x, y]) => applyToPoint(spec.matrix, x!, y!));
        const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
        const eps = 1e-9;
        assert.ok(Math.min(...xs) >= -eps && Math.max(...xs) <= spec.width + eps && Math.min(...ys) >= -eps && Math.max(...ys) <= spec.height + eps);
        if (keepSize) assert.deepEqual([spec.width, spec.height], [W, H]);
        else assert.deepEqual([spec.width, spec.height], [Math.ceil(Math.max(...xs) - Math.min(...xs)), Math.ceil(Math.max(...ys) - Math.min(...ys))]);
      }
    }
  });

  test('the same quad gives the matrix and canvas Albumentations 1.3.1 recorded', () => {
    const c = golden.cases.find((g) => g.name === 'Perspective')!;
    const [h, w] = c.input_hw;
    const theirs = Float64Array.from((c.applied_params.matrix as number[][]).flat());
    const mw = c.applied_params.max_width!, mh = c.applied_params.max_height!;
    // Its quad, recovered: the points its matrix sends to the corners of [0, mw] x [0, mh].
    const inv = invert(theirs);
    const points = [[0, 0], [mw, 0], [mw, mh], [0, mh]].map(([x, y]) => {
      const [u, v] = applyToPoint(inv, x!, y!);
      return [u / w, v / h] as [number, number];
    });
    const free = perspectiveMap({ points, keepSize: false, fitOutput: false }, w, h);
    assert.deepEqual([free.width, free.height], [mw, mh]);
    const scale = theirs[8]! / free.matrix[8]!;
    assertClose(free.matrix.map((v) => v * scale), theirs, 1e-9, 'keepSize false');
    const kept = perspectiveMap({ points, keepSize: true, fitOutput: false }, w, h);
    assert.deepEqual([kept.width, kept.height], c.output_hw.slice().reverse());
    const expected = multiply(scaling(w / mw, h / mh), theirs);
    assertClose(kept.matrix.map((v) => (v * expected[8]!) / kept.matrix[8]!), expected, 1e-9, 'keepSize true');
  });

  test('boxes, polygons and keypoints go through the projective map', async () => {
    // A central box: no corner leaves the frame, so nothing is clipped.
    const s = boxSample(W, H, [22, 16, 40, 32], [30.5, 20.25]);
    const r = await Pipeline.fromConfig({ transforms: [{ name: 'Perspective', scale: [0.1, 0.15], p: 1 }], boxes: { method: 'corners' } }).run(s, { stream: { seed: 2 } });
    const p = (r.trace.steps[0] as unknown as { params: PerspectiveParams }).params;
    const m = warpOf(Perspective, p, W, H).matrix;
    assertClose(r.sample.keypoints!.xy, applyToPoint(m, 30.5, 20.25), 1e-9, 'keypoint');
    const mapped = [[22, 16], [40, 16], [40, 32], [22, 32]].map(([x, y]) => applyToPoint(m, x!, y!));
    assertClose(r.sample.polygons!.instances[0]![0]!, mapped.flat(), 1e-9, 'polygon');
    const xs = mapped.map((q) => q[0]), ys = mapped.map((q) => q[1]);
    assertClose(r.sample.boxes!.xyxy, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 1e-9, 'box');
  });
});
