import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { withMixClasses, type Batch, type LoaderOptions } from '../../src/pipeline/index.js';
import { collect, makeTinyCoco, type TinyCoco } from './helpers.js';

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const POSE = fixture('yolo/pose/data.yaml');
const FOLDER = fixture('folder/good');
const ALL_TARGETS = fileURLToPath(new URL('./all-targets-source.ts', import.meta.url));

interface MixStep { name: string; skipped?: boolean; params?: Record<string, unknown>; partners?: string[] }
const mixSteps = (b: Batch): (MixStep | undefined)[] => b.traces.map((t) => (t.steps as unknown as MixStep[]).find((s) => ['MixUp', 'CutMix', 'Mosaic'].includes(s.name)));

/** Runs `o` with 0, 1 and 2 workers over epochs 0 and 1, asserts the batches are equal and returns them. */
async function sameForAnyWorkers(o: LoaderOptions): Promise<Batch[]> {
  const runs = await Promise.all([0, 1, 2].map((workers) => collect({ ...o, workers }, [0, 1])));
  assert.ok(runs[0]!.length > 0);
  for (const other of runs.slice(1)) assert.deepEqual(other, runs[0]);
  return runs[0]!;
}

describe('mixes in the loader', () => {
  let coco: TinyCoco;
  before(async () => {
    coco = await makeTinyCoco(9);
  });

  for (const name of ['CutMix', 'Mosaic'] as const) {
    test(`${name}: partners come from the same source, and batches are the same for 0, 1 and 2 workers`, async () => {
      const batches = await sameForAnyWorkers({ dataset: coco.path, pipeline: { transforms: [{ name, p: 1 }, { name: 'HorizontalFlip', p: 0.5 }] }, batchSize: 4, size: 40, seed: 3 });
      const steps = batches.flatMap(mixSteps);
      const partners = name === 'Mosaic' ? 3 : 1;
      for (const s of steps) {
        assert.equal(s?.partners?.length, partners, 'the trace names the partners drawn');
        for (const id of s!.partners!) assert.match(id, /^img00\d\.png$/, 'partners are files of the source');
      }
      // Partner objects made it into the batch, marked by the mixes' mixSource field.
      const source = batches.flatMap((b) => Array.from(b.boxFields!.mixSource!));
      assert.ok(source.some((v) => v > 0) && source.some((v) => v === 0));
    });
  }

  test('keypoints through Mosaic then CutMix (a YOLO pose fixture) stay aligned with their boxes, for any worker count', async () => {
    const batches = await sameForAnyWorkers({ dataset: { kind: 'dataset', path: POSE }, pipeline: { transforms: [{ name: 'Mosaic', p: 1 }, { name: 'CutMix', p: 0.5 }] }, batchSize: 2, size: 48, seed: 5 });
    for (const b of batches) {
      const k = b.keypoints!;
      assert.equal(k.alignedWithBoxes, true);
      assert.equal(k.shape[0], b.boxes!.length / 6);
      assert.deepEqual(k.shape.slice(1), [3, 3]);
      // Every visible keypoint lies in the batch image.
      for (let i = 0; i < k.data.length; i += 3) if (k.data[i + 2]! > 0) assert.ok(k.data[i]! >= 0 && k.data[i]! <= 48 && k.data[i + 1]! >= 0 && k.data[i + 1]! <= 48);
    }
  });

  test('polygons, semantic and instance masks through Mosaic, CutMix and Copy-Paste: the same for 0, 1 and 2 workers', async () => {
    const transforms = [{ name: 'Mosaic', p: 0.8, size: [40, 30] }, { name: 'CutMix', p: 0.8 }, { name: 'CopyPaste', p: 0.5 }];
    const batches = await sameForAnyWorkers({ dataset: { kind: 'module', module: ALL_TARGETS, options: { count: 5 } }, pipeline: { transforms }, batchSize: 3, size: 40, seed: 9, fillMask: 255 });
    const ran = new Set(batches.flatMap((b) => b.traces.flatMap((t) => (t.steps as unknown as MixStep[]).filter((s) => s.partners).map((s) => s.name))));
    assert.deepEqual([...ran].sort(), ['CopyPaste', 'CutMix', 'Mosaic'], 'every mix ran somewhere');
    for (const b of batches) {
      assert.equal(b.polygons!.alignedWithBoxes, true);
      assert.equal(b.instanceMasks!.shape[0], b.boxes!.length / 6, 'one plane per object');
      assert.deepEqual(Array.from(b.instanceMasks!.instance), Array.from({ length: b.boxes!.length / 6 }, (_, m) => m));
      assert.equal(b.masks!.shape[0], b.shape[0]);
    }
  });

  test("MixUp overlays boxes: each row's weight is its image's lambda; unmixed samples' boxes weigh 1", async () => {
    const [b] = await collect({ dataset: coco.path, pipeline: { transforms: [{ name: 'MixUp', p: 0.5 }] }, batchSize: 9, size: 40, shuffle: false, seed: 2 });
    const steps = mixSteps(b!);
    assert.ok(steps.some((s) => s?.skipped) && steps.some((s) => s && !s.skipped), 'the seed gives both mixed and unmixed samples');
    const weight = b!.boxFields!.weight!, source = b!.boxFields!.mixSource!;
    for (let m = 0; m < weight.length; m++) {
      const s = steps[b!.boxes![6 * m]!]!;
      const lambda = s.skipped ? 1 : (s.params!['lambda'] as number);
      assert.equal(weight[m], Math.fround(source[m] === 0 ? lambda : 1 - lambda), `row ${m}`);
    }
  });

  for (const name of ['MixUp', 'CutMix'] as const) {
    test(`${name} on a classification folder: soft labels in the batch, numClasses taken from the source`, async () => {
      // No numClasses in the step: the loader supplies the source's class count (2).
      const batches = await sameForAnyWorkers({ dataset: FOLDER, pipeline: { transforms: [{ name, p: 1 }] }, batchSize: 2, size: 32, seed: 4 });
      const classOf: Record<string, number> = { chelsea: 0, coffee: 1, 'coffee-crop': 1 };
      for (const b of batches) {
        assert.deepEqual(Array.from(b.classes!), Array(b.shape[0]).fill(-1), 'soft labels have no class index');
        mixSteps(b).forEach((s, n) => {
          assert.equal(s!.params!['numClasses'], 2);
          const lambda = s!.params!['lambda'] as number;
          const partner = s!.partners![0]!.split('/')[0] === 'cat' ? 0 : 1;
          const expected = [0, 1].map((c) => (c === classOf[b.ids[n]!] ? lambda : 0) + (c === partner ? 1 - lambda : 0));
          const got = Array.from(b.labels!.subarray(2 * n, 2 * n + 2));
          got.forEach((v, c) => assert.ok(Math.abs(v - expected[c]!) < 1e-6, `sample ${b.ids[n]}: ${got} vs ${expected}`));
        });
      }
    });
  }

  test('withMixClasses fills numClasses where a mix takes it and the config leaves it unset', () => {
    const config = {
      task: 'classification',
      transforms: [
        { name: 'OneOf', transforms: [{ name: 'MixUp', p: 1 }, { name: 'CutMix', numClasses: 7 }] },
        { name: 'Mosaic' },
        { name: 'HorizontalFlip' },
      ],
    };
    assert.deepEqual(withMixClasses(config, 3), {
      task: 'classification',
      transforms: [
        { name: 'OneOf', transforms: [{ name: 'MixUp', p: 1, numClasses: 3 }, { name: 'CutMix', numClasses: 7 }] },
        { name: 'Mosaic' },
        { name: 'HorizontalFlip' },
      ],
    });
  });
});
