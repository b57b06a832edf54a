import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { decodeImage, encodeImage, readImageHeader } from '../../../src/io/codecs/index.js';
import { readJpegHeader } from '../../../src/io/codecs/jpeg-header.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function jpegsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jpegsUnder(p));
    else if (/\.jpe?g$/i.test(name)) out.push(p);
  }
  return out;
}

/** The reference: what sharp's own metadata says about the same bytes. */
async function sharpSays(bytes: Uint8Array): Promise<{ width: number; height: number; channels: number; orientation: number }> {
  const m = await sharp(bytes).metadata();
  return { width: m.width!, height: m.height!, channels: m.channels!, orientation: m.orientation ?? 1 };
}

const RGB = Buffer.from(Array.from({ length: 21 * 13 * 3 }, (_, i) => (i * 37) % 256));
const raw = { raw: { width: 21, height: 13, channels: 3 as const } };

describe('readJpegHeader agrees with sharp', () => {
  test('every JPEG fixture of the repository', async () => {
    const files = [...jpegsUnder(join(ROOT, 'test/fixtures')), ...jpegsUnder(join(ROOT, 'bench/fixtures'))];
    assert.ok(files.length >= 10, `only ${files.length} fixtures found`);
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      const h = readJpegHeader(bytes);
      assert.ok(h, `${f}: an ordinary JPEG should be read`);
      const s = await sharpSays(bytes);
      assert.deepEqual({ width: h.width, height: h.height, channels: h.components, orientation: h.orientation }, s, f);
    }
  });

  test('baseline and progressive, gray and colour, every EXIF orientation, both byte orders', async () => {
    for (const progressive of [false, true]) {
      for (const gray of [false, true]) {
        for (let o = 1; o <= 8; o++) {
          let pipe = sharp(RGB, raw);
          if (gray) pipe = pipe.toColourspace('b-w');
          const bytes = new Uint8Array(await pipe.withMetadata({ orientation: o }).jpeg({ progressive }).toBuffer());
          const h = readJpegHeader(bytes);
          assert.ok(h, `progressive ${progressive} gray ${gray} orientation ${o}`);
          const s = await sharpSays(bytes);
          assert.deepEqual({ width: h.width, height: h.height, channels: h.components, orientation: h.orientation }, s);
          // The decoder built on it turns the image upright as the sharp-planned path does.
          const img = await decodeImage(bytes);
          assert.deepEqual([img.width, img.height, img.channels], o >= 5 ? [13, 21, s.channels] : [21, 13, s.channels]);
        }
      }
    }
    // sharp writes EXIF in sRGB; a gray JPEG without metadata covers the single component.
    const gray = new Uint8Array(await sharp(RGB, raw).toColourspace('b-w').jpeg().toBuffer());
    assert.deepEqual(readJpegHeader(gray), { width: 21, height: 13, components: 1, orientation: 1 });
    assert.equal((await decodeImage(gray)).channels, 1);
    // A big-endian ("MM") TIFF header written by hand: orientation 6.
    const mm = exifJpeg([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(readJpegHeader(mm)?.orientation, 6);
    assert.equal((await sharpSays(mm)).orientation, 6);
  });

  test('CMYK, truncated or malformed files are left to sharp (null), and decoding them still behaves', async () => {
    const cmyk = new Uint8Array(await sharp(RGB, raw).toColourspace('cmyk').jpeg().toBuffer());
    assert.equal(readJpegHeader(cmyk), null);
    assert.equal((await decodeImage(cmyk)).channels, 3);
    const good = new Uint8Array(await sharp(RGB, raw).jpeg().toBuffer());
    for (const cut of [3, 10, 20, 60]) assert.equal(readJpegHeader(good.subarray(0, cut)), null, `cut at ${cut}`);
    assert.equal(readJpegHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), null, 'PNG');
    // An EXIF segment whose IFD points past its end.
    const broken = exifJpeg([0x49, 0x49, 42, 0, 0xff, 0, 0, 0]);
    assert.equal(readJpegHeader(broken), null);
    // A truncated JPEG is still refused by the decoder, whichever way its plan was made.
    await assert.rejects(decodeImage(good.subarray(0, good.length - 40)), (e: Error) => /corrupt|truncat/i.test(e.message));
  });

  test('readImageHeader from bytes (our reader) equals readImageHeader from the file (sharp)', async () => {
    for (const f of jpegsUnder(join(ROOT, 'test/fixtures/images'))) {
      const bytes = new Uint8Array(readFileSync(f));
      for (const exif of ['apply', 'ignore'] as const) assert.deepEqual(await readImageHeader(bytes, { exif }), await readImageHeader(f, { exif }), `${f} ${exif}`);
    }
  });
});

/** A small real JPEG with an APP1 Exif segment holding `tiff` spliced in after SOI. */
function exifJpeg(tiff: number[]): Uint8Array {
  const base = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/images/chelsea.jpg')));
  // Drop the file's own APP segments (E0..EF) so that only ours carries EXIF.
  let p = 2;
  while (base[p] === 0xff && base[p + 1]! >= 0xe0 && base[p + 1]! <= 0xef) p += 2 + ((base[p + 2]! << 8) | base[p + 3]!);
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const seg = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  return new Uint8Array([0xff, 0xd8, ...seg, ...base.subarray(p)]);
}

describe('encodeImage optimizeCoding', () => {
  test('off: the same pixels from a slightly larger file; a non-boolean is refused', async () => {
    const img = await decodeImage(new Uint8Array(readFileSync(join(ROOT, 'bench/fixtures/chelsea-224x224-q90.jpg'))));
    const small = await encodeImage(img, 'jpeg', { quality: 75 });
    const fast = await encodeImage(img, 'jpeg', { quality: 75, optimizeCoding: false });
    assert.ok(fast.length > small.length, `${fast.length} vs ${small.length} bytes`);
    assert.deepEqual((await decodeImage(fast)).data, (await decodeImage(small)).data);
    await assert.rejects(encodeImage(img, 'jpeg', { optimizeCoding: 'no' as unknown as boolean }), (e: Error) => e.message.includes('optimizeCoding'));
  });
});
