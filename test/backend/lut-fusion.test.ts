import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../src/transforms/index.js';
import { setBackend, getBackend } from '../../src/backend/select.js';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import { isComposition, type StepTrace, type Trace } from '../../src/core/trace.js';
import type { Channels, DType, Image } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import { makeSample, snapshot } from '../conformance/fixture.js';
import { randomImage } from './compare.js';

/** Tone steps (every one a pure table for integer images) with options that draw varied params. */
const TONE = [
  { name: 'Brightness', factor: [0.3, 1.8] },
  { name: 'RandomBrightnessContrast', brightnessLimit: 0.4, contrastLimit: 0.5 },
  { name: 'RandomGamma', gammaLimit: [40, 250] },
  { name: 'Posterize', numBits: [1, 7] },
  { name: 'Solarize', threshold: [20, 240] },
  { name: 'SolarizeAdd', add: [-80, 110], threshold: [30, 256] },
  { name: 'Invert' },
] as const;
/** Steps that break a tone group: image statistics (Contrast, mean-relative brightness), a warp, a non-table color op. */
const BREAKERS = [
  { name: 'Contrast', factor: [0.5, 1.5] },
  { name: 'RandomBrightnessContrast', brightnessLimit: 0.3, brightnessByMax: false },
  { name: 'HorizontalFlip' },
  { name: 'ToGray' },
  { name: 'Equalize' },
] as const;

const arbStep = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TONE) },
  { weight: 1, arbitrary: fc.constantFrom(...BREAKERS) },
);

const pipeline = (steps: readonly object[], fusion: boolean, seed: number) =>
  Pipeline.fromConfig({ fusion, seed, transforms: steps.map((s) => ({ ...s, p: 1 })) });

function leaves(steps: readonly StepTrace[]): StepTrace[] {
  return steps.flatMap((s) => (isComposition(s) ? leaves(s.steps) : [s]));
}

function marks(trace: Trace): (number | undefined)[] {
  return leaves(trace.steps).map((s) => ('fused' in s ? s.fused : undefined));
}

function sampleWith(image: Image, extra?: Image): Sample {
  const base = makeSample();
  // The fixture's labels ride along; the image is replaced (same 64x48 canvas).
  return extra ? { ...base, image, extraImages: { aux: extra } } : { ...base, image };
}

function withBackendAsync<T>(b: 'ts' | 'wasm', fn: () => Promise<T>): Promise<T> {
  const before = getBackend();
  setBackend(b);
  return fn().finally(() => setBackend(before));
}

