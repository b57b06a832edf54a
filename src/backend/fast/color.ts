/**
 * wasm color kernels (assembly/color.ts, assembly/color-enhance.ts): lookup tables, histograms,
 * OpenCV gray, Normalize, and ColorJitter's PIL luma, saturation and torchvision hue. Each
 * returns null when wasm is not active or the case is not accelerated, so the reference runs.
 *
 * All of them are exact: tables are built by the reference's own code and only applied here;
 * integer kernels use the reference's fixed point; float kernels use f32 operations in the
 * reference's order, which is what its Math.fround chains compute (each f32 operation rounds
 * once, and a double result rounded to f32 is the same value for +, -, *, /).
 */
import type { Image } from '../../targets/image.js';
import { arenaFor, type Arena } from '../arena.js';
import { activeWasm } from '../select.js';
import type { WasmModule } from '../wasm.js';

const PAIR_BYTES = 131072;

/**
 * A uint8 image copied into wasm memory once, for a chain of in-place kernels (ColorJitter runs
 * its four steps on one copy). Valid until the next `arenaFor` call: use it synchronously.
 */
export class WasmPixels8 {
  private constructor(
    private readonly mod: WasmModule,
    private readonly arena: Arena,
    readonly at: number,
    readonly length: number,
    readonly channels: number,
  ) {}

  /** The pixels in wasm memory, or null when wasm is not active. */
  static of(data: Uint8Array, channels: number): WasmPixels8 | null {
    const mod = activeWasm();
    if (!mod) return null;
    const a = arenaFor(mod);
    return new WasmPixels8(mod, a, a.put(data), data.length, channels);
  }

  get pixels(): number {
    return this.length / this.channels;
  }

  /** Maps byte i through `tables[i mod channels]`, in place (alpha: pass an identity table). */
  lut(tables: readonly Uint8Array[]): this {
    const { mod, arena: a, at, length: n, channels } = this;
    const same = tables.every((t) => t === tables[0] || equalTables(t, tables[0]!));
    const bytes = a.alloc(channels * 256);
    const view = a.view(Uint8Array, bytes, channels * 256);
    tables.forEach((t, c) => view.set(t, c * 256));
    // Period in byte pairs: one table for all bytes; RGBA (pairs c0c1, c2c3); RGB per channel (c0c1, c2c0, c1c2).
    const period = same ? 1 : channels === 4 ? 2 : channels === 3 ? 3 : 1;
    // A pair table costs ~4 us to build and saves ~0.15 ns a byte: worth it on larger images.
    if (n >= 32768 * period) {
      const pairs = a.alloc(period * PAIR_BYTES);
      const table = (c: number) => bytes + (c % channels) * 256;
      // Pair j (bytes 2j, 2j+1) covers channels (2j mod ch, 2j+1 mod ch).
      for (let j = 0; j < period; j++) mod.fn['color_lutPairTable']!(pairs + j * PAIR_BYTES, table(2 * j), table(2 * j + 1));
      mod.fn['color_lutPairs']!(at, at, n, pairs, period);
    } else {
      mod.fn['color_lutBytes']!(at, at, n, bytes, channels);
    }
    return this;
  }

  /** Sum of PIL 'L' luma over the pixels (3 or 4 channels; an exact integer). */
  pilLumaSum(): number {
    return this.mod.fn['color_pilLumaSum']!(this.at, this.pixels, this.channels) as number;
  }

  /** PIL ImageEnhance.Color with this factor, in place (3 or 4 channels). */
  saturate(factor: number): this {
    this.mod.fn['color_saturate']!(this.at, this.at, this.pixels, this.channels, Math.fround(factor));
    return this;
  }

  /** torchvision adjust_hue with this factor, in place (3 or 4 channels). */
  hue(factor: number): this {
    this.mod.fn['color_hue']!(this.at, this.at, this.pixels, this.channels, Math.fround(factor));
    return this;
  }

  /** A fresh copy of the pixels. */
  take(): Uint8Array {
    return this.arena.take(Uint8Array, this.at, this.length);
  }
}

/**
 * Applies one 256-entry table per channel to uint8 pixels (`tables[c]` for channel c; alpha gets
 * its own entry, an identity table when the reference leaves alpha alone). Returns the new pixel
 * array, or null when wasm is not active.
 */
