/** Affine: hand-computed maps, option rules, and parity with Albumentations 1.3.1's matrices. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { rot90Image } from '../../../src/functional/geometric/index.js';
import { applyToPoint } from '../../../src/geometry/matrix.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import type { Sample } from '../../../src/targets/sample.js';
import { Affine, type AffineParams } from '../../../src/transforms/geometric/affine.js';
import { apply, assertClose, boxSample, continuous, draw, golden, near, textured, warpOf } from './apply-helpers.js';

/** Albumentations' init (snake_case, `{x, y}` ranges) as our options. */
function optionsOf(init: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = { scale: init['scale'], rotate: init['rotate'], shear: init['shear'], fitOutput: init['fit_output'], keepRatio: init['keep_ratio'] };
  if (init['translate_px']) o['translatePx'] = init['translate_px'];
  if (init['translate_percent']) o['translatePercent'] = init['translate_percent'];
  return o;
}

const W = 64;
const H = 48;

describe('Affine', () => {
  test('translatePx 5 moves box [10, 10, 20, 20] to [15, 15, 25, 25] and every other target by 5', async () => {
    const s: Sample = { ...boxSample(W, H, [10, 10, 20, 20], [12.5, 11]) };
    const r = await Pipeline.fromConfig({ transforms: [{ name: 'Affine', translatePx: 5, p: 1 }] }).run(s);
    const out = r.sample;
    assert.deepEqual(Array.from(out.boxes!.xyxy), [15, 15, 25, 25]);
    assert.deepEqual(Array.from(out.polygons!.instances[0]![0]!), [15, 15, 25, 15, 25, 25, 15, 25]);
    assert.deepEqual(Array.from(out.keypoints!.xy), [17.5, 16]);
    // Whole-pixel shifts move pixels exactly even with bilinear sampling; the uncovered band is fill.
    for (const [x, y] of [[0, 0], [30, 20], [58, 42]] as const) {
      for (let c = 0; c < 3; c++) assert.equal(out.image.data[((y + 5) * W + x + 5) * 3 + c], s.image.data[(y * W + x) * 3 + c]);
    }
    assert.equal(out.image.data[(2 * W + 2) * 3], 0);
    assert.equal(out.instanceMasks!.masks[0]![15 * W + 15], 1);
    assert.equal(out.instanceMasks!.masks[0]![14 * W + 15], 0);
  });

  test('fill and fillMask paint what the shift uncovers; border replicate repeats the edge instead', async () => {
    const s = boxSample(W, H, [0, 0, 20, 20]);
    const filled = (await Pipeline.fromConfig({ transforms: [{ name: 'Affine', translatePx: { x: 5 }, fill: [9, 8, 7], fillMask: 4, p: 1 }] }).run(s)).sample;
    assert.deepEqual(Array.from(filled.image.data.subarray((3 * W + 2) * 3, (3 * W + 2) * 3 + 3)), [9, 8, 7]);
    // fillMask is for label maps; an instance plane's uncovered pixels are outside the instance.
    assert.equal(filled.instanceMasks!.masks[0]![3 * W + 2], 0);
    const repl = (await Pipeline.fromConfig({ transforms: [{ name: 'Affine', translatePx: { x: 5 }, border: 'replicate', p: 1 }] }).run(s)).sample;
    assert.deepEqual(Array.from(repl.image.data.subarray((3 * W + 2) * 3, (3 * W + 2) * 3 + 3)), Array.from(s.image.data.subarray(3 * W * 3, 3 * W * 3 + 3)));
  });

  test('positive rotate turns counter-clockwise on screen about the centre', () => {
    const p = draw(Affine, { rotate: 90 }, { id: 'r', image: textured(W, H) }) as AffineParams;
    const m = warpOf(Affine, p, W, H).matrix;
    // A point right of the centre moves up (y points down).
    assertClose(applyToPoint(m, W / 2 + 10, H / 2), [W / 2, H / 2 - 10], 1e-12, 'rotate 90');
  });

  test('center moves the fixed point; shear x moves lower rows right and shear y right columns up', () => {
    const s: Sample = { id: 'c', image: textured(W, H) };
    const about = warpOf(Affine, draw(Affine, { rotate: 90, center: [0, 0] }, s) as AffineParams, W, H).matrix;
    assertClose(applyToPoint(about, 10, 0), [0, -10], 1e-12, 'centre [0, 0]');
    const shx = warpOf(Affine, draw(Affine, { shear: { x: 20 } }, s) as AffineParams, W, H).matrix;
    const [x1] = applyToPoint(shx, W / 2, H / 2 + 10);
    assert.ok(x1 > W / 2 + 3, `shear x: ${x1}`);
    const shy = warpOf(Affine, draw(Affine, { shear: { y: 20 } }, s) as AffineParams, W, H).matrix;
    const [, y1] = applyToPoint(shy, W / 2 + 10, H / 2);
    assert.ok(y1 < H / 2 - 3, `shear y: ${y1}`);
  });

  test('fitOutput with rotate 90 is exactly a quarter turn onto an H x W canvas', async () => {
    const s: Sample = { ...boxSample(W, H, [10, 6, 24, 22], [3.5, 7.25]) };
    const params = draw(Affine, { rotate: 90, fitOutput: true, interpolation: 'nearest' }, s);
    const spec = warpOf(Affine, params, W, H);
    assert.equal(spec.width, H);
    assert.equal(spec.height, W);
    assert.deepEqual(Array.from(spec.matrix), [0, 1, 0, -1, 0, W, 0, 0, 1]);
    const out = await apply(Affine, params, s);
    assert.deepEqual(out.image.data, rot90Image(s.image, 1).data);
    assert.deepEqual(Array.from(out.keypoints!.xy), [7.25, W - 3.5]);
    assert.deepEqual(Array.from(out.boxes!.xyxy), [6, W - 24, 22, W - 10]);
  });

  test('fitOutput keeps the whole rotated image: every mapped corner lies in the canvas, which is the ceiling of their extent', () => {
    const s: Sample = { id: 'f', image: textured(W, H) };
    const spec = warpOf(Affine, draw(Affine, { rotate: 25, scale: 1.3, fitOutput: true }, s), W, H);
    const pts = [[0, 0], [W, 0], [W, H], [0, H]].map(([x, y]) => applyToPoint(spec.matrix, x!, y!));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    assert.ok(Math.min(...xs) >= 0 && Math.max(...xs) <= spec.width && Math.min(...ys) >= 0 && Math.max(...ys) <= spec.height);
    assert.equal(spec.width, Math.ceil(Math.max(...xs) - Math.min(...xs)));
    assert.equal(spec.height, Math.ceil(Math.max(...ys) - Math.min(...ys)));
  });

  test('no geometric option means the random defaults; any option makes the others neutral', () => {
    const s: Sample = { id: 'd', image: textured(W, H) };
    let moved = 0;
    for (let seed = 0; seed < 50; seed++) {
      const p = draw(Affine, {}, s, seed) as AffineParams;
      assert.ok(p.rotate >= -15 && p.rotate <= 15 && p.scaleX >= 0.9 && p.scaleX <= 1.1 && Math.abs(p.shearY) <= 10);
      assert.ok(Math.abs(p.translateX) <= 0.1 * W && Math.abs(p.translateY) <= 0.1 * H);
      if (Math.abs(p.rotate) > 5 && Math.abs(p.shearX) > 3) moved++;
      const q = draw(Affine, { rotate: [-5, 5] }, s, seed) as AffineParams;
      assert.deepEqual([q.scaleX, q.scaleY, q.shearX, q.shearY, q.translateX, q.translateY], [1, 1, 0, 0, 0, 0]);
    }
    assert.ok(moved > 5);
  });

  test('keepRatio uses the x scale for y; translatePx draws whole pixels; translatePercent is a share of the size', () => {
    const s: Sample = { id: 'k', image: textured(W, H) };
    for (let seed = 0; seed < 20; seed++) {
      const p = draw(Affine, { scale: [0.5, 2], keepRatio: true, translatePx: { x: [-3, 3] }, rotate: 0 }, s, seed) as AffineParams;
      assert.equal(p.scaleY, p.scaleX);
      assert.ok(Number.isInteger(p.translateX) && Math.abs(p.translateX) <= 3 && p.translateY === 0);
      const q = draw(Affine, { translatePercent: { y: 0.25 } }, s, seed) as AffineParams;
      assert.deepEqual([q.translateX, q.translateY], [0, 0.25 * H]);
    }
  });

  test('keypoint flip pairs never swap under an affine map without mirroring', async () => {
    const kp = createKeypoints({ xy: [20, 20, 40, 20, 30, 30], names: ['l', 'r', 'n'], flipPairs: [[0, 1]] });
    const out = await apply(Affine, draw(Affine, { rotate: 170 }, { id: 'x', image: textured(W, H) }), { id: 'x', image: textured(W, H), keypoints: kp });
    const [lx] = [out.keypoints!.xy[0]!];
    assert.ok(lx > out.keypoints!.xy[2]!, 'the left point turned to the right of the right point, and keeps its row');
  });

  test('bad options fail at build time with the key, what was received and a hint', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ translatePx: 5, translatePercent: 0.1 }, /\(Affine\)\.translatePx: give translatePercent or translatePx, not both \(received 5\)\. Hint: /],
      [{ scale: { x: [2, 1] } }, /\(Affine\)\.scale\.x: expected \[min, max\] with min <= max \(received \[2,1\]\)\. Hint: /],
      [{ scale: 0 }, /\(Affine\)\.scale: expected scale factor values; within \(0, inf\] \(received 0\)\. Hint: /],
      [{ shear: { y: 95 } }, /\(Affine\)\.shear\.y: expected shear angle .* values; within \[-89, 89\] \(received 95\)\. Hint: /],
      [{ rotat: 5 }, /unknown option "rotat".*Hint: options of .*\(Affine\): scale, translatePercent/],
    ];
    for (const [options, re] of cases) {
      assert.throws(() => Pipeline.fromConfig({ transforms: [{ name: 'Affine', ...options }] }), (e: unknown) => {
        assert.ok(e instanceof AuguryError, String(e));
        assert.match(e.message, re);
        return true;
      });
    }
  });
});

