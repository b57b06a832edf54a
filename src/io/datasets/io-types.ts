/** Options and callbacks shared by every dataset reader and writer. */
import type { ImageRecord } from './model.js';
import type { RunReport } from './report.js';

export interface ReadOptions {
  /** Where skipped and clipped records are counted; its `onError` decides skip or fail. */
  readonly report: RunReport;
  /** Image folder given by the user (`--images DIR`), overriding the format's own layout. */
  readonly imagesDir?: string;
  /** Split to read when the format has splits (`train`, `val`, `test`). */
  readonly split?: string;
  /** Pixels a box may reach past the border and still be clipped rather than refused. */
  readonly boxTolerance?: number;
  /**
   * Size of an image file as augury will see it (oriented by EXIF unless told otherwise).
   * Formats that store normalized coordinates (YOLO) need it to place boxes in pixels.
   */
  readonly sizeOf?: (absolutePath: string) => Promise<{ width: number; height: number }>;
}

/** Writes the image of `record` to `destination` (absolute path chosen by the writer). */
export type ImageSink = (record: ImageRecord, destination: string) => Promise<void>;

export interface WriteOptions {
  readonly report: RunReport;
  readonly emitImage: ImageSink;
}

export interface WriteResult {
  /** Every file written (annotation files and images), absolute paths. */
  readonly files: readonly string[];
}
