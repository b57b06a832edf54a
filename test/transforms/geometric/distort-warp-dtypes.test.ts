/** Every flip, affine, perspective and distortion transform works on 1, 3 and 4 channels in uint8, uint16 and float32. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/transforms/index.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import { createImage, type Channels, type DType, type Image } from '../../../src/targets/image.js';
import type { Sample } from '../../../src/targets/sample.js';

const STEPS: Record<string, Record<string, unknown>> = {
  VerticalFlip: {},
  Transpose: {},
  RandomRotate90: {},
  Affine: { rotate: 20, scale: 0.9 },
  ShiftScaleRotate: { rotateLimit: 30 },
  Perspective: { scale: 0.1 },
  ElasticTransform: { alpha: 20, sigma: 3 },
  GridDistortion: { numSteps: 3 },
  OpticalDistortion: { distortLimit: 0.5 },
};

describe('dtypes and channels', () => {
  for (const [name, options] of Object.entries(STEPS)) {
    test(`${name} keeps dtype and channels, changes the pixels, and keeps values in range`, async () => {
      for (const dtype of ['uint8', 'uint16', 'float32'] as DType[]) {
        for (const channels of [1, 3, 4] as Channels[]) {
          const image = createImage(20, 14, channels, dtype) as Image;
          const top = dtype === 'uint8' ? 255 : dtype === 'uint16' ? 65535 : 1;
          for (let i = 0; i < image.data.length; i++) image.data[i] = ((i * 37) % 11) * (top / 10);
          const s: Sample = { id: `${dtype}-${channels}`, image };
          // Default (bilinear) sampling blends neighbours, so values stay in range for every dtype
          // (bicubic may overshoot in float32, which is stored unclamped as in OpenCV).
          const out = (await Pipeline.fromConfig({ transforms: [{ name, ...options, p: 1 }] }).run(s, { stream: { seed: 2 } })).sample.image;
          assert.equal(out.dtype, dtype);
          assert.equal(out.channels, channels);
          assert.equal(out.data.length, out.width * out.height * channels);
          for (const v of out.data) assert.ok(v >= 0 && v <= top, `${name} ${dtype}x${channels}: ${v}`);
          if (out.width === image.width) assert.notDeepEqual(out.data, image.data, `${name} ${dtype}x${channels} changed nothing`);
        }
      }
    });
  }
});
