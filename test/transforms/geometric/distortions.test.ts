/**
 * ElasticTransform, GridDistortion, OpticalDistortion: identity at zero strength for every target,
 * labels that agree with the distorted pixels, a hand-computed stretch, and option errors.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import type { TransformDef } from '../../../src/core/transform.js';
import {
  MAP_POINTS_TOLERANCE, displacementMaps, elasticField, evaluateMaps, gridDistortionMaps, opticalDistortionMaps, type CoordinateMaps,
} from '../../../src/functional/geometric/index.js';
import type { BoxMethod } from '../../../src/geometry/boxes.js';
import { boxFromMask } from '../../../src/geometry/boxes.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import type { Sample } from '../../../src/targets/sample.js';
import { ElasticTransform, type ElasticParams } from '../../../src/transforms/geometric/elastic-transform.js';
import { GridDistortion, type GridDistortionParams } from '../../../src/transforms/geometric/grid-distortion.js';
import { OpticalDistortion, type OpticalDistortionParams } from '../../../src/transforms/geometric/optical-distortion.js';
import { apply, assertClose, boxSample, draw, textured } from './apply-helpers.js';

const W = 64;
const H = 48;

/** The maps a step used, rebuilt from its params with the kernels of src/functional. */
function mapsOf(name: string, p: Record<string, unknown>, w: number, h: number): CoordinateMaps {
  if (name === 'ElasticTransform') {
    const e = p as ElasticParams;
    const f = elasticField(w, h, e.alpha, e.sigma, e.seed);
    return displacementMaps(f.dx, f.dy, w, h);
  }
  if (name === 'GridDistortion') {
    const g = p as GridDistortionParams;
    return gridDistortionMaps(w, h, g.numSteps, g.xSteps, g.ySteps, g.normalized);
  }
  const o = p as OpticalDistortionParams;
  return opticalDistortionMaps(w, h, o.k, o.dx, o.dy);
}

/** Strong settings that bend a small square visibly without folding the field. */
const STRONG: [TransformDef, Record<string, unknown>][] = [
  [ElasticTransform as unknown as TransformDef, { alpha: 40, sigma: 5 }],
  [GridDistortion as unknown as TransformDef, { numSteps: 4, distortLimit: 0.4 }],
  [OpticalDistortion as unknown as TransformDef, { distortLimit: [0.5, 0.9], shiftLimit: 0.1 }],
];

/** Zero strength: the maps are the identity. */
const ZERO: [string, Record<string, unknown>][] = [
  ['ElasticTransform', { alpha: 0, sigma: 4 }],
  ['GridDistortion', { distortLimit: 0 }],
  ['OpticalDistortion', { distortLimit: 0, shiftLimit: 0 }],
];

function fullSample(): Sample {
  const s = boxSample(W, H, [10, 6, 24, 22]);
  const lm = createLabelMap(W, H, s.instanceMasks!.masks[0]!.map((v) => v * 3));
  return { ...s, mask: lm, keypoints: createKeypoints({ xy: [3.5, 7.25, 60, 40, 64, 0], angle: [30, 90, 200], scale: [1, 2, 3] }), extraMasks: { depth: lm } };
}

describe('distortions at zero strength', () => {
  for (const [name, options] of ZERO) {
    for (const method of ['mask', 'corners', 'ellipse'] as const) {
      test(`${name} is the identity for every target (box method ${method})`, async () => {
        const s = fullSample();
        const r = await Pipeline.fromConfig({ transforms: [{ name, ...options, p: 1 }], boxes: { method }, additionalTargets: { depth: 'mask' } }).run(s, { stream: { seed: 3 } });
        const o = r.sample;
        assert.deepEqual(o.image.data, s.image.data);
        assert.deepEqual(o.mask!.data, s.mask!.data);
        assert.deepEqual(o.extraMasks!['depth']!.data, s.mask!.data);
        assert.deepEqual(o.instanceMasks!.masks, s.instanceMasks!.masks);
        assert.deepEqual(o.boxes!.xyxy, s.boxes!.xyxy);
        assert.deepEqual(o.boxes!.visibility, s.boxes!.visibility);
        assert.deepEqual(o.polygons!.instances, s.polygons!.instances);
        assert.deepEqual(o.keypoints, s.keypoints);
      });
    }
  }
});

