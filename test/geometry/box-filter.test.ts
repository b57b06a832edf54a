import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuguryError } from '../../src/core/errors.js';
import { applyBoxFilter, filterBoxes } from '../../src/geometry/box-filter.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createInstanceMasks } from '../../src/targets/mask.js';
import { createPolygons } from '../../src/targets/polygons.js';

describe('filterBoxes', () => {
  // Rows: 10x10 visible; 2x50 (thin); 10x10 at 0.2 visibility; out of frame; zero-area point.
  const boxes = createBoxes({
    xyxy: [0, 0, 10, 10, 0, 0, 2, 50, 5, 5, 15, 15, 0, 0, 0, 10, 3, 3, 3, 3],
    visibility: [1, 1, 0.2, 0, 1],
  });

  test('every threshold is inclusive; rows with visibility 0 always go', () => {
    assert.deepEqual(Array.from(filterBoxes(boxes)), [0, 1, 2, 4]);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minArea: 100 })), [0, 1, 2]);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minArea: 100.5 })), []);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minVisibility: 0.2 })), [0, 1, 2, 4]);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minVisibility: 0.3 })), [0, 1, 4]);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minWidth: 3 })), [0, 2]);
    assert.deepEqual(Array.from(filterBoxes(boxes, { minHeight: 20 })), [1]);
  });

  test('bad thresholds are refused with the option named', () => {
    for (const opts of [{ minArea: -1 }, { minVisibility: 1.5 }, { minWidth: Number.NaN }]) {
      assert.throws(() => filterBoxes(boxes, opts), (e: unknown) => e instanceof AuguryError && e.code === 'validation' && e.key === Object.keys(opts)[0]);
    }
  });
});

describe('applyBoxFilter', () => {
  test('labels, user fields, polygons and instance masks travel with their box', () => {
    const rowArb = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 })), { maxLength: 12 });
    fc.assert(
      fc.property(rowArb, fc.double({ min: 0, max: 1, noNaN: true }), (rows, minVisibility) => {
        // Every per-row value encodes its row, so a misaligned row shows up as a mismatch.
        const sample = {
          id: 'keep-me',
          boxes: createBoxes({
            xyxy: rows.flatMap(([, s], i) => [i, i, i + s, i + s]),
            labels: rows.map((_, i) => 100 + i),
            visibility: rows.map(([v]) => v),
            fields: { tag: rows.map((_, i) => `row-${i}`), weight: Float64Array.from(rows, (_, i) => i / 2) },
          }),
          polygons: createPolygons({ instances: rows.map((_, i) => (i % 3 === 0 ? [] : [[i, i, i + 1, i, i, i + 1]])), labels: rows.map((_, i) => 100 + i) }),
          instanceMasks: createInstanceMasks(2, 1, rows.map((_, i) => Uint8Array.of(i, 0)), rows.map((_, i) => 100 + i)),
        };
        const keep = filterBoxes(sample.boxes, { minVisibility, minArea: 4 });
        const out = applyBoxFilter(sample, keep);
        assert.equal(out.id, 'keep-me');
        const expected = rows.map((r, i) => [r, i] as const).filter(([[v, s]]) => v > 0 && v >= minVisibility && s * s >= 4).map(([, i]) => i);
        assert.deepEqual(Array.from(out.boxes.labels), expected.map((i) => 100 + i));
        assert.deepEqual(out.boxes.fields['tag'], expected.map((i) => `row-${i}`));
        assert.deepEqual(Array.from(out.boxes.fields['weight'] as Float64Array), expected.map((i) => i / 2));
        assert.deepEqual(Array.from(out.boxes.sourceIndex), expected);
        assert.deepEqual(out.polygons.instances.map((rs) => (rs.length ? rs[0]![0] : -1)), expected.map((i) => (i % 3 === 0 ? -1 : i)));
        assert.deepEqual(Array.from(out.polygons.labels), expected.map((i) => 100 + i));
        assert.deepEqual(out.instanceMasks.masks.map((m) => m[0]), expected.map((i) => i));
        assert.deepEqual(Array.from(out.instanceMasks.labels), expected.map((i) => 100 + i));
        assert.equal(out.boxes.xyxy.length, 4 * expected.length);
      }),
    );
  });

  test('misaligned targets and bad indices are refused', () => {
    const boxes = createBoxes({ xyxy: [0, 0, 1, 1, 0, 0, 2, 2] });
    assert.throws(() => applyBoxFilter({ boxes, polygons: createPolygons({ instances: [[]] }) }, [0]), (e: unknown) => e instanceof AuguryError && e.key === 'polygons');
    assert.throws(() => applyBoxFilter({ boxes }, [2]), AuguryError);
    assert.throws(() => applyBoxFilter({ boxes }, [0.5]), AuguryError);
  });
});
