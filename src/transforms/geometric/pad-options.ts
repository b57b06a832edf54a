/** Params and plan shared by the padding transforms (Pad, PadIfNeeded, RandomZoomOut). */
import type { BorderMode, Fill } from '../../functional/types.js';
import type { PlanOf } from './crop-plan.js';

/** Exact pixel counts added on each side, and how they are filled. */
export type PadParams = {
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  border: BorderMode;
  fill: Fill;
  fillMask: number;
};

export const padPlan: PlanOf<PadParams> = (p) => ({
  pad: { top: p.padTop, bottom: p.padBottom, left: p.padLeft, right: p.padRight, border: p.border },
  fill: p.fill,
  fillMask: p.fillMask,
});

/** Splits `total` padding pixels in two halves, the odd one going to the second side (bottom/right). */
export function splitCentre(total: number): [number, number] {
  const first = Math.floor(total / 2);
  return [first, total - first];
}
