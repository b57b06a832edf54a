/**
 * Opens a dataset in any supported form: detects the format, reads the annotations into a
 * DatasetIndex, and checks every record against its image file (size after EXIF orientation,
 * decodable header, pixel limit) so that label/pixel misalignment is caught before any work.
 */
import { AuguryError } from '../../core/errors.js';
import { readImageHeader } from '../codecs/index.js';
import { readCoco } from './coco/index.js';
import { mapLimit } from './concurrency.js';
import { detectDataset } from './detect.js';
import { readFolder } from './folder/index.js';
import type { ReadOptions } from './io-types.js';
import type { DatasetFormat, DatasetHeader, DatasetIndex, ImageRecord } from './model.js';
import type { RunReport } from './report.js';
import { resolveInside } from './validate.js';
import { readVoc } from './voc/index.js';
import { readYolo } from './yolo/index.js';

export type ExifMode = 'apply' | 'ignore';

export interface OpenOptions {
  readonly report: RunReport;
  readonly format?: DatasetFormat;
  readonly imagesDir?: string;
  readonly split?: string;
  readonly boxTolerance?: number;
  readonly exif?: ExifMode;
  readonly maxPixels?: number;
  /** Check every image header against its record (default true). */
  readonly checkImages?: boolean;
  /** Called after each image header is checked, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function readDataset(path: string, opts: OpenOptions): Promise<DatasetIndex> {
  const detected = await detectDataset(path, opts.format);
  const exif = opts.exif ?? 'apply';
  const ro: ReadOptions = {
    report: opts.report,
    ...(opts.imagesDir !== undefined ? { imagesDir: opts.imagesDir } : {}),
    ...(opts.split !== undefined ? { split: opts.split } : {}),
    ...(opts.boxTolerance !== undefined ? { boxTolerance: opts.boxTolerance } : {}),
    sizeOf: async (abs) => {
      const h = await readImageHeader(abs, { exif, file: abs, ...(opts.maxPixels !== undefined ? { maxPixels: opts.maxPixels } : {}) });
      return { width: h.width, height: h.height };
    },
  };
  switch (detected.format) {
    case 'coco':
      return readCoco(detected.path, ro);
    case 'yolo':
      return readYolo(detected.path, ro);
    case 'voc':
      return readVoc(detected.path, ro);
    case 'folder':
      return readFolder(detected.path, ro);
  }
}

/** Reads a dataset and checks its images (unless `checkImages` is false). */
export async function openDataset(path: string, opts: OpenOptions): Promise<DatasetIndex> {
  const index = await readDataset(path, opts);
  return opts.checkImages === false ? index : checkImages(index, opts);
}

/** Absolute path of a record's image. */
export function imagePath(index: Pick<DatasetHeader, 'imageRoot' | 'source'>, record: ImageRecord): string {
  return resolveInside(index.imageRoot, record.file, { file: index.source, record: `image ${String(record.id)}` });
}

/**
 * Reads every image header (not the pixels) and compares the oriented size with the size the
 * label file states. A mismatch is the classic silent misalignment (labels drawn on the stored
 * pixels while the viewer showed them rotated, or the wrong file): it is an error for that record.
 * Records without a stated size get the header's size.
 */
export async function checkImages(index: DatasetIndex, opts: OpenOptions): Promise<DatasetIndex> {
  const out: (ImageRecord | null)[] = new Array(index.records.length).fill(null);
  let done = 0;
  const work = async (i: number): Promise<void> => {
    const r = index.records[i]!;
    try {
      const size = await checkRecordImage(index, r, opts);
      out[i] = r.width === undefined || r.height === undefined ? { ...r, ...size } : r;
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      opts.report.skip(e, e.code);
    } finally {
      done++;
      opts.onProgress?.(done, index.records.length);
    }
  };
  await mapLimit(index.records, CHECK_CONCURRENCY, (_r, i) => work(i));
  return { ...index, records: out.filter((r): r is ImageRecord => r !== null) };
}

/** How many image headers are read at once. */
export const CHECK_CONCURRENCY = 8;

/**
 * Reads the header of one record's image and returns its oriented size; throws (located at the
 * record) when it differs from the size the label file states, or the image is unreadable.
 */
export async function checkRecordImage(index: Pick<DatasetHeader, 'imageRoot' | 'source'>, r: ImageRecord, opts: OpenOptions): Promise<{ width: number; height: number }> {
  const exif = opts.exif ?? 'apply';
  const where = { file: index.source, record: `image ${String(r.id)} (${r.file})` };
  try {
    const abs = imagePath(index, r);
    const h = await readImageHeader(abs, { exif, file: abs, ...(opts.maxPixels !== undefined ? { maxPixels: opts.maxPixels } : {}) });
    if (r.width !== undefined && r.height !== undefined && (r.width !== h.width || r.height !== h.height)) {
      const swapped = r.width === h.height && r.height === h.width;
      throw new AuguryError({
        code: 'size-mismatch',
        message: 'the label file states another size than the image has',
        ...where,
        expected: `${h.width}x${h.height} (the image${exif === 'apply' && h.orientation !== 1 ? `, after EXIF orientation ${h.orientation}` : ''})`,
        received: `${r.width}x${r.height} (the label file)`,
        hint: swapped && h.orientation !== 1
          ? 'the labels were made on the stored, unrotated pixels: pass --exif ignore to read the images as stored, or re-label on the upright image'
          : swapped
            ? 'width and height look swapped in the label file; fix the record'
            : 'the record may point at the wrong file, or the image was resized after labelling; fix the record or re-export the labels',
      });
    }
    return { width: h.width, height: h.height };
  } catch (e) {
    throw e instanceof AuguryError ? e.at(where) : e;
  }
}
