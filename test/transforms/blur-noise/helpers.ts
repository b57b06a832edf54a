/** Builders and checks shared by the blur-noise and occlusion transform tests. */
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { isComposition, type LeafTrace, type StepTrace, type Trace } from '../../../src/core/trace.js';
import type { Params } from '../../../src/core/transform.js';

// The photo fixture and image builders are the kernel tests' (test/fixtures/blur-noise/README.md).
export { FIXTURE as PHOTO, photo, u8 } from '../../functional/blur-noise/helpers.js';

/** Params of the first step that ran. */
export function paramsOf(trace: Trace): Params {
  const flat = (steps: readonly StepTrace[]): LeafTrace[] => steps.flatMap((s) => (isComposition(s) ? flat(s.steps) : [s]));
  const leaf = flat(trace.steps).find((s) => !s.skipped);
  if (!leaf?.params) throw new Error('no step ran');
  return leaf.params;
}

/** Asserts that `f` fails with an AuguryError whose message holds every part. */
export async function rejectsWith(f: () => unknown, ...parts: string[]): Promise<AuguryError> {
  let err: unknown;
  try {
    await f();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof AuguryError, `expected an AuguryError, got ${String(err)}`);
  for (const p of parts) assert.ok(err.message.includes(p), `error message lacks "${p}": ${err.message}`);
  return err;
}
