/** LetterBox: Ultralytics sizes and paddings, fill, and the inverse for predicted boxes. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage } from '../../../src/targets/image.js';
import { letterBoxInverse, unletterbox } from '../../../src/transforms/geometric/letter-box.js';
import { px, replayStep, rows, runStep, sampleWith, textured } from './crop-helpers.js';

const shape = (p: Record<string, unknown>) => ['width', 'height', 'padTop', 'padBottom', 'padLeft', 'padRight'].map((k) => p[k]);

describe('LetterBox', () => {
  test('400x300 into 640: scale 1.6 to 640x480, 80 grey rows above and below', async () => {
    const img = textured(400, 300, 3);
    const { sample, params } = await runStep('LetterBox', { size: 640 }, sampleWith(img, [50, 40, 150, 120]));
    assert.deepEqual(shape(params), [640, 480, 80, 80, 0, 0]);
    assert.equal(sample.image.width, 640);
    assert.equal(sample.image.height, 640);
    for (let c = 0; c < 3; c++) {
      assert.equal(px(sample.image, 0, 0, c), 114);
      assert.equal(px(sample.image, 639, 639, c), 114);
    }
    rows(sample.boxes!.xyxy)[0]!.forEach((v, k) => assert.ok(Math.abs(v - [80, 144, 240, 272][k]!) < 1e-9));
  });

  test('odd padding: the extra pixel goes to the bottom (Ultralytics round(dh -+ 0.1))', async () => {
    // 100x61 into 100: r = 1, 39 rows of padding: 19 above, 20 below.
    const { params } = await runStep('LetterBox', { size: 100 }, sampleWith(createImage(100, 61, 1, 'uint8')));
    assert.deepEqual(shape(params), [100, 61, 19, 20, 0, 0]);
  });

  test('810x1080 into 640: 480x640 padded 80 + 80; auto pads only modulo the stride', async () => {
    const s = sampleWith(createImage(810, 1080, 1, 'uint8'));
    assert.deepEqual(shape((await runStep('LetterBox', { size: 640 }, s)).params), [480, 640, 0, 0, 80, 80]);
    assert.deepEqual(shape((await runStep('LetterBox', { size: 640, auto: true }, s)).params), [480, 640, 0, 0, 0, 0]);
    // 500x375 into 640: r = 1.28, 640x480, 160 rows; 160 % 32 = 0, 160 % 64 = 32.
    const t = sampleWith(createImage(500, 375, 1, 'uint8'));
    assert.deepEqual(shape((await runStep('LetterBox', { size: 640, auto: true, stride: 64 }, t)).params), [640, 480, 16, 16, 0, 0]);
  });

  test('scaleup false never enlarges; scaleFill stretches; center false pads bottom/right only', async () => {
    const s = sampleWith(createImage(200, 100, 1, 'uint8'));
    assert.deepEqual(shape((await runStep('LetterBox', { size: 640, scaleup: false }, s)).params), [200, 100, 270, 270, 220, 220]);
    assert.deepEqual(shape((await runStep('LetterBox', { size: [300, 320], scaleFill: true }, s)).params), [320, 300, 0, 0, 0, 0]);
    assert.deepEqual(shape((await runStep('LetterBox', { size: 400, center: false }, s)).params), [400, 200, 0, 200, 0, 0]);
  });

  test('the default fill is 114 of 255 on the image scale; fillMask pads masks', async () => {
    const f = await runStep('LetterBox', { size: 8 }, sampleWith(createImage(8, 4, 1, 'float32')));
    assert.ok(Math.abs(px(f.sample.image, 0, 0) - 114 / 255) < 1e-7);
    const u = await runStep('LetterBox', { size: 8 }, sampleWith(createImage(8, 4, 1, 'uint16')));
    assert.equal(px(u.sample.image, 0, 0), 29298);
    const g = await runStep('LetterBox', { size: 8, fill: 0 }, sampleWith(createImage(8, 4, 1, 'uint8')));
    assert.equal(px(g.sample.image, 0, 0), 0);
  });

  test('params drawn for another size are refused', async () => {
    const s = sampleWith(createImage(8, 4, 1, 'uint8'));
    const { params } = await runStep('LetterBox', { size: 8 }, s);
    await assert.rejects(replayStep('LetterBox', params, sampleWith(createImage(9, 4, 1, 'uint8'))), (e: unknown) => e instanceof AuguryError && e.code === 'size-mismatch');
  });
});

describe('letterBoxInverse', () => {
  test('round trip: forward boxes mapped back equal the originals within 1e-9', async () => {
    const boxes = [10.5, 20.25, 123.75, 200, 0, 0, 333, 250, 399.9, 0.1, 400, 300];
    for (const [w, h, size] of [[400, 300, 640], [333, 517, 640], [1000, 37, [320, 256]], [640, 640, 320]] as const) {
      const s = sampleWith(createImage(w, h, 1, 'uint8'), boxes.map((v, i) => (i % 2 === 0 ? (v * w) / 400 : (v * h) / 300)));
      const { sample, params } = await runStep('LetterBox', { size }, s);
      const back = letterBoxInverse(params, sample.boxes!.xyxy);
      s.boxes!.xyxy.forEach((v, k) => assert.ok(Math.abs(back[k]! - v) < 1e-9, `${w}x${h}: ${back[k]} vs ${v}`));
    }
  });

  test('maps a hand-computed prediction back, clipping to the original image by default', () => {
    const params = { inputWidth: 400, inputHeight: 300, width: 640, height: 480, padTop: 80, padBottom: 80, padLeft: 0, padRight: 0 };
    assert.deepEqual(Array.from(letterBoxInverse(params, [80, 144, 240, 272])), [50, 40, 150, 120]);
    // A box reaching into the grey band: clipped to y = 0, or not.
    assert.deepEqual(Array.from(unletterbox(params, [0, 40, 16, 96])), [0, 0, 10, 10]);
    assert.deepEqual(Array.from(letterBoxInverse(params, [0, 40, 16, 96], { clip: false })), [0, -25, 10, 10]);
  });

  test('refuses params that are not a LetterBox step and boxes that are not xyxy', () => {
    assert.throws(() => letterBoxInverse({ angle: 3 }, [0, 0, 1, 1]), (e: unknown) => e instanceof AuguryError && /LetterBox/.test(e.message) && /trace/.test(e.message));
    const params = { inputWidth: 4, inputHeight: 4, width: 8, height: 8, padTop: 0, padLeft: 0 };
    assert.throws(() => letterBoxInverse(params, [0, 0, 1]), /4 numbers per box/);
  });
});