export function fastLut8(data: Uint8Array, channels: number, tables: readonly Uint8Array[]): Uint8Array | null {
  return WasmPixels8.of(data, channels)?.lut(tables).take() ?? null;
}

function equalTables(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 256; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per-color-channel histograms of a uint8 image (alpha skipped), as the reference's Float64Arrays. */
export function fastHistograms8(img: Image): Float64Array[] | null {
  if (img.dtype !== 'uint8') return null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const colors = img.channels === 1 ? 1 : 3;
  const npix = img.width * img.height;
  const src = a.put(img.data);
  const hist = a.alloc(colors * 1024);
  const scratch = a.alloc(6144);
  mod.fn['color_histogram']!(src, npix, img.channels, hist, scratch);
  // Counts stay below 2^31 for any image an Int32Array can hold.
  const counts = a.view(Int32Array, hist, colors * 256);
  return Array.from({ length: colors }, (_, c) => Float64Array.from(counts.subarray(c * 256, c * 256 + 256)));
}

/** OpenCV gray of a uint8 image into `outChannels` (1, 3, or 4 with alpha copied). */
export function fastGrayCv8(img: Image, outChannels: 1 | 3 | 4): Uint8Array | null {
  if (img.dtype !== 'uint8') return null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const npix = img.width * img.height;
  const src = a.put(img.data);
  const dst = a.alloc(npix * outChannels);
  if (img.channels === 1) {
    if (outChannels === 1) return img.data.slice();
    mod.fn['color_gray1To3']!(src, dst, npix);
  } else {
    mod.fn['color_grayCv']!(src, dst, npix, img.channels, outChannels);
  }
  return a.take(Uint8Array, dst, npix * outChannels);
}

/**
 * Normalize of a uint8 or float32 image: `m32`, `inv32` are the reference's float32 means and
 * reciprocals per color channel; alpha samples are divided by `alphaScale`. Null when wasm is
 * off, for uint16, or when alphaScale is not a float32 value (the f32 division would not be the
 * reference's double division then).
 */
export function fastNormalize(img: Image, m32: readonly number[], inv32: readonly number[], alphaScale: number): Float32Array | null {
  if (img.dtype === 'uint16') return null;
  if (img.channels === 4 && Math.fround(alphaScale) !== alphaScale) return null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  const n = img.data.length;
  const ch = img.channels;
  // The per-lane pattern over 12 samples (lcm of 4 lanes and 1, 3 or 4 channels); NaN marks alpha.
  const params = new Float32Array(24);
  for (let k = 0; k < 12; k++) {
    const c = k % ch;
    params[k] = c === 3 ? NaN : m32[c]!;
    params[12 + k] = c === 3 ? 1 : inv32[c]!;
  }
  const src = a.put(img.data);
  const p = a.put(params);
  const dst = a.alloc(n * 4);
  mod.fn['color_normalize']!(src, dst, n, p, ch, img.dtype === 'float32' ? 1 : 0, ch === 4 ? alphaScale : 1);
  return a.take(Float32Array, dst, n);
}

/** Sum of PIL 'L' luma over a uint8 RGB(A) image (exact integer), or null. */
export function fastPilLumaSum8(img: Image): number | null {
  if (img.dtype !== 'uint8' || img.channels === 1) return null;
  return WasmPixels8.of(img.data, img.channels)?.pilLumaSum() ?? null;
}

/** PIL ImageEnhance.Color on a uint8 RGB(A) image, or null. */
export function fastSaturate8(img: Image, factor: number): Uint8Array | null {
  if (img.dtype !== 'uint8' || img.channels === 1) return null;
  return WasmPixels8.of(img.data, img.channels)?.saturate(factor).take() ?? null;
}

/** torchvision adjust_hue on a uint8 RGB(A) image (`factor` the hue shift), or null. */
export function fastHue8(img: Image, factor: number): Uint8Array | null {
  if (img.dtype !== 'uint8' || img.channels === 1) return null;
  return WasmPixels8.of(img.data, img.channels)?.hue(factor).take() ?? null;
}

/** Sum of the color samples (alpha skipped) of a uint8 image, an exact integer; or null. */
export function fastColorSum8(img: Image): number | null {
  if (img.dtype !== 'uint8') return null;
  const mod = activeWasm();
  if (!mod) return null;
  const a = arenaFor(mod);
  return mod.fn['color_colorSum']!(a.put(img.data), img.data.length, img.channels) as number;
}
