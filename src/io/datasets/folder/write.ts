/**
 * Writes a classification DatasetIndex as class folders: `<class>/<image>`, or
 * `<split>/<class>/<image>` when records carry splits (so train and val images never mix).
 * Every class gets its folder, even an empty one, so that class indices survive a round trip.
 */
import { mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { AuguryError, show } from '../../../core/errors.js';
import type { WriteOptions, WriteResult } from '../io-types.js';
import type { DatasetIndex } from '../model.js';
import { writeFileAtomic } from '../../atomic.js';
import { emitOrSkip } from '../emit.js';
import { checkSplitName, UniqueNames } from '../files.js';

/**
 * Writes `index` as class folders under `outDir`. Refuses detection data: a class folder holds
 * one label per image. File names that clash inside a class folder get `_1`, `_2`, ... in record
 * order, and each rename is reported.
 *
 * @example
 * await writeFolder(index, 'out/classes', { report, emitImage: copyImage });
 */
export async function writeFolder(index: DatasetIndex, outDir: string, opts: WriteOptions): Promise<WriteResult> {
  if (index.task === 'detection') {
    const objects = index.records.reduce((n, r) => n + r.annotations.length, 0);
    throw new AuguryError({
      code: 'unsupported',
      message: `class folders hold one label per image; this dataset has boxes (${objects} objects in ${index.records.length} images)`,
      hint: 'crop the objects into their own images first, or write the dataset with --to coco, --to yolo or --to voc',
    });
  }
  const folders = classFolders(index, opts);
  const withSplit = index.records.some((r) => r.split !== undefined);
  const splitDirs = withSplit ? [...new Set(index.records.map((r) => (r.split !== undefined ? checkSplitName(r.split) : '')))] : [''];
  for (const s of splitDirs) for (const f of folders) await mkdir(join(outDir, s, f), { recursive: true });

  let lostAttributes = 0;
  // Mixed images carry soft labels, which a folder cannot hold: they go to labels.jsonl beside it.
  const sidecar: string[] = [];
  let softLabels = 0;
  const files: string[] = [];
  const names = new UniqueNames();
  for (const record of index.records) {
    const label = record.label;
    const folder = label !== undefined ? folders[label] : undefined;
    if (folder === undefined) {
      opts.report.skip(
        new AuguryError({
          code: 'bad-annotation',
          message: label === undefined ? 'image has no class label' : 'class label is not one of the categories',
          file: record.file,
          ...(label !== undefined ? { received: String(label), expected: `0..${folders.length - 1}` } : {}),
          hint: 'give the record a class label, or leave the image out',
        }),
        'missing-label',
      );
      continue;
    }
    const split = record.split !== undefined ? checkSplitName(record.split) : '';
    const dir = split === '' ? folder : `${split}/${folder}`;
    const claimed = names.claim(dir, posix.basename(record.file.replace(/\\/g, '/')));
    if (claimed.renamed) opts.report.warn('name-clash', `${record.file} written as ${dir}/${claimed.name}: another image in the class already had that name`, record.file);
    const dest = join(outDir, ...dir.split('/'), claimed.name);
    if (!(await emitOrSkip(opts, record, dest))) continue;
    sidecar.push(JSON.stringify({ file: `${dir}/${claimed.name}`, label: record.label, ...(record.softLabel ? { softLabel: record.softLabel } : {}) }));
    if (record.softLabel) softLabels++;
    files.push(dest);
    if (record.extra && Object.keys(record.extra).length > 0) lostAttributes++;
  }

  const cats = index.categories;
  const drop = (reason: string, n: number, message: string): void => {
    if (n > 0) opts.report.dropped(reason, message);
  };
  drop('image-attributes', lostAttributes, `${lostAttributes} images lost their extra attributes (class folders keep file names only)`);
  const withSuper = cats.filter((c) => c.supercategory !== undefined).length;
  drop('supercategory', withSuper, `${withSuper} categories lost their supercategory`);
  const withExtra = cats.filter((c) => c.extra && Object.keys(c.extra).length > 0).length;
  drop('category-attributes', withExtra, `${withExtra} categories lost their extra attributes`);
  const datasetKeys = index.extra ? Object.keys(index.extra).length : 0;
  drop('dataset-attributes', datasetKeys, `${datasetKeys} dataset-level attributes were dropped`);
  if (softLabels > 0) {
    const path = join(outDir, 'labels.jsonl');
    await writeFileAtomic(path, sidecar.join('\n') + '\n');
    files.push(path);
  }
  return { files };
}

/**
 * One folder name per category. Names that cannot be a folder (`a/b`, `..`, `.x`, empty) or that
 * clash with another class once letter case is ignored are renamed, with a warning.
 */
function classFolders(index: DatasetIndex, opts: WriteOptions): string[] {
  const used = new Set<string>();
  return index.categories.map((c, i) => {
    // A leading dot would hide the folder, and readFolder skips hidden folders.
    let name = c.name.replace(/[/\\\u0000-\u001f]/g, '_').trim().replace(/^\.+/, (dots) => '_'.repeat(dots.length));
    if (name === '') name = `class_${i}`;
    if (used.has(name.toLowerCase())) name = `${name}_${i}`;
    used.add(name.toLowerCase());
    if (name !== c.name) opts.report.warn('class-renamed', `class ${show(c.name)} is written to folder ${show(name)}`);
    return name;
  });
}
