/** The reference policy tables (test/fixtures/golden/policy-tables.json; README-policy.md says where they come from). */
import { readFileSync } from 'node:fs';

export interface SpaceJson {
  num_bins: number;
  image_size_hw?: [number, number];
  all_ops?: boolean;
  op_order: string[];
  ops: { name: string; signed: boolean; magnitudes: number[] | null; dtype: string }[];
}
export interface ConfigJson {
  config: string;
  returned_class: string;
  magnitude_std: number | 'inf';
  magnitude_max: number | null;
  clamp_upper_bound: number;
  num_layers?: number;
  magnitude?: number;
  prob_per_op?: number;
  increasing?: boolean;
  op_names?: string[];
  op_list?: string;
  policy_name?: string;
  alpha?: number;
  width?: number;
  depth?: number;
  blended?: boolean;
  args_at_magnitude?: Record<string, number | null>;
}

export const golden = JSON.parse(readFileSync(new URL('../fixtures/golden/policy-tables.json', import.meta.url), 'utf8')) as {
  torchvision: {
    AutoAugment: { policies: Record<string, { sub_policies: { op: string; prob: number; magnitude_id: number | null; resolved_magnitude_224: number; signed: boolean }[][] }>; augmentation_space: SpaceJson[] };
    RandAugment: { augmentation_space: SpaceJson[]; defaults: { num_ops: number; magnitude: number; num_magnitude_bins: number } };
    TrivialAugmentWide: { augmentation_space: SpaceJson[] };
    AugMix: { augmentation_space: SpaceJson[]; defaults: { severity: number; mixture_width: number; chain_depth: number; alpha: number } };
  };
  timm: {
    level_to_arg: { levels: number[]; ops: { name: string; randomly_negated: boolean; values: number[] | null; values_negated: number[] | null }[] };
    op_lists: Record<string, string[] | Record<string, number>>;
    policies: Record<string, { sub_policies: { op: string; prob: number; magnitude: number; arg_at_magnitude: number | null }[][] }>;
    parsed_configs: ConfigJson[];
    parsed_configs_extra: ConfigJson[];
  };
};
