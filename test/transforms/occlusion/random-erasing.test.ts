import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../../src/core/pipeline.js';
import type { Sample } from '../../../src/targets/sample.js';
import { makeSample } from '../../conformance/fixture.js';
import { paramsOf, rejectsWith, u8 } from '../blur-noise/helpers.js';

const erasing = (options: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  Pipeline.fromConfig({ ...top, transforms: [{ name: 'RandomErasing', p: 1, ...options }] });

const black = (channels: 1 | 3 = 3): Sample => ({ id: 'black', image: u8(100, 100, channels, () => 0) });

type Hole = { x1: number; y1: number; x2: number; y2: number };

/** The values of channel `c` inside `h`. */
function inside(s: Sample, h: Hole, c = 0): number[] {
  const { width, channels, data } = s.image;
  const out: number[] = [];
  for (let y = h.y1; y < h.y2; y++) for (let x = h.x1; x < h.x2; x++) out.push(data[(y * width + x) * channels + c]!);
  return out;
}

function stats(v: number[]): { mean: number; std: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) };
}

describe('RandomErasing', () => {
  test('the erased share of the image follows scale: inside it, spread over it, centred on its middle', async () => {
    const p = erasing({ scale: [0.1, 0.3], ratio: [0.5, 2], value: 255 });
    const shares: number[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const r = await p.run(black(), { stream: { seed } });
      let erased = 0;
      for (let i = 0; i < r.sample.image.data.length; i += 3) if (r.sample.image.data[i] === 255) erased++;
      const [h] = paramsOf(r.trace)['holes'] as Hole[];
      assert.equal(erased, (h!.x2 - h!.x1) * (h!.y2 - h!.y1), 'pixels erased = the rectangle in the params');
      shares.push(erased / 10000);
    }
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    // Rounding each side to whole pixels moves the area by well under 1% of this image.
    assert.ok(Math.min(...shares) >= 0.09 && Math.max(...shares) <= 0.31, `shares in [${Math.min(...shares)}, ${Math.max(...shares)}]`);
    assert.ok(Math.min(...shares) < 0.12 && Math.max(...shares) > 0.28, 'the whole scale range is used');
    assert.ok(Math.abs(mean - 0.2) < 0.01, `mean share ${mean}`);
  });

  test('ratio is height / width as in torchvision: area 2000 at ratio 3 is 77 rows by 26 columns', async () => {
    const r = await erasing({ scale: 0.2, ratio: 3 }).run(black(), { stream: { seed: 1 } });
    const [h] = paramsOf(r.trace)['holes'] as Hole[];
    // sqrt(2000 * 3) = 77.46 -> 77; sqrt(2000 / 3) = 25.82 -> 26.
    assert.deepEqual([h!.y2 - h!.y1, h!.x2 - h!.x1], [77, 26]);
  });

  test('when no rectangle fits in 10 tries nothing is erased', async () => {
    const s = makeSample();
    const r = await erasing({ scale: 1, ratio: 1 }).run(s);
    assert.deepEqual(paramsOf(r.trace)['holes'], []);
    assert.deepEqual(r.sample.image.data, s.image.data);
    assert.equal(r.sample.boxes, s.boxes);
  });

  test("'random' is N(mean, std) per channel in the full range (ImageNet's by default), replayed from the seed", async () => {
    const p = erasing({ scale: 0.5, ratio: 1, value: 'random' });
    const r = await p.run(black(), { stream: { seed: 2 } });
    const [h] = paramsOf(r.trace)['holes'] as Hole[];
    assert.deepEqual([h!.x2 - h!.x1, h!.y2 - h!.y1], [71, 71]);
    const expected = [
      [0.485, 0.229],
      [0.456, 0.224],
      [0.406, 0.225],
    ];
    expected.forEach(([m, sd], c) => {
      const { mean, std } = stats(inside(r.sample, h!, c));
      // Clamping to [0, 255] trims both tails a little (beyond about 2.1 std).
      assert.ok(Math.abs(mean - m! * 255) < 3, `channel ${c} mean ${mean}`);
      assert.ok(std > sd! * 255 * 0.9 && std < sd! * 255 * 1.02, `channel ${c} std ${std}`);
    });
    const again = await p.replay(black(), JSON.parse(JSON.stringify(r.trace)));
    assert.deepEqual(again.sample.image.data, r.sample.image.data);

    const gray = await p.run(black(1), { stream: { seed: 2 } });
    const g = stats(inside(gray.sample, (paramsOf(gray.trace)['holes'] as Hole[])[0]!));
    assert.ok(Math.abs(g.mean - ((0.485 + 0.456 + 0.406) / 3) * 255) < 3, `gray mean ${g.mean}`);
  });

  test('a box under the rectangle loses visibility by the share covered; fully covered it is dropped; visible keypoints under it become occluded', async () => {
    const s = makeSample();
    // Exactly box 1 ([30, 10, 56, 30]); box 2 ([12, 30, 40, 44]) only touches its bottom edge.
    const r = await erasing().replay(s, [{ name: 'RandomErasing', params: { holes: [{ x1: 30, y1: 10, x2: 56, y2: 30 }], value: 0 } }]);
    assert.deepEqual([...r.sample.boxes!.sourceIndex], [0, 2]);
    assert.deepEqual([...r.sample.boxes!.visibility], [1, 1]);
    assert.deepEqual([...r.sample.keypoints!.visibility], [2, 2, 1, 1, 1, 1]);
    assert.equal(r.sample.mask, s.mask);

    // Box 0 ([8, 6, 24, 22]): rows 10..22 of 6..22 covered, 1/4 left; box 1: columns 30..43 of 30..56, 1/2 left.
    const half = await erasing().replay(s, [{ name: 'RandomErasing', params: { holes: [{ x1: 0, y1: 10, x2: 43, y2: 30 }], value: 0 } }]);
    assert.deepEqual([...half.sample.boxes!.visibility], [0.25, 0.5, 1]);
  });

  test('per-channel values fill per channel; lists of the wrong length fail with a hint', async () => {
    const r = await erasing({ scale: 0.5, ratio: 1, value: [10, 20, 30] }).run(black());
    const [h] = paramsOf(r.trace)['holes'] as Hole[];
    for (let c = 0; c < 3; c++) assert.ok(inside(r.sample, h!, c).every((v) => v === (c + 1) * 10));
    await rejectsWith(() => erasing({ value: [1, 2] }).run(makeSample({}), { stream: { seed: 3 } }), 'RandomErasing.value', 'Hint: give one value for all channels, or 3');
    await rejectsWith(() => erasing({ value: 'random', mean: [0.5, 0.5] }).run(makeSample({}), { stream: { seed: 3 } }), 'RandomErasing.mean', 'Hint: give one value per colour channel');
    await rejectsWith(() => erasing({ ratio: [0, 2] }), 'RandomErasing).ratio', 'above 0');
    await rejectsWith(() => erasing({ value: 'noise' }), 'RandomErasing).value', "or 'random'");
  });
});
