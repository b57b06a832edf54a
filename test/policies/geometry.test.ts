/**
 * Geometry consistency under every geometric policy op of both scales, at several magnitudes and
 * both signs: painted objects read back from the output pixels agree with the boxes, polygons,
 * instance masks and keypoints the op produced.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { replayTrace } from '../../src/core/pipeline.js';
import type { PolicyOp } from '../../src/core/policy.js';
import { timmArg, torchvisionSpace } from '../../src/policies/magnitudes.js';
import { timmOp, torchvisionOp } from '../../src/policies/ops.js';
import { COLOURS, H, KEYPOINTS, KP_COLOURS, paintedSample, readBack, SHAPES, W } from '../helpers/painted.js';

const RES = { interpolation: 'nearest' as const, fill: 0 };

function cases(): { label: string; ops: PolicyOp[]; stretch: number }[] {
  const out: { label: string; ops: PolicyOp[]; stretch: number }[] = [];
  for (const [kind, bins] of [['RandAugment', [4, 12, 30]], ['TrivialAugmentWide', [8, 20, 30]]] as const) {
    for (const meta of torchvisionSpace(kind, 31, W, H)) {
      if (!['ShearX', 'ShearY', 'TranslateX', 'TranslateY', 'Rotate'].includes(meta.name)) continue;
      for (const b of bins) {
        for (const sign of [1, -1]) {
          const m = sign * meta.magnitudes![b]!;
          out.push({ label: `torchvision ${kind} ${meta.name} bin ${b} (${m.toFixed(3)})`, ops: torchvisionOp(meta.name, m, RES), stretch: meta.name.startsWith('Shear') ? Math.hypot(1, m) : 1 });
        }
      }
    }
  }
  for (const name of ['ShearX', 'ShearY', 'TranslateXRel', 'TranslateYRel', 'Rotate']) {
    for (const level of [3, 6, 10]) {
      for (const negate of [false, true]) {
        const a = timmArg(name, level, negate)!;
        out.push({ label: `timm ${name} level ${level}${negate ? ' negated' : ''} (${a.toFixed(3)})`, ops: timmOp(name, a, RES, W, H), stretch: name.startsWith('Shear') ? Math.hypot(1, a) : 1 });
      }
    }
  }
  return out;
}

describe('geometry consistency of policy ops: labels agree with the painted pixels', () => {
  const all = cases();
  test('covers every geometric op of both scales', () => {
    assert.equal(all.length, 5 * 3 * 2 * 2 + 5 * 3 * 2);
  });
  for (const c of all) {
    test(c.label, async () => {
      const s = paintedSample();
      const out = (await replayTrace(s, c.ops.map((o) => ({ name: o.name, params: o.params })))).sample;
      let compared = 0;
      for (let i = 0; i < SHAPES.length; i++) {
        const seen = readBack(out.image, COLOURS[i]!);
        const row = Array.from(out.boxes!.sourceIndex).indexOf(i);
        if (seen.n < 12) continue;
        assert.ok(row >= 0, `object ${i} is visible (${seen.n} px) but its box was dropped`);
        // Masks are warped with the same nearest map as the image: the same pixels, exactly.
        assert.deepEqual(out.instanceMasks!.masks[row], seen.plane, `instance mask ${i} differs from the painted pixels`);
        const clipped = out.boxes!.visibility[row]! < 0.999;
        const tol = (clipped ? 2 : 1) * c.stretch;
        const b = Array.from(out.boxes!.xyxy.subarray(row * 4, row * 4 + 4));
        for (let k = 0; k < 4; k++) assert.ok(Math.abs(b[k]! - seen.box[k]!) <= tol, `box ${b.map((v) => v.toFixed(2))} vs pixels ${seen.box}`);
        // The polygon's extent agrees with the pixels too.
        const ring = out.polygons!.instances[row]!.flatMap((r) => Array.from(r as ArrayLike<number>));
        if (ring.length > 0) {
          const xs = ring.filter((_, k) => k % 2 === 0), ys = ring.filter((_, k) => k % 2 === 1);
          const pb = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
          for (let k = 0; k < 4; k++) assert.ok(Math.abs(pb[k]! - seen.box[k]!) <= tol, `polygon extent ${pb.map((v) => v.toFixed(2))} vs pixels ${seen.box}`);
        }
        compared++;
      }
      const kp = out.keypoints!;
      for (let j = 0; j < KEYPOINTS.length; j++) {
        const seen = readBack(out.image, KP_COLOURS[j]!);
        if (seen.n === 0 || kp.visibility[j] === 0) continue;
        assert.ok(Math.hypot(kp.xy[j * 2]! - seen.cx, kp.xy[j * 2 + 1]! - seen.cy) <= 0.75 * c.stretch, `keypoint ${j} at (${kp.xy[j * 2]}, ${kp.xy[j * 2 + 1]}), marker at (${seen.cx}, ${seen.cy})`);
        compared++;
      }
      assert.ok(compared > 0, 'nothing was compared');
    });
  }
});
