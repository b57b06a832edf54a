/**
 * A pipeline: a validated config plus the runner. `run` draws params through a seeded Rng and
 * returns the output and its trace; `replay` applies a trace's params with no randomness.
 * Both go through one executor, so a replay is the run, byte for byte.
 */
import { backendName } from '../backend/select.js';
import { defaultBoxMethod, type BoxMethod } from '../geometry/boxes.js';
import type { Codec } from '../io/codecs/codec.js';
import type { Sample } from '../targets/sample.js';
import { nodeToConfig, parsePipelineConfig, type CompositionNode, type PipelineConfig, type PolicyNode, type StepNode } from './config.js';
import { AuguryError } from './errors.js';
import { Executor } from './executor.js';
import { getTransform } from './registry.js';
import { Rng, type StreamId } from './rng.js';
import { hasMix, type PartnerProvider } from './mix.js';
import { replayMix, runMix } from './mix-run.js';
import { isComposition, parseTrace, type StepTrace, type Trace } from './trace.js';
import type { Params } from './transform.js';

export interface RunOptions {
  /** Stream identity; defaults to seed 0, epoch 0, index 0, copy 0. */
  readonly stream?: Partial<StreamId>;
  readonly codec?: Codec;
  /** Where mix steps (MixUp, CutMix, Mosaic, ...) draw their partner samples from. */
  readonly partners?: PartnerProvider;
}

/** What one run carries down the step tree. */
interface RunState {
  readonly epoch: number;
  readonly partners: PartnerProvider | undefined;
}

export interface RunResult {
  readonly sample: Sample;
  readonly trace: Trace;
}


export class Pipeline {
  readonly config: PipelineConfig;

  constructor(config: PipelineConfig) {
    this.config = config;
  }

  /** Builds a pipeline from a parsed YAML/JSON object (or a bare list of steps). */
  static fromConfig(input: unknown): Pipeline {
    return new Pipeline(parsePipelineConfig(input));
  }

  /** The config as plain data (YAML/JSON-ready); `fromConfig(toConfig())` is an identical pipeline. */
  toConfig(): Record<string, unknown> {
    return { ...this.config.raw, transforms: this.config.transforms.map(nodeToConfig) };
  }

  boxMethodFor(s: Sample): BoxMethod {
    return this.config.boxes.method ?? defaultBoxMethod(s);
  }

  /** Keypoints without flip pairs get the config's `keypoints.flipPairs`; the data's own pairs win. */
  withFlipPairs(sample: Sample): Sample {
    const pairs = this.config.keypoints.flipPairs;
    if (!pairs || !sample.keypoints || sample.keypoints.flipPairs) return sample;
    return { ...sample, keypoints: { ...sample.keypoints, flipPairs: pairs } };
  }

  /** Checks that the sample carries the additional targets the config declares, and no others. */
  checkAdditionalTargets(sample: Sample): void {
    const declared = this.config.additionalTargets;
    for (const [name, kind] of Object.entries(declared)) {
      const has = kind === 'image' ? sample.extraImages?.[name] : sample.extraMasks?.[name];
      if (!has) {
        throw new AuguryError({
          code: 'validation',
          message: `the pipeline declares the additional ${kind} "${name}", but the sample has none`,
          key: `additionalTargets.${name}`,
          hint: `pass it (augury apply --extra ${name}=file) or remove it from additionalTargets`,
        });
      }
    }
    const extras = [...Object.keys(sample.extraImages ?? {}).map((n) => [n, 'image'] as const), ...Object.keys(sample.extraMasks ?? {}).map((n) => [n, 'mask'] as const)];
    for (const [name, kind] of extras) {
      if (declared[name] !== kind) {
        throw new AuguryError({
          code: 'validation',
          message: `the sample carries an additional ${kind} "${name}" that the pipeline does not declare`,
          key: 'additionalTargets',
          hint: `add "${name}: ${kind}" to additionalTargets, so that it shares every draw with the image`,
        });
      }
    }
  }

