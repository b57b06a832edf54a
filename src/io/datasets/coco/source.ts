/**
 * A COCO file as a DatasetSource: the same walk, checks and report as readCoco, but what stays in
 * memory is where each record lies in the file (the image's byte span and runs of its
 * annotations' spans, ~40 bytes a record for a file sorted by image), not the records. A record is
 * read back and converted again when asked for; the conversions are pure, so it comes back equal
 * to readCoco's record (test/io/datasets/coco/source.test.ts).
 */
import { AuguryError } from '../../../core/errors.js';
import { f64, u32, u8 } from '../compact.js';
import type { ReadOptions } from '../io-types.js';
import { JsonFile } from '../json-stream.js';
import type { Annotation, DatasetHeader, ImageRecord, TargetKinds } from '../model.js';
import { CHECK_CONCURRENCY, checkRecordImage, type OpenOptions } from '../open.js';
import { RunReport } from '../report.js';
import type { DatasetSource } from '../source.js';
import { convertAnnotation } from './annotations.js';
import { imageRecord, keypointCountOf, scanCoco, type CocoScan } from './scan.js';
import { annotationSchema, imageSchema } from './schema.js';

const POLYGONS = 1;
const KEYPOINTS = 2;
const RLE = 4;

/**
 * Opens `jsonPath` record by record. Like openDataset, every record's image header is checked
 * against it (unless `checkImages` is false); failing records are reported and left out.
 */
export async function openCocoSource(jsonPath: string, opts: OpenOptions): Promise<DatasetSource> {
  const ro: ReadOptions = {
    report: opts.report,
    ...(opts.imagesDir !== undefined ? { imagesDir: opts.imagesDir } : {}),
    ...(opts.boxTolerance !== undefined ? { boxTolerance: opts.boxTolerance } : {}),
  };
  const imageStart = f64();
  const imageEnd = f64();
  const flags = u8();
  // Consecutive annotations of one record are one run: one read and one JSON.parse load them all.
  const runRecord = u32();
  const runStart = f64();
  const runEnd = f64();
  let lastRecord = -1;
  let lastElement = -2;
  const scan = await scanCoco(jsonPath, ro, {
    image: (_r, _image, span) => {
      imageStart.push(span.start);
      imageEnd.push(span.end);
      flags.push(0);
    },
    annotation: (r, a, span, element) => {
      if (r === lastRecord && element === lastElement + 1) runEnd.set(runEnd.length - 1, span.end);
      else {
        runRecord.push(r);
        runStart.push(span.start);
        runEnd.push(span.end);
      }
      lastRecord = r;
      lastElement = element;
      flags.set(r, flags.get(r) | (a.polygons && a.polygons.length > 0 ? POLYGONS : 0) | (a.keypoints ? KEYPOINTS : 0) | (a.rle ? RLE : 0));
    },
  });
  // Runs grouped by record (a counting sort that keeps file order within a record).
  const n = scan.records;
  const first = new Uint32Array(n + 1);
  for (let k = 0; k < runRecord.length; k++) first[runRecord.get(k) + 1]!++;
  for (let r = 0; r < n; r++) first[r + 1]! += first[r]!;
  const starts = new Float64Array(runRecord.length);
  const ends = new Float64Array(runRecord.length);
  const fill = first.slice(0, n);
  for (let k = 0; k < runRecord.length; k++) {
    const at = fill[runRecord.get(k)]!++;
    starts[at] = runStart.get(k);
    ends[at] = runEnd.get(k);
  }
  const source = new CocoSource(await JsonFile.open(jsonPath), scan, ro, imageStart.view(), imageEnd.view(), first, starts, ends, flags.view());
  if (opts.checkImages !== false) {
    try {
      await source.checkImages(opts);
    } catch (e) {
      await source.close();
      throw e;
    }
  }
  return source;
}

class CocoSource implements DatasetSource {
  readonly header: DatasetHeader;
  size: number;
  kinds: TargetKinds;
  /** Kept records (after the image checks) -> record index; null: all of them. */
  private order: Uint32Array | null = null;
  /** Sizes read from image headers for records that state none (0: not filled). */
  private widths: Uint32Array | null = null;
  private heights: Uint32Array | null = null;

