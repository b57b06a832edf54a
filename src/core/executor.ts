/**
 * Runs leaf steps in order on one sample. Labels (boxes, polygons, keypoints) are mapped step by
 * step, always, so fusion never changes them. Pixels of consecutive warps with the same settings
 * are resampled once (fusion): one interpolation instead of several, and the pixels that an
 * intermediate canvas would have cut off are cut off all the same. Consecutive tone steps on an
 * integer image (tone-fusion.ts) are composed into one lookup table and mapped once: exactly the
 * bytes of running them one by one. Both kinds of group are marked in the trace (`fused`).
 */
import type { BoxFilterOptions } from '../geometry/box-filter.js';
import { boxFromMask, type BoxMethod } from '../geometry/boxes.js';
import type { Codec } from '../io/codecs/codec.js';
import { createBoxes } from '../targets/boxes.js';
import type { Sample } from '../targets/sample.js';
import { applyStep, filterSample } from './apply.js';
import { fusedWarp } from './fusion.js';
import { applyTone, composeTone, toneTableOf } from './tone-fusion.js';
import type { Rng } from './rng.js';
import { isComposition, type StepTrace } from './trace.js';
import type { KernelEnv, Params, SampleContext, ToneTable, TransformDef, WarpSpec } from './transform.js';

export interface ExecutorOptions {
  readonly boxMethod: BoxMethod;
  readonly removeInvisibleKeypoints: boolean;
  readonly filters: BoxFilterOptions;
  /** Clip boxes to the canvas after each step (default true). */
  readonly clipBoxes?: boolean;
  readonly fusion: boolean;
  /** Replay: fuse exactly the groups the trace records (`fused` numbers), nothing else. */
  readonly recordedFusion?: boolean;
  readonly codec?: Codec;
}

/** Whether `b` can join a pending group: same fills; same interpolation unless one side is exact. */
function compatible(group: readonly WarpSpec[], b: WarpSpec): boolean {
  const key = (f: WarpSpec['fill']) => (Array.isArray(f) ? f.join(',') : String(f));
  const a = group[0]!;
  if (key(a.fill) !== key(b.fill) || a.fillMask !== b.fillMask || a.border !== b.border) return false;
  const ref = group.find((s) => !s.exact);
  return b.exact === true || ref === undefined || ref.interpolation === b.interpolation;
}

export class Executor {
  private sample: Sample;
  /** Warps whose pixels are not resampled yet, oldest first, with the step each came from. */
  private pending: WarpSpec[] = [];
  private pendingSteps: { def: TransformDef; params: Params }[] = [];
  private pendingPushes: number[] = [];
  private pendingHint: number | undefined;
  private width: number;
  private height: number;
  private pushes = 0;
  /** Tone steps whose pixels are not mapped yet: their composed table, steps and pushes. */
  private tone: { table: ToneTable; steps: { def: TransformDef; params: Params }[]; pushes: number[]; hint: number | undefined } | undefined;
  /** Fusion group of each push (by push order), for pushes resampled together with others. */
  private readonly groupOf = new Map<number, number>();
  private groups = 0;

  constructor(
    sample: Sample,
    private readonly opts: ExecutorOptions,
  ) {
    this.sample = sample;
    this.width = sample.image.width;
    this.height = sample.image.height;
  }

  /**
   * The sampling context now; `fresh` resamples pending warps first (for draws that read pixels).
   * Pending tone steps are always mapped first: a policy's draw may read pixel values (a 'mean'
   * fill), and a fused run must draw exactly what an unfused one does.
   */
  async context(fresh: boolean): Promise<SampleContext> {
    if (fresh) await this.flush();
    else await this.flushTone();
    return { width: this.width, height: this.height, sample: this.sample };
  }

  /** Draws a step's params. Steps that read the sample's content see it fully up to date. */
  async sampleParams<O extends Record<string, unknown>>(def: TransformDef, rng: Rng, options: O): Promise<Params> {
    if (def.samplesFromTargets) await this.flush();
    return def.sample(rng, { width: this.width, height: this.height, sample: this.sample }, options);
  }

