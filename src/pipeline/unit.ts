/**
 * One unit of work: augment sample `index`, copy `copy`, in stream (seed, epoch). This is all a
 * worker needs beside the source and pipeline it opened once, and all a distributed queue will
 * hand out; the result depends on the unit only, never on which worker ran it or when.
 */
import { AuguryError, type ErrorCode } from '../core/errors.js';
import { Pipeline } from '../core/pipeline.js';
import type { Trace } from '../core/trace.js';
import { sharpCodec } from '../io/codecs/index.js';
import { loadDomainProfiles } from '../io/domains.js';
import { setPolicyDomainProfiles } from '../policies/domain.js';
import type { Boxes } from '../targets/boxes.js';
import type { Image } from '../targets/image.js';
import type { Keypoints } from '../targets/keypoints.js';
import type { Label } from '../targets/label.js';
import type { LabelMap } from '../targets/mask.js';
import { packInstanceMasks, packPolygons, type PackedInstanceMasks, type PackedPolygons } from './pack.js';
import { openSource, sourcePartners, fingerprintOf, type SourceSpec } from './source.js';
import '../transforms/index.js';

export interface WorkUnit {
  readonly index: number;
  readonly copy: number;
  readonly seed: number;
  readonly epoch: number;
}

/**
 * What comes back from a unit: the augmented image and every target a loader batches. Polygons
 * and instance masks come packed (pack.ts), so that they cross threads as a few flat buffers.
 * Additional targets (extra images and masks) are not batched and do not come back.
 */
export interface AugmentedSample {
  readonly unit: WorkUnit;
  readonly id: string;
  readonly image: Image;
  readonly boxes?: Boxes;
  readonly label?: Label;
  readonly keypoints?: Keypoints;
  readonly polygons?: PackedPolygons;
  readonly mask?: LabelMap;
  readonly instanceMasks?: PackedInstanceMasks;
  readonly trace: Trace;
}

/** A common output size: samples of another size are letterboxed to it (docs/loader.md). */
export interface OutputSize {
  readonly width: number;
  readonly height: number;
}

/** Everything a worker opens once. Plain data: it travels as the pool's workerData. */
export interface AugmenterSetup {
  readonly source: SourceSpec;
  /** `Pipeline.toConfig()` of the pipeline to run. */
  readonly pipeline: Record<string, unknown>;
  readonly size?: OutputSize;
  /** Image value of the letterbox padding (on the image's own scale); default 0. */
  readonly fill?: number;
  /** Semantic mask value of the letterbox padding (instance planes always pad with 0); default 0. */
  readonly fillMask?: number;
  /** The main thread's view of the source; a worker whose copy differs refuses to run. */
  readonly fingerprint?: string;
}

export type Augmenter = (unit: WorkUnit) => Promise<AugmentedSample>;

/** Opens the source and builds the pipeline once; the returned function augments one unit. */
export async function createAugmenter(setup: AugmenterSetup): Promise<Augmenter> {
  const source = await openSource(setup.source);
  if (setup.fingerprint !== undefined && fingerprintOf(source) !== setup.fingerprint) {
    throw new AuguryError({
      code: 'validation',
      message: 'a worker opened the source with other contents than the main thread',
      ...(setup.source.kind === 'dataset' ? { file: setup.source.path } : { file: setup.source.module }),
      expected: setup.fingerprint,
      received: fingerprintOf(source),
      hint: 'the dataset changed while the loader started; do not edit it during a run, then restart',
    });
  }
  const pipeline = Pipeline.fromConfig(setup.pipeline);
  // As in `augury augment`: policies drop the ops a declared domain forbids, in every thread.
  if (pipeline.config.domain !== undefined) setPolicyDomainProfiles(await loadDomainProfiles());
  const letterBox = setup.size ? { name: 'LetterBox', size: [setup.size.height, setup.size.width], fill: setup.fill ?? 0, fillMask: setup.fillMask ?? 0 } : undefined;
  // A letterbox only scales and pads, so every target maps exactly: boxes by their corners (the
  // default 'mask' method would swap an annotated box for its polygon's or mask's extent), and
  // nothing is filtered (the pipeline's own filters already ran).
  const fit = letterBox ? Pipeline.fromConfig({ transforms: [letterBox], boxes: { method: 'corners' } }) : undefined;
  const partners = sourcePartners(source);
  const codec = sharpCodec;
  return async (unit) => {
    if (!Number.isInteger(unit.index) || unit.index < 0 || unit.index >= source.size) {
      throw new AuguryError({ code: 'validation', message: 'the work unit names a sample outside the source', record: `sample ${unit.index}`, expected: `an index in [0, ${source.size - 1}]`, received: String(unit.index), hint: 'hand out indices from the same source the workers opened' });
    }
    const input = await source.load(unit.index);
    const stream = { seed: unit.seed, epoch: unit.epoch, index: unit.index, copy: unit.copy };
    let { sample, trace } = await pipeline.run(input, { stream, codec, partners });
    if (fit && (sample.image.width !== setup.size!.width || sample.image.height !== setup.size!.height)) {
      // Instance planes pad with 0 whatever fillMask is (core/apply.ts): padding is outside every object.
      const fitted = await fit.run(sample, { stream, codec });
      sample = fitted.sample;
      // The letterbox is part of what happened to the sample: a replay of the trace must redo it.
      trace = { ...trace, steps: [...trace.steps, ...fitted.trace.steps] };
    }
    return {
      unit,
      id: sample.id,
      image: sample.image,
      ...(sample.boxes ? { boxes: sample.boxes } : {}),
      ...(sample.label ? { label: sample.label } : {}),
      ...(sample.keypoints ? { keypoints: sample.keypoints } : {}),
      ...(sample.polygons ? { polygons: packPolygons(sample.polygons) } : {}),
      ...(sample.mask ? { mask: sample.mask } : {}),
      ...(sample.instanceMasks ? { instanceMasks: packInstanceMasks(sample.instanceMasks) } : {}),
      trace,
    };
  };
}

/** An AuguryError as plain data: errors lose their class and fields when they cross threads. */
export interface WireError {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly file?: string;
  readonly record?: string;
  readonly key?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly hint?: string;
}

export function toWireError(e: AuguryError): WireError {
  const o: Record<string, string> = { code: e.code, detail: e.detail };
  for (const k of ['file', 'record', 'key', 'expected', 'received', 'hint'] as const) if (e[k] !== undefined) o[k] = e[k]!;
  return o as unknown as WireError;
}

export function fromWireError(w: WireError): AuguryError {
  const { detail, ...rest } = w;
  return new AuguryError({ ...rest, message: detail });
}
