/**
 * A dataset read record by record: what `augury augment` walks. A DatasetIndex holds every record
 * (fine up to some 10k records); a big COCO file is opened as a CocoSource instead, which keeps a
 * few dozen bytes per record and reads each record back from the file when asked, so that
 * augmenting 100k records needs about the memory of 10k (bench/memory.ts measures it).
 */
import { openCocoSource } from './coco/source.js';
import { detectDataset } from './detect.js';
import type { DatasetHeader, DatasetIndex, ImageRecord, TargetKinds } from './model.js';
import { openDataset, type OpenOptions } from './open.js';
import { datasetKinds } from './sample.js';

export interface DatasetSource {
  readonly header: DatasetHeader;
  /** Records left after the checks (skipped ones are reported and not counted). */
  readonly size: number;
  /** Which target kinds any record has. */
  readonly kinds: TargetKinds;
  /** Record `i`, 0 <= i < size; a source that reads from disk builds it afresh on each call. */
  record(i: number): Promise<ImageRecord>;
  /** Releases open files. */
  close(): Promise<void>;
}

/** A source over an index in memory. */
export function indexSource(index: DatasetIndex): DatasetSource {
  const { records, ...header } = index;
  return {
    header,
    size: records.length,
    kinds: datasetKinds(index),
    record: async (i) => records[i]!,
    close: async () => {},
  };
}

/**
 * Opens a dataset as openDataset does (same checks, same report, same records in the same order);
 * COCO files are read record by record, other formats through their index.
 */
export async function openDatasetSource(path: string, opts: OpenOptions): Promise<DatasetSource> {
  const detected = await detectDataset(path, opts.format);
  if (detected.format === 'coco') return openCocoSource(detected.path, opts);
  return indexSource(await openDataset(path, opts));
}
