import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { createImage } from '../../src/targets/image.js';
import { createLabelMap } from '../../src/targets/mask.js';
import type { Sample } from '../../src/targets/sample.js';
import { boxRow, colourBox, colourOfRow, paintedSample, provider } from './helpers.js';

function stepParams(r: { trace: { steps: readonly unknown[] } }): unknown {
  return (r.trace.steps[0] as { params: unknown }).params;
}

function dataset(polygons: boolean): Sample[] {
  return [
    paintedSample(0, 64, 48, [[4, 4, 20, 20], [30, 10, 60, 40], [10, 30, 26, 46]], { polygons }),
    paintedSample(1, 80, 60, [[5, 5, 40, 30], [45, 20, 75, 55]], { polygons }),
    paintedSample(2, 64, 48, [[0, 0, 32, 24], [40, 30, 60, 44]], { polygons }),
    paintedSample(3, 50, 50, [[10, 10, 40, 40]], { polygons }),
  ];
}

const A = paintedSample(0, 64, 48, [[4, 4, 20, 20], [30, 10, 60, 40], [10, 30, 26, 46]], { polygons: true });
const C = paintedSample(2, 64, 48, [[0, 0, 32, 24], [40, 30, 60, 44]], { polygons: true });
const data = dataset(true);

for (const [name, opts] of [
  ['CutMix', { interpolation: 'nearest' }],
  ['Mosaic', { interpolation: 'nearest', scale: [0.6, 1.2] }],
  ['Mosaic', { interpolation: 'nearest', grid: 3, scale: [0.8, 1.6] }],
  ['CopyPaste', { interpolation: 'nearest', scale: [0.6, 1.4] }],
] as const) {
  test(`${name} ${JSON.stringify(opts)}: every output box is the tight box of its object's visible pixels`, async () => {
    let boxes = 0;
    for (const polygons of [false, true]) {
      const data = dataset(polygons);
      const base = data[0]!;
      for (let seed = 0; seed < 12; seed++) {
        for (const boxMethod of ['mask', 'corners'] as const) {
          const p = Pipeline.fromConfig({ boxes: { method: boxMethod }, transforms: [{ name, ...opts }] });
          const r = await p.run(base, { stream: { seed }, partners: provider(data) });
          const s = r.sample;
          const n = s.boxes!.visibility.length;
          const where = `polygons ${polygons}, seed ${seed}, ${boxMethod}: ${JSON.stringify(r.trace.steps)}`;
          // Partners are drawn with replacement: colours identify an object only when its image was drawn once.
          const ids = [base.id, ...((r.trace.steps[0] as unknown as { partners: string[] }).partners)];
          const once = (sampleIndex: number) => ids.filter((id) => id === `s${sampleIndex}`).length === 1;
          assert.equal(s.instanceMasks!.masks.length, n);
          if (polygons) assert.equal(s.polygons!.instances.length, n);
          boxes += n;
          if (boxMethod === 'mask') {
            for (let i = 0; i < n; i++) {
              if (!once(Math.floor(s.boxes!.labels[i]! / 10))) continue;
              const truth = colourBox(s.image, colourOfRow(s, i));
              assert.ok(truth, `${where}: box ${i} has no visible pixels`);
              const b = boxRow(s, i);
              // Masks give the pixel-tight box exactly; polygons are sub-pixel exact, so within a pixel of it.
              const tol = polygons ? 1 : 0;
              assert.ok(b.every((v, k) => Math.abs(v - truth[k]!) <= tol), `${where}: box ${b} vs visible ${truth}`);
            }
          }
          // No object whose pixels show is missing a box (no silent loss).
          for (const [si, sample] of data.entries()) {
            sample.boxes!.labels.forEach((l) => {
              if (once(si) && colourBox(s.image, [40 + si * 20, 60 + (l % 10) * 30, 200])) assert.ok(Array.from(s.boxes!.labels).includes(l), `${where}: object ${l} is visible but has no box`);
            });
          }
          // Masks agree with the painted pixels.
          for (let i = 0; i < n; i++) {
            if (!once(Math.floor(s.boxes!.labels[i]! / 10))) continue;
            const colour = colourOfRow(s, i);
            const m = s.instanceMasks!.masks[i]!;
            for (let px = 0; px < m.length; px++) {
              const painted = s.image.data[px * 3] === colour[0] && s.image.data[px * 3 + 1] === colour[1] && s.image.data[px * 3 + 2] === colour[2];
              if (painted !== (m[px] === 1)) assert.fail(`${where}: mask ${i} disagrees with the pixels at ${px}`);
            }
          }
          const again = await replayTrace(base, JSON.parse(JSON.stringify(r.trace)), { partners: provider(data) });
          assert.deepEqual(again.sample.boxes!.xyxy, s.boxes!.xyxy);
        }
      }
    }
    assert.ok(boxes > 20);
  });
}

