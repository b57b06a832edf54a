import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AuguryError } from '../../../src/core/errors.js';
import {
  decodeImage,
  encodeImage,
  readImage,
  readImageHeader,
  sharpCodec,
  writeImage,
  type ImageFormat,
} from '../../../src/io/codecs/index.js';
import { createImage, type Channels, type Image, type ImageOf } from '../../../src/targets/image.js';
import { assertSamePixels, fixture, meanAbsError, rejectsWith } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'augury-codec-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A deterministic, busy pattern that reaches both ends of the range. */
function pattern16(w: number, h: number, c: Channels): ImageOf<'uint16'> {
  const img = createImage(w, h, c, 'uint16');
  for (let i = 0; i < img.data.length; i++) img.data[i] = (Math.imul(i + 1, 2654435761) >>> 16) & 0xffff;
  img.data[0] = 0;
  img.data[1] = 65535;
  return img;
}

function pattern8(w: number, h: number, c: Channels): ImageOf<'uint8'> {
  const img = createImage(w, h, c, 'uint8');
  for (let i = 0; i < img.data.length; i++) img.data[i] = (Math.imul(i + 7, 2246822519) >>> 24) & 0xff;
  return img;
}

async function roundTrip(img: Image, format: ImageFormat, opts = {}): Promise<Image> {
  return decodeImage(await encodeImage(img, format, opts));
}

describe('lossless round trips', () => {
  test('PNG is exact for uint8 RGB, RGBA and gray', async () => {
    for (const name of ['chelsea.png', 'chelsea-rgba.png', 'camera-gray.png']) {
      const img = await readImage(fixture(name));
      assertSamePixels(await roundTrip(img, 'png'), img, name);
    }
    for (const c of [1, 3, 4] as const) assertSamePixels(await roundTrip(pattern8(13, 7, c), 'png', { compressionLevel: 0 }), pattern8(13, 7, c), `pattern ${c}`);
  });

  test('TIFF is exact for uint8', async () => {
    for (const c of [1, 3, 4] as const) assertSamePixels(await roundTrip(pattern8(9, 11, c), 'tiff'), pattern8(9, 11, c), `tiff ${c}`);
  });

  test('16-bit gray TIFF and 16-bit PNG are exact, gray and colour', async () => {
    const g16 = await readImage(fixture('camera-gray16.tif'));
    for (const format of ['tiff', 'png'] as const) {
      assertSamePixels(await roundTrip(g16, format), g16, `camera ${format}`);
      for (const c of [1, 3, 4] as const) {
        const back = await roundTrip(pattern16(10, 6, c), format);
        assert.equal(back.dtype, 'uint16');
        assertSamePixels(back, pattern16(10, 6, c), `pattern ${c} ${format}`);
      }
    }
  });

  test('float32 TIFF is exact for gray, RGB and RGBA, including values outside [0, 1]', async () => {
    for (const c of [1, 3, 4] as const) {
      const img = createImage(7, 5, c, 'float32');
      for (let i = 0; i < img.data.length; i++) img.data[i] = Math.sin(i * 0.37) * 1.5;
      img.data[0] = 0;
      img.data[1] = 1;
      const bytes = await encodeImage(img, 'tiff');
      assert.deepEqual(
        (({ format, channels, dtype, bitDepth }) => ({ format, channels, dtype, bitDepth }))(await readImageHeader(bytes)),
        { format: 'tiff', channels: c, dtype: 'float32', bitDepth: 32 },
      );
      assertSamePixels(await decodeImage(bytes), img, `float ${c}`);
    }
  });

  test('lossless WebP is exact for RGB, and for every visible RGBA pixel', async () => {
    const rgb = await readImage(fixture('chelsea.png'));
    assertSamePixels(await roundTrip(rgb, 'webp', { lossless: true }), rgb, 'webp rgb');
    const rgba = await readImage(fixture('chelsea-rgba.png'));
    const back = await roundTrip(rgba, 'webp', { lossless: true });
    assert.equal(back.channels, 4);
    // libwebp may rewrite the colour under alpha 0 (sharp does not expose its `exact` flag).
    for (let i = 0; i < rgba.data.length; i += 4) {
      assert.equal(back.data[i + 3], rgba.data[i + 3], `alpha ${i / 4}`);
      if (rgba.data[i + 3] === 0) continue;
      for (let k = 0; k < 3; k++) assert.equal(back.data[i + k], rgba.data[i + k], `colour ${i / 4}`);
    }
  });
});