  /**
   * Applies one step. `hint` (replay) is the fusion group the trace recorded: only steps
   * recorded in one group are fused then, so a hand-edited trace controls fusion too.
   */
  async push(def: TransformDef, params: Params, hint?: number): Promise<void> {
    const index = this.pushes++;
    const replaying = this.opts.recordedFusion === true;
    if (await this.pushTone(def, params, index, replaying, hint)) return;
    const spec = this.opts.fusion && def.warp ? (def.warp(params, this.width, this.height) ?? undefined) : undefined;
    const fusable = spec !== undefined && spec.border === 'constant';
    const joins =
      fusable &&
      this.pending.length > 0 &&
      compatible(this.pending, spec) &&
      (replaying ? hint !== undefined && hint === this.pendingHint : true);
    if (!joins) await this.flush();
    if (fusable && (!replaying || hint !== undefined)) {
      const labels = { inputWidth: this.width, inputHeight: this.height, width: spec.width, height: spec.height };
      this.sample = await applyStep(def, params, this.sample, this.applyOptions(), { labels });
      this.pending.push(spec);
      this.pendingSteps.push({ def, params });
      this.pendingPushes.push(index);
      this.pendingHint = hint;
      this.width = spec.width;
      this.height = spec.height;
    } else {
      this.sample = await applyStep(def, params, this.sample, this.applyOptions());
      this.width = this.sample.image.width;
      this.height = this.sample.image.height;
    }
    this.sample = filterSample(this.sample, this.opts.filters);
  }

  private applyOptions() {
    return { boxMethod: this.opts.boxMethod, removeInvisibleKeypoints: this.opts.removeInvisibleKeypoints, clipBoxes: this.opts.clipBoxes ?? true, ...(this.opts.codec ? { codec: this.opts.codec } : {}) };
  }

  /**
   * A tone step joins (or starts) the pending tone group when fusion is on (on replay: only with
   * the group number the trace recorded). Returns false when the step is not a tone step here.
   */
  private async pushTone(def: TransformDef, params: Params, index: number, replaying: boolean, hint: number | undefined): Promise<boolean> {
    if (!this.opts.fusion || !def.lut || (replaying && hint === undefined)) return false;
    const table = toneTableOf(def, params, this.sample);
    if (!table) return false;
    const t = this.tone;
    if (t && (!replaying || hint === t.hint)) {
      t.table = composeTone(t.table, table);
      t.steps.push({ def, params });
      t.pushes.push(index);
      return true;
    }
    await this.flush();
    this.tone = { table, steps: [{ def, params }], pushes: [index], hint };
    return true;
  }

  /** Maps the pending tone steps onto the pixels: one table, or a lone step's own kernel. */
  private async flushTone(): Promise<void> {
    const t = this.tone;
    if (!t) return;
    this.tone = undefined;
    if (t.steps.length === 1) {
      const { def, params } = t.steps[0]!;
      this.sample = filterSample(await applyStep(def, params, this.sample, this.applyOptions()), this.opts.filters);
      return;
    }
    const g = this.groups++;
    for (const p of t.pushes) this.groupOf.set(p, g);
    // Tone steps leave every label as it is, so the box filters have nothing new to drop.
    this.sample = applyTone(this.sample, t.table);
  }

