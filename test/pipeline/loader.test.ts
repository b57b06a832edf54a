import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLoader, type Batch, type LoaderOptions } from '../../src/pipeline/index.js';
import { makeTinyCoco, type TinyCoco } from './helpers.js';

const AUG = { transforms: [{ name: 'HorizontalFlip', p: 0.5 }, { name: 'RandomBrightnessContrast', p: 0.8 }, { name: 'Affine', rotate: [-10, 10], p: 0.5 }] };

async function collect(o: LoaderOptions, epoch?: number): Promise<Batch[]> {
  const loader = await createLoader(o);
  try {
    const out: Batch[] = [];
    for await (const b of epoch === undefined ? loader : loader.epoch(epoch)) out.push(b);
    return out;
  } finally {
    await loader.close();
  }
}

const order = (bs: Batch[]): number[] => bs.flatMap((b) => Array.from(b.indices));

describe('createLoader', () => {
  let data: TinyCoco;
  before(async () => {
    data = await makeTinyCoco(11);
  });

  test('shapes in both layouts; NHWC is the transpose of NCHW; pixels scaled to [0, 1]', async () => {
    const base = { dataset: data.path, batchSize: 4, size: 40, shuffle: false } as const;
    const nchw = await collect({ ...base, layout: 'NCHW' });
    const nhwc = await collect({ ...base, layout: 'NHWC' });
    assert.deepEqual(nchw.map((b) => b.shape), [[4, 3, 40, 40], [4, 3, 40, 40], [3, 3, 40, 40]]);
    assert.deepEqual(nhwc.map((b) => b.shape), [[4, 40, 40, 3], [4, 40, 40, 3], [3, 40, 40, 3]]);
    const a = nchw[0]!.images, b = nhwc[0]!.images;
    for (const [n, c, y, x] of [[0, 0, 0, 0], [1, 2, 5, 7], [3, 1, 39, 12]] as const) {
      assert.equal(a[((n * 3 + c) * 40 + y) * 40 + x], b[((n * 40 + y) * 40 + x) * 3 + c]);
    }
    // Sample 1 is 40x40 already: no letterbox, its pixels are the pattern the helper wrote.
    for (const [c, y, x] of [[0, 0, 0], [2, 9, 31], [1, 39, 39]] as const) {
      const expected = (x * 5 + y * 3 + 1 * 17 + c * 60) % 256;
      assert.ok(Math.abs(a[((1 * 3 + c) * 40 + y) * 40 + x]! - expected / 255) < 1e-6);
    }
  });

  test('boxes: batch index column, class, letterboxed coordinates and per-box fields', async () => {
    const [batch] = await collect({ dataset: data.path, batchSize: 4, size: 32, shuffle: false });
    const boxes = batch!.boxes!;
    assert.equal(boxes.length % 6, 0);
    const rows = boxes.length / 6;
    const perSample = [0, 0, 0, 0];
    for (let r = 0; r < rows; r++) perSample[boxes[r * 6]!]!++;
    assert.deepEqual(perSample, Array.from(batch!.indices, (i) => data.boxCounts[i]));
    // Sample 1 (40x40 -> 32x32, scale 0.8, no padding): its first box is COCO [2, 3, 10, 8], category 2 (index 1).
    const r = Array.from({ length: rows }, (_, k) => k).find((k) => boxes[k * 6] === 1)!;
    assert.deepEqual(Array.from(boxes.subarray(r * 6, r * 6 + 6)).map((v) => Math.round(v * 1e4) / 1e4), [1, 1, 1.6, 2.4, 9.6, 8.8]);
    assert.deepEqual(Object.keys(batch!.boxFields!).sort(), ['annotationId', 'iscrowd', 'sourceIndex', 'visibility']);
    assert.equal(batch!.boxFields!.visibility!.length, rows);
  });

  test('the same images and targets for 0, 1 and 2 workers', async () => {
    const base = { dataset: data.path, pipeline: AUG, batchSize: 3, size: 32, seed: 7, epoch: 2 } as const;
    const runs = await Promise.all([0, 1, 2].map((workers) => collect({ ...base, workers })));
    const ref = runs[0]!;
    // The augmentation really draws: flips and tone changes make some pixels differ from an unaugmented run.
    const plain = await collect({ ...base, pipeline: { transforms: [] } });
    assert.notDeepEqual(ref.map((b) => b.images), plain.map((b) => b.images));
    for (const other of runs.slice(1)) {
      assert.equal(other.length, ref.length);
      other.forEach((b, k) => {
        assert.deepEqual(b.indices, ref[k]!.indices);
        assert.deepEqual(b.images, ref[k]!.images);
        assert.deepEqual(b.boxes, ref[k]!.boxes);
        assert.deepEqual(b.boxFields, ref[k]!.boxFields);
        assert.deepEqual(b.traces, ref[k]!.traces);
      });
    }
  });

  test('shards are disjoint and cover the dataset', async () => {
    for (const shuffle of [false, true]) {
      const shards = await Promise.all([0, 1, 2].map((rank) => collect({ dataset: data.path, batchSize: 2, size: 32, shuffle, seed: 3, rank, worldSize: 3 })));
      const all = shards.flatMap(order);
      assert.equal(new Set(all).size, all.length, 'disjoint');
      assert.deepEqual([...all].sort((x, y) => x - y), Array.from({ length: 11 }, (_, i) => i), 'complete');
      assert.deepEqual(shards.map((s) => order(s).length), [4, 4, 3]);
    }
  });

  test('each epoch reshuffles; the same epoch gives the same order', async () => {
    const base = { dataset: data.path, batchSize: 4, size: 32, seed: 5 } as const;
    const e0 = order(await collect(base, 0));
    const e0again = order(await collect(base, 0));
    const e1 = order(await collect(base, 1));
    assert.deepEqual(e0, e0again);
    assert.notDeepEqual(e0, e1);
    assert.deepEqual([...e1].sort((x, y) => x - y), Array.from({ length: 11 }, (_, i) => i));
    assert.notDeepEqual(e0, Array.from({ length: 11 }, (_, i) => i), 'shuffled');
  });

  test('dropLast drops the short batch; length and batches agree with iteration', async () => {
    const loader = await createLoader({ dataset: data.path, batchSize: 4, size: 32, dropLast: true });
    try {
      const got: Batch[] = [];
      for await (const b of loader) got.push(b);
      assert.equal(loader.batches, 2);
      assert.equal(loader.length, 11);
      assert.deepEqual(got.map((b) => b.shape[0]), [4, 4]);
      assert.equal(loader.numClasses, 2);
    } finally {
      await loader.close();
    }
  });

  test('samples of different sizes without `size` fail with the file, the sample and a hint', async () => {
    await assert.rejects(collect({ dataset: data.path, batchSize: 4, shuffle: false }), (e: Error) => {
      assert.match(e.message, /annotations\.json/);
      assert.match(e.message, /sample 1/);
      assert.match(e.message, /pass size to the loader/);
      return true;
    });
  });

  test('bad options fail before any worker starts', async () => {
    await assert.rejects(createLoader({ dataset: data.path, batchSize: 4, rank: 3, worldSize: 3 }), /rank must be/);
    await assert.rejects(createLoader({ dataset: data.path, batchSize: 0 }), /batchSize/);
  });
});

describe('AugmentPool errors', () => {
  let data: TinyCoco;
  before(async () => {
    data = await makeTinyCoco(2);
  });

  test("a worker's AuguryError keeps its record and hint", async () => {
    const { AugmentPool } = await import('../../src/pipeline/pool.js');
    const pool = await AugmentPool.open({ source: { kind: 'dataset', path: data.path }, pipeline: { transforms: [] }, workers: 1 });
    try {
      await assert.rejects(pool.run({ index: 5, copy: 0, seed: 0, epoch: 0 }), (e: Error) => {
        assert.equal(e.name, 'AuguryError');
        assert.match(e.message, /sample 5/);
        assert.match(e.message, /hand out indices from the same source/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });
});
