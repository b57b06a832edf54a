/**
 * Timing helpers shared by `augury bench`, `augury profile` and `npm run bench`: warm up, then
 * time repeated calls for a budget and report the median, which a noisy shared machine moves
 * less than the mean.
 */

export interface TimingOptions {
  /** Milliseconds to keep calling after warm-up. */
  readonly budgetMs: number;
  /** Untimed calls first (JIT, caches). Default 3. */
  readonly warmup?: number;
  /** Timed calls at least, whatever the budget. Default 5. */
  readonly minCalls?: number;
}

/** Milliseconds per call: the median of the timed calls, after warm-up. */
export async function medianMs(call: () => unknown, o: TimingOptions): Promise<number> {
  for (let i = 0; i < (o.warmup ?? 3); i++) await call();
  const times: number[] = [];
  const end = performance.now() + o.budgetMs;
  while (performance.now() < end || times.length < (o.minCalls ?? 5)) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Calls per second from the median call time. */
export async function medianRate(call: () => unknown, o: TimingOptions): Promise<number> {
  return 1000 / (await medianMs(call, o));
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rounds to `digits` decimals for reports. */
export function roundTo(v: number, digits = 1): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
