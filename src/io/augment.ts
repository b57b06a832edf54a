/**
 * Augments a whole dataset: every record `copies` times, written in the input's format, with a
 * trace per output and a manifest. Pixels are streamed: one source image is decoded at a time per
 * lane. A run can resume: finished outputs are recorded in `.augury/done.jsonl` as they complete
 * (image written atomically first), so a rerun with the same manifest skips them and redoes an
 * interrupted one; a rerun with another manifest refuses unless told to start over.
 *
 * Outputs are identical for any `workers`: each output's randomness comes from its own stream
 * (seed, epoch, record index, copy) and results are assembled in (record, copy) order.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AuguryError } from '../core/errors.js';
import type { Pipeline } from '../core/pipeline.js';
import type { Trace } from '../core/trace.js';
import { writeFileAtomic } from './atomic.js';
import { encodeImage, formatFromPath, sharpCodec, type ImageFormat } from './codecs/index.js';
import { mapLimit } from './datasets/concurrency.js';
import { assertWritableDir, writeIndex } from './datasets/convert.js';
import type { DatasetIndex, ImageRecord } from './datasets/model.js';
import { openDataset, type OpenOptions } from './datasets/open.js';
import type { RunReport } from './datasets/report.js';
import { loadSample } from './datasets/sample.js';
import { sampleToRecord } from './datasets/to-record.js';
import { datasetPartners } from './partners.js';
import type { YoloKind } from './datasets/yolo/index.js';

export interface AugmentOptions {
  readonly pipeline: Pipeline;
  readonly input: string;
  readonly outDir: string;
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

interface DoneLine {
  readonly i: number;
  readonly copy: number;
  readonly file: string;
  readonly record: ImageRecord;
  readonly trace: Trace;
}

export interface AugmentResult {
  readonly outputs: number;
  readonly resumed: number;
  readonly files: number;
  readonly manifest: Manifest;
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

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function augmentDataset(o: AugmentOptions): Promise<AugmentResult> {
  const index = await openDataset(o.input, o.open);
  const config = o.pipeline.toConfig();
  const manifest: Manifest = {
    augury: o.version,
    configHash: createHash('sha256').update(JSON.stringify(config)).digest('hex'),
    config,
    seed: o.seed,
    epoch: o.epoch ?? 0,
    copies: o.copies,
    input: o.input,
    format: index.format,
    records: index.records.length,
    imageFormat: o.imageFormat ?? null,
  };
  const state = join(o.outDir, '.augury');
  const staging = join(state, 'staging');
  const donePath = join(state, 'done.jsonl');
  const manifestPath = join(o.outDir, MANIFEST_FILE);
  const previous = await readManifest(manifestPath);
  if (previous) {
    const same = JSON.stringify({ ...previous, augury: '' }) === JSON.stringify({ ...manifest, augury: '' });
    if (!same && !o.restart) {
      throw new AuguryError({
        code: 'usage',
        message: 'the output folder holds a run with another manifest (pipeline, seed, copies or input differ)',
        file: manifestPath,
        hint: 'pass --restart to discard it and start over, or choose another output folder',
      });
    }
    if (!same) await rm(state, { recursive: true, force: true });
  } else {
    await assertWritableDir(o.outDir, o.restart ?? false);
  }
  await mkdir(staging, { recursive: true });
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  const partners = datasetPartners(index, { exif: o.open.exif ?? 'apply', ...(o.open.maxPixels !== undefined ? { maxPixels: o.open.maxPixels } : {}) });
  const done = await readDone(donePath);
  const resumed = done.size;
  const total = index.records.length * o.copies;
  let finished = resumed;
  o.onProgress?.(finished, total);
  await mapLimit(index.records, Math.max(1, o.workers), async (record, i) => {
    const todo = Array.from({ length: o.copies }, (_, c) => c).filter((c) => !done.has(key(i, c)));
    if (todo.length === 0) return;
    let sample;
    try {
      sample = await loadSample(index, i, { exif: o.open.exif ?? 'apply', ...(o.open.maxPixels !== undefined ? { maxPixels: o.open.maxPixels } : {}) });
    } catch (e) {
      if (!(e instanceof AuguryError)) throw e;
      o.report.skip(e.at({ file: index.source, record: `image ${String(record.id)} (${record.file})` }));
      return;
    }
    for (const copy of todo) {
      const where = { file: index.source, record: `image ${String(record.id)} (${record.file}), copy ${copy}` };
      try {
        const r = await o.pipeline.run(sample, { stream: { seed: o.seed, epoch: o.epoch ?? 0, index: i, copy }, codec: sharpCodec, partners });
        const file = outputName(record.file.replace(/\\/g, '/'), copy, o.imageFormat);
        const format = o.imageFormat ?? formatFromPath(file);
        const bytes = await encodeImage(r.sample.image, format, { file });
        await writeFileAtomic(join(staging, ...file.split('/')), bytes);
        const line: DoneLine = { i, copy, file, record: sampleToRecord(index, record, r.sample, 0, file), trace: r.trace };
        await appendFile(donePath, JSON.stringify(line) + '\n');
        done.set(key(i, copy), line);
      } catch (e) {
        if (!(e instanceof AuguryError)) throw e;
        o.report.skip(e.at(where));
      }
      o.onProgress?.(++finished, total);
    }
  });

  // Assemble in (record, copy) order: ids 1..n in that order, whatever order lanes finished in.
  const lines = [...done.values()].sort((a, b) => a.i - b.i || a.copy - b.copy);
  const records = lines.map((l, n) => ({ ...l.record, id: n + 1 }));
  const out: DatasetIndex = { ...index, source: o.input, imageRoot: staging, records };
  const result = await writeIndex(out, o.outDir, index.format, {
    report: o.report,
    emitImage: async (rec, dest) => {
      const staged = join(staging, ...rec.file.split('/'));
      if (await exists(staged)) await rename(staged, dest);
      else if (!(await exists(dest))) throw new AuguryError({ code: 'io', message: 'a finished output image is missing', file: staged, hint: 'rerun with --restart' });
    },
  }, o.yoloKind);
  const traces = lines.map((l, n) => JSON.stringify({ id: n + 1, file: l.file, source: { index: l.i, copy: l.copy, file: index.records[l.i]!.file }, trace: l.trace })).join('\n');
  await writeFileAtomic(join(o.outDir, 'traces.jsonl'), traces + (traces ? '\n' : ''));
  return { outputs: lines.length, resumed, files: result.files.length, manifest };
}

function key(i: number, copy: number): string {
  return `${i}:${copy}`;
}

async function readManifest(path: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

async function readDone(path: string): Promise<Map<string, DoneLine>> {
  const out = new Map<string, DoneLine>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const d = JSON.parse(line) as DoneLine;
      out.set(key(d.i, d.copy), d);
    } catch {
      // A line cut short by an interruption: that output is redone.
    }
  }
  return out;
}

