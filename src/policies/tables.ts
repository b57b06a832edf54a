/**
 * The published AutoAugment policies, as data: sub-policies of `[op, probability, magnitude]`.
 *
 * torchvision's tables (ImageNet, CIFAR-10, SVHN; Cubuk et al. 2019, as torchvision 0.14 has them)
 * give a bin index of the 10-bin space (null: the op has no magnitude). timm's tables (`original`,
 * `originalr`, `v0`, `v0r`, `3a`) give a level on its 0..10 scale. test/policies/tables.test.ts
 * compares every entry with the reference tables read from torchvision and timm.
 */

export type TableEntry = readonly [op: string, prob: number, magnitude: number | null];
export type PolicyTable = readonly (readonly TableEntry[])[];

/** torchvision AutoAugmentPolicy.IMAGENET. */
export const TV_IMAGENET: PolicyTable = [
  [['Posterize', 0.4, 8], ['Rotate', 0.6, 9]],
  [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
  [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
  [['Posterize', 0.6, 7], ['Posterize', 0.6, 6]],
  [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
  [['Equalize', 0.4, null], ['Rotate', 0.8, 8]],
  [['Solarize', 0.6, 3], ['Equalize', 0.6, null]],
  [['Posterize', 0.8, 5], ['Equalize', 1.0, null]],
  [['Rotate', 0.2, 3], ['Solarize', 0.6, 8]],
  [['Equalize', 0.6, null], ['Posterize', 0.4, 6]],
  [['Rotate', 0.8, 8], ['Color', 0.4, 0]],
  [['Rotate', 0.4, 9], ['Equalize', 0.6, null]],
  [['Equalize', 0.0, null], ['Equalize', 0.8, null]],
  [['Invert', 0.6, null], ['Equalize', 1.0, null]],
  [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
  [['Rotate', 0.8, 8], ['Color', 1.0, 2]],
  [['Color', 0.8, 8], ['Solarize', 0.8, 7]],
  [['Sharpness', 0.4, 7], ['Invert', 0.6, null]],
  [['ShearX', 0.6, 5], ['Equalize', 1.0, null]],
  [['Color', 0.4, 0], ['Equalize', 0.6, null]],
  [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
  [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
  [['Invert', 0.6, null], ['Equalize', 1.0, null]],
  [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
  [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
];

/** torchvision AutoAugmentPolicy.CIFAR10. */
export const TV_CIFAR10: PolicyTable = [
  [['Invert', 0.1, null], ['Contrast', 0.2, 6]],
  [['Rotate', 0.7, 2], ['TranslateX', 0.3, 9]],
  [['Sharpness', 0.8, 1], ['Sharpness', 0.9, 3]],
  [['ShearY', 0.5, 8], ['TranslateY', 0.7, 9]],
  [['AutoContrast', 0.5, null], ['Equalize', 0.9, null]],
  [['ShearY', 0.2, 7], ['Posterize', 0.3, 7]],
  [['Color', 0.4, 3], ['Brightness', 0.6, 7]],
  [['Sharpness', 0.3, 9], ['Brightness', 0.7, 9]],
  [['Equalize', 0.6, null], ['Equalize', 0.5, null]],
  [['Contrast', 0.6, 7], ['Sharpness', 0.6, 5]],
  [['Color', 0.7, 7], ['TranslateX', 0.5, 8]],
  [['Equalize', 0.3, null], ['AutoContrast', 0.4, null]],
  [['TranslateY', 0.4, 3], ['Sharpness', 0.2, 6]],
  [['Brightness', 0.9, 6], ['Color', 0.2, 8]],
  [['Solarize', 0.5, 2], ['Invert', 0.0, null]],
  [['Equalize', 0.2, null], ['AutoContrast', 0.6, null]],
  [['Equalize', 0.2, null], ['Equalize', 0.6, null]],
  [['Color', 0.9, 9], ['Equalize', 0.6, null]],
  [['AutoContrast', 0.8, null], ['Solarize', 0.2, 8]],
  [['Brightness', 0.1, 3], ['Color', 0.7, 0]],
  [['Solarize', 0.4, 5], ['AutoContrast', 0.9, null]],
  [['TranslateY', 0.9, 9], ['TranslateY', 0.7, 9]],
  [['AutoContrast', 0.9, null], ['Solarize', 0.8, 3]],
  [['Equalize', 0.8, null], ['Invert', 0.1, null]],
  [['TranslateY', 0.7, 9], ['AutoContrast', 0.9, null]],
];

/** torchvision AutoAugmentPolicy.SVHN. */
export const TV_SVHN: PolicyTable = [
  [['ShearX', 0.9, 4], ['Invert', 0.2, null]],
  [['ShearY', 0.9, 8], ['Invert', 0.7, null]],
  [['Equalize', 0.6, null], ['Solarize', 0.6, 6]],
  [['Invert', 0.9, null], ['Equalize', 0.6, null]],
  [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
  [['ShearX', 0.9, 4], ['AutoContrast', 0.8, null]],
  [['ShearY', 0.9, 8], ['Invert', 0.4, null]],
  [['ShearY', 0.9, 5], ['Solarize', 0.2, 6]],
  [['Invert', 0.9, null], ['AutoContrast', 0.8, null]],
  [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
  [['ShearX', 0.9, 4], ['Solarize', 0.3, 3]],
  [['ShearY', 0.8, 8], ['Invert', 0.7, null]],
  [['Equalize', 0.9, null], ['TranslateY', 0.6, 6]],
  [['Invert', 0.9, null], ['Equalize', 0.6, null]],
  [['Contrast', 0.3, 3], ['Rotate', 0.8, 4]],
  [['Invert', 0.8, null], ['TranslateY', 0.0, 2]],
  [['ShearY', 0.7, 6], ['Solarize', 0.4, 8]],
  [['Invert', 0.6, null], ['Rotate', 0.8, 4]],
  [['ShearY', 0.3, 7], ['TranslateX', 0.9, 3]],
  [['ShearX', 0.1, 6], ['Invert', 0.6, null]],
  [['Solarize', 0.7, 2], ['TranslateY', 0.6, 7]],
  [['ShearY', 0.8, 4], ['Invert', 0.8, null]],
  [['ShearX', 0.7, 9], ['TranslateY', 0.8, 3]],
  [['ShearY', 0.8, 5], ['AutoContrast', 0.7, null]],
  [['ShearX', 0.7, 2], ['Invert', 0.1, null]],
];

/** timm auto_augment_policy_original. */
export const TIMM_ORIGINAL: PolicyTable = [
  [['PosterizeOriginal', 0.4, 8], ['Rotate', 0.6, 9]],
  [['Solarize', 0.6, 5], ['AutoContrast', 0.6, 5]],
  [['Equalize', 0.8, 8], ['Equalize', 0.6, 3]],
  [['PosterizeOriginal', 0.6, 7], ['PosterizeOriginal', 0.6, 6]],
  [['Equalize', 0.4, 7], ['Solarize', 0.2, 4]],
  [['Equalize', 0.4, 4], ['Rotate', 0.8, 8]],
  [['Solarize', 0.6, 3], ['Equalize', 0.6, 7]],
  [['PosterizeOriginal', 0.8, 5], ['Equalize', 1.0, 2]],
  [['Rotate', 0.2, 3], ['Solarize', 0.6, 8]],
  [['Equalize', 0.6, 8], ['PosterizeOriginal', 0.4, 6]],
  [['Rotate', 0.8, 8], ['Color', 0.4, 0]],
  [['Rotate', 0.4, 9], ['Equalize', 0.6, 2]],
  [['Equalize', 0.0, 7], ['Equalize', 0.8, 8]],
  [['Invert', 0.6, 4], ['Equalize', 1.0, 8]],
  [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
  [['Rotate', 0.8, 8], ['Color', 1.0, 2]],
  [['Color', 0.8, 8], ['Solarize', 0.8, 7]],
  [['Sharpness', 0.4, 7], ['Invert', 0.6, 8]],
  [['ShearX', 0.6, 5], ['Equalize', 1.0, 9]],
  [['Color', 0.4, 0], ['Equalize', 0.6, 3]],
  [['Equalize', 0.4, 7], ['Solarize', 0.2, 4]],
  [['Solarize', 0.6, 5], ['AutoContrast', 0.6, 5]],
  [['Invert', 0.6, 4], ['Equalize', 1.0, 8]],
  [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
  [['Equalize', 0.8, 8], ['Equalize', 0.6, 3]],
];

/** timm auto_augment_policy_originalr: `original` with PosterizeIncreasing for PosterizeOriginal. */
export const TIMM_ORIGINALR: PolicyTable = TIMM_ORIGINAL.map((sub) => sub.map(([op, p, m]) => [op === 'PosterizeOriginal' ? 'PosterizeIncreasing' : op, p, m] as const));

/** timm auto_augment_policy_v0. */
export const TIMM_V0: PolicyTable = [
  [['Equalize', 0.8, 1], ['ShearY', 0.8, 4]],
  [['Color', 0.4, 9], ['Equalize', 0.6, 3]],
  [['Color', 0.4, 1], ['Rotate', 0.6, 8]],
  [['Solarize', 0.8, 3], ['Equalize', 0.4, 7]],
  [['Solarize', 0.4, 2], ['Solarize', 0.6, 2]],
  [['Color', 0.2, 0], ['Equalize', 0.8, 8]],
  [['Equalize', 0.4, 8], ['SolarizeAdd', 0.8, 3]],
  [['ShearX', 0.2, 9], ['Rotate', 0.6, 8]],
  [['Color', 0.6, 1], ['Equalize', 1.0, 2]],
  [['Invert', 0.4, 9], ['Rotate', 0.6, 0]],
  [['Equalize', 1.0, 9], ['ShearY', 0.6, 3]],
  [['Color', 0.4, 7], ['Equalize', 0.6, 0]],
  [['Posterize', 0.4, 6], ['AutoContrast', 0.4, 7]],
  [['Solarize', 0.6, 8], ['Color', 0.6, 9]],
  [['Solarize', 0.2, 4], ['Rotate', 0.8, 9]],
  [['Rotate', 1.0, 7], ['TranslateYRel', 0.8, 9]],
  [['ShearX', 0.0, 0], ['Solarize', 0.8, 4]],
  [['ShearY', 0.8, 0], ['Color', 0.6, 4]],
  [['Color', 1.0, 0], ['Rotate', 0.6, 2]],
  [['Equalize', 0.8, 4], ['Equalize', 0.0, 8]],
  [['Equalize', 1.0, 4], ['AutoContrast', 0.6, 2]],
  [['ShearY', 0.4, 7], ['SolarizeAdd', 0.6, 7]],
  [['Posterize', 0.8, 2], ['Solarize', 0.6, 10]],
  [['Solarize', 0.6, 8], ['Equalize', 0.6, 1]],
  [['Color', 0.8, 6], ['Rotate', 0.4, 5]],
];

/** timm auto_augment_policy_v0r: `v0` with PosterizeIncreasing for Posterize. */
export const TIMM_V0R: PolicyTable = TIMM_V0.map((sub) => sub.map(([op, p, m]) => [op === 'Posterize' ? 'PosterizeIncreasing' : op, p, m] as const));

/** timm auto_augment_policy_3a. */
export const TIMM_3A: PolicyTable = [
  [['Solarize', 1.0, 5]],
  [['Desaturate', 1.0, 10]],
  [['GaussianBlurRand', 1.0, 10]],
];

/** Every AutoAugment table by the name its `policy` option takes, and the scale its magnitudes are on. */
export const AUTO_AUGMENT_TABLES = {
  imagenet: { table: TV_IMAGENET, scale: 'torchvision' },
  cifar10: { table: TV_CIFAR10, scale: 'torchvision' },
  svhn: { table: TV_SVHN, scale: 'torchvision' },
  original: { table: TIMM_ORIGINAL, scale: 'timm' },
  originalr: { table: TIMM_ORIGINALR, scale: 'timm' },
  v0: { table: TIMM_V0, scale: 'timm' },
  v0r: { table: TIMM_V0R, scale: 'timm' },
  '3a': { table: TIMM_3A, scale: 'timm' },
} as const satisfies Record<string, { table: PolicyTable; scale: 'torchvision' | 'timm' }>;

export type AutoAugmentPolicyName = keyof typeof AUTO_AUGMENT_TABLES;

/** timm's RandAugment and AugMix op lists and choice weights. */
export const TIMM_RAND_TRANSFORMS: readonly string[] = ['AutoContrast', 'Equalize', 'Invert', 'Rotate', 'Posterize', 'Solarize', 'SolarizeAdd', 'Color', 'Contrast', 'Brightness', 'Sharpness', 'ShearX', 'ShearY', 'TranslateXRel', 'TranslateYRel'];
export const TIMM_RAND_INCREASING_TRANSFORMS: readonly string[] = ['AutoContrast', 'Equalize', 'Invert', 'Rotate', 'PosterizeIncreasing', 'SolarizeIncreasing', 'SolarizeAdd', 'ColorIncreasing', 'ContrastIncreasing', 'BrightnessIncreasing', 'SharpnessIncreasing', 'ShearX', 'ShearY', 'TranslateXRel', 'TranslateYRel'];
export const TIMM_RAND_3A: readonly string[] = ['SolarizeIncreasing', 'Desaturate', 'GaussianBlur'];
export const TIMM_AUGMIX_TRANSFORMS: readonly string[] = ['AutoContrast', 'ColorIncreasing', 'ContrastIncreasing', 'BrightnessIncreasing', 'SharpnessIncreasing', 'Equalize', 'Rotate', 'PosterizeIncreasing', 'SolarizeIncreasing', 'ShearX', 'ShearY', 'TranslateXRel', 'TranslateYRel'];
export const TIMM_RAND_WEIGHTED_0: Readonly<Record<string, number>> = { Rotate: 3, ShearX: 2, ShearY: 2, TranslateXRel: 1, TranslateYRel: 1, ColorIncreasing: 0.25, SharpnessIncreasing: 0.25, AutoContrast: 0.25, SolarizeIncreasing: 0.05, SolarizeAdd: 0.05, ContrastIncreasing: 0.05, BrightnessIncreasing: 0.05, Equalize: 0.05, PosterizeIncreasing: 0.05, Invert: 0.05 };
export const TIMM_RAND_WEIGHTED_3A: Readonly<Record<string, number>> = { SolarizeIncreasing: 6, Desaturate: 6, GaussianBlur: 6, Rotate: 3, ShearX: 2, ShearY: 2, PosterizeIncreasing: 1, AutoContrast: 1, ColorIncreasing: 1, SharpnessIncreasing: 1, ContrastIncreasing: 1, BrightnessIncreasing: 1, Equalize: 1, Invert: 1 };
