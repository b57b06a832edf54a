/**
 * Where `augmentDataset` puts its outputs. `filesSink` writes a dataset in the input's format (the
 * default; resumable through `.augury/done.jsonl`); `discardSink` drops every output, for
 * benchmarks that measure the engine alone (bench/memory.ts) and for dry runs.
 *
 * Neither keeps outputs in memory while a run goes: the file sink appends each output's labels
 * and trace to done.jsonl and remembers one byte per output; at the end it reads the labels back
 * once for the dataset writer and copies the traces over line by line.
 */
import { appendFile, mkdir, open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { AuguryError } from '../core/errors.js';
import type { Trace } from '../core/trace.js';
import { writeChunksAtomic, writeFileAtomic } from './atomic.js';
import { MANIFEST_FILE, type AugmentOutput, type AugmentSink, type Manifest, type SinkState } from './augment.js';
import { encodeImage } from './codecs/index.js';
import { assertWritableDir, writeIndex } from './datasets/convert.js';
import type { DatasetHeader, DatasetIndex, ImageRecord } from './datasets/model.js';
import type { RunReport } from './datasets/report.js';
import type { YoloKind } from './datasets/yolo/index.js';

export interface FilesSinkOptions {
  readonly outDir: string;
  /** The input as the user named it (the written index's `source`). */
  readonly input: string;
  readonly report: RunReport;
  /** Discard earlier state in the output folder and start over. */
  readonly restart?: boolean;
  readonly yoloKind?: YoloKind;
}

/** One line of done.jsonl: a finished output. */
interface DoneLine {
  readonly i: number;
  readonly copy: number;
  readonly file: string;
  /** The source record's image path (for the trace). */
  readonly source: string;
  readonly record: ImageRecord;
  readonly trace: Trace;
}

const CHUNK = 1 << 20;

/** The default sink: images, labels in the input's format, traces.jsonl and a manifest in `outDir`. */
export function filesSink(o: FilesSinkOptions): AugmentSink {
  const state = join(o.outDir, '.augury');
  const staging = join(state, 'staging');
  const donePath = join(state, 'done.jsonl');
  let header: DatasetHeader | undefined;
  let copies = 1;
  let slots = 0;
  let done = new Uint8Array(0);
  return {
    async open(manifest, h) {
      header = h;
      copies = manifest.copies;
      slots = manifest.records * manifest.copies;
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
      done = new Uint8Array(slots);
      let resumed = 0;
      await forEachDone(donePath, slots, copies, (slot) => {
        resumed += done[slot] === 0 ? 1 : 0;
        done[slot] = 1;
      });
      return { resumed, isDone: (i, copy) => done[i * copies + copy] === 1 } satisfies SinkState;
    },

    async write(out: AugmentOutput) {
      const bytes = await encodeImage(out.image, out.format, { file: out.file });
      await writeFileAtomic(join(staging, ...out.file.split('/')), bytes);
      const line: DoneLine = { i: out.index, copy: out.copy, file: out.file, source: out.sourceFile, record: out.record, trace: out.trace };
      await appendFile(donePath, JSON.stringify(line) + '\n');
      done[out.index * copies + out.copy] = 1;
    },

    async close() {
      // The last line written for each output wins; lines are then taken in (record, copy) order,
      // so ids are 1..n in that order whatever order lanes finished in.
      const start = new Float64Array(slots).fill(-1);
      const end = new Float64Array(slots);
      const records: (ImageRecord | undefined)[] = new Array<ImageRecord | undefined>(slots);
      await forEachDone(donePath, slots, copies, (slot, line, s, e) => {
        start[slot] = s;
        end[slot] = e;
        records[slot] = line.record;
      });
      const ordered: ImageRecord[] = [];
      for (let slot = 0; slot < slots; slot++) if (start[slot]! >= 0) ordered.push({ ...records[slot]!, id: ordered.length + 1 });
      records.length = 0;
      const out: DatasetIndex = { ...header!, source: o.input, imageRoot: staging, records: ordered };
      const result = await writeIndex(out, o.outDir, header!.format, {
        report: o.report,
        emitImage: async (rec, dest) => {
          const staged = join(staging, ...rec.file.split('/'));
          if (await exists(staged)) await rename(staged, dest);
          else if (!(await exists(dest))) throw new AuguryError({ code: 'io', message: 'a finished output image is missing', file: staged, hint: 'rerun with --restart' });
        },
      }, o.yoloKind);
      await writeChunksAtomic(join(o.outDir, 'traces.jsonl'), traceLines(donePath, start, end));
      return { files: result.files.length };
    },
  };
}

/** traces.jsonl, a batch of lines at a time, read back from done.jsonl in (record, copy) order. */
async function* traceLines(donePath: string, start: Float64Array, end: Float64Array): AsyncGenerator<string> {
  const fh = await open(donePath, 'r');
  try {
    let id = 0;
    let batch: string[] = [];
    for (let slot = 0; slot < start.length; slot++) {
      if (start[slot]! < 0) continue;
      const buf = Buffer.allocUnsafe(end[slot]! - start[slot]!);
      await fh.read(buf, 0, buf.length, start[slot]!);
      const l = JSON.parse(buf.toString('utf8')) as DoneLine;
      batch.push(JSON.stringify({ id: ++id, file: l.file, source: { index: l.i, copy: l.copy, file: l.source }, trace: l.trace }) + '\n');
      if (batch.length === 1000) {
        yield batch.join('');
        batch = [];
      }
    }
    if (batch.length > 0) yield batch.join('');
  } finally {
    await fh.close();
  }
}

/**
 * Calls `fn` for each well-formed line of done.jsonl with its output's slot and byte span. A last
 * line cut short by an interruption is cut off the file, so that the next append starts a line
 * of its own; its output is redone.
 */
async function forEachDone(path: string, slots: number, copies: number, fn: (slot: number, line: DoneLine, start: number, end: number) => void): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return;
  }
  let complete = 0;
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let base = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, base + carry.length);
      if (bytesRead === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      let from = 0;
      for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, from)) {
        const line = parseDone(data.toString('utf8', from, nl), slots, copies);
        if (line) fn(line.i * copies + line.copy, line, base + from, base + nl);
        from = nl + 1;
      }
      complete = base + from;
      carry = Buffer.from(data.subarray(from));
      base += from;
    }
  } finally {
    await fh.close();
  }
  if ((await stat(path)).size > complete) await truncate(path, complete);
}

