/** Test helpers: a small COCO dataset written to a temp folder (images of two sizes, 1 to 3 boxes each), and collecting a loader's batches. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createLoader, type Batch, type LoaderOptions } from '../../src/pipeline/index.js';

/** Every batch of the epochs given (default: the loader's own epoch), from one loader, which is then closed. */
export async function collect(o: LoaderOptions, epochs?: number | readonly number[]): Promise<Batch[]> {
  const loader = await createLoader(o);
  try {
    const out: Batch[] = [];
    if (epochs === undefined) for await (const b of loader) out.push(b);
    else for (const e of typeof epochs === 'number' ? [epochs] : epochs) for await (const b of loader.epoch(e)) out.push(b);
    return out;
  } finally {
    await loader.close();
  }
}

export interface TinyCoco {
  readonly path: string;
  readonly sizes: readonly { width: number; height: number }[];
  readonly boxCounts: readonly number[];
}

/** `n` images; image i is 48x32 when i is even, 40x40 when odd, filled with an i-dependent pattern. */
export async function makeTinyCoco(n: number): Promise<TinyCoco> {
  const dir = mkdtempSync(join(tmpdir(), 'augury-loader-'));
  mkdirSync(join(dir, 'images'));
  const images = [];
  const annotations = [];
  const sizes = [];
  const boxCounts = [];
  let annId = 1;
  for (let i = 0; i < n; i++) {
    const [width, height] = i % 2 === 0 ? [48, 32] : [40, 40];
    const px = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) px[(y * width + x) * 3 + c] = (x * 5 + y * 3 + i * 17 + c * 60) % 256;
    const file = `img${String(i).padStart(3, '0')}.png`;
    await sharp(px, { raw: { width, height, channels: 3 } }).png().toFile(join(dir, 'images', file));
    images.push({ id: i + 1, file_name: file, width, height });
    sizes.push({ width, height });
    const k = 1 + (i % 3);
    boxCounts.push(k);
    for (let b = 0; b < k; b++) {
      const bx = [2 + b * 4, 3 + b * 2, 10 + b, 8 + b];
      annotations.push({ id: annId++, image_id: i + 1, category_id: 1 + ((i + b) % 2), bbox: bx, area: bx[2]! * bx[3]!, iscrowd: 0 });
    }
  }
  const json = { images, annotations, categories: [{ id: 1, name: 'cat' }, { id: 2, name: 'dog' }] };
  writeFileSync(join(dir, 'annotations.json'), JSON.stringify(json));
  return { path: join(dir, 'annotations.json'), sizes, boxCounts };
}
