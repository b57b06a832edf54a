/** Shared helpers for the codec tests: fixture paths and pixel comparisons written independently of the codecs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AuguryError, type ErrorCode } from '../../../src/core/errors.js';
import type { Image } from '../../../src/targets/image.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/images/', import.meta.url));

export function fixture(name: string): string {
  return FIXTURES + name;
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(name)));
}

/** Mean absolute difference over all samples of two images of the same shape. */
export function meanAbsError(a: Image, b: Image): number {
  assert.equal(a.width, b.width, 'width');
  assert.equal(a.height, b.height, 'height');
  assert.equal(a.channels, b.channels, 'channels');
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
}

export function assertSamePixels(actual: Image, expected: Image, what = 'pixels'): void {
  assert.equal(actual.width, expected.width, `${what}: width`);
  assert.equal(actual.height, expected.height, `${what}: height`);
  assert.equal(actual.channels, expected.channels, `${what}: channels`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  for (let i = 0; i < expected.data.length; i++) {
    if (actual.data[i] !== expected.data[i]) {
      assert.fail(`${what}: sample ${i} is ${actual.data[i]}, expected ${expected.data[i]}`);
    }
  }
}

/**
 * What a viewer shows for stored pixels carrying an EXIF orientation, by the EXIF definitions
 * (2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90
 * counter-clockwise), computed by index arithmetic.
 */
export function displayed(stored: Image, orientation: number): Image {
  const { width: w, height: h, channels: c } = stored;
  const swap = orientation >= 5;
  const dw = swap ? h : w;
  const dh = swap ? w : h;
  const src = (x: number, y: number): [number, number] => {
    switch (orientation) {
      case 1: return [x, y];
      case 2: return [w - 1 - x, y];
      case 3: return [w - 1 - x, h - 1 - y];
      case 4: return [x, h - 1 - y];
      case 5: return [y, x];
      case 6: return [y, h - 1 - x];
      case 7: return [w - 1 - y, h - 1 - x];
      case 8: return [w - 1 - y, x];
      default: throw new Error(`bad orientation ${orientation}`);
    }
  };
  const data = new (stored.data.constructor as new (n: number) => Image['data'])(dw * dh * c);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const [sx, sy] = src(x, y);
      for (let k = 0; k < c; k++) data[(y * dw + x) * c + k] = stored.data[(sy * w + sx) * c + k] ?? 0;
    }
  }
  return { ...stored, width: dw, height: dh, data } as Image;
}

/** Runs fn and checks it rejects with an AuguryError of the code whose message contains every part. */
export async function rejectsWith(fn: () => Promise<unknown>, code: ErrorCode, parts: string[]): Promise<AuguryError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof AuguryError, `expected an AuguryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const p of parts) assert.ok(caught.message.includes(p), `message should contain ${JSON.stringify(p)}: ${caught.message}`);
  assert.ok(caught.hint !== undefined && caught.hint.length > 10, `error should carry a hint: ${caught.message}`);
  return caught;
}
