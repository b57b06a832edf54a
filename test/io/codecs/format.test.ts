import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuguryError } from '../../../src/core/errors.js';
import { formatFromPath, tryFormatFromPath } from '../../../src/io/codecs/index.js';

describe('formatFromPath', () => {
  test('maps every supported extension, case-insensitively', () => {
    const cases: [string, string][] = [
      ['a.jpg', 'jpeg'],
      ['dir/b.JPEG', 'jpeg'],
      ['c.png', 'png'],
      ['C:\\data\\d.WebP', 'webp'],
      ['e.tif', 'tiff'],
      ['x.y/f.tiff', 'tiff'],
    ];
    for (const [path, format] of cases) assert.equal(formatFromPath(path), format, path);
  });

  test('unknown extensions name the file and list what is supported', () => {
    for (const path of ['img/0001.gif', 'img/noext', 'img.d/.png', 'photo.jpg.bak']) {
      assert.equal(tryFormatFromPath(path), undefined, path);
      assert.throws(
        () => formatFromPath(path),
        (e: unknown) =>
          e instanceof AuguryError &&
          e.code === 'unknown-format' &&
          e.message.includes(path) &&
          e.message.includes('.jpg') &&
          e.message.includes('.tiff') &&
          e.hint !== undefined,
      );
    }
  });
});
