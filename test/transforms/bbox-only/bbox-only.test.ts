/**
 * Box-only transforms: only pixels inside the chosen boxes change, and for the geometric ones the
 * labels agree with the painted objects read back from the pixels.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { replayTrace } from '../../../src/core/pipeline.js';
import { AuguryError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/targets/image.js';
import { COLOURS, paintedSample, readBack, SHAPES, W, H } from '../../helpers/painted.js';

type Step = { name: string; params: Record<string, unknown> };
const region = { interpolation: 'nearest', fill: 0, fillMask: 0 };

/** Integer pixel regions of the painted boxes (their corners are whole numbers). */
const BOXES = SHAPES.map((r) => {
  const xs = r.filter((_, k) => k % 2 === 0);
  const ys = r.filter((_, k) => k % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
});

function changedOutside(a: Image, b: Image, rows: readonly number[]): number {
  let n = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (rows.some((r) => x >= BOXES[r]![0] && x < BOXES[r]![2] && y >= BOXES[r]![1] && y < BOXES[r]![3])) continue;
      for (let c = 0; c < 3; c++) if (a.data[(y * W + x) * 3 + c] !== b.data[(y * W + x) * 3 + c]) n++;
    }
  }
  return n;
}

const run = async (steps: Step[], sample = paintedSample()) => (await replayTrace(sample, steps)).sample;

/** The painted sample on a gradient background (blue 17 matches no object colour), so histogram ops have something to do. */
function gradientSample() {
  const s = paintedSample();
  const d = s.image.data;
  for (let p = 0; p < W * H; p++) if (d[p * 3] === 0 && d[p * 3 + 1] === 0 && d[p * 3 + 2] === 0) d.set([(p % W) * 2, Math.floor(p / W) * 3, 17], p * 3);
  return s;
}

const STEPS: Step[] = [
  { name: 'BBoxOnlyTranslate', params: { rows: [0, 2], dx: 3, dy: -5, ...region } },
  { name: 'BBoxOnlyShear', params: { rows: [1, 0], shearX: -16.7, shearY: 0, ...region } },
  { name: 'BBoxOnlyShear', params: { rows: [2], shearX: 0, shearY: 10, ...region } },
  { name: 'BBoxOnlyRotate', params: { rows: [0, 1, 2], angle: 25, ...region } },
  { name: 'BBoxOnlyHorizontalFlip', params: { rows: [0, 2], ...region } },
  { name: 'BBoxOnlyEqualize', params: { rows: [0, 2] } },
  { name: 'BBoxOnlySolarize', params: { rows: [0, 1], threshold: 100 } },
  { name: 'BBoxOnlyCutout', params: { cuts: [{ row: 2, u: 0.5, v: 0.5 }], halfSize: 4, fraction: null, clipToBox: true, fill: 7 } },
];

describe('box-only ops change only pixels inside the chosen boxes', () => {
  for (const step of STEPS) {
    test(`${step.name} ${JSON.stringify(step.params['rows'] ?? step.params['cuts'])}`, async () => {
      const rows = (step.params['rows'] as number[] | undefined) ?? (step.params['cuts'] as { row: number }[]).map((c) => c.row);
      const before = gradientSample().image;
      const out = await run([step], gradientSample());
      assert.equal(changedOutside(before, out.image, rows), 0);
      assert.notDeepEqual(out.image.data, before.data, 'the op changed nothing');
      // the boxes that were not chosen keep their pixels
      const others = [0, 1, 2].filter((r) => !rows.includes(r));
      assert.equal(changedOutside(before, out.image, []) > 0, true);
      for (const r of others) assert.deepEqual(readBack(out.image, COLOURS[r]!).box, readBack(before, COLOURS[r]!).box);
    });
  }
});