describe('Affine matrices equal Albumentations 1.3.1 (continuous convention)', () => {
  for (const c of golden.cases.filter((g) => g.name === 'Affine')) {
    test(c.case, () => {
      const [h, w] = c.input_hw;
      const s: Sample = { id: c.case, image: textured(w, h) };
      const spec = warpOf(Affine, draw(Affine, optionsOf(c.init), s), w, h);
      const theirs = continuous((c.applied_params.matrix as { matrix3x3: number[][] }).matrix3x3);
      if (!c.init['fit_output']) {
        assert.deepEqual([spec.height, spec.width], c.output_hw);
        assertClose(spec.matrix, theirs, 1e-9, c.case);
        return;
      }
      // Same linear part; the canvas is measured from the image's edges rather than its pixel
      // centres, so it may be one pixel larger, and the image is centred in it.
      assertClose(near(spec.matrix).slice(0, 2).concat(near(spec.matrix).slice(3, 5)), near(theirs).slice(0, 2).concat(near(theirs).slice(3, 5)), 1e-9, c.case);
      assert.ok(spec.height - c.output_hw[0] >= 0 && spec.height - c.output_hw[0] <= 1 && spec.width - c.output_hw[1] >= 0 && spec.width - c.output_hw[1] <= 1, `${spec.width}x${spec.height}`);
      const [cx, cy] = applyToPoint(spec.matrix, w / 2, h / 2);
      assertClose([cx, cy], [spec.width / 2, spec.height / 2], 1e-9, 'centred');
    });
  }
});
