/**
 * The learned detection policies of Zoph et al. 2019 ("Learning Data Augmentation Strategies for
 * Object Detection"), as data: sub-policies of `[op, probability, level]`, level on 0..10.
 * Source: tensorflow/tpu, models/official/detection/utils/autoaugment_utils.py (policy_v0,
 * policy_v1, policy_v2, policy_v3, policy_vtest and the hparams of
 * distort_image_with_autoaugment). test/policies/detection.test.ts checks entries written out by
 * hand from that file.
 */
import type { PolicyTable } from './tables.js';

/** policy_v0: the policy of the paper's results. */
export const DET_V0: PolicyTable = [
  [['TranslateX_BBox', 0.6, 4], ['Equalize', 0.8, 10]],
  [['TranslateY_Only_BBoxes', 0.2, 2], ['Cutout', 0.8, 8]],
  [['Sharpness', 0.0, 8], ['ShearX_BBox', 0.4, 0]],
  [['ShearY_BBox', 1.0, 2], ['TranslateY_Only_BBoxes', 0.6, 6]],
  [['Rotate_BBox', 0.6, 10], ['Color', 1.0, 6]],
];

/** policy_v1. */
export const DET_V1: PolicyTable = [
  [['TranslateX_BBox', 0.6, 4], ['Equalize', 0.8, 10]],
  [['TranslateY_Only_BBoxes', 0.2, 2], ['Cutout', 0.8, 8]],
  [['Sharpness', 0.0, 8], ['ShearX_BBox', 0.4, 0]],
  [['ShearY_BBox', 1.0, 2], ['TranslateY_Only_BBoxes', 0.6, 6]],
  [['Rotate_BBox', 0.6, 10], ['Color', 1.0, 6]],
  [['Color', 0.0, 0], ['ShearX_Only_BBoxes', 0.8, 4]],
  [['ShearY_Only_BBoxes', 0.8, 2], ['Flip_Only_BBoxes', 0.0, 10]],
  [['Equalize', 0.6, 10], ['TranslateX_BBox', 0.2, 2]],
  [['Color', 1.0, 10], ['TranslateY_Only_BBoxes', 0.4, 6]],
  [['Rotate_BBox', 0.8, 10], ['Contrast', 0.0, 10]],
  [['Cutout', 0.2, 2], ['Brightness', 0.8, 10]],
  [['Color', 1.0, 6], ['Equalize', 1.0, 2]],
  [['Cutout_Only_BBoxes', 0.4, 6], ['TranslateY_Only_BBoxes', 0.8, 2]],
  [['Color', 0.2, 8], ['Rotate_BBox', 0.8, 10]],
  [['Sharpness', 0.4, 4], ['TranslateY_Only_BBoxes', 0.0, 4]],
  [['Sharpness', 1.0, 4], ['SolarizeAdd', 0.4, 4]],
  [['Rotate_BBox', 1.0, 8], ['Sharpness', 0.2, 8]],
  [['ShearY_BBox', 0.6, 10], ['Equalize_Only_BBoxes', 0.6, 8]],
  [['ShearX_BBox', 0.2, 6], ['TranslateY_Only_BBoxes', 0.2, 10]],
  [['SolarizeAdd', 0.6, 8], ['Brightness', 0.8, 10]],
];

/** policy_v2 (three ops per sub-policy). */
export const DET_V2: PolicyTable = [
  [['Color', 0.0, 6], ['Cutout', 0.6, 8], ['Sharpness', 0.4, 8]],
  [['Rotate_BBox', 0.4, 8], ['Sharpness', 0.4, 2], ['Rotate_BBox', 0.8, 10]],
  [['TranslateY_BBox', 1.0, 8], ['AutoContrast', 0.8, 2]],
  [['AutoContrast', 0.4, 6], ['ShearX_BBox', 0.8, 8], ['Brightness', 0.0, 10]],
  [['SolarizeAdd', 0.2, 6], ['Contrast', 0.0, 10], ['AutoContrast', 0.6, 0]],
  [['Cutout', 0.2, 0], ['Solarize', 0.8, 8], ['Color', 1.0, 4]],
  [['TranslateY_BBox', 0.0, 4], ['Equalize', 0.6, 8], ['Solarize', 0.0, 10]],
  [['TranslateY_BBox', 0.2, 2], ['ShearY_BBox', 0.8, 8], ['Rotate_BBox', 0.8, 8]],
  [['Cutout', 0.8, 8], ['Brightness', 0.8, 8], ['Cutout', 0.2, 2]],
  [['Color', 0.8, 4], ['TranslateY_BBox', 1.0, 6], ['Rotate_BBox', 0.6, 6]],
  [['Rotate_BBox', 0.6, 10], ['BBox_Cutout', 1.0, 4], ['Cutout', 0.2, 8]],
  [['Rotate_BBox', 0.0, 0], ['Equalize', 0.6, 6], ['ShearY_BBox', 0.6, 8]],
  [['Brightness', 0.8, 8], ['AutoContrast', 0.4, 2], ['Brightness', 0.2, 2]],
  [['TranslateY_BBox', 0.4, 8], ['Solarize', 0.4, 6], ['SolarizeAdd', 0.2, 10]],
  [['Contrast', 1.0, 10], ['SolarizeAdd', 0.2, 8], ['Equalize', 0.2, 4]],
];

