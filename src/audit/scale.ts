/**
 * How much each draw's objects were scaled, read from the trace, so that an object's visible
 * fraction (visible pixels / pixels before) does not read a downscale as occlusion (DESIGN.md:
 * "scaling never reads as occlusion"). Mix steps record their placements: Mosaic's cells and
 * Copy-Paste's sx, sy give the factor exactly; other mixes stretch each partner to the canvas.
 * Non-mix steps count as scale 1: a pipeline that also resizes outside its mixes sees those
 * objects' fractions move by the area factor (docs/audit.md).
 */
import { isComposition, type LeafTrace, type StepTrace } from '../core/trace.js';
import type { AuditDraw } from './objects.js';

function leaves(steps: readonly StepTrace[]): LeafTrace[] {
  return steps.flatMap((s) => (isComposition(s) ? (s.skipped ? [] : leaves(s.steps)) : [s]));
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Area factor of mix input `slot` (0: the sample so far, k: partner k) in one mix step. */
function slotScale(step: LeafTrace, slot: number, draw: AuditDraw | undefined, canvas: { width: number; height: number }): number {
  const p = (step.params ?? {}) as Record<string, unknown>;
  if (step.name === 'Mosaic' && Array.isArray(p['cells'])) {
    const cell = (p['cells'] as Record<string, unknown>[]).find((c) => c['source'] === slot);
    return cell ? num(cell['sx'], 1) * num(cell['sy'], 1) : 1;
  }
  if (slot === 0) return 1;
  if (step.name === 'CopyPaste') return num(p['sx'], 1) * num(p['sy'], 1);
  if (!draw) return 1;
  return (num(p['width'], canvas.width) * num(p['height'], canvas.height)) / (draw.width * draw.height);
}

/**
 * The area factor per draw (index = draw). Draws are registered in the order the run asks for
 * partners, which is the order the trace lists them in, step by step.
 */
export function drawScales(steps: readonly StepTrace[], draws: readonly AuditDraw[]): number[] {
  const scales = draws.map(() => 1);
  const first = draws[0];
  const canvas = { width: first?.width ?? 1, height: first?.height ?? 1 };
  let next = 1;
  for (const step of leaves(steps)) {
    const partners = step.partners;
    if (step.skipped || !partners) continue;
    const base = slotScale(step, 0, undefined, canvas);
    for (let d = 0; d < next && d < scales.length; d++) scales[d] = scales[d]! * base;
    for (let k = 1; k <= partners.length; k++) {
      const d = next + k - 1;
      if (d < scales.length) scales[d] = slotScale(step, k, draws[d], canvas);
    }
    next += partners.length;
  }
  return scales;
}
