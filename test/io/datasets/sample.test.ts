import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDataset } from '../../../src/io/datasets/open.js';
import { RunReport } from '../../../src/io/datasets/report.js';
import { loadSample } from '../../../src/io/datasets/sample.js';
import { boxCount } from '../../../src/targets/boxes.js';
import { validateSample } from '../../../src/targets/sample.js';

describe('loadSample', () => {
  test('builds a sample whose targets are row-aligned and in continuous coordinates', async () => {
    const data = await openDataset('data/demo/coco', { report: new RunReport('fail') });
    const i = data.records.findIndex((r) => r.file === 'astronaut.jpg');
    const s = validateSample(await loadSample(data, i));
    assert.equal(s.image.width, 200);
    assert.equal(s.image.height, 200);
    assert.equal(s.image.channels, 3);
    assert.equal(boxCount(s.boxes!), 3);
    assert.equal(s.polygons!.instances.length, 3, 'one polygon instance per box, empty for the person');
    assert.equal(s.polygons!.instances[0]!.length, 0);
    // The person box [60, 5, 118, 66] and its category index (person is the 6th category).
    assert.deepEqual(Array.from(s.boxes!.xyxy.subarray(0, 4)), [60, 5, 118, 66]);
    assert.equal(s.boxes!.labels[0], 5);
    // Keypoints: K = 3 per box row, COCO integer pixel indices shifted by +0.5.
    assert.equal(s.keypoints!.xy.length, 3 * 3 * 2);
    assert.deepEqual(Array.from(s.keypoints!.xy.subarray(0, 6)), [79.5, 39.5, 97.5, 39.5, 87.5, 48.5]);
    assert.deepEqual(Array.from(s.keypoints!.visibility.subarray(0, 3)), [2, 2, 2]);
    assert.deepEqual(Array.from(s.keypoints!.visibility.subarray(3)), [0, 0, 0, 0, 0, 0], 'boxes without keypoints get unlabelled ones');
    assert.deepEqual(s.keypoints!.names, ['left_eye', 'right_eye', 'nose']);
    assert.deepEqual(s.keypoints!.flipPairs, [[0, 1]]);
    assert.deepEqual(Array.from(s.keypoints!.fields['instance'] as Int32Array), [0, 0, 0, 1, 1, 1, 2, 2, 2]);
    assert.equal(s.source?.file, 'astronaut.jpg');
  });

  test('class folders give a class label', async () => {
    const data = await openDataset('test/fixtures/folder/good', { report: new RunReport('fail') });
    const s = await loadSample(data, 0);
    assert.equal(s.label?.kind, 'class');
    assert.equal(s.boxes, undefined);
  });
});
