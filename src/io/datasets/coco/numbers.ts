/**
 * Writing differences without float noise. COCO stores a box as [x, y, width, height] and augury
 * as corners, so a reader computes x2 = x + width and a writer must give back a width. Plain
 * subtraction leaks noise (0.1 + 0.2 is 0.30000000000000004, and that minus 0.1 is
 * 0.20000000000000004, not 0.2). Instead we write the shortest decimal that a reader adds back to
 * exactly the same corner, so reading a written file reproduces the index bit for bit, and a
 * width that came from the file (integer or decimal) is written back as it was.
 */

/**
 * The shortest decimal `d` such that `base + d === target` in double arithmetic. When `target`
 * came from `base + w` (what a reader computes) such a `d` always exists. For arbitrary pairs
 * it may not: rounding can make every `base + d` skip `target`; then the plain difference is
 * returned, which adds back to within one unit in the last place.
 */
export function shortestDelta(base: number, target: number): number {
  let d = target - base;
  if (d === 0 || !Number.isFinite(d)) return d;
  // The subtraction can round when base and target differ in magnitude; stepping the
  // difference one double at a time towards the target finds one that adds back exactly.
  for (let i = 0; i < 8 && base + d !== target; i++) d = nextDouble(d, base + d < target ? 1 : -1);
  if (base + d !== target) return target - base;
  for (let digits = 1; digits < 17; digits++) {
    const candidate = Number(d.toPrecision(digits));
    if (base + candidate === target) return candidate;
  }
  return d;
}

const f64 = new Float64Array(1);
const bits = new BigInt64Array(f64.buffer);

/** The adjacent double above (direction 1) or below (-1) `x`. */
function nextDouble(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  f64[0] = x;
  bits[0]! += x > 0 === direction > 0 ? 1n : -1n;
  return f64[0]!;
}
