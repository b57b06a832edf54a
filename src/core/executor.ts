/**
 * Runs leaf steps in order on one sample. Labels (boxes, polygons, keypoints) are mapped step by
 * step, always, so fusion never changes them. Pixels of consecutive warps with the same settings
 * are resampled once (fusion): one interpolation instead of several, and the pixels that an
 * intermediate canvas would have cut off are cut off all the same.
 */
import type { BoxFilterOptions } from '../geometry/box-filter.js';
import { boxFromMask, type BoxMethod } from '../geometry/boxes.js';
import type { Codec } from '../io/codecs/codec.js';
import { createBoxes } from '../targets/boxes.js';
import type { Sample } from '../targets/sample.js';
import { applyStep, filterSample } from './apply.js';
import { fusedWarp } from './fusion.js';
import type { Rng } from './rng.js';
import { isComposition, type StepTrace } from './trace.js';
import type { Params, TransformDef, WarpSpec } from './transform.js';

export interface ExecutorOptions {
  readonly boxMethod: BoxMethod;
  readonly removeInvisibleKeypoints: boolean;
  readonly filters: BoxFilterOptions;
  readonly fusion: boolean;
  readonly codec?: Codec;
}

function compatible(a: WarpSpec, b: WarpSpec): boolean {
  const fa = Array.isArray(a.fill) ? a.fill.join(',') : String(a.fill);
  const fb = Array.isArray(b.fill) ? b.fill.join(',') : String(b.fill);
  return a.interpolation === b.interpolation && a.border === b.border && fa === fb && a.fillMask === b.fillMask;
}

export class Executor {
  private sample: Sample;
  /** Warps whose pixels are not resampled yet, oldest first. */
  private pending: WarpSpec[] = [];
  private pendingPushes: number[] = [];
  private pendingHint: number | undefined;
  private width: number;
  private height: number;
  private pushes = 0;
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
    const replaying = hint !== undefined || this.pendingHint !== undefined;
    const spec = this.opts.fusion && def.warp ? def.warp(params, this.width, this.height) : undefined;
    const fusable = spec !== undefined && spec.border === 'constant';
    const joins =
      fusable &&
      this.pending.length > 0 &&
      compatible(this.pending[0]!, spec) &&
      (replaying ? hint !== undefined && hint === this.pendingHint : true);
    if (!joins) await this.flush();
    if (fusable && (!replaying || hint !== undefined)) {
      this.sample = await applyStep(def, params, this.sample, this.applyOptions(), { width: spec.width, height: spec.height });
      this.pending.push(spec);
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
    return { boxMethod: this.opts.boxMethod, removeInvisibleKeypoints: this.opts.removeInvisibleKeypoints, ...(this.opts.codec ? { codec: this.opts.codec } : {}) };
  }

  /** Resamples the pending warps onto the pixels. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const specs = this.pending;
    if (specs.length > 1) {
      const g = this.groups++;
      for (const p of this.pendingPushes) this.groupOf.set(p, g);
    }
    this.pending = [];
    this.pendingPushes = [];
    this.pendingHint = undefined;
    const s = this.sample;
    const out: { -readonly [K in keyof Sample]: Sample[K] } = { ...s, image: fusedWarp(s.image, specs) };
    if (s.extraImages) out.extraImages = Object.fromEntries(Object.entries(s.extraImages).map(([k, v]) => [k, fusedWarp(v, specs)]));
    if (s.mask) out.mask = fusedWarp(s.mask, specs);
    if (s.extraMasks) out.extraMasks = Object.fromEntries(Object.entries(s.extraMasks).map(([k, v]) => [k, fusedWarp(v, specs)]));
    if (s.instanceMasks) {
      const im = s.instanceMasks;
      const masks = im.masks.map((data) => Uint8Array.from(fusedWarp({ width: im.width, height: im.height, data }, specs).data));
      out.instanceMasks = { width: this.width, height: this.height, masks, labels: im.labels };
      if (s.boxes && this.opts.boxMethod === 'mask') out.boxes = tightenToMasks(s.boxes, masks, this.width, this.height);
    }
    this.sample = out;
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

/** With instance masks and the 'mask' method, a box is the tight box of its mask's pixels. */
function tightenToMasks(boxes: Sample['boxes'] & object, masks: readonly Uint8Array[], width: number, height: number) {
  const xyxy = boxes.xyxy.slice();
  masks.forEach((m, i) => {
    const b = boxFromMask(m, width, height);
    if (b) xyxy.set(b, i * 4);
  });
  return createBoxes({ xyxy, labels: boxes.labels, visibility: boxes.visibility, sourceIndex: boxes.sourceIndex, fields: { ...boxes.fields } });
}