function parseDone(text: string, slots: number, copies: number): DoneLine | null {
  try {
    const d = JSON.parse(text) as Partial<DoneLine> | null;
    const ok =
      d !== null && Number.isInteger(d.i) && Number.isInteger(d.copy) && d.copy! >= 0 && d.copy! < copies && d.i! >= 0 && d.i! * copies + d.copy! < slots &&
      typeof d.file === 'string' && typeof d.source === 'string' && typeof d.record === 'object' && d.record !== null && d.trace !== undefined;
    return ok ? (d as DoneLine) : null;
  } catch {
    // A line cut short by an interruption: that output is redone.
    return null;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function readManifest(path: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Statistics of a discarding sink. */
export interface DiscardStats {
  outputs: number;
  /** Bytes of encoded images and JSON label lines, when the sink encodes. */
  bytes: number;
}

/**
 * A sink that keeps nothing: it counts outputs and, with `encode`, first encodes each image and
 * serializes its labels and trace as a writer would (so that a benchmark includes that work).
 */
export function discardSink(opts: { readonly encode?: boolean } = {}): AugmentSink & { readonly stats: DiscardStats } {
  const stats: DiscardStats = { outputs: 0, bytes: 0 };
  return {
    stats,
    open: async () => ({ resumed: 0, isDone: () => false }),
    async write(out) {
      if (opts.encode) {
        stats.bytes += (await encodeImage(out.image, out.format, { file: out.file })).length;
        stats.bytes += JSON.stringify({ record: out.record, trace: out.trace }).length;
      }
      stats.outputs++;
    },
    close: async () => ({ files: 0 }),
  };
}
