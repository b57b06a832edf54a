import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recordTargets } from '../../../src/io/datasets/sample.js';
import type { DatasetIndex } from '../../../src/io/datasets/model.js';

describe('every record carries the dataset\'s target kinds', () => {
  test('RLE on one image gives every image instance masks (so a mix of the two keeps masks)', () => {
    const index: DatasetIndex = {
      format: 'coco', source: 'x.json', imageRoot: '.', task: 'detection',
      categories: [{ id: 1, name: 'a' }],
      records: [
        // 4x2 image: an RLE region of the left column pair, column-major counts [0 zeros, 4 ones, 4 zeros].
        { id: 1, file: 'a.png', width: 4, height: 2, annotations: [{ id: 1, category: 0, box: [0, 0, 2, 2], rle: { size: [2, 4], counts: [0, 4, 4] } }] },
        { id: 2, file: 'b.png', width: 4, height: 2, annotations: [{ id: 2, category: 0, box: [1, 0, 3, 1] }] },
      ],
    } as unknown as DatasetIndex;
    const a = recordTargets(index, index.records[0]!);
    const b = recordTargets(index, index.records[1]!);
    assert.deepEqual(Array.from(a.instanceMasks!.masks[0]!), [1, 1, 0, 0, 1, 1, 0, 0]);
    assert.ok(b.instanceMasks, 'the image without RLE gets instance masks too');
    // Its box becomes a box-shaped plane: x 1..3, y 0..1.
    assert.deepEqual(Array.from(b.instanceMasks.masks[0]!), [0, 1, 1, 0, 0, 0, 0, 0]);
  });
});
