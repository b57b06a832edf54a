import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeImage, encodeImage, orientImageFile, readImage, readImageHeader } from '../../../src/io/codecs/index.js';
import { assertSamePixels, displayed, fixture, fixtureBytes, meanAbsError } from './helpers.js';

// JPEG fixtures were written at quality 90 from chelsea.png's pixels; this bounds the codec error.
const JPEG_TOLERANCE = 4;

describe('EXIF orientation, lossless (PNG eXIf, every orientation)', () => {
  for (const o of [2, 3, 4, 5, 6, 7, 8]) {
    test(`orientation ${o}`, async () => {
      const upright = await readImage(fixture('orient/upright.png'));
      const path = fixture(`orient/orient-${o}.png`);
      const applied = await readImage(path);
      assertSamePixels(applied, upright, 'apply');

      const stored = await readImage(path, { exif: 'ignore' });
      const swap = o >= 5;
      assert.deepEqual([stored.width, stored.height], swap ? [10, 16] : [16, 10]);
      assert.notDeepEqual(stored.data, upright.data, 'stored pixels differ from upright ones');
      assertSamePixels(displayed(stored, o), upright, 'ignore, then EXIF by hand');

      const h = await readImageHeader(path);
      assert.deepEqual([h.orientation, h.width, h.height, h.storedWidth, h.storedHeight], [o, 16, 10, stored.width, stored.height]);
      const hi = await readImageHeader(path, { exif: 'ignore' });
      assert.deepEqual([hi.orientation, hi.width, hi.height], [o, stored.width, stored.height]);
    });
  }
});

describe('EXIF orientation in JPEG (3, 6, 8)', () => {
  for (const o of [3, 6, 8]) {
    test(`orientation ${o}`, async () => {
      const upright = await readImage(fixture('chelsea.png'));
      const path = fixture(`orient/chelsea-${o}.jpg`);
      const applied = await readImage(path);
      assert.deepEqual([applied.width, applied.height], [64, 43]);
      const err = meanAbsError(applied, upright);
      assert.ok(err < JPEG_TOLERANCE, `apply: error ${err}`);

      const stored = await readImage(path, { exif: 'ignore' });
      assert.deepEqual([stored.width, stored.height], o === 3 ? [64, 43] : [43, 64]);
      assert.ok(meanAbsError(displayed(stored, o), upright) < JPEG_TOLERANCE, 'ignore gives the stored pixels');
      // The check can fail: the wrong turn is far off (6 and 8 are each other's wrong turn; 3 against none).
      const wrong = o === 3 ? stored : displayed(stored, o === 6 ? 8 : 6);
      assert.ok(meanAbsError(wrong, upright) > 5 * JPEG_TOLERANCE, `wrong turn error ${meanAbsError(wrong, upright)}`);

      const h = await readImageHeader(path);
      assert.deepEqual([h.orientation, h.width, h.height, h.storedWidth, h.storedHeight], [o, 64, 43, stored.width, stored.height]);
    });
  }
});

describe('written images carry no orientation', () => {
  test('encoding a decoded, oriented image gives an upright file with orientation 1', async () => {
    for (const [name, format] of [['orient/orient-6.png', 'png'], ['orient/chelsea-8.jpg', 'jpeg'], ['orient/orient-7.png', 'tiff']] as const) {
      const img = await readImage(fixture(name));
      const bytes = await encodeImage(img, format);
      const h = await readImageHeader(bytes);
      assert.deepEqual([h.orientation, h.storedWidth, h.storedHeight], [1, img.width, img.height], name);
      if (format !== 'jpeg') assertSamePixels(await decodeImage(bytes, { exif: 'ignore' }), img, name);
    }
  });

  test('orientImageFile rewrites rotated images upright and leaves upright ones alone', async () => {
    const upright = await readImage(fixture('orient/upright.png'));
    const png = await orientImageFile(fixture('orient/orient-5.png'));
    const ph = await readImageHeader(png);
    assert.deepEqual([ph.format, ph.orientation], ['png', 1]);
    assertSamePixels(await decodeImage(png, { exif: 'ignore' }), upright, 'oriented png');

    const jpg = await orientImageFile(fixtureBytes('orient/chelsea-6.jpg'), { file: 'cat.jpg', quality: 92 });
    const jh = await readImageHeader(jpg);
    assert.deepEqual([jh.format, jh.orientation, jh.width, jh.height], ['jpeg', 1, 64, 43]);
    const back = await decodeImage(jpg, { exif: 'ignore' });
    assert.ok(meanAbsError(back, await readImage(fixture('chelsea.png'))) < JPEG_TOLERANCE + 1, 'one more JPEG generation');

    const same = fixtureBytes('orient/upright.png');
    assert.deepEqual(await orientImageFile(same), same);
    assert.deepEqual(await orientImageFile(fixture('orient/upright.png')), same);
  });
});
