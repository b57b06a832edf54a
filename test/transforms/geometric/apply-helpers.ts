/** Small helpers for the transform tests of flips, affine maps, perspective and distortions. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { applyStep } from '../../../src/core/apply.js';
import { parseOptions } from '../../../src/core/schema.js';
import type { Params, TransformDef, WarpSpec } from '../../../src/core/transform.js';
import { Rng } from '../../../src/core/rng.js';
import type { BoxMethod } from '../../../src/geometry/boxes.js';
import { mat3, multiply, translation, type Mat3 } from '../../../src/geometry/matrix.js';
import { createBoxes } from '../../../src/targets/boxes.js';
import { createImage, type Image } from '../../../src/targets/image.js';
import { createKeypoints } from '../../../src/targets/keypoints.js';
import { createInstanceMasks } from '../../../src/targets/mask.js';
import { createPolygons } from '../../../src/targets/polygons.js';
import type { Sample } from '../../../src/targets/sample.js';

/** Applies `def` with explicit params (no randomness). */
export function apply<S extends z.ZodType, P extends Params>(def: TransformDef<S, P>, params: P, s: Sample, boxMethod: BoxMethod = 'corners', removeInvisibleKeypoints = false): Promise<Sample> {
  return applyStep(def as unknown as TransformDef, params, s, { boxMethod, removeInvisibleKeypoints });
}

/** Params drawn from `options` (validated by the schema) for a sample. */
export function draw<S extends z.ZodType, P extends Params>(def: TransformDef<S, P>, options: Record<string, unknown>, s: Sample, seed = 0): P {
  const o = parseOptions(def.schema, options, def.name);
  return def.sample(new Rng(seed), { width: s.image.width, height: s.image.height, sample: s }, o);
}

/** An RGB image whose pixels all differ from their neighbours. */
export function textured(width: number, height: number): Image {
  const img = createImage(width, height, 3, 'uint8');
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      img.data[o] = (x * 7 + y * 13) & 255;
      img.data[o + 1] = (x * 31 + y * 3 + 17) & 255;
      img.data[o + 2] = (x * y + 5) & 255;
    }
  }
  return img;
}

/** The warp of a step that must be one warp for these params. */
export function warpOf<S extends z.ZodType, P extends Params>(def: TransformDef<S, P>, params: P, width: number, height: number): WarpSpec {
  const spec = def.warp?.(params, width, height);
  assert.ok(spec, `${def.name} is not one warp for ${JSON.stringify(params)}`);
  return spec;
}

/** A sample with one box, its rectangle as a polygon and an instance mask, and the given keypoints. */
export function boxSample(width: number, height: number, box: readonly [number, number, number, number], keypoints: readonly number[] = []): Sample {
  const [x1, y1, x2, y2] = box;
  const m = new Uint8Array(width * height);
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) m[y * width + x] = 1;
  return {
    id: 'box',
    image: textured(width, height),
    boxes: createBoxes({ xyxy: [x1, y1, x2, y2], labels: [0] }),
    polygons: createPolygons({ instances: [[[x1, y1, x2, y1, x2, y2, x1, y2]]], labels: [0] }),
    instanceMasks: createInstanceMasks(width, height, [m], [0]),
    ...(keypoints.length > 0 ? { keypoints: createKeypoints({ xy: keypoints }) } : {}),
  };
}

/** Values of a typed array rounded for readable comparisons. */
export function near(a: ArrayLike<number>, digits = 9): number[] {
  return Array.from(a, (v) => Number(v.toFixed(digits)) + 0);
}

export interface GoldenCase {
  case: string;
  name: string;
  init: Record<string, unknown>;
  applied_params: { matrix: { matrix3x3: number[][] } | number[][]; max_width?: number; max_height?: number };
  input_hw: [number, number];
  output_hw: [number, number];
}
/** Albumentations 1.3.1 steps from the shared golden file (test/fixtures/geometric-transforms/README.md). */
export const golden = JSON.parse(readFileSync(new URL('../../fixtures/geometric-transforms/albumentations-matrices.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

/** Albumentations' pixel-index matrix A in augury's continuous convention: T(0.5)·A·T(-0.5). */
export function continuous(rows: number[][]): Mat3 {
  const a = mat3(...(rows.flat() as [number, number, number, number, number, number, number, number, number]));
  return multiply(translation(0.5, 0.5), multiply(a, translation(-0.5, -0.5)));
}

export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k]! - b[k]!) <= tol, `${what}: entry ${k} ${a[k]} vs ${b[k]}`);
}

