/**
 * Which backend runs the kernels that have a fast version. 'auto' (the default) uses wasm where
 * it loads and the TypeScript reference where it does not; 'wasm' insists (an error if it cannot
 * load); 'ts' runs the reference kernels only. `AUGURY_BACKEND=ts|wasm|auto` in the environment
 * sets the starting choice. Every fast kernel is tested against its reference (test/backend/).
 */
import { AuguryError } from '../core/errors.js';
import { wasmLoadError, wasmModule, type WasmModule } from './wasm.js';

export type BackendChoice = 'auto' | 'wasm' | 'ts';
/** What a trace and `augury bench` record. */
export type BackendName = 'wasm-simd' | 'ts';

const CHOICES: readonly BackendChoice[] = ['auto', 'wasm', 'ts'];

function fromEnv(): BackendChoice {
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['AUGURY_BACKEND'];
  return v !== undefined && (CHOICES as readonly string[]).includes(v) ? (v as BackendChoice) : 'auto';
}

let choice: BackendChoice = fromEnv();
let wasmCalls = 0;

export function setBackend(c: BackendChoice): void {
  if (!CHOICES.includes(c)) {
    throw new AuguryError({ code: 'validation', message: 'unknown backend', key: 'backend', expected: CHOICES.join(' | '), received: c, hint: 'use auto, wasm or ts' });
  }
  choice = c;
  if (c === 'wasm') requireWasm();
}

export function getBackend(): BackendChoice {
  return choice;
}

/** Runs `fn` with backend `c`, restoring the previous choice (synchronous code only). */
export function withBackend<T>(c: BackendChoice, fn: () => T): T {
  const before = choice;
  setBackend(c);
  try {
    return fn();
  } finally {
    choice = before;
  }
}

function requireWasm(): WasmModule {
  const m = wasmModule();
  if (!m) {
    throw new AuguryError({ code: 'unsupported', key: 'backend', message: `the wasm backend did not load: ${wasmLoadError()?.message ?? 'unknown reason'}`, hint: 'rebuild it with `npm run build`, or set AUGURY_BACKEND=ts to use the TypeScript kernels' });
  }
  return m;
}

/** The wasm module when fast kernels should run, else null. Counts the calls (for `bench`). */
export function activeWasm(): WasmModule | null {
  if (choice === 'ts') return null;
  const m = choice === 'wasm' ? requireWasm() : wasmModule();
  if (m) wasmCalls++;
  return m;
}

/** The backend a run records: wasm-simd whenever the wasm module is in use. */
export function backendName(): BackendName {
  return choice !== 'ts' && wasmModule() ? 'wasm-simd' : 'ts';
}

/** How many kernel calls went to wasm so far (bench tells per op which backend ran). */
export function wasmCallCount(): number {
  return wasmCalls;
}
