/**
 * Augments a whole dataset: every record `copies` times, each output handed to a sink. The
 * default sink (augment-sinks.ts) writes the input's format with a trace per output and a
 * manifest, and resumes: finished outputs are recorded in `.augury/done.jsonl` as they complete
 * (image written atomically first), so a rerun with the same manifest skips them and redoes an
 * interrupted one; a rerun with another manifest refuses unless told to start over.
 *
 * Memory does not grow with the dataset beyond a few dozen bytes a record: records are read one
 * at a time (a COCO file through a DatasetSource, never parsed whole), one source image is decoded
 * at a time per lane, and the sinks keep no output in memory while the run goes (the file sink
 * gathers the labels once at the end, for the writer).
 *
 * Outputs are identical for any `workers`: each output's randomness comes from its own stream
 * (seed, epoch, record index, copy) and results are assembled in (record, copy) order.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { AuguryError } from '../core/errors.js';
import type { Pipeline } from '../core/pipeline.js';
import type { Trace } from '../core/trace.js';
import type { Image } from '../targets/image.js';
import { formatFromPath, sharpCodec, type ImageFormat } from './codecs/index.js';
import type { DatasetHeader, ImageRecord } from './datasets/model.js';
import type { OpenOptions } from './datasets/open.js';
import type { RunReport } from './datasets/report.js';
import { sampleOf } from './datasets/sample.js';
import { openDatasetSource } from './datasets/source.js';
import { sampleToRecord } from './datasets/to-record.js';
import type { YoloKind } from './datasets/yolo/index.js';
import { filesSink } from './augment-sinks.js';
import { datasetPartners } from './partners.js';

export interface AugmentOptions {
  readonly pipeline: Pipeline;
  readonly input: string;
  /** Output folder of the default sink (files in the input's format); ignored when `sink` is given. */
  readonly outDir?: string;
  /** Where outputs go instead of `outDir` (e.g. `discardSink()` for benchmarks). */
  readonly sink?: AugmentSink;
  readonly copies: number;
  readonly seed: number;
  readonly epoch?: number;
  /** Records processed at once (in-process lanes; results do not depend on it). */
  readonly workers: number;
  readonly open: OpenOptions;
  readonly report: RunReport;
  /** Discard earlier state in the output folder and start over. */
  readonly restart?: boolean;
  /** Output image format; default: the input's extension. */
  readonly imageFormat?: ImageFormat;
  readonly yoloKind?: YoloKind;
  readonly version: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Manifest {
  readonly augury: string;
  readonly configHash: string;
  readonly config: unknown;
  readonly seed: number;
  readonly epoch: number;
  readonly copies: number;
  readonly input: string;
  readonly format: string;
  readonly records: number;
  readonly imageFormat: string | null;
}

export interface AugmentResult {
  readonly outputs: number;
  readonly resumed: number;
  readonly files: number;
  readonly manifest: Manifest;
}

/** One finished output, as a sink receives it. */
export interface AugmentOutput {
  /** Index of the source record (after the dataset's checks) and the copy number. */
  readonly index: number;
  readonly copy: number;
  /** The output image's path relative to the image folder (posix), e.g. `a/b_1.jpg`. */
  readonly file: string;
  readonly format: ImageFormat;
  /** The source record's image path. */
  readonly sourceFile: string;
  readonly image: Image;
  /** The output's labels as a dataset record (id 0: ids are given when the dataset is written). */
  readonly record: ImageRecord;
  readonly trace: Trace;
}

/** What a sink reports when it opens: outputs already done by an earlier run. */
export interface SinkState {
  readonly resumed: number;
  isDone(index: number, copy: number): boolean;
}

/** Where augmented outputs go. The engine calls open once, write per output, then close. */
export interface AugmentSink {
  open(manifest: Manifest, header: DatasetHeader): Promise<SinkState>;
  /** Called as lanes finish, in no fixed order; an AuguryError thrown here skips that output. */
  write(output: AugmentOutput): Promise<void>;
  /** Every output was written or skipped. Returns how many files the sink wrote. */
  close(): Promise<{ files: number }>;
}

