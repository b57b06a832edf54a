/**
 * Trains a small dense tfjs model for one epoch on Fashion-MNIST through augury's loader (pure-JS
 * cpu backend), then measures accuracy on held-out test images.
 *
 *   npx tsx examples/train-fashion-mnist.ts [trainImages] [workers]
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createLoader } from '../src/pipeline/loader.js';
import type { ModuleSourceSpec } from '../src/pipeline/source.js';
import type { FashionMnistOptions } from './fashion-mnist.js';

export interface TrainOptions {
  readonly trainImages?: number;
  readonly testImages?: number;
  readonly workers?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly dir?: string;
}

export interface TrainResult {
  /** Loss of every batch, in order. */
  readonly losses: number[];
  readonly testAccuracy: number;
}

const SOURCE_MODULE = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './fashion-mnist.ts' : './fashion-mnist.js', import.meta.url));

function source(options: FashionMnistOptions): ModuleSourceSpec {
  return { kind: 'module', module: SOURCE_MODULE, options };
}

/** One epoch of training on `trainImages` images; accuracy on the first `testImages` test images. */
export async function trainFashionMnist(o: TrainOptions = {}): Promise<TrainResult> {
  await tf.setBackend('cpu');
  const seed = o.seed ?? 1;
  const dir = o.dir !== undefined ? { dir: o.dir } : {};
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  // Flips and small shifts are label-preserving for clothes; digits would need a different pipeline.
  const pipeline = { transforms: [{ name: 'HorizontalFlip', p: 0.5 }, { name: 'Affine', translatePercent: [-0.05, 0.05], p: 0.5 }] };
  const train = await createLoader({ dataset: source({ ...dir, split: 'train', limit: o.trainImages ?? 2000 }), pipeline, batchSize: o.batchSize ?? 32, layout: 'NHWC', seed, workers: o.workers ?? 0 });
  const losses: number[] = [];
  try {
    for await (const b of train) {
      const xs = tf.tensor4d(b.images, [...b.shape]);
      const ys = tf.tensor2d(b.labels!, [b.shape[0], train.numClasses]);
      const [loss] = (await model.trainOnBatch(xs, ys)) as number[];
      losses.push(loss!);
      tf.dispose([xs, ys]);
    }
  } finally {
    await train.close();
  }

  const test = await createLoader({ dataset: source({ ...dir, split: 't10k', limit: o.testImages ?? 1000 }), batchSize: 250, shuffle: false, layout: 'NHWC' });
  let correct = 0;
  try {
    for await (const b of test) {
      const pred = tf.tidy(() => (model.predict(tf.tensor4d(b.images, [...b.shape])) as tf.Tensor).argMax(1));
      const p = await pred.data();
      pred.dispose();
      for (let i = 0; i < p.length; i++) if (p[i] === b.classes![i]) correct++;
    }
  } finally {
    await test.close();
  }
  model.dispose();
  return { losses, testAccuracy: correct / test.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await trainFashionMnist({ trainImages: Number(process.argv[2] ?? 2000), workers: Number(process.argv[3] ?? 0) });
  const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
  console.log(`batches ${r.losses.length}; loss first 10 ${mean(r.losses.slice(0, 10)).toFixed(3)}, last 10 ${mean(r.losses.slice(-10)).toFixed(3)}; test accuracy ${(100 * r.testAccuracy).toFixed(1)}%`);
}
