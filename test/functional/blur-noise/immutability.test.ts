import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blur,
  boxBlur,
  convolve2d,
  downscale,
  gaussianBlur,
  gaussNoise,
  isoNoise,
  jpegCompress,
  medianBlur,
  motionBlur,
  multiplicativeNoise,
} from '../../../src/functional/blur-noise/index.js';
import { fillRects } from '../../../src/functional/occlusion/index.js';
import { sharpCodec } from '../../../src/io/codecs/index.js';
import type { Image } from '../../../src/targets/image.js';
import { photo } from './helpers.js';

test('no kernel mutates its input, and each returns a new pixel array', async () => {
  const p = await photo();
  const before = p.data.slice();
  const runs: [string, () => Image | Promise<Image>][] = [
    ['gaussianBlur', () => gaussianBlur(p, 5, 5, 0)],
    ['boxBlur', () => boxBlur(p, 4, 2)],
    ['blur', () => blur(p, 3)],
    ['convolve2d', () => convolve2d(p, [0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3)],
    ['medianBlur', () => medianBlur(p, 1)],
    ['motionBlur', () => motionBlur(p, 7, 30, 0.5)],
    ['gaussNoise', () => gaussNoise(p, 10, 0, 1)],
    ['multiplicativeNoise', () => multiplicativeNoise(p, 0.9, 1.1, 1)],
    ['isoNoise', () => isoNoise(p, 0.05, 0.5, 1)],
    ['downscale', () => downscale(p, 1)],
    ['jpegCompress', () => jpegCompress(p, 100, sharpCodec)],
    ['fillRects', () => fillRects(p, [{ x1: 0, y1: 0, x2: 10, y2: 10 }], 'random', 3)],
  ];
  for (const [name, run] of runs) {
    const out = await run();
    assert.deepEqual(p.data, before, `${name} mutated its input`);
    assert.notEqual(out.data, p.data, `${name} returned the input array`);
    assert.notEqual(out.data.buffer, p.data.buffer, `${name} shares the input buffer`);
  }
});
