import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import type { LeafTrace } from '../../src/core/trace.js';
import type { Image } from '../../src/targets/image.js';
import { makeSample, snapshot } from '../conformance/fixture.js';

const rotations = (fusion: boolean) =>
  Pipeline.fromConfig({
    fusion,
    transforms: [
      { name: 'Rotate', limit: [20, 20], p: 1 },
      { name: 'HorizontalFlip', p: 1 },
      { name: 'Rotate', limit: [-35, -35], p: 1 },
    ],
  });

/** Mean absolute difference over pixels at least `margin` px inside the frame. */
function meanAbsDiff(a: Image, b: Image, margin: number): number {
  let sum = 0;
  let n = 0;
  for (let y = margin; y < a.height - margin; y++) {
    for (let x = margin; x < a.width - margin; x++) {
      for (let c = 0; c < a.channels; c++) {
        const i = (y * a.width + x) * a.channels + c;
        sum += Math.abs(a.data[i]! - b.data[i]!);
        n++;
      }
    }
  }
  return sum / n;
}

describe('fusion', () => {
  test('consecutive warps are resampled once, equal to step by step within interpolation error', async () => {
    const s = makeSample();
    const fused = await rotations(true).run(s);
    const steps = await rotations(false).run(s);
    // Labels are mapped step by step in both modes: identical.
    assert.deepEqual(snapshot(fused.sample.boxes), snapshot(steps.sample.boxes));
    assert.deepEqual(snapshot(fused.sample.keypoints), snapshot(steps.sample.keypoints));
    // Pixels: one bilinear resampling instead of three; the fixture's texture is sharp, so allow a few levels.
    const d = meanAbsDiff(fused.sample.image, steps.sample.image, 6);
    assert.ok(d < 12, `mean abs difference ${d}`);
    assert.ok(d > 0, 'fusion should change rounding somewhere');
    // Masks are nearest-neighbour in both modes: they agree on almost every pixel.
    const m1 = fused.sample.mask!.data;
    const m2 = steps.sample.mask!.data;
    let differ = 0;
    for (let i = 0; i < m1.length; i++) if (m1[i] !== m2[i]) differ++;
    assert.ok(differ / m1.length < 0.03, `${differ} mask pixels differ`);
    const marks = (fused.trace.steps as LeafTrace[]).map((t) => t.fused);
    assert.deepEqual(marks, [0, 0, 0]);
    assert.deepEqual((steps.trace.steps as LeafTrace[]).map((t) => t.fused), [undefined, undefined, undefined]);
  });

  test('pixels an intermediate canvas cut off stay cut off', async () => {
    // Rotate 90 then back on a non-square image: the corners leave the canvas in between.
    const p = (fusion: boolean) =>
      Pipeline.fromConfig({ fusion, transforms: [{ name: 'Rotate', limit: [90, 90], interpolation: 'nearest', p: 1 }, { name: 'Rotate', limit: [-90, -90], interpolation: 'nearest', p: 1 }] });
    const s = makeSample({});
    const a = (await p(true).run(s)).sample.image;
    const b = (await p(false).run(s)).sample.image;
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    assert.equal(a.data[0], 0, 'the top-left corner was outside the rotated canvas');
  });

  test('replay follows the fusion groups the trace records; removing them replays unfused', async () => {
    const s = makeSample();
    const run = await rotations(true).run(s);
    const replayed = await replayTrace(s, JSON.parse(JSON.stringify(run.trace)));
    assert.deepEqual(snapshot(replayed.sample), snapshot(run.sample));
    const unfusedTrace = { ...run.trace, steps: (run.trace.steps as LeafTrace[]).map(({ fused: _f, ...rest }) => rest) };
    const unfused = await replayTrace(s, unfusedTrace);
    const stepwise = await rotations(false).run(s);
    assert.deepEqual(snapshot(unfused.sample.image), snapshot(stepwise.sample.image));
  });
});

test('every pixel permutation (flips, transpose, quarter turns) joins a bilinear warp group', async () => {
  const p = Pipeline.fromConfig({
    transforms: [
      { name: 'Rotate', limit: [10, 10], p: 1 },
      { name: 'VerticalFlip', p: 1 },
      { name: 'Transpose', p: 1 },
      { name: 'RandomRotate90', p: 1 },
      { name: 'HorizontalFlip', p: 1 },
      { name: 'Rotate', limit: [-5, -5], p: 1 },
    ],
  });
  const r = await p.run(makeSample(), { stream: { seed: 2 } });
  assert.deepEqual((r.trace.steps as LeafTrace[]).map((t) => t.fused), [0, 0, 0, 0, 0, 0]);
});