/** policy_v3. */
export const DET_V3: PolicyTable = [
  [['Posterize', 0.8, 2], ['TranslateX_BBox', 1.0, 8]],
  [['BBox_Cutout', 0.2, 10], ['Sharpness', 1.0, 8]],
  [['Rotate_BBox', 0.6, 8], ['Rotate_BBox', 0.8, 10]],
  [['Equalize', 0.8, 10], ['AutoContrast', 0.2, 10]],
  [['SolarizeAdd', 0.2, 2], ['TranslateY_BBox', 0.2, 8]],
  [['Sharpness', 0.0, 2], ['Color', 0.4, 8]],
  [['Equalize', 1.0, 8], ['TranslateY_BBox', 1.0, 8]],
  [['Posterize', 0.6, 2], ['Rotate_BBox', 0.0, 10]],
  [['AutoContrast', 0.6, 0], ['Rotate_BBox', 1.0, 6]],
  [['Equalize', 0.0, 4], ['Cutout', 0.8, 10]],
  [['Brightness', 1.0, 2], ['TranslateY_BBox', 1.0, 6]],
  [['Contrast', 0.0, 2], ['ShearY_BBox', 0.8, 0]],
  [['AutoContrast', 0.8, 10], ['Contrast', 0.2, 10]],
  [['Rotate_BBox', 1.0, 10], ['Cutout', 1.0, 10]],
  [['SolarizeAdd', 0.8, 6], ['Equalize', 0.8, 8]],
];

/** policy_vtest, the reference's debugging policy. */
export const DET_VTEST: PolicyTable = [[['TranslateX_BBox', 1.0, 4], ['Equalize', 1.0, 10]]];

export const DETECTION_TABLES = { v0: DET_V0, v1: DET_V1, v2: DET_V2, v3: DET_V3, test: DET_VTEST } as const satisfies Record<string, PolicyTable>;
export type DetectionPolicyName = keyof typeof DETECTION_TABLES;

/** The hparams distort_image_with_autoaugment passes (the fill is its replace value [128, 128, 128]). */
export const DETECTION_HPARAMS = {
  cutoutMaxPadFraction: 0.75,
  cutoutBboxReplaceWithMean: false,
  cutoutConst: 100,
  translateConst: 250,
  cutoutBboxConst: 50,
  translateBboxConst: 120,
  replace: 128,
} as const;

export const DET_MAX_LEVEL = 10;

/** Ops whose argument the reference negates with probability 0.5. */
export const DETECTION_SIGNED: ReadonlySet<string> = new Set([
  'Rotate_BBox', 'Rotate_Only_BBoxes', 'ShearX_BBox', 'ShearY_BBox', 'ShearX_Only_BBoxes', 'ShearY_Only_BBoxes',
  'TranslateX_BBox', 'TranslateY_BBox', 'TranslateX_Only_BBoxes', 'TranslateY_Only_BBoxes',
]);

/** The reference's level_to_arg, unsigned (the sign is drawn by the policy); null: the op takes no argument. */
export function detectionArg(op: string, level: number, h = DETECTION_HPARAMS): number | null {
  const f = level / DET_MAX_LEVEL;
  switch (op) {
    case 'AutoContrast':
    case 'Equalize':
    case 'Flip_Only_BBoxes':
    case 'Equalize_Only_BBoxes':
      return null;
    case 'Posterize':
      return Math.trunc(f * 4);
    case 'Solarize':
    case 'Solarize_Only_BBoxes':
      return Math.trunc(f * 256);
    case 'SolarizeAdd':
      return Math.trunc(f * 110);
    case 'Color':
    case 'Contrast':
    case 'Brightness':
    case 'Sharpness':
      return f * 1.8 + 0.1;
    case 'Cutout':
      return Math.trunc(f * h.cutoutConst);
    case 'BBox_Cutout':
      return f * h.cutoutMaxPadFraction;
    case 'TranslateX_BBox':
    case 'TranslateY_BBox':
      return f * h.translateConst;
    case 'TranslateX_Only_BBoxes':
    case 'TranslateY_Only_BBoxes':
      return f * h.translateBboxConst;
    case 'Rotate_BBox':
    case 'Rotate_Only_BBoxes':
      return f * 30;
    case 'ShearX_BBox':
    case 'ShearY_BBox':
    case 'ShearX_Only_BBoxes':
    case 'ShearY_Only_BBoxes':
      return f * 0.3;
    case 'Cutout_Only_BBoxes':
      return Math.trunc(f * h.cutoutBboxConst);
    default:
      throw new Error(`no detection op ${op}`);
  }
}

/** The box-only ops: their probability is per box (divided by 3), and the op itself always runs. */
export function isBoxOnlyOp(op: string): boolean {
  return op.endsWith('_Only_BBoxes');
}
