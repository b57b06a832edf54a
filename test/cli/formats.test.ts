// info and convert over the YOLO and VOC fixtures (hand-made from real photos; numbers in their READMEs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

interface Coco {
  images: { id: number; file_name: string }[];
  annotations: { image_id: number; category_id: number; bbox: number[]; segmentation?: number[][] }[];
  categories: { id: number; name: string }[];
}

function bboxOf(doc: Coco, file: string, category: string): number[][] {
  const img = doc.images.find((i) => i.file_name.endsWith(file))!;
  const cat = doc.categories.find((c) => c.name === category)!;
  return doc.annotations.filter((a) => a.image_id === img.id && a.category_id === cat.id).map((a) => a.bbox);
}

describe('info and convert on YOLO and VOC', () => {
  test('YOLO: info counts the train split; convert to COCO puts the cup at its hand-measured pixels', async () => {
    const info = await runCli('info', 'test/fixtures/yolo/detect', '--json');
    assert.equal(info.code, 0, info.stderr);
    const j = JSON.parse(info.stdout) as { images: number; annotations: number; classes: { name: string; count: number }[] };
    assert.equal(j.images, 2);
    assert.equal(j.annotations, 4);
    assert.equal(j.classes.find((c) => c.name === 'eye')!.count, 2);
    const out = join(tempDir(), 'coco');
    const r = await runCli('convert', 'test/fixtures/yolo/detect', out, '--to', 'coco');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as Coco;
    // README: cup covers pixels x 33..83, y 7..59 of the 120x80 coffee image -> [33, 7, 51, 53].
    const [cup] = bboxOf(doc, 'coffee.jpg', 'cup');
    cup!.forEach((v, k) => assert.ok(Math.abs(v - [33, 7, 51, 53][k]!) < 1e-9, `cup ${String(cup)}`));
  });

  test('YOLO val split through --split', async () => {
    const info = await runCli('info', 'test/fixtures/yolo/detect', '--split', 'val', '--json');
    assert.equal(info.code, 0, info.stderr);
    const j = JSON.parse(info.stdout) as { images: number; annotations: number };
    assert.equal(j.images, 1);
    assert.equal(j.annotations, 0);
  });

  test('VOC: 1-based inclusive corners become continuous pixels in COCO', async () => {
    const out = join(tempDir(), 'coco');
    const r = await runCli('convert', 'test/fixtures/voc/good', out, '--to', 'coco');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as Coco;
    // coffee.xml: cup xmin 34, ymin 8, xmax 84, ymax 60 -> continuous [33, 7, 84, 60] -> COCO [33, 7, 51, 53].
    assert.deepEqual(bboxOf(doc, 'coffee.jpg', 'cup'), [[33, 7, 51, 53]]);
  });

  test('COCO with polygons to YOLO writes segmentation labels and says the keypoints are lost', async () => {
    const out = join(tempDir(), 'yolo');
    const r = await runCli('convert', 'data/demo/coco', out, '--to', 'yolo');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /keypoint sets were not written/);
    const line = readFileSync(join(out, 'labels', 'train', 'rocket.txt'), 'utf8').split('\n')[0]!;
    // The rocket polygon has 7 vertices: class + 14 numbers.
    assert.equal(line.trim().split(/\s+/).length, 15);
    const back = join(tempDir(), 'coco');
    assert.equal((await runCli('convert', out, back, '--to', 'coco')).code, 0);
    const doc = JSON.parse(readFileSync(join(back, 'annotations.json'), 'utf8')) as Coco;
    const rocket = doc.annotations.find((a) => a.category_id === doc.categories.find((c) => c.name === 'rocket')!.id)!;
    const src = [101, 40, 104, 43, 106, 50, 107, 128, 95, 128, 96, 50, 98, 43];
    rocket.segmentation![0]!.forEach((v, k) => assert.ok(Math.abs(v - src[k]!) < 1e-3, `vertex ${k}: ${v}`));
  });

  test('--yolo-kind pose writes keypoints for every line', async () => {
    const out = join(tempDir(), 'yolo');
    const r = await runCli('convert', 'data/demo/coco', out, '--to', 'yolo', '--yolo-kind', 'pose');
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(out, 'data.yaml'), 'utf8'), /kpt_shape/);
    const person = readFileSync(join(out, 'labels', 'train', 'astronaut.txt'), 'utf8').split('\n')[0]!;
    assert.equal(person.trim().split(/\s+/).length, 5 + 3 * 3);
  });
});

describe('bad images inside a dataset', () => {
  test('a corrupt image skips its record with the file named; the rest is read', async () => {
    const dir = tempDir();
    cpSync('data/demo/coco', dir, { recursive: true });
    writeFileSync(join(dir, 'images', 'rocket.jpg'), Buffer.from('this is not a jpeg'));
    const r = await runCli('info', dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { images: number; report: { skipped: number; groups: { reason: string; examples: string[] }[] } };
    assert.equal(j.images, 3);
    assert.equal(j.report.skipped, 1);
    assert.match(j.report.groups[0]!.examples[0]!, /rocket\.jpg/);
    const out = join(tempDir(), 'o');
    const c = await runCli('convert', dir, out, '--to', 'voc');
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(readdirSync(join(out, 'JPEGImages')).sort(), ['astronaut.jpg', 'chelsea.jpg', 'coffee.jpg']);
  });

  test('--max-pixels refuses larger images and names the option', async () => {
    const r = await runCli('info', 'data/demo/coco', '--max-pixels', '30000', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { images: number }).images, 3, 'the 200x200 image is over the limit');
    const f = await runCli('info', 'data/demo/coco', '--max-pixels', '30000', '--on-error', 'fail');
    assert.equal(f.code, 2);
    assert.match(f.stderr, /astronaut\.jpg/);
    assert.match(f.stderr, /--max-pixels/);
    assert.equal((await runCli('info', 'data/demo/coco', '--max-pixels', 'lots')).code, 2);
  });
});