test('CutMix: base boxes under the patch are cut to their visible part or dropped; lambda is the uncovered share', async () => {
  const base = paintedSample(0, 64, 48, [[4, 4, 20, 20], [30, 10, 60, 40]], { masks: false });
  const partner = paintedSample(1, 64, 48, [], { masks: false });
  const p = Pipeline.fromConfig({ transforms: [{ name: 'CutMix', minMax: [0.2, 0.3] }] });
  for (let seed = 0; seed < 20; seed++) {
    const r = await p.run(base, { stream: { seed }, partners: provider([partner]) });
    const params = stepParams(r) as { rect: number[]; lambda: number };
    const [x0, y0, x1, y1] = params.rect as [number, number, number, number];
    assert.ok(Math.abs(params.lambda - (1 - ((x1 - x0) * (y1 - y0)) / (64 * 48))) < 1e-9);
    for (let i = 0; i < r.sample.boxes!.visibility.length; i++) {
      const truth = colourBox(r.sample.image, colourOfRow(r.sample, i))!;
      const b = boxRow(r.sample, i);
      // Boxes-only: the box is the visible part when the patch hides whole sides, else it keeps its extent.
      assert.ok(b[0]! <= truth[0] && b[1]! <= truth[1] && b[2]! >= truth[2] && b[3]! >= truth[3], `seed ${seed}: box ${b} does not contain ${truth}`);
    }
    for (const l of [0, 1]) {
      if (colourBox(r.sample.image, [40, 60 + l * 30, 200]) === null) assert.ok(!Array.from(r.sample.boxes!.labels).includes(l), 'a fully covered box is dropped');
    }
  }
});

test('MixUp on detection overlays: boxes of both images unchanged (partner scaled), each with its image weight', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'MixUp', alpha: 2 }] });
  const r = await p.run(A, { stream: { seed: 5 }, partners: provider([C]) });
  const lambda = (stepParams(r) as { lambda: number }).lambda;
  const s = r.sample;
  assert.equal(s.boxes!.visibility.length, 5);
  assert.deepEqual(Array.from(s.boxes!.xyxy.subarray(0, 12)), Array.from(A.boxes!.xyxy));
  assert.deepEqual(Array.from(s.boxes!.xyxy.subarray(12)), Array.from(C.boxes!.xyxy));
  assert.deepEqual(Array.from(s.boxes!.fields['weight'] as Float64Array), [lambda, lambda, lambda, 1 - lambda, 1 - lambda]);
  assert.equal(s.image.data[0], Math.round(A.image.data[0]! * lambda + C.image.data[0]! * (1 - lambda)));
});