  constructor(
    private readonly json: JsonFile,
    private readonly scan: CocoScan,
    private readonly ro: ReadOptions,
    private readonly imageStart: Float64Array,
    private readonly imageEnd: Float64Array,
    private readonly runFirst: Uint32Array,
    private readonly runStart: Float64Array,
    private readonly runEnd: Float64Array,
    private readonly flags: Uint8Array,
  ) {
    this.header = scan.header;
    this.size = scan.records;
    this.kinds = this.kindsOf(null);
  }

  async record(i: number): Promise<ImageRecord> {
    const r = this.order ? this.order[i]! : i;
    const record = await this.load(r);
    const w = this.widths?.[r] ?? 0;
    return w > 0 ? { ...record, width: w, height: this.heights![r]! } : record;
  }

  async close(): Promise<void> {
    await this.json.close();
  }

  /** checkImages of open.ts, record by record: skipped records are reported and left out. */
  async checkImages(opts: OpenOptions): Promise<void> {
    const n = this.size;
    const keep = new Uint8Array(n);
    let next = 0;
    let done = 0;
    const lane = async (): Promise<void> => {
      while (next < n) {
        const r = next++;
        const record = await this.load(r);
        try {
          const size = await checkRecordImage(this.header, record, opts);
          keep[r] = 1;
          if (record.width === undefined || record.height === undefined) {
            this.widths ??= new Uint32Array(n);
            this.heights ??= new Uint32Array(n);
            this.widths[r] = size.width;
            this.heights[r] = size.height;
          }
        } catch (e) {
          if (!(e instanceof AuguryError)) throw e;
          keep[r] = 0;
          opts.report.skip(e, e.code);
        } finally {
          opts.onProgress?.(++done, n);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, n) }, lane));
    let kept = 0;
    for (let r = 0; r < n; r++) kept += keep[r]!;
    if (kept < n) {
      this.order = new Uint32Array(kept);
      for (let r = 0, j = 0; r < n; r++) if (keep[r]) this.order[j++] = r;
    }
    this.size = kept;
    this.kinds = this.kindsOf(this.order);
  }

  private kindsOf(order: Uint32Array | null): TargetKinds {
    let bits = 0;
    const count = order ? order.length : this.flags.length;
    for (let j = 0; j < count; j++) bits |= this.flags[order ? order[j]! : j]!;
    return { polygons: (bits & POLYGONS) !== 0, keypoints: (bits & KEYPOINTS) !== 0, rle: (bits & RLE) !== 0 };
  }

  /** Record `r` of the walk, read back from the file and converted as the walk did. */
  private async load(r: number): Promise<ImageRecord> {
    const file = this.json.path;
    const changed = (): AuguryError =>
      new AuguryError({ code: 'io', message: 'the annotation file changed while it was being read', file, record: `record ${r}`, hint: 'rerun once the file is no longer being written' });
    try {
      const image = imageSchema.safeParse(JSON.parse(await this.json.text({ start: this.imageStart[r]!, end: this.imageEnd[r]! })));
      if (!image.success) throw changed();
      const annotations: Annotation[] = [];
      // Clipped boxes and other notes were reported by the walk; a second read stays quiet.
      const quiet = new RunReport('skip');
      for (let k = this.runFirst[r]!; k < this.runFirst[r + 1]!; k++) {
        const values = JSON.parse(`[${await this.json.text({ start: this.runStart[k]!, end: this.runEnd[k]! })}]`) as unknown[];
        for (const value of values) {
          const a = annotationSchema.safeParse(value);
          const category = a.success ? this.scan.categories.indexOf.get(a.data.category_id) : undefined;
          if (!a.success || category === undefined) throw changed();
          annotations.push(
            convertAnnotation(a.data, {
              file,
              record: `image ${String(image.data.id)}`,
              report: quiet,
              width: image.data.width,
              height: image.data.height,
              category,
              keypointCount: keypointCountOf(this.scan, category, a.data),
              boxTolerance: this.ro.boxTolerance,
            }),
          );
        }
      }
      return imageRecord(image.data, annotations);
    } catch (e) {
      if (e instanceof AuguryError && e.code === 'io') throw e;
      throw changed();
    }
  }
}