describe('tone fusion: consecutive tone steps become one table, byte for byte', () => {
  test('random pipelines of tone steps (and breakers): fused == unfused, labels equal, replay exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbStep, { minLength: 1, maxLength: 7 }),
        fc.constantFrom<Channels>(1, 3, 4),
        fc.integer({ min: 0, max: 1e6 }),
        async (steps, ch, seed) => {
          const s = sampleWith(randomImage(64, 48, ch, 'uint8', seed + 1));
          const fused = await pipeline(steps, true, seed).run(s);
          const plain = await pipeline(steps, false, seed).run(s);
          assert.deepEqual(snapshot(fused.sample), snapshot(plain.sample));
          // Marks: runs of two or more consecutive tone steps share a group; nothing else is marked.
          const m = marks(fused.trace);
          const tone = steps.map((st) => TONE.includes(st as (typeof TONE)[number]) && !(st.name === 'RandomBrightnessContrast' && 'brightnessByMax' in st));
          // (Consecutive flips are marked too, as one warp group: only tone marks are checked here.)
          for (let i = 0; i < steps.length; i++) {
            if (!tone[i]) {
              if (m[i] !== undefined) assert.ok(!m.some((g, j) => g === m[i] && tone[j]), 'a tone step grouped with another kind');
              continue;
            }
            const inRun = tone[i - 1] === true || tone[i + 1] === true;
            assert.equal(m[i] !== undefined, inRun, `step ${i} (${steps[i]!.name}) marked ${m[i]}`);
            if (inRun && tone[i - 1]) assert.equal(m[i], m[i - 1]);
          }
          assert.ok(marks(plain.trace).every((x) => x === undefined));
          // A fused run replays to the same bytes; without its marks it replays step by step, same bytes.
          const replayed = await replayTrace(s, JSON.parse(JSON.stringify(fused.trace)));
          assert.deepEqual(snapshot(replayed.sample), snapshot(fused.sample));
          assert.deepEqual(marks(replayed.trace), m);
          const stripped = { ...fused.trace, steps: leaves(fused.trace.steps).map((x) => { const { fused: _f, ...rest } = x as { fused?: number }; return rest; }) };
          const unfusedReplay = await replayTrace(s, stripped);
          assert.deepEqual(snapshot(unfusedReplay.sample.image), snapshot(fused.sample.image));
          assert.ok(marks(unfusedReplay.trace).every((x) => x === undefined));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a fused run on wasm equals the unfused run on the TypeScript reference', async () => {
    const steps = [TONE[0], TONE[2], TONE[3], TONE[6], TONE[5], TONE[1], TONE[4]];
    const s = sampleWith(randomImage(64, 48, 4, 'uint8', 9));
    const fused = await withBackendAsync('wasm', () => pipeline(steps, true, 3).run(s));
    const plain = await withBackendAsync('ts', () => pipeline(steps, false, 3).run(s));
    assert.deepEqual(snapshot(fused.sample.image), snapshot(plain.sample.image));
    assert.deepEqual(marks(fused.trace), [0, 0, 0, 0, 0, 0, 0]);
  });

  test('uint16 with a 12-bit maxValue and stray values above it: fused == unfused', async () => {
    const img = { ...randomImage(64, 48, 3, 'uint16', 4), maxValue: 4095 };
    // A few samples above maxValue: each step's table caps its output at maxValue, and so does the composition.
    img.data.forEach((v, i) => (img.data[i] = i % 97 === 0 ? 4096 + (v & 1023) : v & 4095));
    const steps = [TONE[4], TONE[5], TONE[2], TONE[0], TONE[3]];
    for (const seed of [1, 2, 3]) {
      const fused = await pipeline(steps, true, seed).run(sampleWith(img));
      const plain = await pipeline(steps, false, seed).run(sampleWith(img));
      assert.deepEqual(snapshot(fused.sample.image), snapshot(plain.sample.image));
      assert.equal(fused.sample.image.maxValue, 4095);
      assert.deepEqual(marks(fused.trace), [0, 0, 0, 0, 0]);
    }
  });

  test('a table entry above maxValue is capped before the next table reads it', async () => {
    // SolarizeAdd keeps values at or above its threshold: a stray 4200 stays 4200 in its table,
    // the kernel caps it to 4095, and Brightness 0.5 then gives 2047, not 2100.
    const img = { ...randomImage(64, 48, 1, 'uint16', 3), maxValue: 4095 };
    img.data.forEach((v, i) => (img.data[i] = i % 5 === 0 ? 4200 : v & 4095));
    const steps = [{ name: 'SolarizeAdd', add: 10, threshold: 30 }, { name: 'Brightness', factor: 0.5 }];
    const fused = await pipeline(steps, true, 1).run(sampleWith(img));
    const plain = await pipeline(steps, false, 1).run(sampleWith(img));
    assert.deepEqual(marks(fused.trace), [0, 0]);
    assert.deepEqual(snapshot(fused.sample.image), snapshot(plain.sample.image));
    assert.equal(fused.sample.image.data[0], 2047);
  });

  test('float32 images are never fused (their steps are no tables); results equal', async () => {
    const img = randomImage(64, 48, 3, 'float32', 5);
    const steps = [TONE[0], TONE[2], TONE[6]];
    const fused = await pipeline(steps, true, 1).run(sampleWith(img));
    const plain = await pipeline(steps, false, 1).run(sampleWith(img));
    assert.deepEqual(snapshot(fused.sample.image), snapshot(plain.sample.image));
    assert.deepEqual(marks(fused.trace), [undefined, undefined, undefined]);
  });

  test('extra images: the same table when they share dtype and scale, no fusion when they do not', async () => {
    const steps = [TONE[0], TONE[4], TONE[6]];
    const cases: [DType, DType, boolean][] = [['uint8', 'uint8', true], ['uint8', 'uint16', false]];
    for (const [a, b, fuses] of cases) {
      const s = sampleWith(randomImage(64, 48, 3, a, 6), randomImage(64, 48, 1, b, 7));
      const fused = await Pipeline.fromConfig({ fusion: true, seed: 2, additionalTargets: { aux: 'image' }, transforms: steps.map((x) => ({ ...x, p: 1 })) }).run(s);
      const plain = await Pipeline.fromConfig({ fusion: false, seed: 2, additionalTargets: { aux: 'image' }, transforms: steps.map((x) => ({ ...x, p: 1 })) }).run(s);
      assert.deepEqual(snapshot(fused.sample), snapshot(plain.sample));
      assert.equal(marks(fused.trace)[0] !== undefined, fuses, `${a} + ${b}`);
    }
  });

  test('a hand-edited trace controls the groups: split marks replay as two groups, same bytes', async () => {
    const steps = [TONE[0], TONE[3], TONE[4], TONE[6]];
    const s = sampleWith(randomImage(64, 48, 3, 'uint8', 8));
    const run = await pipeline(steps, true, 5).run(s);
    const edited = { ...run.trace, steps: leaves(run.trace.steps).map((x, i) => ({ ...x, fused: i < 2 ? 7 : 9 })) };
    const replayed = await replayTrace(s, edited);
    assert.deepEqual(snapshot(replayed.sample.image), snapshot(run.sample.image));
    assert.deepEqual(marks(replayed.trace), [0, 0, 1, 1]);
  });

  test('a policy after tone steps draws the same ops and params (it samples from the mapped pixels)', async () => {
    const transforms = [
      { name: 'Brightness', factor: [1.6, 1.6], p: 1 },
      { name: 'Invert', p: 1 },
      { name: 'RandAugment', numOps: 3, magnitude: 9, fill: 'mean', p: 1 },
    ];
    for (const seed of [1, 2, 3, 4]) {
      const s = sampleWith(randomImage(64, 48, 3, 'uint8', seed));
      const fused = await Pipeline.fromConfig({ fusion: true, seed, transforms }).run(s);
      const plain = await Pipeline.fromConfig({ fusion: false, seed, transforms }).run(s);
      assert.deepEqual(snapshot(fused.sample), snapshot(plain.sample));
      const unmarked = (t: Trace) => JSON.parse(JSON.stringify(t.steps[2], (k, v) => (k === 'fused' ? undefined : v)));
      assert.deepEqual(unmarked(fused.trace), unmarked(plain.trace), 'the policy drew the same ops and params');
    }
  });
});
