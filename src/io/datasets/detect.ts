/** Works out which dataset format a path holds. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AuguryError } from '../../core/errors.js';
import { isImageFile } from './files.js';
import type { DatasetFormat } from './model.js';


export const ACCEPTED_FORMS =
  'a COCO .json file, a folder holding one COCO .json and its images, a YOLO data.yaml or folder (images/ + labels/), a Pascal VOC folder (Annotations/ + JPEGImages/), or a class-folder root (one subfolder per class)';

export interface Detected {
  readonly format: DatasetFormat;
  /** The path the format's reader takes (the COCO json, the YOLO yaml or folder, the root). */
  readonly path: string;
}

async function statOrNull(p: string) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

/** Detects the format of `path`; `forced` (from `--format`) skips detection but still finds the file. */
export async function detectDataset(path: string, forced?: DatasetFormat): Promise<Detected> {
  const st = await statOrNull(path);
  if (!st) {
    throw new AuguryError({ code: 'io', message: 'dataset path does not exist', file: path, hint: `point at ${ACCEPTED_FORMS}` });
  }
  if (st.isFile()) {
    const ext = extname(path).toLowerCase();
    if (forced) return { format: forced, path };
    if (ext === '.json') return { format: 'coco', path };
    if (ext === '.yaml' || ext === '.yml') return { format: 'yolo', path };
    throw new AuguryError({ code: 'unknown-format', message: 'cannot tell the dataset format of this file', file: path, expected: 'a .json (COCO) or .yaml (YOLO) file', hint: `pass --format coco|yolo|voc|folder, or point at ${ACCEPTED_FORMS}` });
  }
  const entries = await readdir(path, { withFileTypes: true });
  const names = new Set(entries.map((e) => e.name));
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  // augury's own run manifest (augury.manifest.json) sits beside augmented COCO files.
  const jsons = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json') && !e.name.endsWith('.manifest.json')).map((e) => e.name);
  const yamls = entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => e.name);

  // COCO: a json beside the images, or in annotations/ (the layout COCO itself ships).
  let cocoJsons = jsons.map((j) => join(path, j));
  if (cocoJsons.length === 0 && names.has('annotations') && (await statOrNull(join(path, 'annotations')))?.isDirectory()) {
    cocoJsons = (await readdir(join(path, 'annotations'))).filter((f) => f.toLowerCase().endsWith('.json')).map((f) => join(path, 'annotations', f));
  }
  if (forced === 'coco' || (!forced && cocoJsons.length > 0 && !names.has('Annotations'))) {
    if (cocoJsons.length === 1) return { format: 'coco', path: cocoJsons[0]! };
    if (cocoJsons.length > 1) {
      throw new AuguryError({ code: 'usage', message: 'the folder holds several COCO json files', file: path, received: cocoJsons.map((c) => c.slice(path.length + 1)).join(', '), hint: 'pass the json file itself as the dataset' });
    }
    throw new AuguryError({ code: 'unknown-format', message: 'no COCO .json file in this folder', file: path, hint: 'pass the json file itself' });
  }
  if (forced === 'yolo' || (!forced && (yamls.length > 0 || (names.has('images') && names.has('labels'))))) {
    return { format: 'yolo', path };
  }
  if (forced === 'voc' || (!forced && names.has('Annotations'))) return { format: 'voc', path };
  if (forced === 'folder') return { format: 'folder', path };
  if (dirs.length > 0) {
    for (const d of dirs) {
      const inner = await readdir(join(path, d));
      if (inner.some(isImageFile)) return { format: 'folder', path };
    }
  }
  throw new AuguryError({ code: 'unknown-format', message: 'cannot tell the dataset format of this folder', file: path, expected: ACCEPTED_FORMS, hint: 'pass --format coco|yolo|voc|folder, or point at the annotation file' });
}
