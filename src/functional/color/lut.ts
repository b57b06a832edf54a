/**
 * Lookup tables for integer images. A uint8 image takes a 256-entry `Uint8Array`, a uint16 image
 * a 65536-entry `Uint16Array` (built for the image's `maxValue`). Tables compose, so a chain of
 * point ops can run as a single pass (`composeTables`).
 */
import { AuguryError } from '../../core/errors.js';
import { defaultMaxValue, maxValueOf, type Image, type ImageOf } from '../../targets/image.js';
import { checkImage, INTEGER_DTYPES, ANY_CHANNELS, like, withData } from './common.js';
import { fastLut8 } from '../../backend/fast/color.js';
import { pointFunction, type PointOpKind, type PointOpParams } from './point.js';

export type PointTable = Uint8Array | Uint16Array;

/**
 * Builds the table of a point op for `dtype`; `maxValue` defaults to the dtype's full scale.
 * @example posterize to 3 bits: `lut(img, pointOpTable('posterize', { bits: 3 }, 'uint8'))`
 */
export function pointOpTable<K extends PointOpKind>(
  kind: K,
  params: PointOpParams[K],
  dtype: 'uint8' | 'uint16',
  maxValue: number = defaultMaxValue(dtype),
): PointTable {
  const fn = pointFunction(kind, params, dtype, maxValue);
  const table = dtype === 'uint8' ? new Uint8Array(256) : new Uint16Array(65536);
  for (let i = 0; i < table.length; i++) table[i] = fn(i);
  return table;
}

/** The table of `second` applied after `first` (`out[i] = second[first[i]]`). */
export function composeTables(first: PointTable, second: PointTable): PointTable {
  if (first.length !== second.length || first.constructor !== second.constructor) {
    throw new AuguryError({
      code: 'validation',
      key: 'composeTables',
      message: 'lookup tables of different dtypes cannot be composed',
      expected: `two tables of ${first.length} entries`,
      received: `${first.length} and ${second.length} entries`,
      hint: 'build both tables with pointOpTable for the same dtype',
    });
  }
  const out = first instanceof Uint8Array ? new Uint8Array(256) : new Uint16Array(65536);
  for (let i = 0; i < out.length; i++) out[i] = second[first[i]!]!;
  return out;
}

/**
 * Maps every color sample through `table` (or one table per color channel). Alpha passes through.
 * Supports uint8 (256-entry Uint8Array) and uint16 (65536-entry Uint16Array), 1, 3 or 4 channels.
 */
export function lut(img: Image, table: PointTable | readonly PointTable[]): Image {
  checkImage(img, 'lut', { dtypes: INTEGER_DTYPES, channels: ANY_CHANNELS });
  const tables = isTableList(table) ? table : [table];
  const colors = img.channels === 1 ? 1 : 3;
  if (tables.length !== 1 && tables.length !== colors) {
    throw new AuguryError({
      code: 'validation',
      key: 'lut.table',
      message: 'wrong number of lookup tables',
      expected: `1 or ${colors} tables`,
      received: String(tables.length),
      hint: 'pass one table for all color channels or one per color channel',
    });
  }
  const size = img.dtype === 'uint8' ? 256 : 65536;
  const ctor = img.dtype === 'uint8' ? Uint8Array : Uint16Array;
  for (const t of tables) {
    if (!(t instanceof ctor) || t.length !== size) {
      throw new AuguryError({
        code: 'validation',
        key: 'lut.table',
        message: `lookup table does not fit a ${img.dtype} image`,
        expected: `${ctor.name} of ${size} entries`,
        received: `${t.constructor.name} of ${t.length} entries`,
        hint: `build the table with pointOpTable(kind, params, '${img.dtype}')`,
      });
    }
  }
  const max = Math.min(maxValueOf(img), size - 1);
  if (img.dtype === 'uint8') {
    const fast = fastLut8(img.data, img.channels, channelTables(tables as readonly Uint8Array[], img.channels, max));
    if (fast) return withData(img, 'uint8', fast);
  }
  const out = like(img as ImageOf<'uint8'>) as Image;
  const src = img.data as Uint8Array | Uint16Array;
  const dst = out.data;
  const ch = img.channels;
  if (tables.length === 1 && ch !== 4) {
    const t = tables[0]!;
    for (let i = 0; i < src.length; i++) dst[i] = Math.min(t[src[i]!]!, max);
    return out;
  }
  for (let i = 0; i < src.length; i++) {
    const c = i % ch;
    dst[i] = c === 3 ? src[i]! : Math.min(tables[tables.length === 1 ? 0 : c]![src[i]!]!, max);
  }
  return out;
}

/**
 * The table of each channel as `lut` applies it: entries clamped to `max` (a uint8 image with a
 * lower maxValue), alpha mapped to itself.
 */
function channelTables(tables: readonly Uint8Array[], channels: number, max: number): Uint8Array[] {
  const clamped = tables.map((t) => (max >= 255 ? t : t.map((v) => Math.min(v, max))));
  return Array.from({ length: channels }, (_, c) => (c === 3 ? IDENTITY8 : clamped[tables.length === 1 ? 0 : c]!));
}

const IDENTITY8 = Uint8Array.from({ length: 256 }, (_, i) => i);

function isTableList(t: PointTable | readonly PointTable[]): t is readonly PointTable[] {
  return Array.isArray(t);
}

/** Applies a point op to any dtype: through a table for integers, through its sample function for float32. */
export function applyPointOp<K extends PointOpKind>(img: Image, kind: K, params: PointOpParams[K]): Image {
  checkImage(img, kind, { dtypes: ['uint8', 'uint16', 'float32'], channels: ANY_CHANNELS });
  const max = maxValueOf(img);
  if (img.dtype !== 'float32') return lut(img, pointOpTable(kind, params, img.dtype, max));
  const fn = pointFunction(kind, params, 'float32', max);
  const out = like(img);
  const src = img.data;
  const dst = out.data;
  const ch = img.channels;
  for (let i = 0; i < src.length; i++) dst[i] = i % ch === 3 ? src[i]! : fn(src[i]!);
  return out;
}
