/**
 * Parity with Albumentations 1.3.1 for boxes under the crops, resizes and pads (golden vectors of
 * the workspace's golden reference set, section (b), copied to test/fixtures/geometric-crop). Deterministic steps run
 * from their config; random ones replay the window Albumentations drew. Tolerance 1e-4 px, ids
 * and output sizes exact.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Pipeline, replayTrace } from '../../../src/core/pipeline.js';
import type { Sample } from '../../../src/targets/sample.js';
import { createImage } from '../../../src/targets/image.js';
import { sampleWith } from './crop-helpers.js';

interface GoldenStep {
  name: string;
  init: Record<string, unknown>;
  derived: { crop_window_xyxy?: number[]; resize_to_hw?: number[]; pad_top_bottom_left_right?: number[] };
  output_hw: [number, number];
}
interface GoldenCase {
  id: string;
  filters: Record<string, number>;
  transforms: GoldenStep[];
  input: { image_hw: [number, number]; bboxes: number[][]; ids: number[] };
  output: { image_hw: [number, number]; bboxes: number[][]; ids: number[] };
}

const golden = JSON.parse(readFileSync(new URL('../../fixtures/geometric-crop/albumentations-boxes.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

/** Our config for a deterministic Albumentations step. */
function configOf(t: GoldenStep, id: string): Record<string, unknown> {
  const i = t.init as Record<string, number>;
  switch (t.name) {
    case 'Crop':
      return { name: 'Crop', xMin: i['x_min'], yMin: i['y_min'], xMax: i['x_max'], yMax: i['y_max'] };
    case 'CenterCrop':
    case 'Resize':
      return { name: t.name, height: i['height'], width: i['width'] };
    case 'PadIfNeeded':
      // The golden init does not record the position; the case name does.
      return { name: 'PadIfNeeded', minHeight: i['min_height'], minWidth: i['min_width'], position: id.includes('top_left') ? 'top_left' : 'center' };
    case 'LongestMaxSize':
    case 'SmallestMaxSize':
      return { name: t.name, maxSize: i['max_size'] };
    default:
      throw new Error(`${t.name} is random: replay its window`);
  }
}

/** Our params for a random step, from the window Albumentations drew. */
function paramsOf(t: GoldenStep): Record<string, unknown> {
  const [xMin, yMin, xMax, yMax] = t.derived.crop_window_xyxy!;
  if (t.name === 'RandomCrop') return { xMin, yMin, xMax, yMax, fill: 0, fillMask: 0 };
  const [height, width] = t.derived.resize_to_hw!;
  return { xMin, yMin, xMax, yMax, width, height, interpolation: 'bilinear' };
}

async function run(c: GoldenCase, s: Sample) {
  const random = c.transforms.some((t) => t.name === 'RandomCrop' || t.name === 'RandomResizedCrop');
  if (!random) {
    const r = await Pipeline.fromConfig({ transforms: c.transforms.map((t) => ({ ...configOf(t, c.id), p: 1 })), boxes: c.filters }).run(s);
    return r;
  }
  const steps = c.transforms.map((t) => ({ name: t.name, params: paramsOf(t) }));
  return replayTrace(s, { version: 1, input: { width: s.image.width, height: s.image.height }, steps, backend: 'ts', boxes: { method: 'corners', ...c.filters } });
}

describe('Albumentations 1.3.1 parity: boxes under crops, resizes and pads', () => {
  test('the fixture has the expected cases', () => {
    assert.equal(golden.cases.length, 21);
  });
  for (const c of golden.cases) {
    test(c.id, async () => {
      const [h, w] = c.input.image_hw;
      const s = sampleWith(createImage(w, h, 1, 'uint8'), c.input.bboxes.flat());
      const r = await run(c, s);
      assert.deepEqual([r.sample.image.height, r.sample.image.width], c.output.image_hw);
      const ids = Array.from(r.sample.boxes!.sourceIndex).map((k) => c.input.ids[k]);
      assert.deepEqual(ids, c.output.ids);
      c.output.bboxes.forEach((want, k) => {
        const got = Array.from(r.sample.boxes!.xyxy.subarray(4 * k, 4 * k + 4));
        for (let j = 0; j < 4; j++) assert.ok(Math.abs(got[j]! - want[j]!) <= 1e-4, `box ${c.output.ids[k]}: ${got} vs ${want}`);
      });
      // Our own draws of the deterministic windows and paddings equal Albumentations'.
      c.transforms.forEach((t, k) => {
        const leaf = r.trace.steps[k] as { params?: Record<string, number> };
        if (t.name === 'CenterCrop') assert.deepEqual(['xMin', 'yMin', 'xMax', 'yMax'].map((n) => leaf.params![n]), t.derived.crop_window_xyxy);
        if (t.name === 'PadIfNeeded') assert.deepEqual(['padTop', 'padBottom', 'padLeft', 'padRight'].map((n) => leaf.params![n]), t.derived.pad_top_bottom_left_right);
      });
    });
  }
});
