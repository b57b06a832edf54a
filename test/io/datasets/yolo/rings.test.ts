import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRings } from '../../../../src/io/datasets/yolo/rings.js';

function area(ring: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i += 2) {
    const j = (i + 2) % ring.length;
    s += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return Math.abs(s) / 2;
}

function square(x: number, y: number, size: number): number[] {
  return [x, y, x + size, y, x + size, y + size, x, y + size];
}

function points(ring: readonly number[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < ring.length; i += 2) out.add(`${ring[i]},${ring[i + 1]}`);
  return out;
}

describe('mergeRings', () => {
  test('one ring is returned unchanged', () => {
    assert.deepEqual(mergeRings([square(0, 0, 4)]), square(0, 0, 4));
  });

  test('three rings in a row keep every vertex and the summed area', () => {
    const rings = [square(0, 0, 10), square(20, 0, 10), square(40, 0, 5)];
    const merged = mergeRings(rings);
    assert.equal(area(merged), 100 + 100 + 25);
    const got = points(merged);
    for (const r of rings) for (const p of points(r)) assert.ok(got.has(p), `vertex ${p} is kept`);
  });

  test('a middle ring reached and left at the same vertex is walked all the way round', () => {
    // The middle triangle's apex (15, 0) is nearest to both neighbours.
    const left = square(0, -2, 4);
    const middle = [15, 0, 17, 10, 13, 10];
    const right = square(26, -2, 4);
    const merged = mergeRings([left, middle, right]);
    assert.equal(area(merged), 16 + 20 + 16);
    for (const p of points(middle)) assert.ok(points(merged).has(p));
  });
});
