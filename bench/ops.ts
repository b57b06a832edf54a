/**
 * Per-op throughput of the TypeScript reference kernels, one core, against the reference figures
 * of the throughput issue (Albumentations 1.3.1 on OpenCV 4.6, one pinned core of the development
 * machine). One call = a JS Image in, a new Image out, p = 1, params sampled.
 *
 *   npm run bench                    # all ops, both sizes; add --json for one JSON document
 * Per core: run under `taskset -c 0` with UV_THREADPOOL_SIZE=1 (scripts/bench.mjs does this).
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import '../src/transforms/index.js';
import { applyStep } from '../src/core/apply.js';
import { parseOptions } from '../src/core/schema.js';
import { getTransform } from '../src/core/registry.js';
import { Rng } from '../src/core/rng.js';
import { readImage, sharpCodec, decodeImage } from '../src/io/codecs/index.js';
import type { Sample } from '../src/targets/sample.js';
import { readFileSync } from 'node:fs';

interface OpSpec {
  readonly name: string;
  readonly transform: string;
  readonly options: Record<string, unknown>;
  /** Albumentations images/s at 500x375 and 224x224 (the table); null where not given. */
  readonly reference: readonly [number, number | null];
}

const OPS: readonly OpSpec[] = [
  { name: 'HorizontalFlip', transform: 'HorizontalFlip', options: {}, reference: [8137, 46507] },
  { name: 'VerticalFlip', transform: 'VerticalFlip', options: {}, reference: [54839, 146111] },
  { name: 'Rotate', transform: 'Rotate', options: { limit: 45, interpolation: 'bilinear', border: 'constant' }, reference: [1170, 4762] },
  { name: 'Affine', transform: 'Affine', options: { scale: [0.9, 1.1], translatePercent: [-0.1, 0.1], shear: [-10, 10] }, reference: [1097, 3071] },
  { name: 'RandomResizedCrop', transform: 'RandomResizedCrop', options: { size: [224, 224] }, reference: [9495, 12535] },
  { name: 'Resize', transform: 'Resize', options: { height: 224, width: 224, interpolation: 'bilinear' }, reference: [9978, null] },
  { name: 'ColorJitter', transform: 'ColorJitter', options: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }, reference: [724, 2484] },
  { name: 'RandomBrightnessContrast', transform: 'RandomBrightnessContrast', options: { brightnessLimit: 0.2, contrastLimit: 0.2 }, reference: [5478, 17062] },
  { name: 'RandomGamma', transform: 'RandomGamma', options: { gammaLimit: [80, 120] }, reference: [5705, 19517] },
  { name: 'ToGray', transform: 'ToGray', options: { numOutputChannels: 3 }, reference: [14921, 51145] },
  { name: 'Posterize', transform: 'Posterize', options: { numBits: 4 }, reference: [5497, 16910] },
  { name: 'Solarize', transform: 'Solarize', options: { threshold: 128 }, reference: [5414, 16032] },
  { name: 'Equalize', transform: 'Equalize', options: {}, reference: [1422, 5147] },
  { name: 'GaussianBlur', transform: 'GaussianBlur', options: { blurLimit: [5, 5], sigmaLimit: [1.1, 1.1] }, reference: [4752, 14149] },
  { name: 'GaussNoise', transform: 'GaussNoise', options: { stdRange: [10, 10] }, reference: [90, 329] },
  { name: 'ElasticTransform', transform: 'ElasticTransform', options: { alpha: 50, sigma: 5 }, reference: [64, 215] },
  { name: 'Perspective', transform: 'Perspective', options: { scale: [0.05, 0.1] }, reference: [654, 1715] },
  { name: 'JpegCompression', transform: 'JpegCompression', options: { qualityRange: [75, 75] }, reference: [799, 2760] },
  { name: 'Normalize', transform: 'Normalize', options: {}, reference: [2542, 8573] },
];

async function timeOp(spec: OpSpec, sample: Sample, budgetMs: number): Promise<number> {
  const def = getTransform(spec.transform);
  const options = parseOptions(def.schema, { ...spec.options, p: 1 }, spec.name) as Record<string, unknown>;
  const rng = new Rng(1);
  const opts = { boxMethod: 'corners' as const, removeInvisibleKeypoints: false, codec: sharpCodec };
  const call = async () => {
    const params = def.sample(rng, { width: sample.image.width, height: sample.image.height, sample }, options);
    await applyStep(def, params, sample, opts);
  };
  for (let i = 0; i < 3; i++) await call(); // warm-up
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || times.length < 5) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return 1000 / times[Math.floor(times.length / 2)]!;
}

async function timeDecode(bytes: Uint8Array, budgetMs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await decodeImage(bytes);
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || times.length < 5) {
    const t = performance.now();
    await decodeImage(bytes);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return 1000 / times[Math.floor(times.length / 2)]!;
}

const json = process.argv.includes('--json');
const budget = Number(process.env['BENCH_MS'] ?? 400);
const fixtures = { '500x375': 'bench/fixtures/chelsea-500x375-q90.jpg', '224x224': 'bench/fixtures/chelsea-224x224-q90.jpg' } as const;
const results: { name: string; size: string; imagesPerSec: number; backend: string; reference: number | null; ratio: number | null }[] = [];
for (const [size, file] of Object.entries(fixtures)) {
  const image = await readImage(join(file));
  const sample: Sample = { id: file, image };
  for (const spec of OPS) {
    const reference = size === '500x375' ? spec.reference[0] : spec.reference[1];
    if (reference === null && spec.name === 'Resize') continue;
    const ips = await timeOp(spec, sample, budget);
    results.push({ name: spec.name, size, imagesPerSec: Math.round(ips * 10) / 10, backend: 'ts', reference, ratio: reference ? Math.round((ips / reference) * 100) / 100 : null });
    if (!json) process.stderr.write(`${spec.name.padEnd(26)} ${size}  ${ips.toFixed(1).padStart(9)} img/s  ref ${String(reference).padStart(7)}  ratio ${(ips / (reference ?? NaN)).toFixed(2)}\n`);
  }
}
const decode = [{ name: 'jpeg-500x375-q90', imagesPerSec: Math.round((await timeDecode(readFileSync(fixtures['500x375']), budget)) * 10) / 10, referenceMs: 0.79 }];
const geomean = (size: string) => {
  const r = results.filter((x) => x.size === size && x.ratio !== null).map((x) => Math.log(x.ratio!));
  return Math.round(Math.exp(r.reduce((a, b) => a + b, 0) / r.length) * 1000) / 1000;
};
const doc = {
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, uvThreadpool: process.env['UV_THREADPOOL_SIZE'] ?? 'default' },
  ops: results,
  geomeanRatio: { '500x375': geomean('500x375'), '224x224': geomean('224x224') },
  decode,
};
if (json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
else process.stderr.write(`geometric mean ratio: 500x375 ${doc.geomeanRatio['500x375']}, 224x224 ${doc.geomeanRatio['224x224']}; JPEG decode 500x375 q90: ${decode[0]!.imagesPerSec} img/s (OpenCV 0.79 ms = 1266/s)\n`);
