/** ShiftScaleRotate: identity at zero limits, OpenCV's matrix, option rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { applyToPoint } from '../../../src/geometry/matrix.js';
import { createLabelMap } from '../../../src/targets/mask.js';
import type { Sample } from '../../../src/targets/sample.js';
import { ShiftScaleRotate, type ShiftScaleRotateParams } from '../../../src/transforms/geometric/shift-scale-rotate.js';
import { assertClose, boxSample, continuous, draw, golden, textured, warpOf } from './apply-helpers.js';

/** cv2.getRotationMatrix2D(centre, angle, scale) written out, in pixel-index coordinates. */
function cvRotationMatrix(cx: number, cy: number, angle: number, scale: number): number[][] {
  const a = scale * Math.cos((angle * Math.PI) / 180), b = scale * Math.sin((angle * Math.PI) / 180);
  return [[a, b, (1 - a) * cx - b * cy], [-b, a, b * cx + (1 - a) * cy], [0, 0, 1]];
}

describe('ShiftScaleRotate', () => {
  test('zero limits are the identity for every target', async () => {
    const s: Sample = { ...boxSample(64, 48, [10, 6, 24, 22], [3.5, 7.25, 60, 40]), mask: createLabelMap(64, 48) };
    const r = await Pipeline.fromConfig({ transforms: [{ name: 'ShiftScaleRotate', shiftLimit: 0, scaleLimit: 0, rotateLimit: 0, p: 1 }] }).run(s, { stream: { seed: 5 } });
    const params = (r.trace.steps[0] as unknown as { params: ShiftScaleRotateParams }).params;
    assert.deepEqual([params.angle, params.scale, params.dx, params.dy], [0, 1, 0, 0]);
    assert.deepEqual(r.sample.image.data, s.image.data);
    assert.deepEqual(r.sample.instanceMasks!.masks[0], s.instanceMasks!.masks[0]);
    assert.deepEqual(r.sample.boxes!.xyxy, s.boxes!.xyxy);
    assert.deepEqual(r.sample.polygons!.instances, s.polygons!.instances);
    assert.deepEqual(r.sample.keypoints!.xy, s.keypoints!.xy);
  });

  test('equals OpenCV getRotationMatrix2D about the centre plus (dx·W, dy·H), in continuous coordinates', () => {
    const c = golden.cases.find((g) => g.name === 'ShiftScaleRotate')!;
    const [h, w] = c.input_hw;
    const init = c.init as { shift_limit_x: number[]; shift_limit_y: number[]; scale_limit: number[]; rotate_limit: number[] };
    // Albumentations stores scale_limit minus its bias of 1; our pair is the factor itself.
    const p = draw(ShiftScaleRotate, { shiftLimitX: init.shift_limit_x, shiftLimitY: init.shift_limit_y, scaleLimit: init.scale_limit.map((v) => v + 1), rotateLimit: init.rotate_limit }, { id: 's', image: textured(w, h) });
    assert.ok(Math.abs(p.scale - 1.2) < 1e-12 && p.angle === 20 && p.dx === 0.1 && p.dy === 0.1);
    const cv = cvRotationMatrix(w / 2 - 0.5, h / 2 - 0.5, p.angle, p.scale);
    cv[0]![2]! += p.dx * w;
    cv[1]![2]! += p.dy * h;
    assertClose(warpOf(ShiftScaleRotate, p, w, h).matrix, continuous(cv), 1e-9, 'ShiftScaleRotate');
  });

  test('the centre moves by exactly the shift, whatever the angle and scale', () => {
    const s: Sample = { id: 'c', image: textured(50, 30) };
    for (let seed = 0; seed < 10; seed++) {
      const p = draw(ShiftScaleRotate, { shiftLimit: 0.2, scaleLimit: 0.3, rotateLimit: 180 }, s, seed);
      assert.ok(Math.abs(p.dx) <= 0.2 && p.scale >= 0.7 && p.scale <= 1.3 && Math.abs(p.angle) <= 180);
      assertClose(applyToPoint(warpOf(ShiftScaleRotate, p, 50, 30).matrix, 25, 15), [25 + p.dx * 50, 15 + p.dy * 30], 1e-9, `seed ${seed}`);
    }
  });

  test('shiftLimitX and shiftLimitY override shiftLimit per axis', () => {
    const s: Sample = { id: 'c', image: textured(50, 30) };
    for (let seed = 0; seed < 10; seed++) {
      const p = draw(ShiftScaleRotate, { shiftLimit: 0.3, shiftLimitY: 0, rotateLimit: 0 }, s, seed);
      assert.equal(p.dy, 0);
      assert.ok(Math.abs(p.dx) <= 0.3);
    }
  });

  test('an Albumentations-style offset pair for scaleLimit is refused with what to write instead', () => {
    assert.throws(() => Pipeline.fromConfig({ transforms: [{ name: 'ShiftScaleRotate', scaleLimit: [-0.1, 0.1] }] }), (e: unknown) => {
      assert.ok(e instanceof AuguryError);
      assert.match(e.message, /\(ShiftScaleRotate\)\.scaleLimit: scale factors must be > 0; a pair is \[min, max\] of the factor itself, e\.g\. \[0\.9, 1\.1\]/);
      assert.match(e.message, /received \[-0\.1,0\.1\]/);
      return true;
    });
  });
});
