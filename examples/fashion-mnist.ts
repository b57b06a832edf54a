/**
 * Fashion-MNIST as a loader source: a small reader of the IDX files (the format MNIST ships in),
 * gzipped or not. Debian's `dataset-fashion-mnist` installs them in /usr/share/datasets/fashion-mnist.
 *
 * IDX: a big-endian header (0x0000, a type byte, 0x08 = uint8, and the number of dimensions),
 * one uint32 per dimension, then the values row-major. Images are 28x28 grey uint8; labels 0-9.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AuguryError } from '../src/core/errors.js';
import type { SampleSource } from '../src/pipeline/source.js';
import { classLabel } from '../src/targets/label.js';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Reads an IDX file of unsigned bytes: its dimensions and its values. */
export function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 0x08) {
    throw new AuguryError({ code: 'parse', message: 'not an IDX file of unsigned bytes', file, expected: 'magic 00 00 08 <ndim>', received: Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' '), hint: 'point at the *-idx3-ubyte(.gz) and *-idx1-ubyte(.gz) files of MNIST or Fashion-MNIST' });
  }
  const ndim = buf[3]!;
  const dims = Array.from({ length: ndim }, (_, k) => buf.readUInt32BE(4 + 4 * k));
  const start = 4 + 4 * ndim;
  const count = dims.reduce((a, b) => a * b, 1);
  if (buf.length - start < count) {
    throw new AuguryError({ code: 'parse', message: 'the IDX file is shorter than its header says', file, expected: `${count} values`, received: `${buf.length - start}`, hint: 'the download or copy was cut short; fetch the file again' });
  }
  return { dims, data: new Uint8Array(buf.buffer, buf.byteOffset + start, count) };
}

export interface FashionMnistOptions {
  /** Folder with the IDX files; default Debian's. */
  readonly dir?: string;
  readonly split?: 'train' | 't10k';
  /** Use the first `limit` images only. */
  readonly limit?: number;
}

/** The loader source factory (a ModuleSourceSpec names it): samples are 28x28x1 images with class labels. */
export function openSource(o: FashionMnistOptions = {}): SampleSource {
  const dir = o.dir ?? FASHION_MNIST_DIR;
  const split = o.split ?? 'train';
  const find = (kind: string): string => join(dir, `${split}-${kind}-ubyte.gz`);
  const images = readIdx(find('images-idx3'));
  const labels = readIdx(find('labels-idx1'));
  const [n, h, w] = images.dims as [number, number, number];
  if (labels.dims[0] !== n) {
    throw new AuguryError({ code: 'validation', message: 'image and label files disagree on the count', file: find('labels-idx1'), expected: String(n), received: String(labels.dims[0]), hint: 'use the images and labels of the same split' });
  }
  const size = Math.min(n, o.limit ?? n);
  return {
    size,
    task: 'classification',
    categories: FASHION_MNIST_CLASSES,
    fingerprint: `fashion-mnist:${split}:${size}`,
    load: async (i) => ({
      id: `${split}-${i}`,
      // A copy: the sample owns its pixels, so a worker can transfer them.
      image: { width: w, height: h, channels: 1, dtype: 'uint8', data: images.data.slice(i * w * h, (i + 1) * w * h) },
      label: classLabel(labels.data[i]!),
    }),
  };
}
