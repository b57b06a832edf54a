/**
 * Lays one kernel call's buffers out in wasm memory: `reset`, then `put` inputs and `alloc`
 * outputs and scratch, then call the kernel, then `take` the outputs. Offsets are 16-byte aligned
 * (SIMD loads). Memory grows when a call needs more; no view is kept across a grow, because a grow
 * detaches every view of the old buffer.
 */
import type { WasmModule } from './wasm.js';

type Typed = Uint8Array | Uint16Array | Float32Array | Float64Array | Int32Array;
type TypedCtor<T extends Typed> = new (buffer: ArrayBuffer, offset: number, length: number) => T;

export class Arena {
  private top: number;

  constructor(private readonly mod: WasmModule) {
    this.top = mod.base;
  }

  reset(): this {
    this.top = this.mod.base;
    return this;
  }

  /** Reserves `bytes` and returns their offset. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top = (at + bytes + 15) & ~15;
    const have = this.mod.memory.buffer.byteLength;
    if (this.top > have) this.mod.memory.grow(Math.ceil((this.top - have) / 65536));
    return at;
  }

  /** Copies `data` in and returns its offset. */
  put(data: Typed): number {
    const at = this.alloc(data.byteLength);
    new Uint8Array(this.mod.memory.buffer, at, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return at;
  }

  /** A view (valid until the next alloc) of `length` elements at `at`. */
  view<T extends Typed>(ctor: TypedCtor<T>, at: number, length: number): T {
    return new ctor(this.mod.memory.buffer as ArrayBuffer, at, length);
  }

  /** A fresh array holding a copy of `length` elements at `at`. */
  take<T extends Typed>(ctor: TypedCtor<T>, at: number, length: number): T {
    return this.view(ctor, at, length).slice() as T;
  }

  /** `take` into an array of the same type as `like`. */
  takeLike<T extends Typed>(like: T, at: number, length: number): T {
    return this.take(like.constructor as TypedCtor<T>, at, length);
  }
}

const arenas = new WeakMap<WasmModule, Arena>();

/** The module's arena, reset for a new call. */
export function arenaFor(mod: WasmModule): Arena {
  let a = arenas.get(mod);
  if (!a) arenas.set(mod, (a = new Arena(mod)));
  return a.reset();
}
