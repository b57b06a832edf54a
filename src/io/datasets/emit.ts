/** The one way writers hand an image to the sink: a failed image skips its record, not the run. */
import { mkdirSync } from 'node:fs';
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
    // Synchronous on purpose: the sink is then called in the order writers hand out images, even
    // when several are written at once (a deterministic order for sinks and tests).
    mkdirSync(dirname(dest), { recursive: true });
    await opts.emitImage(record, dest);
    return true;
  } catch (e) {
    if (!isAuguryError(e)) throw e;
    opts.report.skip(e.at({ file: record.file }), e.code);
    return false;
  }
}
