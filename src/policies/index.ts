/**
 * Importing this module registers the built-in policies, their string parser and AugMixBlend
 * (the catalog transform AugMix draws). docs/policies.md describes them.
 */
import { registerPolicy, registerPolicyParser } from '../core/policy.js';
import { registerTransform } from '../core/registry.js';
import { AugMix, augMixViews } from './augmix.js';
import { AugMixBlend, blendAugMix } from './augmix-blend.js';
import { AutoAugment } from './auto-augment.js';
import { AutoAugmentDetection } from './detection.js';
import { RandAugment } from './rand-augment.js';
import { parsePolicy } from './strings.js';
import { TrivialAugmentWide } from './trivial-augment.js';

registerTransform(AugMixBlend);
registerPolicy(AutoAugment);
registerPolicy(RandAugment);
registerPolicy(TrivialAugmentWide);
registerPolicy(AugMix);
registerPolicy(AutoAugmentDetection);
registerPolicyParser(parsePolicy);

export { AugMix, AugMixBlend, AutoAugment, AutoAugmentDetection, RandAugment, TrivialAugmentWide, augMixViews, blendAugMix, parsePolicy };
export { setPolicyDomainProfiles } from './domain.js';
export { torchvisionSpace, linspace32, timmArg, TIMM_LEVEL_TO_ARG } from './magnitudes.js';
export { policyConfig } from './config.js';
