/**
 * PIL / torchvision semantics at the transform level: the AutoAugment golden cases (the fixtures
 * of the kernel-level tests color-autoaugment.test.ts and geometric-autoaugment.test.ts, see
 * test/fixtures/golden/README-color.md and README-geometric.md) replayed through the registered
 * transforms, as a trace with each transform's own params, and run again from a pipeline config
 * that pins the option, which must draw exactly those params.
 *
 * Tolerances, as in the kernel tests:
 * - color ops: byte-identical to Pillow; torchvision's tensor path differs by at most 1, on
 *   exactly the samples the golden file records.
 * - Affine shear and translate: byte-identical to Pillow.
 * - Rotate: at most 3 differing pixels per case, each one whose preimage lies on a pixel edge
 *   (Pillow steps in 16.16 fixed point) and where Pillow took the neighbour across that edge.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { Pipeline, replayTrace } from '../../src/core/pipeline.js';
import type { Params } from '../../src/core/transform.js';
import { imageFrom } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import { Affine } from '../../src/transforms/geometric/affine.js';
import '../../src/transforms/index.js';

interface ColorCase {
  image: string;
  op: string;
  params: { bits?: number; threshold?: number; factor?: number };
  pil: { table?: string; delta?: string };
  tv_vs_pil: { max_abs: number; n_diff: number };
  tv_delta?: string;
}
interface GeometricCase {
  op: 'rotate' | 'shear_x' | 'shear_y' | 'translate_x' | 'translate_y';
  params: { angle_deg?: number; magnitude?: number; shear_deg?: [number, number]; pixels?: number };
  pil_b64: string;
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8'));
const color = fixture('color-autoaugment.json') as { images: Record<string, { width: number; height: number; b64: string }>; cases: ColorCase[] };
const geometric = fixture('geometric-autoaugment.json') as { images: { name: string; width: number; height: number; b64: string; cases: GeometricCase[] }[] };

const sampleOf = (id: string, w: number, h: number, b64: string): Sample => ({ id, image: imageFrom(w, h, 3, 'uint8', new Uint8Array(Buffer.from(b64, 'base64'))) });

/** Runs one step as a trace (exact params) and from a pinned config; both must agree. */
async function run(sample: Sample, name: string, params: Params, options: Record<string, unknown>): Promise<Uint8Array> {
  const { width, height } = sample.image;
  const replayed = await replayTrace(sample, { version: 1, input: { width, height }, steps: [{ name, params }], backend: 'ts' });
  const config = await Pipeline.fromConfig({ transforms: [{ name, ...options, p: 1 }] }).run(sample);
  assert.deepEqual(config.trace.steps[0], { name, params }, 'the pinned config draws the same params');
  assert.deepEqual(config.sample.image.data, replayed.sample.image.data);
  return replayed.sample.image.data as Uint8Array;
}

/** The registered transform, its params and the config that pins them, for a color case. */
function colorStep(c: ColorCase): [string, Params, Record<string, unknown>] {
  const f = c.params.factor!;
  switch (c.op) {
    case 'posterize':
      return ['Posterize', { numBits: c.params.bits! }, { numBits: c.params.bits! }];
    case 'solarize':
      return ['Solarize', { threshold: c.params.threshold! }, { threshold: c.params.threshold! }];
    case 'equalize':
      return ['Equalize', {}, {}];
    case 'autocontrast':
      return ['AutoContrast', {}, {}];
    case 'invert':
      return ['Invert', {}, {}];
    default: {
      const name = { adjust_brightness: 'Brightness', adjust_contrast: 'Contrast', adjust_saturation: 'Saturation', adjust_sharpness: 'Sharpness' }[c.op]!;
      return [name, { factor: f }, { factor: f }];
    }
  }
}

const diff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let max = 0, count = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > 0) count++;
    max = Math.max(max, d);
  }
  return { max, count };
};

