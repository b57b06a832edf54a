/** Partner samples for mix steps: from a dataset (augment) or from files given on the command line (apply). */
import { AuguryError } from '../core/errors.js';
import type { PartnerProvider } from '../core/mix.js';
import type { Sample } from '../targets/sample.js';
import type { DatasetIndex } from './datasets/model.js';
import { sampleOf, type LoadOptions } from './datasets/sample.js';
import { indexSource, type DatasetSource } from './datasets/source.js';

/**
 * Partners drawn from a dataset by record index; a record's id in traces is its file. A few
 * decoded partners are kept (least recently used first out), since mosaics reuse them often.
 */
export function datasetPartners(dataset: DatasetIndex | DatasetSource, opts: LoadOptions = {}, keep = 8): PartnerProvider {
  const source = 'records' in dataset ? indexSource(dataset) : dataset;
  const cache = new Map<number, Promise<{ id: string; sample: Sample }>>();
  const load = (i: number): Promise<{ id: string; sample: Sample }> => {
    const hit = cache.get(i);
    if (hit) {
      cache.delete(i);
      cache.set(i, hit);
      return hit;
    }
    const p = source.record(i).then(async (record) => ({ id: record.file, sample: await sampleOf(source.header, record, i, source.kinds, opts) }));
    cache.set(i, p);
    if (cache.size > keep) cache.delete(cache.keys().next().value!);
    return p;
  };
  return {
    size: source.size,
    get: (i) => load(i),
    byId: async (id) => {
      // Replays only: a scan of the records (read one at a time from a big source).
      for (let i = 0; i < source.size; i++) {
        if ((await source.record(i)).file === id) return (await load(i)).sample;
      }
      throw new AuguryError({ code: 'validation', message: `the trace names partner "${id}", which is not in the dataset`, file: source.header.source, hint: 'replay the trace against the dataset it was recorded on' });
    },
  };
}

/** Partners given explicitly (augury apply --partner): drawn among them, named by their files. */
export function listPartners(items: readonly { readonly id: string; readonly sample: Sample }[]): PartnerProvider {
  return {
    size: items.length,
    get: async (i) => items[i]!,
    byId: async (id) => {
      const hit = items.find((p) => p.id === id);
      if (!hit) {
        throw new AuguryError({
          code: 'usage',
          message: `the trace names partner "${id}", which was not given`,
          key: '--partner',
          hint: `pass it: --partner ${id}${items.length > 0 ? ` (given: ${items.map((p) => p.id).join(', ')})` : ''}`,
        });
      }
      return hit.sample;
    },
  };
}
