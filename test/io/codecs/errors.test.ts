import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { AuguryError } from '../../../src/core/errors.js';
import { DEFAULT_MAX_PIXELS, decodeImage, readImage, readImageHeader } from '../../../src/io/codecs/index.js';
import { assertSamePixels, fixture, fixtureBytes, rejectsWith } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'augury-codec-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('pixel limit (decompression bombs)', () => {
  const bomb = fixture('bomb-header.png');

  test('a header claiming 30000x30000 is refused before decoding, with the default limit', async () => {
    for (const read of [readImageHeader, readImage]) {
      const e = await rejectsWith(() => read(bomb), 'too-large', ['bomb-header.png', '900000000', String(DEFAULT_MAX_PIXELS), '30000x30000']);
      assert.ok(e.hint?.includes('--max-pixels'), e.message);
    }
  });

  test('maxPixels applies to header, file and bytes, and the limit itself is allowed', async () => {
    const path = fixture('chelsea.png');
    const n = 64 * 43;
    await rejectsWith(() => readImageHeader(path, { maxPixels: n - 1 }), 'too-large', ['chelsea.png', String(n), String(n - 1), '--max-pixels']);
    await rejectsWith(() => readImage(path, { maxPixels: 1000 }), 'too-large', ['chelsea.png', '1000', '--max-pixels']);
    await rejectsWith(() => decodeImage(fixtureBytes('chelsea.jpg'), { maxPixels: 1000, file: 'x/cat.jpg' }), 'too-large', ['x/cat.jpg']);
    assert.equal((await readImage(path, { maxPixels: n })).width, 64);
    assert.equal((await readImageHeader(path, { maxPixels: n })).width, 64);
  });

  test('an invalid maxPixels is a validation error', async () => {
    for (const maxPixels of [0, -5, 2.5, Number.NaN]) {
      await assert.rejects(readImage(fixture('chelsea.png'), { maxPixels }), (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.key === 'maxPixels');
    }
    // Infinity lifts the limit (header only: the bomb's pixel data is a stub).
    assert.equal((await readImageHeader(bomb, { maxPixels: Infinity })).width, 30000);
  });
});

describe('bad input', () => {
  test('corrupt PNG data is corrupt-image naming the file, with a hint', async () => {
    const bytes = fixtureBytes('chelsea.png').slice();
    // Scramble the compressed pixel data, leaving the signature and IHDR intact.
    for (let i = 60; i < bytes.length - 20; i += 7) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
    const e = await rejectsWith(() => decodeImage(bytes, { file: 'train/cat-017.png' }), 'corrupt-image', ['train/cat-017.png']);
    assert.ok(e.hint?.includes('re-export'), e.message);
  });

  test('a truncated JPEG is an error, not a half-grey image', async () => {
    const whole = fixtureBytes('chelsea.jpg');
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    // The header is intact, so the cheap header read still works...
    assert.equal((await readImageHeader(cut)).width, 64);
    // ...but decoding refuses.
    const e = await rejectsWith(() => decodeImage(cut, { file: 'val/cut.jpg' }), 'corrupt-image', ['val/cut.jpg', 'download']);
    assert.match(e.received ?? '', /premature end/i);
    const path = join(tmp, 'cut.jpg');
    writeFileSync(path, cut);
    await rejectsWith(() => readImage(path), 'corrupt-image', [path]);
  });

  test("libjpeg's harmless warning (extraneous bytes before a marker) does not reject the image", async () => {
    // sharp's default failOn 'warning' would refuse this; real datasets contain such files.
    const whole = fixtureBytes('chelsea.jpg');
    let at = 2;
    while (!(whole[at] === 0xff && whole[at + 1] === 0xc0)) at++;
    const odd = new Uint8Array(whole.length + 3);
    odd.set(whole.subarray(0, at));
    odd.set([0x12, 0x34, 0x56], at);
    odd.set(whole.subarray(at), at + 3);
    assertSamePixels(await decodeImage(odd), await decodeImage(whole));
  });

  test('a text file named .png is unknown-format naming the file', async () => {
    const path = fixture('not-an-image.png');
    await rejectsWith(() => readImage(path), 'unknown-format', [path, 'not an image']);
    await rejectsWith(() => readImageHeader(path), 'unknown-format', [path]);
  });

  test('a format sharp reads but augury does not (GIF) is unknown-format', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    await rejectsWith(() => decodeImage(new Uint8Array(gif), { file: 'pixel.gif' }), 'unknown-format', ['pixel.gif', 'GIF', 'PNG']);
  });

  test('empty data and missing files', async () => {
    await rejectsWith(() => decodeImage(new Uint8Array(0), { file: 'empty.jpg' }), 'corrupt-image', ['empty.jpg', 'empty']);
    const empty = join(tmp, 'empty.png');
    writeFileSync(empty, '');
    await rejectsWith(() => readImage(empty), 'corrupt-image', [empty]);
    await rejectsWith(() => readImageHeader(empty), 'corrupt-image', [empty]);
    const missing = join(tmp, 'nope.jpg');
    await rejectsWith(() => readImage(missing), 'missing-image', [missing]);
    await rejectsWith(() => readImageHeader(missing), 'missing-image', [missing]);
  });

  test('an unknown exif mode is a validation error', async () => {
    await assert.rejects(
      decodeImage(fixtureBytes('chelsea.png'), { exif: 'rotate' as 'apply' }),
      (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.key === 'exif',
    );
  });
});
