import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli, tempDir } from '../helpers/cli.js';
import { labelOverlay } from '../../src/io/preview.js';
import { createBoxes } from '../../src/targets/boxes.js';
import { createImage } from '../../src/targets/image.js';

test('augury preview writes a grid with one tile per copy plus the input', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.yaml'), 'transforms:\n  - {name: HorizontalFlip}\n  - {name: Rotate, limit: 20}\n');
  writeFileSync(join(dir, 't.json'), JSON.stringify({ boxes: [[58, 6, 137, 92]], boxLabels: [0] }));
  const out = join(dir, 'grid.png');
  const r = await runCli('preview', '--pipeline', join(dir, 'p.yaml'), '--image', 'data/demo/coco/images/coffee.jpg', '--targets', join(dir, 't.json'), '--n', '5', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const meta = await sharp(out).metadata();
  // 6 tiles in 3 columns of 256 px with 4 px gaps; 2 rows of 256 + 16 px caption.
  assert.equal(meta.width, 3 * 260 + 4);
  assert.equal(meta.height, 2 * 276 + 4);
});

test('the label overlay draws every box, with its visibility when below 100%', () => {
  const s = { id: 'x', image: createImage(50, 40, 3, 'uint8'), boxes: createBoxes({ xyxy: [1, 2, 11, 12, 20, 20, 30, 35], labels: [0, 1], visibility: [1, 0.42] }) };
  const svg = labelOverlay(s, ['cup', 'spoon']);
  assert.equal((svg.match(/<rect /g) ?? []).length, 2);
  assert.match(svg, /<rect x="1" y="2" width="10" height="10"/);
  assert.match(svg, />cup</);
  assert.match(svg, />spoon 42%</);
});
