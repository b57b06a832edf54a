/** Turns sharp's plain Error messages into AuguryErrors that say what to do. */
import { AuguryError, isAuguryError } from '../../core/errors.js';
import { IMAGE_FORMATS } from './format.js';
import { RE_EXPORT_HINT } from './plan.js';

/** Maps a failure while reading an image (header or pixels) to an AuguryError. */
export function readError(e: unknown, file: string | undefined, limit: number): AuguryError {
  if (isAuguryError(e)) return e.at({ file });
  const msg = e instanceof Error ? e.message : String(e);
  if (/unsupported image format/i.test(msg)) {
    return new AuguryError({
      code: 'unknown-format',
      message: 'the data is not an image in a known format',
      file,
      expected: IMAGE_FORMATS.join(', '),
      hint: 'check that the file really is an image (not an HTML error page or a text file saved under an image name), re-download or re-export it, or remove the record from the dataset',
      cause: e,
    });
  }
  if (/exceeds pixel limit/i.test(msg)) {
    // Our own header check normally fires first; this is the backstop inside libvips.
    return new AuguryError({
      code: 'too-large',
      message: `image has more pixels than the limit of ${limit}`,
      file,
      hint: 'if you trust this file, raise the limit with --max-pixels (or the maxPixels option)',
      cause: e,
    });
  }
  if (/is empty/i.test(msg)) {
    return new AuguryError({ code: 'corrupt-image', message: 'the image file is empty', file, hint: RE_EXPORT_HINT, cause: e });
  }
  return new AuguryError({
    code: 'corrupt-image',
    message: 'the image data is corrupt or truncated',
    file,
    received: msg.replace(/\s+/g, ' ').trim(),
    hint: RE_EXPORT_HINT,
    cause: e,
  });
}

/** Maps a failure while encoding. */
export function writeError(e: unknown, file: string | undefined): AuguryError {
  if (isAuguryError(e)) return e.at({ file });
  const msg = e instanceof Error ? e.message : String(e);
  return new AuguryError({
    code: 'io',
    message: 'could not encode the image',
    file,
    received: msg.replace(/\s+/g, ' ').trim(),
    hint: 'try PNG or TIFF, which accept any size and pixel type augury produces',
    cause: e,
  });
}
