/**
 * The piscina worker: opens the source and the pipeline once (from workerData), then augments one
 * unit per task. Pixels and every target buffer go back in a transfer list, never
 * structured-cloned; AuguryErrors go back as data so that the main thread can rethrow them with
 * their file, record and hint.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { isAuguryError } from '../core/errors.js';
import { transferables } from './pack.js';
import { createAugmenter, toWireError, type Augmenter, type AugmenterSetup, type WireError, type WorkUnit } from './unit.js';

let augmenter: Promise<Augmenter> | undefined;

export type WorkerReply = { readonly ok: true; readonly value: import('./unit.js').AugmentedSample } | { readonly ok: false; readonly error: WireError };

export default async function augmentTask(unit: WorkUnit): Promise<unknown> {
  try {
    augmenter ??= createAugmenter(workerData as AugmenterSetup);
    const { value, buffers } = transferables(await (await augmenter)(unit));
    const reply: WorkerReply = { ok: true, value };
    return move({ [transferableSymbol]: buffers, [valueSymbol]: reply } as Parameters<typeof move>[0]);
  } catch (e) {
    if (isAuguryError(e)) return { ok: false, error: toWireError(e) } satisfies WorkerReply;
    throw e;
  }
}
