import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli, tempDir } from '../helpers/cli.js';

const DEMO = 'data/demo/coco';

interface CocoDoc {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; category_id: number; bbox: number[]; segmentation?: unknown }[];
  categories: { id: number; name: string }[];
}

/** Boxes per image file as [category name, x, y, w, h], sorted, for order-free comparison. */
function boxesByFile(doc: CocoDoc): Map<string, (string | number)[][]> {
  const cat = new Map(doc.categories.map((c) => [c.id, c.name]));
  const file = new Map(doc.images.map((i) => [i.id, i.file_name.split('/').pop()!]));
  const out = new Map<string, (string | number)[][]>();
  for (const a of doc.annotations) {
    const f = file.get(a.image_id)!;
    if (!out.has(f)) out.set(f, []);
    out.get(f)!.push([cat.get(a.category_id)!, ...a.bbox]);
  }
  for (const v of out.values()) v.sort((p, q) => String(p).localeCompare(String(q)));
  return out;
}

function assertBoxesClose(a: Map<string, (string | number)[][]>, b: Map<string, (string | number)[][]>, tol: number): void {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [f, boxes] of a) {
    const other = b.get(f)!;
    assert.equal(other.length, boxes.length, f);
    boxes.forEach((box, i) => {
      assert.equal(other[i]![0], box[0]);
      for (let k = 1; k < 5; k++) assert.ok(Math.abs((other[i]![k] as number) - (box[k] as number)) <= tol, `${f} ${String(box[0])}: ${String(other[i])} vs ${String(box)}`);
    });
  }
}

const readJson = (p: string): CocoDoc => JSON.parse(readFileSync(p, 'utf8')) as CocoDoc;

describe('augury convert', () => {
  test('COCO -> YOLO -> COCO keeps every box within 1e-3 px', async () => {
    const dir = tempDir();
    let r = await runCli('convert', DEMO, join(dir, 'yolo'), '--to', 'yolo');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'yolo', 'data.yaml')));
    r = await runCli('convert', join(dir, 'yolo'), join(dir, 'back'), '--to', 'coco');
    assert.equal(r.code, 0, r.stderr);
    assertBoxesClose(boxesByFile(readJson(join(DEMO, 'annotations.json'))), boxesByFile(readJson(join(dir, 'back', 'annotations.json'))), 1e-3);
  });

  test('COCO -> VOC -> COCO keeps boxes exactly and the summary names what VOC cannot hold', async () => {
    const dir = tempDir();
    let r = await runCli('convert', DEMO, join(dir, 'voc'), '--to', 'voc');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /voc cannot hold/);
    assert.match(r.stdout, /polygon/i);
    assert.match(r.stdout, /keypoint/i);
    r = await runCli('convert', join(dir, 'voc'), join(dir, 'back'), '--to', 'coco');
    assert.equal(r.code, 0, r.stderr);
    assertBoxesClose(boxesByFile(readJson(join(DEMO, 'annotations.json'))), boxesByFile(readJson(join(dir, 'back', 'annotations.json'))), 1e-9);
  });

  test('COCO -> COCO keeps every field', async () => {
    const dir = tempDir();
    const r = await runCli('convert', DEMO, join(dir, 'coco'), '--to', 'coco', '--json');
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { images: number; annotations: number; report: { dropped: number } };
    assert.equal(summary.images, 4);
    assert.equal(summary.annotations, 14);
    assert.equal(summary.report.dropped, 0);
    const a = readJson(join(DEMO, 'annotations.json'));
    const b = readJson(join(dir, 'coco', 'annotations.json'));
    assert.deepEqual(b, a);
    assert.deepEqual(readFileSync(join(dir, 'coco', 'images', 'coffee.jpg')), readFileSync(join(DEMO, 'images', 'coffee.jpg')));
  });

  test('detection data to class folders is refused with a clear message', async () => {
    const r = await runCli('convert', DEMO, join(tempDir(), 'f'), '--to', 'folder');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /class folders/);
    assert.match(r.stderr, /coco|yolo|voc/);
  });

  test('a non-empty output folder is refused unless --overwrite', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keep.txt'), 'x');
    const r = await runCli('convert', DEMO, dir, '--to', 'coco');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not empty/);
    assert.match(r.stderr, /--overwrite/);
    assert.equal((await runCli('convert', DEMO, dir, '--to', 'coco', '--overwrite')).code, 0);
    assert.equal(readFileSync(join(dir, 'keep.txt'), 'utf8'), 'x');
  });
});

describe('EXIF orientation and label sizes', () => {
  /** A 100x60 (stored) JPEG tagged orientation 6 (shown rotated 90 degrees clockwise: 60x100). */
  async function exifDataset(statedWidth: number, statedHeight: number): Promise<string> {
    const dir = tempDir();
    mkdirSync(join(dir, 'images'));
    const raw = Buffer.alloc(100 * 60 * 3, 40);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) raw.fill(250, (y * 100 + x) * 3, (y * 100 + x) * 3 + 3); // marker, stored top-left
    await sharp(raw, { raw: { width: 100, height: 60, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(join(dir, 'images', 'r.jpg'));
    writeFileSync(
      join(dir, 'annotations.json'),
      JSON.stringify({
        images: [{ id: 1, file_name: 'r.jpg', width: statedWidth, height: statedHeight }],
        annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [5, 5, 20, 20], area: 400, iscrowd: 0 }],
        categories: [{ id: 1, name: 'thing' }],
      }),
    );
    return dir;
  }

  test('a label file stating the stored size of a rotated image is an error that says so', async () => {
    const dir = await exifDataset(100, 60);
    const r = await runCli('info', dir, '--on-error', 'fail');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /annotations\.json/);
    assert.match(r.stderr, /r\.jpg/);
    assert.match(r.stderr, /EXIF orientation 6/);
    assert.match(r.stderr, /--exif ignore/);
    const lenient = await runCli('info', dir, '--json');
    assert.equal((JSON.parse(lenient.stdout) as { images: number }).images, 0);
    assert.equal((await runCli('info', dir, '--exif', 'ignore', '--json', '--strict')).code, 0);
  });

  test('converting writes the image upright, without the orientation tag', async () => {
    const dir = await exifDataset(60, 100);
    const out = join(tempDir(), 'o');
    const r = await runCli('convert', dir, out, '--to', 'coco');
    assert.equal(r.code, 0, r.stderr);
    const img = sharp(join(out, 'images', 'r.jpg'));
    const meta = await img.metadata();
    assert.equal(meta.width, 60);
    assert.equal(meta.height, 100);
    assert.ok(meta.orientation === undefined || meta.orientation === 1);
    // Orientation 6 turns the stored top-left marker to the top-right corner.
    const { data } = await img.raw().toBuffer({ resolveWithObject: true });
    assert.ok(data[(2 * 60 + 57) * 3]! > 200, 'marker at top right');
    assert.ok(data[(2 * 60 + 2) * 3]! < 100, 'no marker at top left');
  });
});