describe('lossy round trips', () => {
  test('JPEG at the default quality (95) stays within 3.5 mean abs error (4:2:0 chroma on a 64 px photo), and quality matters', async () => {
    const src = await readImage(fixture('chelsea.png'));
    const q95 = await roundTrip(src, 'jpeg');
    assert.equal(q95.channels, 3);
    const err95 = meanAbsError(q95, src);
    assert.ok(err95 < 3.5, `q95 error ${err95}`);
    const err20 = meanAbsError(await roundTrip(src, 'jpeg', { quality: 20 }), src);
    assert.ok(err20 > err95 * 1.5, `q20 error ${err20} should exceed q95 error ${err95}`);
  });

  test('gray JPEG and lossy WebP keep the channel count and stay close', async () => {
    const gray = await readImage(fixture('camera-gray.png'));
    const jpg = await roundTrip(gray, 'jpeg');
    assert.equal(jpg.channels, 1);
    assert.ok(meanAbsError(jpg, gray) < 3, `gray jpeg error ${meanAbsError(jpg, gray)}`);
    const rgb = await readImage(fixture('chelsea.png'));
    const webp = await roundTrip(rgb, 'webp', { quality: 95 });
    assert.ok(meanAbsError(webp, rgb) < 4, `webp error ${meanAbsError(webp, rgb)}`);
  });

  test('opaque RGBA goes to JPEG as RGB; transparent RGBA is refused', async () => {
    const rgb = await readImage(fixture('chelsea.png'));
    const opaque = createImage(rgb.width, rgb.height, 4, 'uint8');
    for (let p = 0; p < rgb.width * rgb.height; p++) {
      opaque.data.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
      opaque.data[p * 4 + 3] = 255;
    }
    const back = await roundTrip(opaque, 'jpeg');
    assert.equal(back.channels, 3);
    assert.ok(meanAbsError(back, rgb) < 3.5, `opaque rgba error ${meanAbsError(back, rgb)}`);
    const rgba = await readImage(fixture('chelsea-rgba.png'));
    await rejectsWith(() => encodeImage(rgba, 'jpeg', { file: 'out/a.jpg' }), 'unsupported', ['out/a.jpg', 'transparen', 'PNG']);
  });
});

describe('what a format cannot hold', () => {
  const float = createImage(4, 4, 3, 'float32');
  const u16 = pattern16(4, 4, 3);

  test('float32 to PNG, JPEG or WebP is refused naming TIFF', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const e = await rejectsWith(() => encodeImage(float, format, { file: `out/x.${format}` }), 'unsupported', [`out/x.${format}`, 'float32']);
      assert.ok(e.hint?.includes('TIFF'), e.message);
    }
    await rejectsWith(() => writeImage(join(tmp, 'f.png'), float), 'unsupported', ['f.png', 'TIFF']);
  });

  test('uint16 to JPEG or WebP is refused naming PNG and TIFF', async () => {
    for (const format of ['jpeg', 'webp'] as const) {
      await rejectsWith(() => encodeImage(u16, format, { file: 'o.jpg' }), 'unsupported', ['o.jpg', 'uint16', 'PNG or TIFF']);
    }
  });

  test('options out of range and inconsistent images are validation errors', async () => {
    const img = pattern8(4, 4, 3);
    for (const opts of [{ quality: 0 }, { quality: 101 }, { quality: 50.5 }, { compressionLevel: 10 }]) {
      await assert.rejects(encodeImage(img, 'jpeg', opts), (e: unknown) => e instanceof AuguryError && e.code === 'validation');
    }
    const bad = { ...img, data: img.data.subarray(0, 10) };
    await assert.rejects(encodeImage(bad, 'png', { file: 'bad.png' }), (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.message.includes('bad.png'));
  });
});

describe('files and the injected codec', () => {
  test('writeImage picks the format from the extension and leaves no temp files', async () => {
    const img = pattern8(12, 8, 3);
    for (const name of ['a.png', 'b.TIF', 'c.webp', 'd.jpeg']) {
      const path = join(tmp, 'out', name);
      await writeImage(path, img, { lossless: true });
      const h = await readImageHeader(path);
      assert.equal(h.format, { png: 'png', tif: 'tiff', webp: 'webp', jpeg: 'jpeg' }[name.split('.')[1]!.toLowerCase()]);
      if (h.format !== 'jpeg') assertSamePixels(await readImage(path), img, name);
    }
    assert.deepEqual(readdirSync(join(tmp, 'out')).sort(), ['a.png', 'b.TIF', 'c.webp', 'd.jpeg']);
    await rejectsWith(() => writeImage(join(tmp, 'out', 'e.bmp'), img), 'unknown-format', ['e.bmp', '.png']);
  });

  test('sharpCodec decodes and encodes like the functions', async () => {
    const img = pattern16(5, 3, 1);
    const bytes = await sharpCodec.encode(img, 'png');
    assertSamePixels(await sharpCodec.decode(bytes), img);
    assert.equal(sharpCodec.name, 'sharp');
  });
});