describe('distorted labels agree with the distorted pixels', () => {
  for (const [def, options] of STRONG) {
    test(`${def.name}: a small square's mask pixels lie in its mapped box, which is tight to within a pixel`, async () => {
      for (let seed = 0; seed < 4; seed++) {
        // Off-centre, so the lens distortion moves it too.
        const s = boxSample(W, H, [8, 6, 18, 16]);
        const params = draw(def, options, s, seed);
        const byMethod = new Map<BoxMethod, Float64Array>();
        let pixels: Float64Array | null = null;
        let maskBox: Float64Array | null = null;
        for (const method of ['corners', 'ellipse', 'mask'] as const) {
          const out = await apply(def, params, s, method);
          byMethod.set(method, out.boxes!.xyxy);
          pixels = boxFromMask(out.instanceMasks!.masks[0]!, W, H);
          // Without polygons the 'mask' method reads the distorted instance mask itself.
          if (method === 'mask') maskBox = (await apply(def, params, { ...s, polygons: undefined }, 'mask')).boxes!.xyxy;
        }
        assert.ok(pixels, `${def.name} seed ${seed}: the square vanished`);
        const tol = 0.02;
        const corners = byMethod.get('corners')!;
        const poly = byMethod.get('mask')!;
        // Each painted pixel's centre maps into the square, so it lies inside the mapped outline.
        assert.ok(corners[0]! <= pixels[0]! + 0.5 + tol && corners[1]! <= pixels[1]! + 0.5 + tol && corners[2]! >= pixels[2]! - 0.5 - tol && corners[3]! >= pixels[3]! - 0.5 - tol, `${def.name} seed ${seed}: corners ${Array.from(corners)} vs pixels ${Array.from(pixels)}`);
        for (let k = 0; k < 4; k++) assert.ok(Math.abs(corners[k]! - pixels[k]!) <= 1 + tol, `${def.name} seed ${seed}: corners box not tight: ${Array.from(corners)} vs ${Array.from(pixels)}`);
        // The polygon of a rectangle and the outline of its box are the same curve.
        assertClose(poly, corners, 0.02, `${def.name} seed ${seed}: polygon box vs corners box`);
        assert.deepEqual(Array.from(maskBox!), Array.from(pixels));
        const ell = byMethod.get('ellipse')!;
        assert.ok(ell[0]! >= corners[0]! - tol && ell[1]! >= corners[1]! - tol && ell[2]! <= corners[2]! + tol && ell[3]! <= corners[3]! + tol, 'ellipse box inside corners box');
        assert.ok(ell[2]! - ell[0]! < corners[2]! - corners[0]!, 'the ellipse cuts the corners');
      }
    });

    test(`${def.name}: keypoints land where the maps show them, within ${MAP_POINTS_TOLERANCE} px`, async () => {
      const pts = [20.5, 14.25, 33, 20, 5.5, 40.5, 50, 8];
      const s: Sample = { id: 'k', image: textured(W, H), keypoints: createKeypoints({ xy: pts }) };
      for (let seed = 0; seed < 3; seed++) {
        const params = draw(def, options, s, seed);
        const out = await apply(def, params, s);
        const maps = mapsOf(def.name, params, W, H);
        for (let i = 0; i < pts.length / 2; i++) {
          const q = [out.keypoints!.xy[2 * i]!, out.keypoints!.xy[2 * i + 1]!] as const;
          const [x, y] = evaluateMaps(maps, q[0], q[1]);
          assert.ok(Math.abs(x - pts[2 * i]!) <= MAP_POINTS_TOLERANCE && Math.abs(y - pts[2 * i + 1]!) <= MAP_POINTS_TOLERANCE, `${def.name} seed ${seed}: keypoint ${i} -> (${q}) shows (${x}, ${y})`);
        }
      }
    });
  }
});

