/**
 * Geometry consistency, independent of the label code (catalog issue, section 7): each object is
 * painted into the image in a unique colour, image and targets are transformed together, and the
 * objects are read back from the output pixels. Keypoints must land on their markers (within a
 * pixel), 'mask' boxes must be tight (within a pixel) and 'corners' boxes must contain the object.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import { listTransforms } from '../../src/core/registry.js';
import type { TransformDef } from '../../src/core/transform.js';
import type { Image } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import { COLOURS, H, KEYPOINTS, KP_COLOURS, paintedSample, readBack, SHAPES, W } from '../helpers/painted.js';

/** Transforms whose label mapping is not a pixel-exact function of a warp; they get a wider tolerance. */
const FIELD_TRANSFORMS = new Set(['ElasticTransform', 'GridDistortion', 'OpticalDistortion']);
/**
 * Projective maps magnify locally: Perspective clamps corner jitters at 20% of the side
 * (MAX_JITTER), so a pixel grows by at most about 1/(1 - 2 * 0.2) = 1.67, and nearest sampling
 * lags by as much.
 */
const LOCAL_MAGNIFICATION: Readonly<Record<string, number>> = { Perspective: 1.67 };
/** Transforms that drop boxes by rule even when the object is visible (torchvision's centre rule). */
const DROPS_BY_CENTRE = new Set(['RandomIoUCrop']);

/**
 * How far painted pixels may lag the exact outline, in output pixels. Pixel centres sample an
 * outline half a pixel in from the pixel edge: 1 px covers that. Where a border cuts a slanted
 * edge (a clipped object), the extent along the border lags by 0.5 / slope: 2 px covers slopes
 * down to 1/4. Upscaling multiplies both; nearest-neighbour downscaling samples the input
 * sparsely and may miss up to half an output pixel more.
 */
function tolerance(base: number, clipped: boolean, scale: { up: number; down: boolean }): number {
  return (clipped ? Math.max(base, 2) : base) * Math.max(1, scale.up) + (scale.down ? 0.5 : 0);
}

/** Output pixels per input pixel of the step, from its trace params when it crops a window. */
function scaleOf(params: Record<string, unknown> | undefined, outW: number, outH: number): { up: number; down: boolean } {
  const p = params ?? {};
  const [sx, sy] =
    typeof p['xMin'] === 'number' && typeof p['xMax'] === 'number' && typeof p['yMin'] === 'number' && typeof p['yMax'] === 'number'
      ? [outW / (p['xMax'] - p['xMin']), outH / (p['yMax'] - p['yMin'])]
      : [outW / W, outH / H];
  return { up: Math.max(sx, sy), down: Math.min(sx, sy) < 0.999 };
}

/** The painted pixels of one colour, or null when none is left. */
function seenPixels(img: Image, rgb: readonly number[]): { box: number[]; cx: number; cy: number; n: number } | null {
  const r = readBack(img, rgb);
  return r.n === 0 ? null : r;
}

function options(def: TransformDef): Record<string, unknown> {
  const shape = (def.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const o: Record<string, unknown> = { ...def.conformance.options, p: 1 };
  if ('interpolation' in shape) o['interpolation'] = 'nearest';
  return o;
}

const geometric = listTransforms().filter((d) => d.family === 'geometric');

describe('geometry consistency: labels agree with painted objects read back from the pixels', () => {
  for (const def of geometric) {
    test(def.name, async () => {
      const field = FIELD_TRANSFORMS.has(def.name);
      const base = field ? 2.5 : 1;
      let compared = 0;
      for (let seed = 0; seed < 6; seed++) {
        const s = paintedSample();
        const mask = await Pipeline.fromConfig({ transforms: [{ name: def.name, ...options(def) }], boxes: { method: 'mask' } }).run(s, { stream: { seed } });
        const corners = await Pipeline.fromConfig({ transforms: [{ name: def.name, ...options(def) }], boxes: { method: 'corners' } }).run({ ...s, polygons: undefined } as Sample, { stream: { seed } });
        const out = mask.sample;
        const rows = out.boxes!;
        const leaf = mask.trace.steps[0] as { params?: Record<string, unknown> };
        const sizeScale = scaleOf(leaf.params, out.image.width, out.image.height);
        const scale = { ...sizeScale, up: Math.max(sizeScale.up, LOCAL_MAGNIFICATION[def.name] ?? 1) };
        for (let i = 0; i < SHAPES.length; i++) {
          const seen = seenPixels(out.image, COLOURS[i]!);
          const row = Array.from(rows.sourceIndex).indexOf(i);
          if (!seen || seen.n < 12) continue; // object (almost) gone: nothing to compare
          if (row < 0 && DROPS_BY_CENTRE.has(def.name)) continue;
          assert.ok(row >= 0, `${def.name} seed ${seed}: object ${i} is visible (${seen.n} px) but its box was dropped`);
          const tol = tolerance(base, rows.visibility[row]! < 0.999, scale);
          const b = Array.from(rows.xyxy.subarray(row * 4, row * 4 + 4));
          for (let k = 0; k < 4; k++) assert.ok(Math.abs(b[k]! - seen.box[k]!) <= tol, `${def.name} seed ${seed}: 'mask' box ${b.map((v) => v.toFixed(2))} vs pixels ${seen.box}`);
          const crow = Array.from(corners.sample.boxes!.sourceIndex).indexOf(i);
          assert.ok(crow >= 0, `${def.name} seed ${seed}: 'corners' box of object ${i} dropped`);
          const c = Array.from(corners.sample.boxes!.xyxy.subarray(crow * 4, crow * 4 + 4));
          assert.ok(c[0]! <= seen.box[0]! + tol && c[1]! <= seen.box[1]! + tol && c[2]! >= seen.box[2]! - tol && c[3]! >= seen.box[3]! - tol, `${def.name} seed ${seed}: 'corners' box ${c.map((v) => v.toFixed(2))} does not contain pixels ${seen.box}`);
          compared++;
        }
        const kp = out.keypoints!;
        for (let j = 0; j < KEYPOINTS.length; j++) {
          const seen = seenPixels(out.image, KP_COLOURS[j]!);
          const row = Array.from(kp.sourceIndex).indexOf(j);
          if (!seen || row < 0 || kp.visibility[row] === 0) continue;
          const dx = kp.xy[row * 2]! - seen.cx;
          const dy = kp.xy[row * 2 + 1]! - seen.cy;
          // A marker of one pixel covers +-0.5 px; upscaling turns it into a block whose centroid is the point.
          assert.ok(Math.hypot(dx, dy) <= tolerance(base, false, scale) + 0.75, `${def.name} seed ${seed}: keypoint ${j} at (${kp.xy[row * 2]}, ${kp.xy[row * 2 + 1]}) but its marker is at (${seen.cx}, ${seen.cy})`);
          compared++;
        }
      }
      assert.ok(compared > 0, `${def.name}: nothing was compared`);
    });
  }
});
