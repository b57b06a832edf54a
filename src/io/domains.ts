/** Loading domain profiles: the built-ins in data/domains and any YAML files the user names. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AuguryError } from '../core/errors.js';
import { parseProfile, type DomainProfile } from '../domains/profile.js';

/** The folder of the built-in profiles (data/domains in the package). */
export const BUILTIN_DOMAINS_DIR = fileURLToPath(new URL('../../data/domains/', import.meta.url));

async function loadFile(path: string): Promise<DomainProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AuguryError({ code: 'io', message: `cannot read the domain profile: ${(e as Error).message}`, file: path, hint: 'check the path of the profile' });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new AuguryError({ code: 'parse', message: `the domain profile is not valid YAML: ${(e as Error).message.split('\n')[0]}`, file: path, hint: 'see docs/domains.md for the format' });
  }
  return parseProfile(data, path);
}

/** Built-in profiles plus `extra` files (which may override a built-in id), by id. */
export async function loadDomainProfiles(extra: readonly string[] = [], dir = BUILTIN_DOMAINS_DIR): Promise<Map<string, DomainProfile>> {
  const out = new Map<string, DomainProfile>();
  for (const f of (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const p = await loadFile(join(dir, f));
    out.set(p.id, p);
  }
  for (const f of extra) {
    const p = await loadFile(f);
    out.set(p.id, p);
  }
  return out;
}
