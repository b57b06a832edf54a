import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../src/core/errors.js';
import {
  cocoKeypointsToContinuous, cocoToXyxy, continuousToCocoKeypoints, vocToXyxy, xyxyToCoco, xyxyToVoc, xyxyToYolo, yoloToXyxy,
} from '../../src/geometry/formats.js';
import { assertClose } from './arbitraries.js';

const f = (...v: number[]): Float64Array => Float64Array.from(v);

describe('format conversions at the edges', () => {
  test('COCO [x, y, w, h] is continuous: [x, y, x + w, y + h]', () => {
    assert.deepEqual(Array.from(cocoToXyxy(f(10, 20, 30, 40, 0, 0, 1, 1))), [10, 20, 40, 60, 0, 0, 1, 1]);
    assert.deepEqual(Array.from(xyxyToCoco(f(10, 20, 40, 60))), [10, 20, 30, 40]);
  });

  test('YOLO is normalized and continuous: x = xn · W', () => {
    // A box centred on a 100x200 image, half its size: [25, 50, 75, 150].
    assert.deepEqual(Array.from(yoloToXyxy(f(0.5, 0.5, 0.5, 0.5), 100, 200)), [25, 50, 75, 150]);
    // The whole image is [0, 0, W, H], not [0, 0, W - 1, H - 1].
    assert.deepEqual(Array.from(yoloToXyxy(f(0.5, 0.5, 1, 1), 640, 480)), [0, 0, 640, 480]);
    assert.deepEqual(Array.from(xyxyToYolo(f(0, 0, 640, 480), 640, 480)), [0.5, 0.5, 1, 1]);
  });

  test('VOC indices are 1-based and inclusive: xmin = xmax = 1 is the first pixel, [0, 0, 1, 1]', () => {
    assert.deepEqual(Array.from(vocToXyxy(f(1, 1, 1, 1))), [0, 0, 1, 1]);
    assert.deepEqual(Array.from(vocToXyxy(f(1, 1, 500, 375))), [0, 0, 500, 375]);
    assert.deepEqual(Array.from(xyxyToVoc(f(0, 0, 500, 375))), [1, 1, 500, 375]);
  });

  test('COCO keypoints are pixel indices: +0.5 on read (the pixel centre), -0.5 on write', () => {
    assert.deepEqual(Array.from(cocoKeypointsToContinuous(f(0, 0, 9, 4))), [0.5, 0.5, 9.5, 4.5]);
    assert.deepEqual(Array.from(continuousToCocoKeypoints(f(0.5, 0.5, 9.5, 4.5))), [0, 0, 9, 4]);
  });

  test('round trips', () => {
    const v = fc.double({ min: 0, max: 1000, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(v, v, v, v), { maxLength: 6 }), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4000 }), (rows, W, H) => {
        const xyxy = Float64Array.from(rows.flatMap(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)]));
        assertClose(cocoToXyxy(xyxyToCoco(xyxy)), xyxy, 1e-9);
        assertClose(yoloToXyxy(xyxyToYolo(xyxy, W, H), W, H), xyxy, 1e-9);
        assertClose(vocToXyxy(xyxyToVoc(xyxy)), xyxy, 1e-9);
        assertClose(continuousToCocoKeypoints(cocoKeypointsToContinuous(xyxy)), xyxy, 1e-9);
      }),
    );
  });

  test('inputs are not mutated and ragged arrays are refused', () => {
    const a = f(1, 2, 3, 4);
    cocoToXyxy(a);
    yoloToXyxy(a, 10, 10);
    assert.deepEqual(Array.from(a), [1, 2, 3, 4]);
    assert.throws(() => cocoToXyxy(f(1, 2, 3)), AuguryError);
    assert.throws(() => cocoKeypointsToContinuous(f(1, 2, 3)), AuguryError);
  });
});
