/**
 * YOLO holds one ring per object, while COCO objects may have several (an object split by an
 * occluder). Rings are joined into one by zero-width bridges between their nearest vertices: the
 * walk crosses each bridge once out and once back, so the enclosed area is the sum of the rings'
 * areas and no pixel is added or lost when the ring is filled.
 */

/** Joins rings (flat x, y lists) into one ring; a single ring is returned as is. */
export function mergeRings(rings: readonly (readonly number[])[]): number[] {
  const list = rings.filter((r) => r.length >= 6);
  if (list.length === 0) return [];
  if (list.length === 1) return [...list[0]!];
  // links[i] = [vertex in ring i, vertex in ring i + 1] closest to each other.
  const links: [number, number][] = [];
  for (let i = 0; i + 1 < list.length; i++) links.push(nearestPair(list[i]!, list[i + 1]!));

  const out: number[] = [];
  const push = (ring: readonly number[], v: number): void => {
    out.push(ring[2 * v]!, ring[2 * v + 1]!);
  };
  const count = (ring: readonly number[]): number => ring.length / 2;
  // Forward: ring 0 whole from its exit vertex, then each middle ring from its entry to its exit,
  // and the last ring whole from its entry.
  const first = list[0]!;
  const a0 = links[0]![0];
  for (let k = 0; k <= count(first); k++) push(first, (a0 + k) % count(first));
  for (let i = 1; i < list.length; i++) {
    const ring = list[i]!;
    const n = count(ring);
    const entry = links[i - 1]![1];
    if (i === list.length - 1) {
      for (let k = 0; k <= n; k++) push(ring, (entry + k) % n);
    } else {
      const exit = links[i]![0];
      for (let k = 0; ; k++) {
        const v = (entry + k) % n;
        push(ring, v);
        if (v === exit) break;
      }
    }
  }
  // Back: each middle ring from its exit on to its entry (the part not yet walked), then home.
  for (let i = list.length - 2; i >= 1; i--) {
    const ring = list[i]!;
    const n = count(ring);
    const entry = links[i - 1]![1];
    const exit = links[i]![0];
    for (let k = 0; ; k++) {
      const v = (exit + k) % n;
      push(ring, v);
      // When entry and exit coincide the forward walk took one vertex: go all the way round.
      if (v === entry && k > 0) break;
    }
  }
  return out;
}

function nearestPair(a: readonly number[], b: readonly number[]): [number, number] {
  let best = Infinity;
  let pair: [number, number] = [0, 0];
  for (let i = 0; i < a.length / 2; i++) {
    for (let j = 0; j < b.length / 2; j++) {
      const d = (a[2 * i]! - b[2 * j]!) ** 2 + (a[2 * i + 1]! - b[2 * j + 1]!) ** 2;
      if (d < best) {
        best = d;
        pair = [i, j];
      }
    }
  }
  return pair;
}
