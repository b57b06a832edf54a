/**
 * Polygons: per instance, one or more rings of vertices (flat x, y, x, y, ...). When a sample has
 * both boxes and polygons, instance i of the polygons belongs to box i (an instance may have no
 * ring, e.g. a crowd region stored as RLE). Polygons are the most exact source of a tight box
 * after any geometric step.
 */
import { AuguryError } from '../core/errors.js';
import { assertColumns, iota, takeColumn, takeColumns, type Column, type Columns } from './columns.js';

export type Ring = Float64Array;

export interface Polygons {
  readonly instances: readonly (readonly Ring[])[];
  readonly labels: Int32Array;
  readonly sourceIndex: Int32Array;
  readonly fields: Columns;
}

export interface PolygonsInit {
  instances: readonly (readonly ArrayLike<number>[])[];
  labels?: ArrayLike<number>;
  sourceIndex?: ArrayLike<number>;
  fields?: Record<string, Column>;
}

export function polygonCount(p: Polygons): number {
  return p.instances.length;
}

export function createPolygons(init: PolygonsInit): Polygons {
  const n = init.instances.length;
  const instances = init.instances.map((rings, i) =>
    rings.map((r, j) => {
      if (r.length % 2 !== 0 || (r.length > 0 && r.length < 6)) {
        throw new AuguryError({
          code: 'validation',
          message: 'a polygon ring needs an even number of values and at least 3 vertices',
          record: `polygon ${i} ring ${j}`,
          received: `${r.length} values`,
        });
      }
      const ring = Float64Array.from(r);
      if (!ring.every((v) => Number.isFinite(v))) {
        throw new AuguryError({ code: 'validation', message: 'polygon has a non-finite coordinate', record: `polygon ${i} ring ${j}` });
      }
      return ring;
    }),
  );
  const p: Polygons = {
    instances,
    labels: init.labels ? Int32Array.from(init.labels) : new Int32Array(n),
    sourceIndex: init.sourceIndex ? Int32Array.from(init.sourceIndex) : iota(n),
    fields: init.fields ?? {},
  };
  assertColumns({ labels: p.labels, sourceIndex: p.sourceIndex }, n, 'polygon');
  assertColumns(p.fields, n, 'polygon');
  return p;
}

export function selectPolygons(p: Polygons, indices: ArrayLike<number>): Polygons {
  const instances: (readonly Ring[])[] = [];
  for (let i = 0; i < indices.length; i++) instances.push(p.instances[indices[i]!]!);
  return {
    instances,
    labels: takeColumn(p.labels, indices),
    sourceIndex: takeColumn(p.sourceIndex, indices),
    fields: takeColumns(p.fields, indices),
  };
}
