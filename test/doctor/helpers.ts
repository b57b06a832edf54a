/** Shared helpers for the doctor tests: run the config rules on YAML text. */
import '../../src/transforms/index.js';
import { stringify } from 'yaml';
import { runDoctor, type DoctorInput } from '../../src/doctor/run.js';
import type { Finding } from '../../src/doctor/findings.js';
import { loadDomainProfiles } from '../../src/io/domains.js';

export async function doctorOn(pipeline: unknown, train?: unknown, extra: Partial<DoctorInput> = {}): Promise<Finding[]> {
  const profiles = await loadDomainProfiles();
  return [
    ...runDoctor({
      pipeline: { text: typeof pipeline === 'string' ? pipeline : stringify(pipeline), file: 'p.yaml' },
      ...(train !== undefined ? { train: { text: typeof train === 'string' ? train : stringify(train), file: 'train.yaml' } } : {}),
      profiles,
      ...extra,
    }).findings,
  ];
}

export const ids = (fs: readonly Finding[]): string[] => fs.map((f) => f.ruleId);
export const only = (fs: readonly Finding[], id: string): Finding[] => fs.filter((f) => f.ruleId === id);
