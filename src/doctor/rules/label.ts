/**
 * Label-semantics rules: augmentations whose labels stop describing the image.
 * Reasoning and thresholds: docs/rules.md.
 */
import type { KernelTarget } from '../../core/transform.js';
import { taskTargets, type ConfigContext } from '../context.js';
import { finding, round, type Finding } from '../findings.js';
import { magnitudeFraction } from './budget.js';
import type { DoctorStep } from '../steps.js';

export const FLIP_STEPS = ['HorizontalFlip', 'VerticalFlip', 'Transpose'];
/** Rotation beyond this many degrees inflates 'corners' boxes enough to warn (heuristic). */
export const ROTATION_WARN_DEGREES = 10;

const where = (s: DoctorStep): string => (s.line ? `${s.path} (line ${s.line})` : s.path);

/** Blending MixUp on detection or segmentation: one image, two sets of labels at partial opacity. */
export function mixingRule(ctx: ConfigContext): Finding[] {
  const task = ctx.task;
  if (task !== 'detection' && task !== 'segmentation') return [];
  const out: Finding[] = [];
  const m = ctx.train?.mixup;
  if (m && m.alpha > 0 && m.prob > 0) {
    out.push(
      finding(
        'label.mixup-blend',
        'error',
        `train.yaml mixes images with MixUp (alpha ${m.alpha}, prob ${m.prob}) on a ${task} task: a blended pixel belongs to two objects, and ${task === 'detection' ? 'a box of a half-transparent object is a box of nothing the detector can see' : 'a mask can give each pixel only one class'}`,
        { source: 'train.yaml', task, alpha: m.alpha, prob: m.prob },
        task === 'detection' ? 'remove mixup for detection, or use Mosaic/CutMix, which paste whole regions whose boxes stay true' : 'remove mixup for segmentation, or use CutMix, which pastes a region together with its mask',
      ),
    );
  }
  for (const s of ctx.pipeline?.steps ?? []) {
    if (s.name !== 'MixUp') continue;
    out.push(finding('label.mixup-blend', 'error', `${where(s)}: MixUp blends whole images on a ${task} task; the labels of both images then describe half-visible objects`, { step: s.path, task }, 'use Mosaic or CutMix for detection and segmentation'));
  }
  return out;
}

/** A transform whose kernel for a target of the task is 'unsupported'. */
export function unsupportedTargetRule(ctx: ConfigContext): Finding[] {
  if (!ctx.task || !ctx.pipeline) return [];
  const targets = taskTargets(ctx.task, ctx.data);
  const out: Finding[] = [];
  for (const s of ctx.pipeline.steps) {
    if (!s.def) continue;
    for (const t of targets) {
      if (s.def.kernels[t as KernelTarget] !== 'unsupported') continue;
      const alt = s.def.alternatives?.[t as KernelTarget];
      out.push(
        finding('label.unsupported-target', 'error', `${where(s)}: ${s.name} cannot map ${t}, which every ${ctx.task} sample has; the run would stop at the first sample`, { step: s.path, transform: s.name, target: t, task: ctx.task }, alt ? `use ${alt} instead` : `remove ${s.name} or pick a transform that maps ${t}`),
      );
    }
  }
  return out;
}

/** Flips on keypoints without flip pairs: the left eye lands on the right eye and keeps its name. */
export function flipPairsRule(ctx: ConfigContext): Finding[] {
  if (ctx.task !== 'keypoints' || !ctx.pipeline) return [];
  if ((ctx.pipeline.flipPairs?.length ?? 0) > 0 || ctx.data?.flipPairs) return [];
  return ctx.pipeline.steps
    .filter((s) => FLIP_STEPS.includes(s.name))
    .map((s) =>
      finding(
        'label.keypoint-flip-pairs',
        'warning',
        `${where(s)}: ${s.name} mirrors keypoints, but neither the pipeline (keypoints.flipPairs) nor the data gives flip pairs: after a flip the left-side keypoints sit on the right side under their old names`,
        { step: s.path, transform: s.name },
        'add `keypoints: {flipPairs: [[1, 2], [3, 4], ...]}` to the pipeline (pairs of left/right indices), or drop the flip if the skeleton has no left and right',
      ),
    );
}

/** Largest rotation (degrees) a step can draw, or 0. */
export function maxRotation(s: DoctorStep): number {
  const absMax = (v: unknown): number => (typeof v === 'number' ? Math.abs(v) : Array.isArray(v) ? Math.max(0, ...v.map(absMax)) : 0);
  switch (s.name) {
    case 'Rotate':
      return absMax(s.options['limit'] ?? 90);
    case 'Affine':
      return absMax(s.options['rotate']);
    case 'ShiftScaleRotate':
      return absMax(s.options['rotateLimit'] ?? 45);
    case 'RandAugment':
      // Both scales rotate by up to 30 degrees at the top of their magnitude range.
      return 30 * magnitudeFraction(s.options);
    default:
      return 0;
  }
}

/**
 * Growth of the enclosing ('corners') box of an axis-aligned square rotated by `deg`: each side
 * becomes |cos| + |sin| times longer, the area (|cos| + |sin|)^2 = 1 + |sin 2θ| times larger.
 */
export function boxInflation(deg: number): { side: number; area: number } {
  const t = (deg * Math.PI) / 180;
  const side = Math.abs(Math.cos(t)) + Math.abs(Math.sin(t));
  return { side, area: side * side };
}

/** Rotation of boxes that have no polygons or masks to refit from. */
export function rotationInflationRule(ctx: ConfigContext): Finding[] {
  if ((ctx.task !== 'detection' && ctx.task !== 'keypoints') || !ctx.pipeline) return [];
  const method = ctx.pipeline.boxMethod;
  if (method === 'mask' || ctx.data?.masksOrPolygons) return [];
  const out: Finding[] = [];
  for (const s of ctx.pipeline.steps) {
    const deg = Math.min(45, maxRotation(s));
    if (deg <= ROTATION_WARN_DEGREES) continue;
    const inf = boxInflation(deg);
    const at10 = boxInflation(ROTATION_WARN_DEGREES);
    out.push(
      finding(
        'label.rotation-box-inflation',
        'warning',
        `${where(s)}: ${s.name} rotates boxes by up to ${round(maxRotation(s), 1)} degrees without polygons or masks to refit them; the enclosing box of a rotated square grows by up to ${round((inf.side - 1) * 100, 1)}% per side (${round((inf.area - 1) * 100, 1)}% in area), so boxes teach the model loose borders`,
        { step: s.path, transform: s.name, maxDegrees: round(maxRotation(s), 2), sideInflationPct: round((inf.side - 1) * 100, 2), areaInflationPct: round((inf.area - 1) * 100, 2), boxMethod: method ?? 'corners' },
        `keep rotation within ±${ROTATION_WARN_DEGREES} degrees (at most ${round((at10.side - 1) * 100, 1)}% per side), or give the data polygons or instance masks and set \`boxes: {method: mask}\`${method === 'ellipse' ? '' : "; `boxes: {method: ellipse}` shrinks the growth for round objects"}`,
      ),
    );
  }
  return out;
}
