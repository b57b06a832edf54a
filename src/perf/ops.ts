/**
 * The per-op benchmark: the ops of the throughput issue's table with their settings and the
 * reference figures (Albumentations 1.3.1 on OpenCV 4.6, one pinned core of the development
 * machine). One call = a JS Image in, a new Image out, p = 1, params sampled.
 */
import '../transforms/index.js';
import { wasmCallCount } from '../backend/select.js';
import { applyStep } from '../core/apply.js';
import { getTransform } from '../core/registry.js';
import { Rng } from '../core/rng.js';
import { parseOptions } from '../core/schema.js';
import { sharpCodec } from '../io/codecs/index.js';
import type { Image } from '../targets/image.js';
import { medianRate, roundTo } from './timing.js';

export type BenchSize = '500x375' | '224x224';
export const BENCH_SIZES: readonly BenchSize[] = ['500x375', '224x224'];

export interface OpSpec {
  /** The first word of the table row. */
  readonly name: string;
  readonly transform: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Albumentations images/s per size; null where the issue gives none. */
  readonly reference: Readonly<Record<BenchSize, number | null>>;
}

const ref = (a: number, b: number | null): Record<BenchSize, number | null> => ({ '500x375': a, '224x224': b });

export const OPS: readonly OpSpec[] = [
  { name: 'HorizontalFlip', transform: 'HorizontalFlip', options: {}, reference: ref(8137, 46507) },
  { name: 'VerticalFlip', transform: 'VerticalFlip', options: {}, reference: ref(54839, 146111) },
  { name: 'Rotate', transform: 'Rotate', options: { limit: 45, interpolation: 'bilinear', border: 'constant' }, reference: ref(1170, 4762) },
  { name: 'Affine', transform: 'Affine', options: { scale: [0.9, 1.1], translatePercent: [-0.1, 0.1], shear: [-10, 10] }, reference: ref(1097, 3071) },
  { name: 'RandomResizedCrop', transform: 'RandomResizedCrop', options: { size: [224, 224] }, reference: ref(9495, 12535) },
  { name: 'Resize', transform: 'Resize', options: { height: 224, width: 224, interpolation: 'bilinear' }, reference: ref(9978, null) },
  { name: 'ColorJitter', transform: 'ColorJitter', options: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }, reference: ref(724, 2484) },
  { name: 'RandomBrightnessContrast', transform: 'RandomBrightnessContrast', options: { brightnessLimit: 0.2, contrastLimit: 0.2 }, reference: ref(5478, 17062) },
  { name: 'RandomGamma', transform: 'RandomGamma', options: { gammaLimit: [80, 120] }, reference: ref(5705, 19517) },
  { name: 'ToGray', transform: 'ToGray', options: { numOutputChannels: 3 }, reference: ref(14921, 51145) },
  { name: 'Posterize', transform: 'Posterize', options: { numBits: 4 }, reference: ref(5497, 16910) },
  { name: 'Solarize', transform: 'Solarize', options: { threshold: 128 }, reference: ref(5414, 16032) },
  { name: 'Equalize', transform: 'Equalize', options: {}, reference: ref(1422, 5147) },
  { name: 'GaussianBlur', transform: 'GaussianBlur', options: { blurLimit: [5, 5], sigmaLimit: [1.1, 1.1] }, reference: ref(4752, 14149) },
  { name: 'GaussNoise', transform: 'GaussNoise', options: { stdRange: [10, 10] }, reference: ref(90, 329) },
  { name: 'ElasticTransform', transform: 'ElasticTransform', options: { alpha: 50, sigma: 5 }, reference: ref(64, 215) },
  { name: 'Perspective', transform: 'Perspective', options: { scale: [0.05, 0.1] }, reference: ref(654, 1715) },
  { name: 'JpegCompression', transform: 'JpegCompression', options: { qualityRange: [75, 75] }, reference: ref(799, 2760) },
  { name: 'Normalize', transform: 'Normalize', options: {}, reference: ref(2542, 8573) },
];

/** One row of the `ops` section of `augury bench --json`. */
export interface OpResult {
  readonly name: string;
  readonly size: BenchSize;
  readonly imagesPerSec: number;
  readonly backend: string;
  /** Albumentations images/s (rescaled by the OpenCV machine ratio when that was measured). */
  readonly reference: number | null;
  readonly ratio: number | null;
}

/** Looks up op specs by name; unknown names are reported with the known ones. */
export function selectOps(names: readonly string[] | undefined): { ops: OpSpec[]; unknown: string[] } {
  if (!names) return { ops: [...OPS], unknown: [] };
  const byName = new Map(OPS.map((o) => [o.name.toLowerCase(), o]));
  const ops: OpSpec[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const o = byName.get(n.trim().toLowerCase());
    if (o) ops.push(o);
    else unknown.push(n);
  }
  return { ops, unknown };
}

/** Images/s of one op on `image` (params sampled afresh each call, p = 1). */
export async function timeOp(spec: OpSpec, image: Image, budgetMs: number, referenceScale = 1): Promise<OpResult> {
  const def = getTransform(spec.transform);
  const options = parseOptions(def.schema, { ...spec.options, p: 1 }, spec.name) as Record<string, unknown>;
  const rng = new Rng(1);
  const sample = { id: 'bench', image };
  const opts = { boxMethod: 'corners' as const, removeInvisibleKeypoints: false, codec: sharpCodec };
  const calls = wasmCallCount();
  const ips = await medianRate(async () => {
    const params = def.sample(rng, { width: image.width, height: image.height, sample }, options);
    await applyStep(def, params, sample, opts);
  }, { budgetMs });
  const size = `${image.width}x${image.height}` as BenchSize;
  const base = spec.reference[size] ?? null;
  const reference = base === null ? null : roundTo(base * referenceScale, 0);
  return { name: spec.name, size, imagesPerSec: roundTo(ips), backend: wasmCallCount() > calls ? 'wasm-simd' : 'ts', reference, ratio: reference ? roundTo(ips / reference, 3) : null };
}

/** Geometric mean of the ratios at one size (null when there are none). */
export function geomeanRatio(results: readonly OpResult[], size: BenchSize): number | null {
  const r = results.filter((x) => x.size === size && x.ratio !== null && x.ratio > 0).map((x) => Math.log(x.ratio!));
  return r.length === 0 ? null : roundTo(Math.exp(r.reduce((a, b) => a + b, 0) / r.length), 3);
}