  /** Augments `sample` once; the same stream always gives the same output. */
  async run(sample: Sample, opts: RunOptions = {}): Promise<RunResult> {
    this.checkAdditionalTargets(sample);
    sample = this.withFlipPairs(sample);
    const id: StreamId = {
      seed: opts.stream?.seed ?? this.config.seed ?? 0,
      epoch: opts.stream?.epoch ?? 0,
      index: opts.stream?.index ?? 0,
      copy: opts.stream?.copy ?? 0,
    };
    const rng = Rng.forSample(id).fork('steps');
    const ex = this.executor(sample, opts.codec);
    const steps: StepTrace[] = [];
    const state: RunState = { epoch: id.epoch ?? 0, partners: opts.partners };
    for (let i = 0; i < this.config.transforms.length; i++) {
      steps.push(await this.runNode(this.config.transforms[i]!, rng.fork(i), ex, false, state));
    }
    const out = await ex.finish();
    return { sample: out, trace: this.traceOf(sample, steps, ex, id) };
  }

  private executor(sample: Sample, codec: Codec | undefined): Executor {
    return new Executor(sample, {
      boxMethod: this.boxMethodFor(sample),
      removeInvisibleKeypoints: this.config.keypoints.removeInvisible,
      filters: this.config.boxes,
      clipBoxes: this.config.boxes.clip,
      fusion: this.config.fusion,
      ...(codec ? { codec } : {}),
    });
  }

  private traceOf(input: Sample, steps: StepTrace[], ex: Executor, id?: StreamId): Trace {
    const b = this.config.boxes;
    return {
      version: 1,
      input: { width: input.image.width, height: input.image.height },
      steps: ex.annotateFusion(steps),
      backend: backendName(),
      ...(id ? { seed: { seed: id.seed, epoch: id.epoch ?? 0, index: id.index, copy: id.copy ?? 0 } } : {}),
      boxes: { method: this.boxMethodFor(input), minArea: b.minArea, minVisibility: b.minVisibility, minWidth: b.minWidth, minHeight: b.minHeight, clip: b.clip },
      keypoints: { removeInvisible: this.config.keypoints.removeInvisible },
      fusion: this.config.fusion,
    };
  }

  private async runNode(node: StepNode, rng: Rng, ex: Executor, forced: boolean, state: RunState): Promise<StepTrace> {
    if (node.kind === 'leaf') {
      const p = forced ? 1 : node.options.p;
      if (!rng.bool(p)) return { name: node.def.name, skipped: true };
      const params = await ex.sampleParams(node.def, rng, node.options);
      await ex.push(node.def, params);
      return { name: node.def.name, params };
    }
    if (node.kind === 'policy') return this.runPolicy(node, rng, ex, forced);
    if (node.kind === 'mix') return runMix(node, rng, ex, forced, state);
    return this.runComposition(node, rng, ex, forced, state);
  }

  /** A policy draws catalog ops; they run as ordinary steps and are traced as such. */
  private async runPolicy(node: PolicyNode, rng: Rng, ex: Executor, forced: boolean): Promise<StepTrace> {
    if (!rng.bool(forced ? 1 : node.options.p)) return { name: node.policy.name, skipped: true, steps: [] };
    const ctx = await ex.context(node.policy.samplesFromTargets === true);
    const draw = node.policy.choose(rng.fork('choose'), { ...ctx, ...(this.config.task ? { task: this.config.task } : {}), ...(this.config.domain ? { domain: this.config.domain } : {}) }, node.options);
    const steps: StepTrace[] = [];
    for (const op of draw.ops) {
      await ex.push(getTransform(op.name, `${node.policy.name} op`), op.params);
      steps.push({ name: op.name, params: op.params });
    }
    return { name: node.policy.name, ...(draw.info ? { info: draw.info } : {}), steps };
  }