test('interpolating boxes or blending a segmentation map is refused with the reason and the alternatives', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'MixUp', boxes: 'interpolate' }] });
  await assert.rejects(p.run(A, { partners: provider([C]) }), /MixUp does not interpolate boxes.*matches no object.*CutMix or Mosaic.*overlay/);
  const seg: Sample = { id: 'seg', image: A.image, mask: createLabelMap(64, 48) };
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'MixUp' }] }).run(seg, { partners: provider([{ ...seg, id: 'seg2' }]) }), /MixUp cannot blend segmentation masks.*CutMix or Mosaic/);
  const label: Sample = { id: 'l', image: A.image, label: { kind: 'class', index: 1 } };
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'Mosaic' }] }).run(label, { partners: provider([label]) }), /Mosaic cannot map class labels.*CutMix or MixUp/);
});

test('edge cases: partners without the sample\'s targets are refused; other channel counts and sizes are converted; empty label sets mix', async () => {
  const bare: Sample = { id: 'bare', image: createImage(30, 20, 1, 'uint8') };
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'Mosaic' }] }).run(A, { partners: provider([bare]) }), /partner bare: Mosaic: partner 1 has no boxes.*Hint: mix samples from one dataset/);
  const gray = paintedSample(5, 40, 30, [], { polygons: true });
  const g1 = { ...gray, image: { ...createImage(40, 30, 1, 'uint8'), data: new Uint8Array(40 * 30).fill(77) } };
  const r = await Pipeline.fromConfig({ transforms: [{ name: 'CutMix', minMax: [0.5, 0.5] }] }).run(A, { stream: { seed: 1 }, partners: provider([g1]) });
  const [x0, y0] = (stepParams(r) as { rect: number[] }).rect as [number, number];
  assert.deepEqual(Array.from(r.sample.image.data.subarray((y0 * 64 + x0) * 3, (y0 * 64 + x0) * 3 + 3)), [77, 77, 77]);
  assert.equal(r.sample.image.channels, 3);
  const empty = paintedSample(0, 64, 48, [], { polygons: true });
  const e = await Pipeline.fromConfig({ transforms: [{ name: 'Mosaic' }] }).run(empty, { partners: provider([empty]) });
  assert.equal(e.sample.boxes!.visibility.length, 0);
  await assert.rejects(Pipeline.fromConfig({ transforms: [{ name: 'Mosaic' }] }).run(A, { partners: { size: 0, get: async () => { throw new Error('no'); }, byId: async () => A } }), /Mosaic needs 3 partner samples, and the partner source is empty/);
});

test('a patch that covers every object leaves no box behind, and none is invented', async () => {
  const partner = paintedSample(7, 64, 48, [], { polygons: true });
  const r = await Pipeline.fromConfig({ transforms: [{ name: 'CutMix' }] }).run(A, { partners: provider([partner]) });
  const trace = JSON.parse(JSON.stringify(r.trace));
  trace.steps[0].params.rect = [0, 0, 64, 48];
  const out = await replayTrace(A, trace, { partners: provider([partner]) });
  assert.equal(out.sample.boxes!.visibility.length, 0);
  assert.equal(out.sample.polygons!.instances.length, 0);
  assert.equal(out.sample.instanceMasks!.masks.length, 0);
});

test('offAfterEpoch turns a mix off from that epoch on, and says so in the params', async () => {
  const p = Pipeline.fromConfig({ transforms: [{ name: 'Mosaic', offAfterEpoch: 3 }] });
  const on = await p.run(A, { stream: { epoch: 2 }, partners: provider(data) });
  const off = await p.run(A, { stream: { epoch: 3 }, partners: provider(data) });
  assert.notDeepEqual(on.sample.image.data, A.image.data);
  assert.deepEqual(off.sample.image.data, A.image.data);
  assert.equal((stepParams(off) as { off: string }).off, 'offAfterEpoch 3');
});

test('additional targets are refused rather than left unmixed', async () => {
  const s: Sample = { ...A, extraImages: { depth: A.image } };
  await assert.rejects(Pipeline.fromConfig({ additionalTargets: { depth: 'image' }, transforms: [{ name: 'CutMix' }] }).run(s, { partners: provider([C]) }), /CutMix does not mix additional targets.*remove additionalTargets/);
});
