/**
 * wasm flips: byte moves, so exactly equal to the reference (functional/geometric/flip.ts) for
 * every dtype and channel count.
 */
import type { Image } from '../../targets/image.js';
import type { MaskData } from '../../functional/types.js';
import { arenaFor } from '../arena.js';
import { activeWasm } from '../select.js';

type Plane = Uint8Array | Uint16Array | Int32Array | Float32Array;

function flipPlane<T extends Plane>(which: 'hflip' | 'vflip', data: T, width: number, height: number, channels: number): T | null {
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const src = a.put(data);
  const dst = a.alloc(data.byteLength);
  mod.fn[which]!(src, dst, width, height, channels * data.BYTES_PER_ELEMENT);
  return a.takeLike(data, dst, data.length);
}

/** The flipped pixel array, or null when wasm is not active. */
export function fastFlip<T extends Image['data'] | MaskData>(which: 'hflip' | 'vflip', data: T, width: number, height: number, channels: number): T | null {
  return flipPlane(which, data as Plane, width, height, channels) as T | null;
}
