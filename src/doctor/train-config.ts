/**
 * train.yaml: what the trainer does outside the augmentation pipeline (label smoothing, batch
 * mixing done by the trainer) and the run's size, so config rules can weigh the whole recipe.
 *
 *   labelSmoothing: 0.1
 *   mixup: {alpha: 0.2, prob: 1}
 *   cutmix: {alpha: 1.0, prob: 0.5}
 *   epochs: 100
 *   datasetSize: 50000
 *   model: resnet50
 *   gpuRate: 1200      # images per second the GPU consumes
 *   cores: 8
 */
import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { finding, type Finding } from './findings.js';
import { at, parseWithLines } from './yaml-lines.js';

const mixSchema = z
  .object({
    alpha: z.number().min(0).describe('Beta(alpha, alpha) parameter of the mixing ratio'),
    prob: z.number().min(0).max(1).default(1).describe('probability of mixing a batch'),
  })
  .strict();

const fields = {
  labelSmoothing: z.number().min(0).lt(1).describe('label smoothing epsilon'),
  mixup: mixSchema.describe('MixUp done by the trainer'),
  cutmix: mixSchema.describe('CutMix done by the trainer'),
  epochs: z.number().int().positive(),
  datasetSize: z.number().int().positive().describe('training images per epoch'),
  model: z.string().min(1),
  gpuRate: z.number().positive().describe('images per second the GPU consumes'),
  cores: z.number().int().positive().describe('CPU cores feeding the GPU'),
} as const;

/** The documented train.yaml schema (every key optional). */
export const trainConfigSchema = z.object(fields).partial().strict();
export type TrainConfig = z.output<typeof trainConfigSchema>;
export type MixConfig = z.output<typeof mixSchema>;

/**
 * Reads train.yaml text. Bad or unknown keys do not stop the doctor: each becomes an error
 * finding (`input.train-config`) naming the file, line and key, and the valid keys are kept.
 * Unparseable YAML gives `config: undefined` and one finding.
 */
export function parseTrainConfig(text: string, file = 'train.yaml'): { config: TrainConfig | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  let parsed: { data: unknown; lines: Map<string, number> };
  try {
    parsed = parseWithLines(text);
  } catch (e) {
    return { config: undefined, findings: [finding('input.unreadable', 'error', `${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file }, 'fix the YAML syntax (docs/rules.md, section train.yaml, shows the format)')] };
  }
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { config: undefined, findings: [finding('input.train-config', 'error', `${file}: train.yaml must be a mapping of keys`, { file }, 'write keys such as `labelSmoothing: 0.1` (docs/rules.md, section train.yaml)')] };
  }
  const known = Object.keys(fields);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const where = at(file, parsed.lines.get(key));
    const schema = (fields as Record<string, z.ZodType>)[key];
    if (!schema) {
      findings.push(finding('input.train-config', 'error', `${where}: unknown key "${key}"; it is ignored`, { file, key, line: parsed.lines.get(key) ?? null }, `did you mean "${closest(key, known)}"? known keys: ${known.join(', ')}`));
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) {
      out[key] = r.data;
      continue;
    }
    const issue = r.error.issues[0]!;
    const sub = issue.path.length > 0 ? `${key}.${issue.path.map(String).join('.')}` : key;
    const line = parsed.lines.get(sub) ?? parsed.lines.get(key);
    const hint = issue.code === 'unrecognized_keys' ? `${key} takes alpha and prob` : `see docs/rules.md (section train.yaml) for ${key}`;
    findings.push(finding('input.train-config', 'error', `${at(file, line)}: ${sub}: ${issue.message}; the key is ignored`, { file, key: sub, line: line ?? null, received: value }, hint));
  }
  return { config: out as TrainConfig, findings };
}