describe('color transforms vs Pillow / torchvision (AutoAugment goldens)', () => {
  const perTransform: string[] = [];
  for (const c of color.cases) {
    const label = `${c.image} ${c.op} ${JSON.stringify(c.params)}`;
    test(label, async () => {
      const im = color.images[c.image]!;
      const sample = sampleOf(c.image, im.width, im.height, im.b64);
      const input = sample.image.data as Uint8Array;
      const [name, params, options] = colorStep(c);
      const out = await run(sample, name, params, options);
      const table = c.pil.table === undefined ? undefined : Buffer.from(c.pil.table, 'base64');
      const delta = c.pil.delta === undefined ? undefined : inflateRawSync(Buffer.from(c.pil.delta, 'base64'));
      const pil = table ? input.map((v, i) => table[(i % 3) * 256 + v]!) : input.map((v, i) => (v + delta![i]!) & 255);
      assert.deepEqual(diff(out, pil), { max: 0, count: 0 }, 'differs from Pillow');
      const tvDelta = c.tv_delta === undefined ? undefined : inflateRawSync(Buffer.from(c.tv_delta, 'base64'));
      const tv = tvDelta ? pil.map((v, i) => (v + tvDelta[i]!) & 255) : pil;
      assert.deepEqual(diff(out, tv), { max: c.tv_vs_pil.max_abs, count: c.tv_vs_pil.n_diff }, 'distance to torchvision');
      perTransform.push(name);
    });
  }

  test('compared every color case', () => {
    assert.equal(perTransform.length, 114);
    assert.deepEqual(Object.fromEntries([...new Set(perTransform)].sort().map((n) => [n, perTransform.filter((m) => m === n).length])), {
      AutoContrast: 2,
      Brightness: 20,
      Contrast: 20,
      Equalize: 2,
      Invert: 2,
      Posterize: 16,
      Saturation: 20,
      Sharpness: 20,
      Solarize: 12,
    });
  });
});

const neutralAffine = { scaleX: 1, scaleY: 1, translateX: 0, translateY: 0, rotate: 0, shearX: 0, shearY: 0, centerX: 0, centerY: 0, fitOutput: false, interpolation: 'nearest', border: 'constant', fill: 0, fillMask: 0 };
const deg = (r: number) => (r * 180) / Math.PI;

/**
 * The registered transform, params and pinned config for a geometric case, plus the forward map
 * (continuous coordinates, row-major 2x3) that Pillow's call applies.
 *
 * Pillow samples input (x + m·y, y) for shear_x, i.e. the forward map x' = x - m·y about the
 * corner (0, 0): torchvision's centre [0, 0] with its shear angle atan(m) taken the other way.
 * Affine's shears (Albumentations' form) turn an axis and keep its length, so the tangent shear
 * needs a compensating scale: shearX = -atan(m) with scaleY = 1 / cos(shearX) gives
 * [[1, -m], [0, 1]]; shearY = asin(m) with scaleX = 1 / cos(shearY) gives [[1, 0], [-m, 1]].
 * `center: [0, 0]` puts the fixed point at the corner.
 */
function geometricStep(c: GeometricCase): [string, Params, Record<string, unknown>, number[]] {
  const p = c.params;
  switch (c.op) {
    case 'rotate':
      return ['Rotate', { angle: p.angle_deg!, interpolation: 'nearest', border: 'constant', fill: 0, fillMask: 0 }, { limit: [p.angle_deg!, p.angle_deg!], interpolation: 'nearest' }, []];
    case 'shear_x': {
      const m = p.magnitude!, shearX = -deg(Math.atan(m)), scaleY = 1 / Math.cos(Math.atan(m));
      assert.ok(Math.abs(shearX + p.shear_deg![0]) < 1e-12, "torchvision's shear angle, negated");
      return ['Affine', { ...neutralAffine, shearX, scaleY }, { shear: { x: shearX }, scale: { x: 1, y: scaleY }, center: [0, 0], interpolation: 'nearest' }, [1, -m, 0, 0, 1, 0]];
    }
    case 'shear_y': {
      const m = p.magnitude!, shearY = deg(Math.asin(m)), scaleX = 1 / Math.cos(Math.asin(m));
      return ['Affine', { ...neutralAffine, shearY, scaleX }, { shear: { y: shearY }, scale: { x: scaleX, y: 1 }, center: [0, 0], interpolation: 'nearest' }, [1, 0, 0, -m, 1, 0]];
    }
    case 'translate_x':
      return ['Affine', { ...neutralAffine, translateX: p.pixels! }, { translatePx: { x: p.pixels! }, center: [0, 0], interpolation: 'nearest' }, [1, 0, p.pixels!, 0, 1, 0]];
    case 'translate_y':
      return ['Affine', { ...neutralAffine, translateY: p.pixels! }, { translatePx: { y: p.pixels! }, center: [0, 0], interpolation: 'nearest' }, [1, 0, 0, 0, 1, p.pixels!]];
  }
}

