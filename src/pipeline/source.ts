/**
 * Where a loader's samples come from, described as plain data so that a worker thread (or, later,
 * a worker on another machine) can open the same source by itself: a dataset on disk, or a module
 * that builds samples in memory (the Fashion-MNIST example reads IDX files this way).
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AuguryError } from '../core/errors.js';
import type { PartnerProvider } from '../core/mix.js';
import type { DatasetFormat } from '../io/datasets/model.js';
import { openDataset, type ExifMode } from '../io/datasets/open.js';
import { RunReport } from '../io/datasets/report.js';
import { loadSample } from '../io/datasets/sample.js';
import { datasetPartners } from '../io/partners.js';
import type { Sample } from '../targets/sample.js';

/** A dataset on disk, opened with `openDataset` (every worker opens it the same way). */
export interface DatasetSourceSpec {
  readonly kind: 'dataset';
  readonly path: string;
  readonly format?: DatasetFormat;
  readonly split?: string;
  readonly imagesDir?: string;
  readonly exif?: ExifMode;
  readonly maxPixels?: number;
}

/**
 * A module whose export (default: `openSource`) takes `options` and returns a `SampleSource`.
 * `module` is an absolute path or a file: URL; `options` must be structured-cloneable.
 */
export interface ModuleSourceSpec {
  readonly kind: 'module';
  readonly module: string;
  readonly export?: string;
  readonly options?: unknown;
}

export type SourceSpec = DatasetSourceSpec | ModuleSourceSpec;

/** Samples by index, plus what a loader needs to know to batch them. */
export interface SampleSource {
  readonly size: number;
  readonly task: 'classification' | 'detection';
  /** Category names, in class-index order; their count is the width of soft labels. */
  readonly categories: readonly string[];
  /** Decodes sample `index` (0 <= index < size). */
  load(index: number): Promise<Sample>;
  /** Partners for mix steps; default: the source itself, ids are sample ids. */
  readonly partners?: PartnerProvider;
  /**
   * Identifies the content; a worker refuses to run when its copy differs from the main
   * thread's, since indices would then name other samples. Default: a hash of the sample ids.
   */
  readonly fingerprint?: string;
  /** Records the source skipped when it opened (unreadable image, size mismatch), as messages. */
  readonly skipped?: readonly string[];
}

/** Opens a source from its spec; the same spec gives the same samples in any thread. */
export async function openSource(spec: SourceSpec): Promise<SampleSource> {
  if (spec.kind === 'dataset') return openDatasetSource(spec);
  const url = spec.module.startsWith('file:') ? spec.module : pathToFileURL(isAbsolute(spec.module) ? spec.module : resolve(spec.module)).href;
  const name = spec.export ?? 'openSource';
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(url);
  } catch (e) {
    throw new AuguryError({ code: 'io', message: `cannot import the sample source module: ${(e as Error).message}`, file: spec.module, hint: 'give an absolute path or file: URL of a module that exports the source factory', cause: e });
  }
  const factory = mod[name];
  if (typeof factory !== 'function') {
    throw new AuguryError({
      code: 'usage',
      message: 'the sample source module does not export the factory',
      file: spec.module,
      key: 'export',
      expected: `a function named "${name}"`,
      received: Object.keys(mod).join(', ') || 'no exports',
      hint: 'export a function (options) => SampleSource, or name it with "export"',
    });
  }
  return (await (factory as (o: unknown) => SampleSource | Promise<SampleSource>)(spec.options)) as SampleSource;
}

/**
 * `import()`, falling back to `require` for a file type the ESM loader does not know: running from
 * source, piscina loads the worker through tsx's CommonJS hook, and there only `require` compiles
 * a .ts module.
 */
async function importModule(url: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    return createRequire(url)(fileURLToPath(url)) as Record<string, unknown>;
  }
}

async function openDatasetSource(spec: DatasetSourceSpec): Promise<SampleSource> {
  const report = new RunReport();
  const index = await openDataset(spec.path, {
    report,
    ...(spec.format ? { format: spec.format } : {}),
    ...(spec.split !== undefined ? { split: spec.split } : {}),
    ...(spec.imagesDir !== undefined ? { imagesDir: spec.imagesDir } : {}),
    ...(spec.exif ? { exif: spec.exif } : {}),
    ...(spec.maxPixels !== undefined ? { maxPixels: spec.maxPixels } : {}),
  });
  const load = { exif: spec.exif ?? 'apply', ...(spec.maxPixels !== undefined ? { maxPixels: spec.maxPixels } : {}) } as const;
  return {
    size: index.records.length,
    task: index.task,
    categories: index.categories.map((c) => c.name),
    load: (i) => loadSample(index, i, load),
    partners: datasetPartners(index, load),
    skipped: report.entries.map((e) => e.message),
    fingerprint: hashOf(index.records.map((r) => `${r.file}:${r.width ?? ''}x${r.height ?? ''}:${r.annotations.length}`)),
  };
}

/** A short content hash of a list of strings. */
export function hashOf(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\n');
  return h.digest('hex').slice(0, 16);
}

/** The source's fingerprint, or a hash of its size and category names when it has none. */
export function fingerprintOf(s: SampleSource): string {
  return s.fingerprint ?? hashOf([String(s.size), ...s.categories]);
}

/** Partners drawn from any source: ids are the sample ids; `byId` is a linear scan (replay only). */
export function sourcePartners(s: SampleSource): PartnerProvider {
  if (s.partners) return s.partners;
  return {
    size: s.size,
    get: async (i) => {
      const sample = await s.load(i);
      return { id: sample.id, sample };
    },
    byId: async (id) => {
      for (let i = 0; i < s.size; i++) {
        const sample = await s.load(i);
        if (sample.id === id) return sample;
      }
      throw new AuguryError({ code: 'validation', message: `the trace names partner "${id}", which is not in the source`, hint: 'replay the trace against the source it was recorded on' });
    },
  };
}
