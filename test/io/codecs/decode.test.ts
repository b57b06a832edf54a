import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeImage, readImage, readImageHeader } from '../../../src/io/codecs/index.js';
import { assertSamePixels, fixture, fixtureBytes, meanAbsError } from './helpers.js';

describe('decoding the fixtures', () => {
  test('RGB PNG, JPEG and lossless WebP of the same pixels agree', async () => {
    const png = await readImage(fixture('chelsea.png'));
    assert.deepEqual([png.width, png.height, png.channels, png.dtype], [64, 43, 3, 'uint8']);
    assert.ok(png.data instanceof Uint8Array && !Buffer.isBuffer(png.data), 'a plain Uint8Array, not a Buffer');
    // libspng and libwebp decode independently; lossless WebP must give identical samples.
    assertSamePixels(await readImage(fixture('chelsea-lossless.webp')), png, 'webp vs png');
    const jpg = await readImage(fixture('chelsea.jpg'));
    assert.equal(jpg.channels, 3);
    // The JPEG was written at quality 90 from the PNG's pixels.
    assert.ok(meanAbsError(jpg, png) < 4, `jpeg mean abs error ${meanAbsError(jpg, png)}`);
  });

  test('a palette PNG becomes RGB with at most its palette of colours', async () => {
    const pal = await readImage(fixture('chelsea-palette.png'));
    assert.deepEqual([pal.channels, pal.dtype], [3, 'uint8']);
    const colours = new Set<number>();
    for (let i = 0; i < pal.data.length; i += 3) colours.add(((pal.data[i] ?? 0) << 16) | ((pal.data[i + 1] ?? 0) << 8) | (pal.data[i + 2] ?? 0));
    assert.ok(colours.size > 8 && colours.size <= 32, `${colours.size} colours`);
    assert.ok(meanAbsError(pal, await readImage(fixture('chelsea.png'))) < 12);
  });

  test('RGBA PNG keeps its alpha (a left-to-right ramp from 0)', async () => {
    const rgba = await readImage(fixture('chelsea-rgba.png'));
    const rgb = await readImage(fixture('chelsea.png'));
    assert.deepEqual([rgba.channels, rgba.width, rgba.height], [4, 64, 43]);
    for (let p = 0; p < 64 * 43; p++) {
      const x = p % 64;
      assert.equal(rgba.data[p * 4 + 3], Math.round((x * 255) / 63), `alpha at ${p}`);
      for (let k = 0; k < 3; k++) assert.equal(rgba.data[p * 4 + k], rgb.data[p * 3 + k], `colour at ${p}`);
    }
  });

  test('grayscale PNG stays one channel', async () => {
    const gray = await readImage(fixture('camera-gray.png'));
    assert.deepEqual([gray.width, gray.height, gray.channels, gray.dtype], [64, 64, 1, 'uint8']);
    const h = await readImageHeader(fixture('camera-gray.png'));
    assert.deepEqual([h.channels, h.dtype, h.bitDepth, h.hasAlpha], [1, 'uint8', 8, false]);
  });

  test('16-bit grayscale TIFF decodes to one uint16 channel with all 16 bits', async () => {
    const g16 = await readImage(fixture('camera-gray16.tif'));
    const g8 = await readImage(fixture('camera-gray.png'));
    assert.deepEqual([g16.width, g16.height, g16.channels, g16.dtype], [64, 64, 1, 'uint16']);
    assert.ok(g16.data instanceof Uint16Array);
    // Both fixtures are roundings of the same 8x8 box means: m*65535/255 and m.
    let fine = 0;
    for (let i = 0; i < g16.data.length; i++) {
      const v16 = g16.data[i] ?? 0;
      assert.ok(Math.abs(v16 / 257 - (g8.data[i] ?? 0)) <= 0.51, `sample ${i}: ${v16} vs ${g8.data[i]}`);
      if (v16 % 257 !== 0) fine++;
    }
    // An 8-bit image widened to 16 bits would hold only multiples of 257.
    assert.ok(fine > g16.data.length / 2, `${fine} samples use the low bits`);
    const h = await readImageHeader(fixture('camera-gray16.tif'));
    assert.deepEqual([h.format, h.channels, h.dtype, h.bitDepth], ['tiff', 1, 'uint16', 16]);
  });

  test('gray+alpha is widened to RGBA with the gray copied to R, G and B', async () => {
    const ga = await readImage(fixture('camera-gray-alpha.png'));
    const gray = await readImage(fixture('camera-gray.png'));
    assert.deepEqual([ga.channels, ga.dtype], [4, 'uint8']);
    const h = await readImageHeader(fixture('camera-gray-alpha.png'));
    assert.deepEqual([h.channels, h.hasAlpha], [4, true]);
    for (let p = 0; p < 64 * 64; p++) {
      const y = Math.floor(p / 64);
      const g = gray.data[p];
      assert.deepEqual([ga.data[p * 4], ga.data[p * 4 + 1], ga.data[p * 4 + 2]], [g, g, g], `pixel ${p}`);
      assert.equal(ga.data[p * 4 + 3], Math.round((y * 255) / 63), `alpha of pixel ${p}`);
    }
  });

  test('the content decides the format, not the name', async () => {
    const bytes = fixtureBytes('chelsea.jpg');
    const h = await readImageHeader(bytes, { file: 'mislabelled.png' });
    assert.equal(h.format, 'jpeg');
    const img = await decodeImage(bytes, { file: 'mislabelled.png' });
    assert.equal(img.channels, 3);
  });

  test('a view into a larger buffer decodes the same as a copy', async () => {
    const bytes = fixtureBytes('camera-gray16.tif');
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const fromView = await decodeImage(padded.subarray(3));
    assertSamePixels(fromView, await decodeImage(bytes));
  });
});