  private async runComposition(node: CompositionNode, rng: Rng, ex: Executor, forced: boolean, state: RunState): Promise<StepTrace> {
    if (!rng.bool(forced ? 1 : node.p)) return { name: node.name, skipped: true, steps: [] };
    const kids = node.children;
    let order: number[];
    let force = false;
    if (node.name === 'OneOf') {
      order = [rng.weightedIndex(kids.map(childWeight))];
      force = true;
    } else if (node.name === 'SomeOf') {
      const n = rng.int(node.n[0], node.n[1]);
      order = pickSome(rng, kids.map(childWeight), n, node.replace);
      force = true;
    } else {
      order = kids.map((_, i) => i);
    }
    const steps: StepTrace[] = [];
    for (let k = 0; k < order.length; k++) steps.push(await this.runNode(kids[order[k]!]!, rng.fork(k), ex, force, state));
    return { name: node.name, chosen: order, steps };
  }

  /** Applies a trace's params to `sample` (no randomness); options come from the trace, then this pipeline. */
  async replay(sample: Sample, traceInput: unknown, opts: { codec?: Codec; partners?: PartnerProvider } = {}): Promise<RunResult> {
    return replayTrace(this.withFlipPairs(sample), traceInput, { ...opts, pipeline: this });
  }
}

function childWeight(n: StepNode): number {
  return n.kind === 'composition' ? n.p : n.options.p;
}

/** `n` distinct indices (or with replacement), drawn by weight, in the order drawn. */
function pickSome(rng: Rng, weights: number[], n: number, replace: boolean): number[] {
  const w = weights.slice();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    if (w.every((x) => x <= 0)) break;
    const i = rng.weightedIndex(w);
    out.push(i);
    if (!replace) w[i] = 0;
  }
  return out;
}

/** Replays a trace on `sample`. Without a pipeline, box and keypoint options come from the trace. */
export async function replayTrace(sample: Sample, traceInput: unknown, opts: { codec?: Codec; pipeline?: Pipeline; file?: string; partners?: PartnerProvider } = {}): Promise<RunResult> {
  const trace = parseTrace(traceInput, opts.file);
  if (trace.input.width !== 0 && (trace.input.width !== sample.image.width || trace.input.height !== sample.image.height)) {
    throw new AuguryError({
      code: 'size-mismatch',
      message: 'the trace was recorded on an image of another size',
      ...(opts.file ? { file: opts.file } : {}),
      expected: `${trace.input.width}x${trace.input.height}`,
      received: `${sample.image.width}x${sample.image.height}`,
      hint: 'replay a trace on the image it was recorded on',
    });
  }
  const cfg = opts.pipeline?.config;
  const boxes = { minArea: 0, minVisibility: 0, minWidth: 0, minHeight: 0, clip: true, ...cfg?.boxes, ...trace.boxes };
  const ex = new Executor(sample, {
    boxMethod: trace.boxes?.method ?? cfg?.boxes.method ?? defaultBoxMethod(sample),
    removeInvisibleKeypoints: trace.keypoints?.removeInvisible ?? cfg?.keypoints.removeInvisible ?? false,
    filters: boxes,
    clipBoxes: boxes.clip,
    fusion: true,
    recordedFusion: true,
    ...(opts.codec ? { codec: opts.codec } : {}),
  });
  const walk = async (steps: readonly StepTrace[], path: string): Promise<void> => {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      const where = `${path}[${i}]`;
      if (isComposition(s)) {
        if (!s.skipped) await walk(s.steps, `${where}.steps`);
        continue;
      }
      if (s.skipped) continue;
      if (s.partners !== undefined || hasMix(s.name)) {
        await replayMix(s, where, ex, opts.partners);
        continue;
      }
      const def = getTransform(s.name, `${where}.name`);
      await ex.push(def, (s.params ?? {}) as Params, s.fused);
    }
  };
  await walk(trace.steps, 'steps');
  const out = await ex.finish();
  return { sample: out, trace: { ...trace, steps: ex.annotateFusion(trace.steps.map(stripFused)) } };
}

function stripFused(s: StepTrace): StepTrace {
  if (isComposition(s)) return { ...s, steps: s.steps.map(stripFused) };
  const { fused: _f, ...rest } = s;
  return rest;
}