describe('GridDistortion stretching x by 2 (one cell, step 0.5)', () => {
  const params: GridDistortionParams = { numSteps: 1, xSteps: [0.5], ySteps: [1], normalized: false, interpolation: 'nearest', border: 'constant', fill: 0, fillMask: 0 };
  const s: Sample = {
    ...boxSample(40, 30, [4, 4, 10, 10]),
    keypoints: createKeypoints({ xy: [10, 20, 25, 5], angle: [45, 0], scale: [1, 1] }),
  };

  test('doubles x for boxes, polygons and keypoints; angles and scales follow the Jacobian', async () => {
    const out = await apply(GridDistortion, params, s, 'corners');
    assertClose(out.boxes!.xyxy, [8, 4, 20, 10], 1e-3, 'box');
    // Simplified back to the four corners: the mapped edges are straight.
    assertClose(out.polygons!.instances[0]![0]!, [8, 4, 20, 4, 20, 10, 8, 10], 1e-3, 'polygon');
    assertClose(out.keypoints!.xy, [20, 20, 50, 5], 1e-3, 'keypoints');
    assertClose(out.keypoints!.angle!, [(Math.atan2(1, 2) * 180) / Math.PI, 0], 1e-6, 'angle');
    assertClose(out.keypoints!.scale!, [Math.SQRT2, Math.SQRT2], 1e-6, 'scale');
    // (50, 5) is past the right edge: out of frame, position kept.
    assert.deepEqual(Array.from(out.keypoints!.visibility), [2, 0]);
    // Nearest sampling: output column j shows input column floor((j + 0.5) / 2), so the output
    // is the left half of the input, twice as wide.
    for (const j of [0, 7, 8, 19, 20, 39]) assert.equal(out.image.data[(12 * 40 + j) * 3], s.image.data[(12 * 40 + Math.floor((j + 0.5) / 2)) * 3]);
  });

  test('removeInvisible drops the keypoint pushed out of frame', async () => {
    const out = await apply(GridDistortion, params, { ...s, keypoints: createKeypoints({ xy: [10, 20, 25, 5] }) }, 'corners', true);
    assertClose(out.keypoints!.xy, [20, 20], 1e-3, 'kept');
    assert.deepEqual(Array.from(out.keypoints!.sourceIndex), [0]);
  });

  test('visibility is the share of the mapped box still in frame', async () => {
    const out = await apply(GridDistortion, params, boxSample(40, 30, [15, 4, 25, 10]), 'corners');
    // [15, 25] doubles to [30, 50]: half of it is past x = 40.
    assertClose(out.boxes!.xyxy, [30, 4, 40, 10], 1e-3, 'clipped box');
    assert.ok(Math.abs(out.boxes!.visibility[0]! - 0.5) < 1e-3, `visibility ${out.boxes!.visibility[0]}`);
  });
});

describe('distortion params', () => {
  test('ElasticTransform stores a 32-bit sub-seed: the same seed replays, another seed differs', async () => {
    const s = fullSample();
    const p = Pipeline.fromConfig({ transforms: [{ name: 'ElasticTransform', alpha: 30, sigma: 4, p: 1 }], additionalTargets: { depth: 'mask' } });
    const a = await p.run(s, { stream: { seed: 1 } });
    const params = (a.trace.steps[0] as unknown as { params: ElasticParams }).params;
    assert.ok(Number.isInteger(params.seed) && params.seed >= 0 && params.seed < 2 ** 32);
    const again = await apply(ElasticTransform, { ...params }, s, 'mask');
    assert.deepEqual(again.image.data, a.sample.image.data);
    const other = await apply(ElasticTransform, { ...params, seed: (params.seed + 1) >>> 0 }, s, 'mask');
    assert.notDeepEqual(other.image.data, a.sample.image.data);
  });

  test('GridDistortion draws numSteps factors per axis inside 1 + distortLimit', () => {
    const s: Sample = { id: 'g', image: textured(W, H) };
    for (let seed = 0; seed < 10; seed++) {
      const p = draw(GridDistortion, { numSteps: 6, distortLimit: [-0.2, 0.5] }, s, seed);
      assert.equal(p.xSteps.length, 6);
      assert.equal(p.ySteps.length, 6);
      for (const v of [...p.xSteps, ...p.ySteps]) assert.ok(v >= 0.8 && v <= 1.5, String(v));
    }
  });

  test('GridDistortion refuses more cells than pixels, naming the sample and what to do', async () => {
    const s: Sample = { id: 'tiny-7', image: textured(8, 4) };
    await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'GridDistortion', numSteps: 5, p: 1 }] }).run(s), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.message, /GridDistortion\.numSteps/);
      assert.match(e.message, /sample tiny-7/);
      assert.match(e.message, /numSteps <= 4 for a 8x4 image/);
      assert.match(e.message, /Hint: use fewer steps, or resize small images before this step/);
      return true;
    });
  });

  test('GridDistortion refuses a distortLimit that would fold the grid', () => {
    assert.throws(() => Pipeline.fromConfig({ transforms: [{ name: 'GridDistortion', distortLimit: [-1, 0.2] }] }), /\(GridDistortion\)\.distortLimit: distortLimit must stay above -1.*\(received \[-1,0\.2\]\)/);
  });

  test('OpticalDistortion shifts the lens centre by a share of the size, in pixels', () => {
    const s: Sample = { id: 'o', image: textured(200, 100) };
    let moved = 0;
    for (let seed = 0; seed < 20; seed++) {
      const p = draw(OpticalDistortion, { distortLimit: 0.2, shiftLimit: 0.1 }, s, seed);
      assert.ok(Math.abs(p.k) <= 0.2 && Math.abs(p.dx) <= 20 && Math.abs(p.dy) <= 10);
      if (Math.abs(p.dx) > 1) moved++;
    }
    assert.ok(moved > 10, 'shifts are not rounded away');
  });
});
