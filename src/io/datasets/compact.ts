/**
 * Compact per-record storage for datasets read record by record: a growable typed vector, and a
 * map from record ids to indexes that costs almost nothing for the usual ids (increasing, often
 * consecutive). A JS Map or Set of 100k-500k ids costs 20-30 bytes an entry; at the scale of the
 * memory target (a 100k-record COCO file within 10% of the 10k-record peak) that matters.
 */

type TypedCtor = Float64ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;
type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;

/** A typed array that grows by doubling; `view()` is the filled part (a copy, trimmed). */
export class Vec<T extends Typed> {
  private data: T;
  length = 0;

  constructor(private readonly ctor: TypedCtor, capacity = 1024) {
    this.data = new ctor(capacity) as T;
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.ctor(this.data.length * 2) as T;
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** The filled part, in an array of its own exact size. */
  view(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const f64 = (): Vec<Float64Array> => new Vec<Float64Array>(Float64Array);
export const u32 = (): Vec<Uint32Array> => new Vec<Uint32Array>(Uint32Array);
export const i32 = (): Vec<Int32Array> => new Vec<Int32Array>(Int32Array);
export const u8 = (): Vec<Uint8Array> => new Vec<Uint8Array>(Uint8Array);

/**
 * Ids (numbers or strings) to non-negative values. Increasing integer ids whose values count up
 * with them (id k -> record r, id k + 1 -> record r + 1) are held as runs of three numbers, one
 * run for ids 1..n; any other pair goes to an ordinary Map.
 */
export class IdMap {
  /** Runs as (first id, last id, value of the first id), increasing by id. */
  private readonly runs = f64();
  private last = -Infinity;
  private readonly other = new Map<number | string, number>();

  get(id: number | string): number | undefined {
    if (typeof id === 'number' && id <= this.last) {
      let lo = 0;
      let hi = this.runs.length / 3 - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (id < this.runs.get(3 * mid)) hi = mid - 1;
        else if (id > this.runs.get(3 * mid + 1)) lo = mid + 1;
        else return this.runs.get(3 * mid + 2) + (id - this.runs.get(3 * mid));
      }
    }
    return this.other.get(id);
  }

  has(id: number | string): boolean {
    return this.get(id) !== undefined;
  }

  /** Sets `id` (which must not be set yet) to `value` (>= 0). */
  set(id: number | string, value: number): void {
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > this.last) {
      const k = this.runs.length - 3;
      if (k >= 0 && id === this.runs.get(k + 1) + 1 && value === this.runs.get(k + 2) + (id - this.runs.get(k))) {
        this.runs.set(k + 1, id);
      } else {
        this.runs.push(id);
        this.runs.push(id);
        this.runs.push(value);
      }
      this.last = id;
      return;
    }
    this.other.set(id, value);
  }
}
