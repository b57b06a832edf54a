/**
 * The Ultralytics dataset file (`data.yaml`): where it is, and what it says. Errors here are about
 * the whole dataset, so they are thrown, never skipped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { AuguryError, show } from '../../../core/errors.js';
import type { KeypointSchema } from '../model.js';
import { byCodeUnit, displayPath } from '../files.js';

/** Split keys Ultralytics knows, in the order data.yaml files list them. */
export const YOLO_SPLITS = ['train', 'val', 'test'] as const;

/** Keys this module interprets; every other top-level key is kept in `extra`. */
export const MANAGED_KEYS: readonly string[] = ['path', ...YOLO_SPLITS, 'names', 'nc', 'kpt_shape', 'flip_idx'];

export interface YoloConfig {
  /** Absolute path of the yaml file. */
  readonly yamlFile: string;
  /** Absolute dataset root (`path`, relative to the yaml's folder). */
  readonly root: string;
  /** Split name -> entries as written (folders, .txt lists or image files, relative to root). */
  readonly splits: Readonly<Record<string, readonly string[]>>;
  /** Class names by index. */
  readonly names: readonly string[];
  /** Set when names were made up from `nc` (`class_0`, ...). */
  readonly namesFromNc: boolean;
  readonly keypoints?: KeypointSchema;
  readonly extra: Readonly<Record<string, unknown>>;
}

/**
 * Finds the dataset yaml for a path: the file itself, or inside a folder `data.yaml`,
 * `dataset.yaml`, or the only `*.yaml`/`*.yml` there. Undefined when a folder has none.
 */
export async function findDataYaml(path: string): Promise<string | undefined> {
  const abs = resolve(path);
  const s = await stat(abs).catch(() => undefined);
  if (!s) {
    throw new AuguryError({
      code: 'io',
      message: 'no such file or folder',
      file: path,
      hint: 'point at a YOLO data.yaml or at the folder that holds it',
    });
  }
  if (s.isFile()) return abs;
  const names = (await readdir(abs)).sort(byCodeUnit);
  for (const preferred of ['data.yaml', 'dataset.yaml']) if (names.includes(preferred)) return join(abs, preferred);
  const yamls = names.filter((n) => /\.ya?ml$/i.test(n));
  if (yamls.length === 1) return join(abs, yamls[0]!);
  if (yamls.length > 1) {
    throw new AuguryError({
      code: 'usage',
      message: 'the folder holds several yaml files and none is named data.yaml',
      file: path,
      received: yamls.join(', '),
      hint: 'pass the dataset yaml itself instead of the folder',
    });
  }
  return undefined;
}

/** Reads and validates a dataset yaml. */
export async function loadDataYaml(yamlFile: string): Promise<YoloConfig> {
  const file = displayPath(yamlFile);
  let text: string;
  try {
    text = await readFile(yamlFile, 'utf8');
  } catch (e) {
    throw new AuguryError({ code: 'io', message: `cannot read the dataset yaml: ${(e as Error).message}`, file, cause: e });
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    throw new AuguryError({
      code: 'parse',
      message: `the dataset yaml is not valid YAML: ${err.message.split('\n')[0]!.replace(/[:\s]+$/, '')}`,
      file,
      ...(line !== undefined ? { record: `line ${line}` } : {}),
      hint: 'fix the YAML syntax: one `key: value` per line, lists as `[a, b]` or `- item` lines, matching brackets and quotes',
    });
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new AuguryError({
      code: 'validation',
      message: 'data.yaml must be a mapping of keys to values',
      file,
      received: show(data),
      hint: 'write keys such as `path`, `train`, `val` and `names` at the top level',
    });
  }
  return configFrom(data as Record<string, unknown>, yamlFile, file);
}