const MAX_ROTATE_DIFF_PIXELS = 3;
const EDGE_DISTANCE = 1e-3;

describe('Rotate and Affine vs Pillow (AutoAugment goldens, nearest, fill 0)', () => {
  const perOp: string[] = [];
  for (const im of geometric.images) {
    for (const c of im.cases) {
      const label = `${im.name} ${c.op} ${c.params.angle_deg ?? c.params.magnitude ?? c.params.pixels}`;
      test(label, async () => {
        const sample = sampleOf(im.name, im.width, im.height, im.b64);
        const input = sample.image.data as Uint8Array;
        const [name, params, options, forward] = geometricStep(c);
        if (name === 'Affine') {
          // The params express Pillow's map exactly.
          const m = Affine.warp!(params as Parameters<NonNullable<typeof Affine.warp>>[0], im.width, im.height)!.matrix;
          [0, 1, 2, 3, 4, 5].forEach((k) => assert.ok(Math.abs(m[k]! - forward[k]!) < 1e-12, `matrix entry ${k}: ${m[k]} vs ${forward[k]}`));
        }
        const out = await run(sample, name, params, options);
        const expected = new Uint8Array(Buffer.from(c.pil_b64, 'base64'));
        const differing: number[] = [];
        for (let k = 0; k < im.width * im.height; k++) {
          if ([0, 1, 2].some((ch) => out[k * 3 + ch] !== expected[k * 3 + ch])) differing.push(k);
        }
        perOp.push(c.op);
        if (c.op !== 'rotate') {
          assert.deepEqual(differing, [], 'byte-identical to Pillow');
          return;
        }
        assert.ok(differing.length <= MAX_ROTATE_DIFF_PIXELS, `${differing.length} differing pixels`);
        // Pillow's preimage of each differing pixel centre (inverse rotation about the centre)
        // sits on a pixel edge, and Pillow took the pixel across it.
        const t = (c.params.angle_deg! * Math.PI) / 180, cs = Math.cos(t), sn = Math.sin(t), cx = im.width / 2, cy = im.height / 2;
        for (const k of differing) {
          const x = (k % im.width) + 0.5, y = Math.floor(k / im.width) + 0.5;
          const u = cx + cs * (x - cx) - sn * (y - cy), v = cy + sn * (x - cx) + cs * (y - cy);
          const du = u - Math.round(u), dv = v - Math.round(v);
          assert.ok(Math.min(Math.abs(du), Math.abs(dv)) < EDGE_DISTANCE, `pixel ${k}: preimage (${u}, ${v}) is not on a pixel edge`);
          const su = Math.abs(du) < EDGE_DISTANCE ? (du >= 0 ? Math.floor(u) - 1 : Math.floor(u) + 1) : Math.floor(u);
          const sv = Math.abs(dv) < EDGE_DISTANCE ? (dv >= 0 ? Math.floor(v) - 1 : Math.floor(v) + 1) : Math.floor(v);
          const inside = su >= 0 && su < im.width && sv >= 0 && sv < im.height;
          for (let ch = 0; ch < 3; ch++) assert.equal(expected[k * 3 + ch], inside ? input[(sv * im.width + su) * 3 + ch] : 0, `pixel ${k}`);
        }
      });
    }
  }

  test('compared every geometric case', () => {
    assert.equal(perOp.length, 16);
    assert.deepEqual(Object.fromEntries(['rotate', 'shear_x', 'shear_y', 'translate_x', 'translate_y'].map((op) => [op, perOp.filter((o) => o === op).length])), {
      rotate: 6,
      shear_x: 3,
      shear_y: 3,
      translate_x: 2,
      translate_y: 2,
    });
  });
});
