/** The registry of transforms by name: built-ins register at import, custom ones through the same call. */
import { closest, distance } from 'fastest-levenshtein';
import { AuguryError } from './errors.js';
import type { TransformDef } from './transform.js';

// Stored with erased generics: each def's own sample/kernels agree with each other by construction.
type AnyDef = TransformDef;
const registry = new Map<string, AnyDef>();

/**
 * Registers a transform so that configs and traces can name it. Names are unique; registering
 * the same definition object twice is a no-op.
 */
export function registerTransform<D>(def: D & Pick<TransformDef, 'name'>): void {
  const existing = registry.get(def.name);
  if (existing && existing !== (def as unknown)) {
    throw new AuguryError({ code: 'validation', message: `a transform named "${def.name}" is already registered`, hint: 'choose another name for your custom transform' });
  }
  registry.set(def.name, def as unknown as AnyDef);
}

export function hasTransform(name: string): boolean {
  return registry.has(name);
}

/** The definition of `name`, or an error that suggests the nearest registered name. */
export function getTransform(name: string, where = 'transforms'): AnyDef {
  const def = registry.get(name);
  if (def) return def;
  const names = [...registry.keys()];
  const near = names.length > 0 ? closest(name, names) : undefined;
  const close = near !== undefined && distance(name.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3));
  throw new AuguryError({
    code: 'validation',
    message: `unknown transform "${name}"`,
    key: where,
    hint: close ? `did you mean "${near}"? (docs/transforms.md lists them all)` : 'see docs/transforms.md for the registered transforms',
  });
}

export function listTransforms(): AnyDef[] {
  return [...registry.values()].sort((a, b) => (a.family === b.family ? a.name.localeCompare(b.name) : a.family.localeCompare(b.family)));
}
