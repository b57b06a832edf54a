/**
 * Converts a dataset between formats (or rewrites it in its own). Image files are copied as they
 * are, except those whose EXIF orientation must be applied: they are written upright with the tag
 * removed, so that tools which ignore EXIF see the pixels the labels describe.
 */
import { readdir } from 'node:fs/promises';
import { AuguryError } from '../../core/errors.js';
import { copyFileAtomic, writeFileAtomic } from '../atomic.js';
import { orientImageFile, readImageHeader } from '../codecs/index.js';
import { writeCoco } from './coco/index.js';
import { writeFolder } from './folder/index.js';
import type { ImageSink, WriteOptions, WriteResult } from './io-types.js';
import type { DatasetFormat, DatasetIndex } from './model.js';
import { imagePath, type ExifMode } from './open.js';
import type { RunReport } from './report.js';
import { writeVoc } from './voc/index.js';
import { writeYolo, type YoloKind } from './yolo/index.js';

export interface WriteDatasetOptions {
  readonly report: RunReport;
  readonly exif?: ExifMode;
  readonly maxPixels?: number;
  /** Write into a folder that already has files in it. */
  readonly overwrite?: boolean;
  /** YOLO label kind; default chosen from the data (see writeYolo). */
  readonly yoloKind?: YoloKind;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Writes `index` as `format` into `outDir`, images included. */
export async function writeDataset(index: DatasetIndex, outDir: string, format: DatasetFormat, opts: WriteDatasetOptions): Promise<WriteResult> {
  await assertWritableDir(outDir, opts.overwrite ?? false);
  const exif = opts.exif ?? 'apply';
  let done = 0;
  const emitImage: ImageSink = async (record, destination) => {
    const src = imagePath(index, record);
    const header = exif === 'apply' ? await readImageHeader(src, { exif, file: src, ...(opts.maxPixels !== undefined ? { maxPixels: opts.maxPixels } : {}) }) : null;
    if (header && header.orientation !== 1) {
      await writeFileAtomic(destination, await orientImageFile(src, { file: src }));
    } else {
      await copyFileAtomic(src, destination);
    }
    done++;
    opts.onProgress?.(done, index.records.length);
  };
  return writeIndex(index, outDir, format, { report: opts.report, emitImage }, opts.yoloKind);
}

/** Writes `index` with the format's writer; `wo.emitImage` puts each image in place. */
export function writeIndex(index: DatasetIndex, outDir: string, format: DatasetFormat, wo: WriteOptions, yoloKind?: YoloKind): Promise<WriteResult> {
  switch (format) {
    case 'coco':
      return writeCoco(index, outDir, wo);
    case 'yolo':
      return writeYolo(index, outDir, wo, yoloKind ? { kind: yoloKind } : {});
    case 'voc':
      return writeVoc(index, outDir, wo);
    case 'folder':
      return writeFolder(index, outDir, wo);
  }
}

export async function assertWritableDir(dir: string, overwrite: boolean): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  if (entries.length > 0 && !overwrite) {
    throw new AuguryError({
      code: 'usage',
      message: 'the output folder is not empty',
      file: dir,
      hint: 'choose an empty or new folder, or pass --overwrite to write into it (files of the same name are replaced)',
    });
  }
}

/** Shorthand used by tests and the CLI: which report entries a conversion produced. */
export function lossSummary(report: RunReport): string[] {
  return report.summary().filter((g) => g.kind === 'dropped-field').map((g) => `${g.reason}: ${g.examples[0] ?? ''}${g.count > 1 ? ` (${g.count} times)` : ''}`);
}
