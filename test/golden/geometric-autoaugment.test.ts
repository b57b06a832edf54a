/**
 * Golden parity of warpImage (nearest, constant fill 0) with Pillow 9.4 on the geometric
 * AutoAugment ops (test/fixtures/golden/README-geometric.md says where the data comes from).
 *
 * Tolerances:
 * - shear_x, shear_y, translate_x, translate_y: byte-identical.
 * - rotate: at most 3 differing pixels per case. Pillow's nearest affine path steps through the
 *   image in 16.16 fixed point, so a pixel whose preimage lies within about 1e-4 px of a pixel
 *   edge can land on the other side. The test checks that every differing pixel is such an edge
 *   case and that Pillow's value is the input pixel across that edge.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { warpImage } from '../../src/functional/geometric/index.js';
import { rotation, shearing, translation } from '../../src/geometry/matrix.js';
import { imageFrom } from '../../src/targets/image.js';

interface GoldenCase {
  op: 'rotate' | 'shear_x' | 'shear_y' | 'translate_x' | 'translate_y';
  params: { angle_deg?: number; shear_deg?: [number, number]; pixels?: number; magnitude?: number };
  pil_b64: string;
}
interface GoldenImage {
  name: string;
  width: number;
  height: number;
  b64: string;
  cases: GoldenCase[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/golden/geometric-autoaugment.json', import.meta.url), 'utf8')) as { images: GoldenImage[] };
const MAX_ROTATE_DIFF_PIXELS = 3;
const EDGE_DISTANCE = 1e-3;

function forwardMatrix(c: GoldenCase, w: number, h: number): Float64Array {
  const p = c.params;
  switch (c.op) {
    case 'rotate':
      return rotation(p.angle_deg!, w / 2, h / 2);
    // torchvision's shear angle moves lower rows LEFT (Pillow samples x + m·y), so the forward
    // map in our convention (x' = x + tan(shx)·y) takes the negated angle.
    case 'shear_x':
      return shearing(-p.shear_deg![0], 0, 0, 0);
    case 'shear_y':
      return shearing(0, -p.shear_deg![1], 0, 0);
    case 'translate_x':
      return translation(p.pixels!, 0);
    case 'translate_y':
      return translation(0, p.pixels!);
  }
}

describe('golden: geometric AutoAugment ops vs Pillow', () => {
  for (const im of fixture.images) {
    const input = new Uint8Array(Buffer.from(im.b64, 'base64'));
    const img = imageFrom(im.width, im.height, 3, 'uint8', input);
    for (const c of im.cases) {
      const label = `${im.name} ${c.op} ${JSON.stringify(c.params.angle_deg ?? c.params.magnitude ?? c.params.pixels)}`;
      test(label, () => {
        const expected = new Uint8Array(Buffer.from(c.pil_b64, 'base64'));
        const out = warpImage(img, forwardMatrix(c, im.width, im.height), im.width, im.height, { interpolation: 'nearest', border: 'constant', fill: 0 });
        assert.equal(out.data.length, expected.length);
        const diffs: number[] = [];
        for (let k = 0; k < im.width * im.height; k++) {
          if (out.data[k * 3] !== expected[k * 3] || out.data[k * 3 + 1] !== expected[k * 3 + 1] || out.data[k * 3 + 2] !== expected[k * 3 + 2]) diffs.push(k);
        }
        if (c.op !== 'rotate') {
          assert.deepEqual(diffs, [], `${label}: expected byte-identical output`);
          return;
        }
        assert.ok(diffs.length <= MAX_ROTATE_DIFF_PIXELS, `${label}: ${diffs.length} differing pixels`);
        // Every difference must be an edge case: the preimage (inverse rotation, written out
        // here) sits on a pixel edge, and Pillow took the pixel on the other side of it.
        const t = (c.params.angle_deg! * Math.PI) / 180;
        const cs = Math.cos(t), sn = Math.sin(t), cx = im.width / 2, cy = im.height / 2;
        for (const k of diffs) {
          const x = (k % im.width) + 0.5, y = Math.floor(k / im.width) + 0.5;
          const u = cx + cs * (x - cx) - sn * (y - cy);
          const v = cy + sn * (x - cx) + cs * (y - cy);
          const du = u - Math.round(u), dv = v - Math.round(v);
          assert.ok(Math.min(Math.abs(du), Math.abs(dv)) < EDGE_DISTANCE, `${label}: pixel ${k} differs but its preimage (${u}, ${v}) is not on a pixel edge`);
          const su = Math.abs(du) < EDGE_DISTANCE ? (du >= 0 ? Math.floor(u) - 1 : Math.floor(u) + 1) : Math.floor(u);
          const sv = Math.abs(dv) < EDGE_DISTANCE ? (dv >= 0 ? Math.floor(v) - 1 : Math.floor(v) + 1) : Math.floor(v);
          const inside = su >= 0 && su < im.width && sv >= 0 && sv < im.height;
          for (let ch = 0; ch < 3; ch++) {
            assert.equal(expected[k * 3 + ch], inside ? input[(sv * im.width + su) * 3 + ch] : 0, `${label}: pixel ${k} is not the neighbour across the edge`);
          }
        }
      });
    }
  }

  test('the fixture covers every op on both images', () => {
    assert.equal(fixture.images.length, 2);
    for (const im of fixture.images) {
      const ops = new Set(im.cases.map((c) => c.op));
      assert.deepEqual([...ops].sort(), ['rotate', 'shear_x', 'shear_y', 'translate_x', 'translate_y']);
    }
  });
});
