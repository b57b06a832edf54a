/** Partner samples for mix steps: from a dataset (augment) or from files given on the command line (apply). */
import { AuguryError } from '../core/errors.js';
import type { PartnerProvider } from '../core/mix.js';
import type { Sample } from '../targets/sample.js';
import type { DatasetIndex } from './datasets/model.js';
import { loadSample, type LoadOptions } from './datasets/sample.js';

/**
 * Partners drawn from a dataset by record index; a record's id in traces is its file. A few
 * decoded partners are kept (least recently used first out), since mosaics reuse them often.
 */
export function datasetPartners(index: DatasetIndex, opts: LoadOptions = {}, keep = 8): PartnerProvider {
  const cache = new Map<number, Promise<Sample>>();
  const load = (i: number): Promise<Sample> => {
    const hit = cache.get(i);
    if (hit) {
      cache.delete(i);
      cache.set(i, hit);
      return hit;
    }
    const p = loadSample(index, i, opts);
    cache.set(i, p);
    if (cache.size > keep) cache.delete(cache.keys().next().value!);
    return p;
  };
  return {
    size: index.records.length,
    get: async (i) => ({ id: index.records[i]!.file, sample: await load(i) }),
    byId: async (id) => {
      const i = index.records.findIndex((r) => r.file === id);
      if (i < 0) throw new AuguryError({ code: 'validation', message: `the trace names partner "${id}", which is not in the dataset`, file: index.source, hint: 'replay the trace against the dataset it was recorded on' });
      return load(i);
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