  /** Resamples the pending warps (or maps the pending tone steps) onto the pixels. */
  async flush(): Promise<void> {
    await this.flushTone();
    if (this.pending.length === 0) return;
    const specs = this.pending;
    const steps = this.pendingSteps;
    if (specs.length > 1) {
      const g = this.groups++;
      for (const p of this.pendingPushes) this.groupOf.set(p, g);
    }
    this.pending = [];
    this.pendingSteps = [];
    this.pendingPushes = [];
    this.pendingHint = undefined;
    if (steps.length === 1) {
      // A lone warp keeps its own pixel kernels (a resize's area filter, a crop's exact copy).
      const { def, params } = steps[0]!;
      const withPixels = await applyStep(def, params, this.sample, this.applyOptions(), 'pixels');
      this.sample = this.sample.instanceMasks && this.sample.boxes && this.opts.boxMethod === 'mask' && withPixels.instanceMasks
        ? { ...withPixels, boxes: tightenToMasks(withPixels.boxes!, withPixels.instanceMasks.masks, this.width, this.height, withPixels.polygons) }
        : withPixels;
      return;
    }
    const s = this.sample;
    const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s, image: fusedWarp(s.image, specs) };
    if (s.extraImages) out.extraImages = Object.fromEntries(Object.entries(s.extraImages).map(([k, v]) => [k, fusedWarp(v, specs)]));
    if (s.mask) out.mask = fusedWarp(s.mask, specs);
    if (s.extraMasks) out.extraMasks = Object.fromEntries(Object.entries(s.extraMasks).map(([k, v]) => [k, fusedWarp(v, specs)]));
    if (s.instanceMasks) {
      const im = s.instanceMasks;
      const planeSpecs = specs.map((x) => ({ ...x, fillMask: 0 })); // planes: border pixels are outside the instance
      const masks = im.masks.map((data) => Uint8Array.from(fusedWarp({ width: im.width, height: im.height, data }, planeSpecs).data));
      out.instanceMasks = { width: this.width, height: this.height, masks, labels: im.labels };
      if (s.boxes && this.opts.boxMethod === 'mask') out.boxes = tightenToMasks(s.boxes, masks, this.width, this.height, s.polygons);
    }
    this.sample = out;
  }

  /**
   * Runs a whole-sample step (a mix) on the up-to-date sample: pending warps are resampled first,
   * then `fn` replaces the sample, and the box filters run as after any step.
   */
  async replace(fn: (s: Sample, env: KernelEnv) => Sample | Promise<Sample>): Promise<void> {
    await this.flush();
    const s = this.sample;
    const env: KernelEnv = {
      input: s,
      inputWidth: this.width,
      inputHeight: this.height,
      width: this.width,
      height: this.height,
      boxMethod: this.opts.boxMethod,
      removeInvisibleKeypoints: this.opts.removeInvisibleKeypoints,
      clipBoxes: this.opts.clipBoxes ?? true,
      ...(this.opts.codec ? { codec: this.opts.codec } : {}),
    };
    this.sample = filterSample(await fn(s, env), this.opts.filters);
    this.width = this.sample.image.width;
    this.height = this.sample.image.height;
    this.pushes++;
  }

  async finish(): Promise<Sample> {
    await this.flush();
    return this.sample;
  }

  /** The trace with `fused` group numbers on the leaves that were resampled together. */
  annotateFusion(steps: readonly StepTrace[]): StepTrace[] {
    let push = 0;
    const walk = (list: readonly StepTrace[]): StepTrace[] =>
      list.map((s) => {
        if (isComposition(s)) return { ...s, steps: walk(s.steps) };
        if (s.skipped) return s;
        const g = this.groupOf.get(push++);
        return g === undefined ? s : { ...s, fused: g };
      });
    return walk(steps);
  }
}

/**
 * With instance masks and the 'mask' method, a box without polygon rings is the tight box of its
 * mask's pixels (as mapBoxes does when it is given warped masks); polygons, being sub-pixel
 * exact, win where they exist.
 */
function tightenToMasks(boxes: Sample['boxes'] & object, masks: readonly Uint8Array[], width: number, height: number, polygons: Sample['polygons']) {
  const xyxy = boxes.xyxy.slice();
  masks.forEach((m, i) => {
    if ((polygons?.instances[i]?.length ?? 0) > 0) return;
    const b = boxFromMask(m, width, height);
    if (b) xyxy.set(b, i * 4);
  });
  return createBoxes({ xyxy, labels: boxes.labels, visibility: boxes.visibility, sourceIndex: boxes.sourceIndex, fields: { ...boxes.fields } });
}
