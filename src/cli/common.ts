/** Options and helpers shared by the dataset commands. */
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { AuguryError } from '../core/errors.js';
import type { DatasetFormat } from '../io/datasets/model.js';
import type { OpenOptions, ExifMode } from '../io/datasets/open.js';
import { RunReport, type OnError } from '../io/datasets/report.js';

export const EXIT = { ok: 0, warnings: 1, error: 2 } as const;

/** What a command gets from the CLI: where to print, and how to report its exit code. */
export interface CommandContext {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly setExitCode: (code: number) => void;
}

export interface DatasetCliOptions {
  format?: DatasetFormat;
  images?: string;
  split?: string;
  onError: OnError;
  exif: ExifMode;
  maxPixels?: number;
  boxTolerance?: number;
  strict?: boolean;
  json?: boolean;
}

function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) {
      throw new AuguryError({ code: 'usage', message: 'expected a positive number', key: name, received: JSON.stringify(v) });
    }
    return n;
  };
}

/** Adds the reading options every dataset command takes. */
export function addDatasetOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'skip detection: the input format').choices(['coco', 'yolo', 'voc', 'folder']))
    .option('--images <dir>', 'image folder, when images are not where the format expects them')
    .option('--split <name>', 'split to read (YOLO data.yaml, VOC ImageSets)')
    .addOption(new Option('--on-error <mode>', 'skip bad records and report them, or fail on the first').choices(['skip', 'fail']).default('skip'))
    .addOption(new Option('--exif <mode>', 'apply EXIF orientation on read, or read pixels as stored').choices(['apply', 'ignore']).default('apply'))
    .option('--max-pixels <n>', 'refuse images with more pixels than this (decompression bombs); default sharp\'s limit, 268402689', positiveNumber('--max-pixels'))
    .option('--box-tolerance <px>', 'pixels a box may reach past the border and still be clipped (default 1)', positiveNumber('--box-tolerance'))
    .option('--strict', 'exit 1 when records were skipped or warnings given')
    .option('--json', 'print one JSON document on stdout');
}

export function openOptions(o: DatasetCliOptions, report: RunReport): OpenOptions {
  return {
    report,
    exif: o.exif,
    ...(o.format ? { format: o.format } : {}),
    ...(o.images ? { imagesDir: o.images } : {}),
    ...(o.split ? { split: o.split } : {}),
    ...(o.maxPixels !== undefined ? { maxPixels: o.maxPixels } : {}),
    ...(o.boxTolerance !== undefined ? { boxTolerance: o.boxTolerance } : {}),
  };
}

/** A progress bar on stderr when it is a terminal; silent otherwise (logs and CI stay clean). */
export function progress(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const b = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        b.start(total, 0);
        started = true;
      }
      b.update(done);
    },
    stop: () => {
      if (started) b.stop();
    },
  };
}

/** The report as text lines: what was skipped, clipped, dropped, and why. */
export function reportLines(report: RunReport): string[] {
  const lines: string[] = [];
  for (const g of report.summary()) {
    lines.push(`${g.kind} ${g.count} x ${g.reason}`);
    for (const ex of g.examples) lines.push(`    e.g. ${ex}`);
    if (g.count > g.examples.length) lines.push(`    ... and ${g.count - g.examples.length} more`);
  }
  return lines;
}

export function reportJson(report: RunReport) {
  return {
    skipped: report.count('skipped'),
    clipped: report.count('clipped'),
    warnings: report.count('warning'),
    dropped: report.count('dropped-field'),
    groups: report.summary(),
  };
}

/** Exit code of a finished dataset command (DESIGN.md). */
export function exitCode(report: RunReport, strict: boolean | undefined): number {
  if (strict && (report.count('skipped') > 0 || report.count('warning') > 0)) return EXIT.warnings;
  return EXIT.ok;
}