describe('geometric box-only ops: labels agree with the painted pixels', () => {
  for (const step of STEPS.slice(0, 5)) {
    test(`${step.name} ${JSON.stringify(step.params)}`, async () => {
      const out = await run([step]);
      for (let i = 0; i < 3; i++) {
        const seen = readBack(out.image, COLOURS[i]!);
        assert.deepEqual(out.instanceMasks!.masks[i], seen.plane, `instance mask ${i} differs from the painted pixels`);
        const b = Array.from(out.boxes!.xyxy.subarray(i * 4, i * 4 + 4));
        // polygons are exact, pixels are nearest-sampled: within a pixel and a half
        b.forEach((v, k) => assert.ok(Math.abs(v - seen.box[k]!) <= 1.5, `object ${i}: box ${b} vs painted ${seen.box}`));
        const ring = out.polygons!.instances[i]![0]!;
        for (let k = 0; k < ring.length; k += 2) {
          assert.ok(ring[k]! >= seen.box[0]! - 1.5 && ring[k]! <= seen.box[2]! + 1.5 && ring[k + 1]! >= seen.box[1]! - 1.5 && ring[k + 1]! <= seen.box[3]! + 1.5, `object ${i}: polygon vertex outside the painted pixels`);
        }
      }
    });
  }

  test('translate: the chosen object moves by exactly (dx, dy) and its box follows', async () => {
    const out = await run([STEPS[0]!]);
    const seen = readBack(out.image, COLOURS[0]!);
    const before = readBack(paintedSample().image, COLOURS[0]!);
    // object 0 is cut by its box on the right and top: the shifted box is the clipped extent
    assert.deepEqual(seen.box, [before.box[0]! + 3, before.box[1]!, Math.min(before.box[2]! + 3, BOXES[0]![2]), before.box[3]! - 5]);
    // the polygon's edge (20,18)-(22,38), shifted to (23,13)-(25,33), meets the box top y = 16 at x = 23.3
    const b = Array.from(out.boxes!.xyxy.subarray(0, 4));
    [23.3, 16, 40, 33].forEach((v, k) => assert.ok(Math.abs(b[k]! - v) < 1e-9, `box ${b}`));
  });

  test('flip: chosen boxes stay exact, their polygons are mirrored inside the box', async () => {
    const out = await run([STEPS[4]!]);
    assert.deepEqual(Array.from(out.boxes!.xyxy), BOXES.flat());
    const [x0, , x1] = BOXES[0]!;
    const ring = out.polygons!.instances[0]![0]!;
    const mirrored = Array.from(SHAPES[0]).map((v, k) => (k % 2 === 0 ? x0 + x1 - v : v));
    for (let k = 0; k < mirrored.length; k += 2) {
      assert.ok(Array.from({ length: ring.length / 2 }, (_, j) => j).some((j) => ring[2 * j] === mirrored[k] && ring[2 * j + 1] === mirrored[k + 1]), `vertex ${mirrored[k]},${mirrored[k + 1]} missing`);
    }
  });

  test('an object shifted out of its box entirely loses its box (visibility 0, filtered)', async () => {
    const out = await run([{ name: 'BBoxOnlyTranslate', params: { rows: [1], dx: 40, dy: 0, ...region } }]);
    assert.equal(readBack(out.image, COLOURS[1]!).n, 0);
    assert.ok(!Array.from(out.boxes!.sourceIndex).includes(1), 'box 1 should have been dropped');
  });

  test('a box that does not exist any more is skipped; a bad row is an error naming it', async () => {
    const out = await run([{ name: 'BBoxOnlyHorizontalFlip', params: { rows: [7], ...region } }]);
    assert.deepEqual(out.image.data, paintedSample().image.data);
    await assert.rejects(run([{ name: 'BBoxOnlyHorizontalFlip', params: { rows: [-1], ...region } }]), (e: unknown) => e instanceof AuguryError && /rows/.test(e.message) && /edited trace/.test(e.message));
  });
});

describe('colour and cutout box-only ops', () => {
  test('cutout lowers the visibility of the occluded box only', async () => {
    const out = await run([STEPS[7]!]);
    const vis = Array.from(out.boxes!.visibility);
    const area = (BOXES[2]![2] - BOXES[2]![0]) * (BOXES[2]![3] - BOXES[2]![1]);
    assert.equal(vis[0], 1);
    assert.equal(vis[1], 1);
    assert.ok(Math.abs(vis[2]! - (1 - 64 / area)) < 1e-9, `visibility ${vis[2]}`);
  });
  test('equalize uses the histogram of the box alone (a uniform region stays unchanged)', async () => {
    const s = paintedSample();
    const out = (await replayTrace(s, [{ name: 'BBoxOnlyEqualize', params: { rows: [1] } }])).sample;
    // box 1 is a rectangle filled with one colour: one histogram bin per channel, which PIL keeps
    assert.deepEqual(out.image.data, s.image.data);
  });
});
