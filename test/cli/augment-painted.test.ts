/**
 * The catalog issue's "done when": `augury augment` on a COCO dataset of real photos with
 * polygons writes a COCO dataset whose boxes agree with the objects painted in the output images
 * ('mask' boxes tight within a pixel). Each object is painted in a unique colour on the photo, so
 * the truth is read back from the output pixels, independently of the label code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { polygonsToMask } from '../../src/io/datasets/coco/rle.js';
import { runCli, tempDir } from '../helpers/cli.js';

const PHOTOS = ['coffee.jpg', 'chelsea.jpg']; // 200x133 demo photos (data/demo)
const SHAPES = [
  [30, 20, 70, 18, 74, 60, 34, 64],
  [100, 40, 150, 40, 160, 80, 120, 100, 96, 76],
  [40, 84, 80, 80, 84, 116, 44, 120],
];
const COLOURS = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
];

async function paintedDataset(dir: string): Promise<void> {
  mkdirSync(join(dir, 'images'), { recursive: true });
  const images: unknown[] = [];
  const annotations: unknown[] = [];
  for (const [k, photo] of PHOTOS.entries()) {
    const { data, info } = await sharp(join('data/demo/coco/images', photo)).raw().toBuffer({ resolveWithObject: true });
    SHAPES.forEach((ring, i) => {
      polygonsToMask([ring], info.width, info.height).forEach((v, p) => {
        if (v) data.set(COLOURS[i]!, p * 3);
      });
      const xs = ring.filter((_, j) => j % 2 === 0);
      const ys = ring.filter((_, j) => j % 2 === 1);
      const [x1, y1] = [Math.min(...xs), Math.min(...ys)];
      annotations.push({ id: annotations.length + 1, image_id: k + 1, category_id: i + 1, bbox: [x1, y1, Math.max(...xs) - x1, Math.max(...ys) - y1], segmentation: [ring], area: 1, iscrowd: 0 });
    });
    const name = photo.replace('.jpg', '.png');
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).png().toFile(join(dir, 'images', name));
    images.push({ id: k + 1, file_name: name, width: info.width, height: info.height });
  }
  const categories = COLOURS.map((_, i) => ({ id: i + 1, name: `object${i}` }));
  writeFileSync(join(dir, 'annotations.json'), JSON.stringify({ images, annotations, categories }));
}

function pixelBox(data: Buffer, width: number, height: number, rgb: readonly number[]): number[] | null {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (data[o] === rgb[0] && data[o + 1] === rgb[1] && data[o + 2] === rgb[2]) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return x1 === Infinity ? null : [x1, y1, x2, y2];
}

test('augment: every output box is tight around its painted object (mask method, within a pixel)', async () => {
  const dir = tempDir();
  await paintedDataset(join(dir, 'in'));
  writeFileSync(
    join(dir, 'p.yaml'),
    'task: detection\ntransforms:\n  - {name: HorizontalFlip}\n  - {name: Affine, scale: [0.9, 1.1], translatePercent: [-0.05, 0.05], rotate: [-25, 25], interpolation: nearest, p: 1}\n  - {name: RandomBrightnessContrast, p: 0}\nboxes: {method: mask}\n',
  );
  const out = join(dir, 'out');
  const r = await runCli('augment', '--pipeline', join(dir, 'p.yaml'), '--data', join(dir, 'in'), '--out', out, '--copies', '4', '--seed', '11');
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as {
    images: { id: number; file_name: string; width: number; height: number }[];
    annotations: { image_id: number; category_id: number; bbox: number[] }[];
  };
  assert.equal(doc.images.length, PHOTOS.length * 4);
  let compared = 0;
  for (const img of doc.images) {
    const { data, info } = await sharp(join(out, 'images', img.file_name)).raw().toBuffer({ resolveWithObject: true });
    for (const a of doc.annotations.filter((x) => x.image_id === img.id)) {
      const seen = pixelBox(data, info.width, info.height, COLOURS[a.category_id - 1]!);
      assert.ok(seen, `${img.file_name}: object ${a.category_id} has a box but no pixels`);
      const [x, y, w, h] = a.bbox as [number, number, number, number];
      const box = [x, y, x + w, y + h];
      box.forEach((v, k) => assert.ok(Math.abs(v - seen![k]!) <= 1, `${img.file_name} object ${a.category_id}: box ${box.map((b) => b.toFixed(2))} vs pixels ${seen}`));
      compared++;
    }
  }
  assert.equal(compared, PHOTOS.length * 4 * SHAPES.length, 'every object stays in frame with these settings');
});