function configFrom(data: Record<string, unknown>, yamlFile: string, file: string): YoloConfig {
  const fail = (key: string, message: string, received: unknown, hint: string, expected?: string): never => {
    throw new AuguryError({ code: 'validation', message, file, key, received: show(received), hint, ...(expected ? { expected } : {}) });
  };
  const base = dirname(yamlFile);
  const pathValue = data['path'];
  if (pathValue !== undefined && pathValue !== null && typeof pathValue !== 'string') {
    fail('path', 'path must be a folder name', pathValue, 'set `path:` to the dataset root folder, relative to this file');
  }
  const root = typeof pathValue === 'string' && pathValue !== '' ? resolve(base, pathValue) : base;

  const splits: Record<string, string[]> = {};
  for (const key of YOLO_SPLITS) {
    const v = data[key];
    if (v === undefined || v === null || v === '') continue;
    const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
    if (!list) fail(key, `${key} must be a folder, a .txt list of images, or a list of them`, v, `write \`${key}: images/${key}\``);
    else splits[key] = list;
  }

  const nc = data['nc'];
  if (nc !== undefined && (typeof nc !== 'number' || !Number.isInteger(nc) || nc < 0)) {
    fail('nc', 'nc must be a non-negative integer', nc, 'set nc to the number of classes, or remove it and keep names');
  }
  let names: string[];
  let namesFromNc = false;
  const rawNames = data['names'];
  if (Array.isArray(rawNames)) {
    names = rawNames.map((n) => String(n));
  } else if (rawNames !== null && typeof rawNames === 'object') {
    const entries = Object.entries(rawNames as Record<string, unknown>);
    names = new Array<string>(entries.length);
    for (const [k, v] of entries) {
      const i = Number(k);
      if (!/^\d+$/.test(k) || i >= entries.length || names[i] !== undefined) {
        fail('names', 'names keys must be the class indices 0..n-1', Object.keys(rawNames), 'number the classes 0, 1, 2, ... without gaps', `0..${entries.length - 1}`);
      }
      names[i] = String(v);
    }
  } else if (rawNames === undefined || rawNames === null) {
    if (typeof nc !== 'number') fail('names', 'data.yaml has neither names nor nc', rawNames, 'add `names: [first, second, ...]` with one name per class index');
    names = Array.from({ length: nc as number }, (_, i) => `class_${i}`);
    namesFromNc = true;
  } else {
    names = fail('names', 'names must be a list or a map from class index to name', rawNames, 'write `names: [cat, dog]` or `names: {0: cat, 1: dog}`');
  }
  if (typeof nc === 'number' && nc !== names.length) {
    fail('nc', 'nc does not match the number of names', nc, 'remove nc (names is enough) or make it equal to the number of names', String(names.length));
  }

  const keypoints = keypointsFrom(data, fail);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!MANAGED_KEYS.includes(k)) extra[k] = v;
  return { yamlFile, root, splits, names, namesFromNc, ...(keypoints ? { keypoints } : {}), extra };
}

type Fail = (key: string, message: string, received: unknown, hint: string, expected?: string) => never;

function keypointsFrom(data: Record<string, unknown>, fail: Fail): KeypointSchema | undefined {
  const shape = data['kpt_shape'];
  const flip = data['flip_idx'];
  if (shape === undefined || shape === null) {
    if (flip !== undefined && flip !== null) fail('flip_idx', 'flip_idx needs kpt_shape', flip, 'add `kpt_shape: [K, 3]` or remove flip_idx');
    return undefined;
  }
  const ok = Array.isArray(shape) && shape.length === 2 && Number.isInteger(shape[0]) && (shape[0] as number) > 0 && (shape[1] === 2 || shape[1] === 3);
  if (!ok) fail('kpt_shape', 'kpt_shape must be [number of keypoints, 2 or 3]', shape, 'write `kpt_shape: [17, 3]` for 17 keypoints stored as x y visibility', '[K, 2] or [K, 3]');
  const [count, dims] = shape as [number, 2 | 3];
  if (flip === undefined || flip === null) return { count, dims };
  const isPerm =
    Array.isArray(flip) &&
    flip.length === count &&
    flip.every((v) => Number.isInteger(v) && v >= 0 && v < count) &&
    new Set(flip).size === count;
  if (!isPerm) {
    fail(
      'flip_idx',
      'flip_idx must list each keypoint index 0..K-1 exactly once',
      flip,
      'give, for each keypoint, the index of its mirror partner (itself when it has none), e.g. [0, 2, 1] for nose, left eye, right eye',
      `a permutation of 0..${count - 1}`,
    );
  }
  return { count, dims, flipIndex: flip as number[] };
}
