/** Builders and checks shared by the blur-noise and occlusion transform tests. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import '../../../src/transforms/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { isComposition, type LeafTrace, type StepTrace, type Trace } from '../../../src/core/trace.js';
import type { Params } from '../../../src/core/transform.js';
import { readImage } from '../../../src/io/codecs/index.js';
import { imageFrom, type Channels, type ImageOf } from '../../../src/targets/image.js';

/** The 64x43 RGB photo the blur-noise kernel tests use (see test/fixtures/blur-noise/README.md). */
export const PHOTO = fileURLToPath(new URL('../../fixtures/blur-noise/chelsea-64.png', import.meta.url));

export async function photo(): Promise<ImageOf<'uint8'>> {
  const img = await readImage(PHOTO);
  if (img.dtype !== 'uint8' || img.channels !== 3) throw new Error('fixture should be RGB uint8');
  return img;
}

export function u8(width: number, height: number, channels: Channels, f: (x: number, y: number, c: number) => number): ImageOf<'uint8'> {
  const d = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) d[(y * width + x) * channels + c] = f(x, y, c);
  return imageFrom(width, height, channels, 'uint8', d);
}

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
