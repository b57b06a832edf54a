/**
 * Loads the wasm backend (assembly/, built by scripts/build-wasm.mjs and embedded as base64) once,
 * synchronously, with no Node API: the same code runs in worker threads and browsers.
 *
 * Memory layout: everything the module needs statically lies inside its initial pages; the
 * kernels never allocate. Memory from `base` up is the arena (arena.ts) that callers lay their
 * inputs, outputs and scratch buffers in, call by call.
 */
import { WASM_BASE64 } from './generated/wasm-module.js';

/** A kernel export: numbers in (byte offsets, sizes, params), a number or nothing out. */
export type WasmFn = (...args: number[]) => number | void;

export interface WasmModule {
  readonly memory: WebAssembly.Memory;
  /** First byte of the arena. */
  readonly base: number;
  readonly fn: Readonly<Record<string, WasmFn>>;
}

let loaded: WasmModule | null | undefined;
let loadError: Error | undefined;

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function instantiate(): WasmModule {
  const module = new WebAssembly.Module(decodeBase64(WASM_BASE64));
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort: () => {
        throw new Error('augury wasm backend aborted');
      },
    },
  });
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports['memory'];
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('the augury wasm module exports no memory');
  const fn: Record<string, WasmFn> = {};
  for (const [name, value] of Object.entries(exports)) if (typeof value === 'function') fn[name] = value as WasmFn;
  return { memory, base: memory.buffer.byteLength, fn };
}

/** The module, or null when it cannot load here (the reason is in `wasmLoadError`). */
export function wasmModule(): WasmModule | null {
  if (loaded === undefined) {
    try {
      loaded = instantiate();
    } catch (e) {
      loaded = null;
      loadError = e instanceof Error ? e : new Error(String(e));
    }
  }
  return loaded;
}

/** Why the module did not load, if it did not. */
export function wasmLoadError(): Error | undefined {
  wasmModule();
  return loadError;
}
