/** Pipeline configs as text: YAML or JSON in, YAML or JSON out. */
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import { AuguryError } from './errors.js';
import { Pipeline } from './pipeline.js';

/** Parses YAML (a superset of JSON) into a pipeline; `file` names the source in errors. */
export function pipelineFromText(text: string, file?: string): Pipeline {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    const pos = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new AuguryError({
      code: 'parse',
      message: `the pipeline is not valid YAML or JSON${pos}: ${(e as Error).message.split('\n')[0]}`,
      ...(file ? { file } : {}),
      hint: 'check indentation and brackets; a pipeline is a mapping with a "transforms" list',
      cause: e,
    });
  }
  try {
    return Pipeline.fromConfig(data);
  } catch (e) {
    if (e instanceof AuguryError && file) throw e.at({ file });
    throw e;
  }
}

/** The pipeline's config as YAML or JSON text. */
export function pipelineToText(p: Pipeline, format: 'yaml' | 'json' = 'yaml'): string {
  const cfg = p.toConfig();
  return format === 'json' ? JSON.stringify(cfg, null, 2) + '\n' : stringifyYaml(cfg);
}
