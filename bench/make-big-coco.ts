// Generates a large COCO dataset over the shipped demo photos (data/demo/coco/images) for the
// memory benchmark (bench/memory.ts): N records that point at the four photos, each with a
// handful of boxes and, for about 60% of them, a polygon outline, so that the annotation JSON has
// a realistic size per record (COCO train2017: ~7 annotations and ~3.8 KB of JSON per image; this
// one: ~5.5 annotations and ~1.8 KB). Generated at bench time into a temporary folder, never
// committed. Deterministic for a given (records, seed, photo width). With a photo width (>= 32),
// the photos are first resized (area filter, JPEG quality 90) so that a 100k-record run takes
// minutes rather than most of an hour.
//   node --import tsx bench/make-big-coco.ts --records 100000 --out /tmp/big-coco [--photo-width 64]
import { once } from 'node:events';
import { copyFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resizeImage } from '../src/functional/geometric/index.js';
import { readImage, writeImage } from '../src/io/codecs/index.js';

/** The shipped photos with their (upright) sizes, as data/demo/coco/annotations.json states them. */
export const PHOTOS: readonly { file: string; width: number; height: number }[] = [
  { file: 'chelsea.jpg', width: 200, height: 133 },
  { file: 'coffee.jpg', width: 200, height: 133 },
  { file: 'astronaut.jpg', width: 200, height: 200 },
  { file: 'rocket.jpg', width: 200, height: 133 },
];
const PHOTO_DIR = 'data/demo/coco/images';
const CATEGORIES = 10;

/** mulberry32: small and deterministic; the bench needs reproducible data, not statistical quality. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** One record's annotations as COCO JSON objects; ids continue from `nextId`. */
function annotationsFor(imageId: number, w: number, h: number, nextId: number, rand: () => number): object[] {
  const n = 3 + Math.floor(rand() * 6);
  const out: object[] = [];
  for (let k = 0; k < n; k++) {
    const bw = 8 + rand() * (w * 0.5);
    const bh = 8 + rand() * (h * 0.5);
    const x = rand() * (w - bw);
    const y = rand() * (h - bh);
    const ann: Record<string, unknown> = { id: nextId + k, image_id: imageId, category_id: 1 + Math.floor(rand() * CATEGORIES), iscrowd: 0 };
    if (rand() < 0.6) {
      // An outline inscribed in the box (a wobbly ellipse), 12-40 vertices, touching all four sides.
      const v = 12 + Math.floor(rand() * 29);
      const ring: number[] = [];
      for (let j = 0; j < v; j++) {
        const t = (2 * Math.PI * j) / v;
        const rr = j % 4 === 0 ? 1 : 0.75 + rand() * 0.25;
        ring.push(r2(x + bw / 2 + (Math.cos(t) * rr * bw) / 2), r2(y + bh / 2 + (Math.sin(t) * rr * bh) / 2));
      }
      const xs = ring.filter((_, i) => i % 2 === 0);
      const ys = ring.filter((_, i) => i % 2 === 1);
      const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
      ann['bbox'] = [x0, y0, r2(Math.max(...xs) - x0), r2(Math.max(...ys) - y0)];
      ann['segmentation'] = [ring];
      ann['area'] = r2(Math.PI * bw * bh * 0.2);
    } else {
      ann['bbox'] = [r2(x), r2(y), r2(bw), r2(bh)];
      ann['area'] = r2(bw * bh);
    }
    out.push(ann);
  }
  return out;
}

export interface BigCoco {
  /** The annotation file (images are beside it in `images/`). */
  readonly json: string;
  readonly records: number;
  readonly annotations: number;
  readonly bytes: number;
}

export interface BigCocoOptions {
  readonly seed?: number;
  /** Resize the photos to this width (keeping their aspect) instead of copying them. */
  readonly photoWidth?: number;
}

/**
 * Writes `<out>/annotations.json` with `records` image records and puts the photos into
 * `<out>/images/`. The JSON is written in chunks, so generating 100k records needs little memory.
 */
export async function makeBigCoco(out: string, records: number, opts: BigCocoOptions = {}): Promise<BigCoco> {
  const seed = opts.seed ?? 1;
  mkdirSync(join(out, 'images'), { recursive: true });
  const photos: { file: string; width: number; height: number }[] = [];
  for (const p of PHOTOS) {
    if (opts.photoWidth === undefined) {
      copyFileSync(join(PHOTO_DIR, p.file), join(out, 'images', p.file));
      photos.push(p);
      continue;
    }
    const w = opts.photoWidth;
    const h = Math.max(1, Math.round((p.height * w) / p.width));
    await writeImage(join(out, 'images', p.file), resizeImage(await readImage(join(PHOTO_DIR, p.file)), w, h, 'area'), { quality: 90 });
    photos.push({ file: p.file, width: w, height: h });
  }
  const json = join(out, 'annotations.json');
  const stream = createWriteStream(json);
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!stream.write(s)) await once(stream, 'drain');
  };
  const rand = prng(seed);
  await write('{"info":{"description":"augury memory benchmark: generated records over the demo photos"},"images":[');
  const photoOf: number[] = [];
  const CHUNK = 1000;
  for (let i = 0; i < records; i += CHUNK) {
    const part: string[] = [];
    for (let j = i; j < Math.min(records, i + CHUNK); j++) {
      const p = Math.floor(rand() * photos.length);
      photoOf.push(p);
      const photo = photos[p]!;
      part.push(JSON.stringify({ id: j + 1, file_name: photo.file, width: photo.width, height: photo.height }));
    }
    await write((i > 0 ? ',' : '') + part.join(','));
  }
  await write('],"annotations":[');
  let nextId = 1;
  for (let i = 0; i < records; i += CHUNK) {
    const part: string[] = [];
    for (let j = i; j < Math.min(records, i + CHUNK); j++) {
      const photo = photos[photoOf[j]!]!;
      const anns = annotationsFor(j + 1, photo.width, photo.height, nextId, rand);
      nextId += anns.length;
      part.push(anns.map((a) => JSON.stringify(a)).join(','));
    }
    await write((i > 0 ? ',' : '') + part.join(','));
  }
  const categories = Array.from({ length: CATEGORIES }, (_, c) => ({ id: c + 1, name: `class${c + 1}`, supercategory: 'thing' }));
  await write(`],"categories":${JSON.stringify(categories)}}\n`);
  stream.end();
  await once(stream, 'finish');
  return { json, records, annotations: nextId - 1, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: string): string => {
    const k = process.argv.indexOf(name);
    return k >= 0 && process.argv[k + 1] !== undefined ? process.argv[k + 1]! : fallback;
  };
  const width = arg('--photo-width', '');
  const r = await makeBigCoco(arg('--out', '/tmp/augury-big-coco'), Number(arg('--records', '10000')), { seed: Number(arg('--seed', '1')), ...(width ? { photoWidth: Number(width) } : {}) });
  console.log(JSON.stringify(r));
}
