/** The one way writers hand an image to the sink: a failed image skips its record, not the run. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isAuguryError } from '../../core/errors.js';
import type { WriteOptions } from './io-types.js';
import type { ImageRecord } from './model.js';

/**
 * Writes the record's image to `dest` through `opts.emitImage`. An AuguryError (unreadable or
 * corrupt image) is recorded as a skipped record, or rethrown under `--on-error fail`; the
 * caller then leaves the record's labels out too. Returns whether the image was written.
 */
export async function emitOrSkip(opts: WriteOptions, record: ImageRecord, dest: string): Promise<boolean> {
  try {
    await mkdir(dirname(dest), { recursive: true });
    await opts.emitImage(record, dest);
    return true;
  } catch (e) {
    if (!isAuguryError(e)) throw e;
    opts.report.skip(e.at({ file: record.file }), e.code);
    return false;
  }
}
