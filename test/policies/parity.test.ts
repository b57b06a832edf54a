/**
 * Parity per op and magnitude: the catalog op a policy builds for a torchvision op at a magnitude
 * gives Pillow's output (which torchvision's PIL path equals), from the golden fixtures of
 * test/golden (README-geometric.md, README-color.md). Tolerances are those of test/golden:
 * byte-identical except rotate (at most 3 pixels whose preimage lies on a pixel edge) — here
 * counted only, the edge analysis lives in test/golden/geometric-autoaugment.test.ts.
 * timm's ops are the same PIL calls with the argument mapped as src/policies/ops.ts documents.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import '../../src/transforms/index.js';
import { replayTrace } from '../../src/core/pipeline.js';
import type { PolicyOp } from '../../src/core/policy.js';
import { timmOp, torchvisionOp } from '../../src/policies/ops.js';
import { imageFrom } from '../../src/targets/image.js';

const RES = { interpolation: 'nearest' as const, fill: 0 };

async function run(ops: PolicyOp[], w: number, h: number, data: Uint8Array): Promise<Uint8Array> {
  const s = { id: 'golden', image: imageFrom(w, h, 3, 'uint8', data) };
  return (await replayTrace(s, ops.map((o) => ({ name: o.name, params: o.params })))).sample.image.data as Uint8Array;
}

function differingPixels(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < a.length; k += 3) if (a[k] !== b[k] || a[k + 1] !== b[k + 1] || a[k + 2] !== b[k + 2]) n++;
  return n;
}

interface GeoCase { op: string; params: { angle_deg?: number; magnitude?: number; pixels?: number }; pil_b64: string }
const geo = JSON.parse(readFileSync(new URL('../fixtures/golden/geometric-autoaugment.json', import.meta.url), 'utf8')) as { images: { name: string; width: number; height: number; b64: string; cases: GeoCase[] }[] };

describe('torchvision geometric ops at their magnitudes vs Pillow', () => {
  for (const im of geo.images) {
    const input = new Uint8Array(Buffer.from(im.b64, 'base64'));
    for (const c of im.cases) {
      const p = c.params;
      test(`${im.name} ${c.op} ${p.angle_deg ?? p.magnitude ?? p.pixels}`, async () => {
        const [name, m] = c.op === 'rotate' ? ['Rotate', p.angle_deg!] : c.op === 'shear_x' ? ['ShearX', p.magnitude!] : c.op === 'shear_y' ? ['ShearY', p.magnitude!] : c.op === 'translate_x' ? ['TranslateX', p.pixels!] : ['TranslateY', p.pixels!];
        const tv = await run(torchvisionOp(name, m, RES), im.width, im.height, input);
        const expected = new Uint8Array(Buffer.from(c.pil_b64, 'base64'));
        const n = differingPixels(tv, expected);
        if (c.op === 'rotate') assert.ok(n <= 3, `${n} differing pixels`);
        else assert.equal(n, 0);
        // timm: the same PIL call, with PIL's coefficient (shear) or its sign-flipped offset (translate).
        if (c.op !== 'rotate') {
          const timm = c.op.startsWith('shear') ? timmOp(name, m, RES, im.width, im.height) : timmOp(name, -m, RES, im.width, im.height);
          assert.equal(differingPixels(await run(timm, im.width, im.height, input), expected), 0, 'timm op');
        }
      });
    }
  }
});

interface ColorCase { image: string; op: string; params: { bits?: number; threshold?: number; factor?: number }; pil: { table?: string; delta?: string } }
const color = JSON.parse(readFileSync(new URL('../fixtures/golden/color-autoaugment.json', import.meta.url), 'utf8')) as { images: Record<string, { width: number; height: number; b64: string }>; cases: ColorCase[] };

const TV_NAME: Record<string, string> = { posterize: 'Posterize', solarize: 'Solarize', equalize: 'Equalize', autocontrast: 'AutoContrast', invert: 'Invert', adjust_brightness: 'Brightness', adjust_contrast: 'Contrast', adjust_saturation: 'Color', adjust_sharpness: 'Sharpness' };

describe('torchvision pixel ops at their magnitudes vs Pillow', () => {
  for (const c of color.cases) {
    test(`${c.image} ${c.op} ${JSON.stringify(c.params)}`, async () => {
      const im = color.images[c.image]!;
      const input = new Uint8Array(Buffer.from(im.b64, 'base64'));
      const expected = c.pil.table !== undefined
        ? (() => { const t = Buffer.from(c.pil.table!, 'base64'); return input.map((v, i) => t[(i % 3) * 256 + v]!); })()
        : (() => { const d = inflateRawSync(Buffer.from(c.pil.delta!, 'base64')); return input.map((v, i) => (v + d[i]!) & 255); })();
      const p = c.params;
      // torchvision's magnitude: factor - 1 for the enhancers (it applies 1 + magnitude), bits, threshold.
      const m = p.factor !== undefined ? p.factor - 1 : p.bits ?? p.threshold ?? 0;
      const out = await run(torchvisionOp(TV_NAME[c.op]!, m, RES), im.width, im.height, input);
      let max = 0;
      out.forEach((v, i) => (max = Math.max(max, Math.abs(v - expected[i]!))));
      assert.equal(max, 0);
    });
  }
});
