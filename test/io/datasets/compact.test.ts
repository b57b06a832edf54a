import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { f64, IdMap } from '../../../src/io/datasets/compact.js';

describe('compact per-record storage', () => {
  test('IdMap answers like a Map, whatever the order and kind of ids (property)', () => {
    // Runs of consecutive ids (the common case), jumps, repeats of earlier ranges, strings.
    const id = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom('a', 'b', '7', ''), fc.constantFrom(2 ** 53, 1.5, -1));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.nat({ max: 70 })), { maxLength: 80 }), fc.boolean(), (pairs, sorted) => {
        const input = sorted ? [...pairs].sort((a, b) => (typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : 0)) : pairs;
        const map = new IdMap();
        const ref = new Map<number | string, number>();
        for (const [k, v] of input) {
          if (ref.has(k)) continue;
          map.set(k, v);
          ref.set(k, v);
        }
        for (const k of [...ref.keys(), 0, 30, 61, 'c', -2, 1.5]) assert.equal(map.get(k), ref.get(k), String(k));
      }),
      { numRuns: 300 },
    );
  });

  test('consecutive ids with consecutive values cost one run, 1..100k included', () => {
    const map = new IdMap();
    for (let i = 1; i <= 100_000; i++) map.set(i, i - 1);
    assert.equal(map.get(1), 0);
    assert.equal(map.get(100_000), 99_999);
    assert.equal(map.get(100_001), undefined);
    assert.equal(map.get(0), undefined);
    assert.equal((map as unknown as { runs: { length: number } }).runs.length, 3);
  });

  test('Vec grows by doubling and view() is the filled part', () => {
    const v = f64();
    for (let i = 0; i < 3000; i++) v.push(i / 2);
    v.set(5, -1);
    const view = v.view();
    assert.equal(view.length, 3000);
    assert.equal(view[2999], 1499.5);
    assert.equal(v.get(5), -1);
  });
});
