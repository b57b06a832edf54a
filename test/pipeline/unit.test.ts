import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transferables } from '../../src/pipeline/pack.js';
import type { AugmentedSample } from '../../src/pipeline/unit.js';
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

/** Every typed array reachable from `v`. */
function views(v: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(v)) out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) views(x, out);
  return out;
}

test('transferables: every typed array of every target kind goes in the transfer list, each buffer once', async () => {
  const { makeSample } = await import('./all-targets-source.js');
  const { packInstanceMasks, packPolygons } = await import('../../src/pipeline/pack.js');
  const { softLabel } = await import('../../src/targets/label.js');
  const s = makeSample(2);
  const sample: AugmentedSample = {
    unit: { index: 2, copy: 0, seed: 0, epoch: 0 },
    id: s.id,
    image: s.image,
    boxes: s.boxes!,
    label: softLabel([0.25, 0.75]),
    keypoints: { ...s.keypoints!, angle: new Float64Array(6), scale: new Float64Array(6).fill(1) },
    polygons: packPolygons(s.polygons!),
    mask: s.mask!,
    instanceMasks: packInstanceMasks(s.instanceMasks!),
    trace: { version: 1, input: { width: 12, height: 16 }, steps: [], backend: 'ts' },
  };
  const { value, buffers } = transferables(sample);
  const all = views(value);
  assert.ok(all.length >= 20, `${all.length} typed arrays`);
  for (const a of all) assert.ok(buffers.includes(a.buffer as ArrayBuffer), `a ${a.constructor.name} of ${a.byteLength} bytes is transferred`);
  assert.equal(new Set(buffers).size, buffers.length);
  assert.equal(buffers.length, all.length);
  // The instance planes travel as one buffer, the rings as one vertex array.
  assert.equal(value.instanceMasks!.data.length, 2 * 12 * 16);
  assert.deepEqual(Array.from(value.polygons!.ringOffsets), [0, 4, 7]);
});