/** The manifest's name; dataset detection skips it (src/io/datasets/detect.ts). */
export const MANIFEST_FILE = 'augury.manifest.json';

const EXT: Record<ImageFormat, string> = { jpeg: '.jpg', png: '.png', webp: '.webp', tiff: '.tif' };

/** `dir/stem.ext` -> `dir/stem_<copy>.<ext>` (posix, as records store paths). */
export function outputName(file: string, copy: number, format?: ImageFormat): string {
  const ext = extname(file);
  const stem = file.slice(0, file.length - ext.length);
  return `${stem}_${copy}${format ? EXT[format] : ext}`;
}

export async function augmentDataset(o: AugmentOptions): Promise<AugmentResult> {
  const sink = o.sink ?? defaultSink(o);
  const source = await openDatasetSource(o.input, o.open);
  try {
    const config = o.pipeline.toConfig();
    const manifest: Manifest = {
      augury: o.version,
      configHash: createHash('sha256').update(JSON.stringify(config)).digest('hex'),
      config,
      seed: o.seed,
      epoch: o.epoch ?? 0,
      copies: o.copies,
      input: o.input,
      format: source.header.format,
      records: source.size,
      imageFormat: o.imageFormat ?? null,
    };
    const state = await sink.open(manifest, source.header);
    const load = { exif: o.open.exif ?? 'apply', ...(o.open.maxPixels !== undefined ? { maxPixels: o.open.maxPixels } : {}) } as const;
    const partners = datasetPartners(source, load);
    const total = source.size * o.copies;
    let finished = state.resumed;
    let written = 0;
    o.onProgress?.(finished, total);

    const one = async (i: number): Promise<void> => {
      const todo: number[] = [];
      for (let c = 0; c < o.copies; c++) if (!state.isDone(i, c)) todo.push(c);
      if (todo.length === 0) return;
      const record = await source.record(i);
      let sample;
      try {
        sample = await sampleOf(source.header, record, i, source.kinds, load);
      } catch (e) {
        if (!(e instanceof AuguryError)) throw e;
        o.report.skip(e.at({ file: source.header.source, record: `image ${String(record.id)} (${record.file})` }));
        finished += todo.length;
        o.onProgress?.(finished, total);
        return;
      }
      for (const copy of todo) {
        const where = { file: source.header.source, record: `image ${String(record.id)} (${record.file}), copy ${copy}` };
        try {
          const r = await o.pipeline.run(sample, { stream: { seed: o.seed, epoch: o.epoch ?? 0, index: i, copy }, codec: sharpCodec, partners });
          const file = outputName(record.file.replace(/\\/g, '/'), copy, o.imageFormat);
          await sink.write({
            index: i,
            copy,
            file,
            format: o.imageFormat ?? formatFromPath(file),
            sourceFile: record.file,
            image: r.sample.image,
            record: sampleToRecord(source.header, record, r.sample, 0, file),
            trace: r.trace,
          });
          written++;
        } catch (e) {
          if (!(e instanceof AuguryError)) throw e;
          o.report.skip(e.at(where));
        }
        o.onProgress?.(++finished, total);
      }
    };
    // Lanes take the next record as they free up; no per-record state outlives its record.
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < source.size) await one(next++);
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, o.workers), source.size) }, lane));
    const { files } = await sink.close();
    return { outputs: state.resumed + written, resumed: state.resumed, files, manifest };
  } finally {
    await source.close();
  }
}

function defaultSink(o: AugmentOptions): AugmentSink {
  if (o.outDir === undefined) {
    throw new AuguryError({ code: 'usage', message: 'augmentDataset needs an output folder or a sink', key: 'outDir', hint: 'pass outDir, or sink: discardSink() to drop the outputs' });
  }
  return filesSink({ outDir: o.outDir, input: o.input, report: o.report, ...(o.restart ? { restart: true } : {}), ...(o.yoloKind ? { yoloKind: o.yoloKind } : {}) });
}
