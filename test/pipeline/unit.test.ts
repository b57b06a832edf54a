import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transferables, type AugmentedSample } from '../../src/pipeline/unit.js';
import { createBoxes } from '../../src/targets/boxes.js';

test('transferables lists every typed buffer and copies views that do not own their buffer', () => {
  const pool = new ArrayBuffer(64);
  const data = new Uint8Array(pool, 16, 12); // a decoder-style view into a larger buffer
  data.fill(9);
  const sample: AugmentedSample = {
    unit: { index: 0, copy: 0, seed: 0, epoch: 0 },
    id: 'a',
    image: { width: 2, height: 2, channels: 3, dtype: 'uint8', data },
    boxes: createBoxes({ xyxy: [0, 0, 1, 1], labels: [1], fields: { tag: ['x'], iscrowd: Uint8Array.of(0) } }),
    trace: { version: 1, input: { width: 2, height: 2 }, steps: [], backend: 'ts' },
  };
  const { value, buffers } = transferables(sample);
  assert.notEqual(value.image.data.buffer, pool, 'the view was copied');
  assert.deepEqual(Array.from(value.image.data), Array(12).fill(9));
  assert.equal(value.image.data.byteLength, value.image.data.buffer.byteLength);
  // image + xyxy + labels + visibility + sourceIndex + iscrowd; the string column is cloned, not transferred.
  assert.equal(buffers.length, 6);
  assert.equal(new Set(buffers).size, 6);
  assert.ok(buffers.includes(value.image.data.buffer as ArrayBuffer));
  assert.ok(buffers.includes(value.boxes!.xyxy.buffer as ArrayBuffer));
  assert.deepEqual(value.boxes!.fields.tag, ['x']);
});
