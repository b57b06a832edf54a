// Builds the bundled demo dataset (data/demo/coco) from four real photos (see SOURCES.md in the
// shared image folder: skimage sample images, public domain / CC0). Run from the repo root with the
// shared images beside it: `node data/demo/make-demo.mjs ../shared/images`.
//
// Each photo is resized to 200 px wide (area interpolation) and saved as JPEG quality 90. The
// objects were outlined by hand on a 10-px grid drawn over the 200-px image (coordinates read off
// the grid, so they are good to about 1-2 px); polygons are those outlines, boxes are the tight
// boxes of the polygons, or hand-read boxes where no outline was drawn.
import sharp from 'sharp';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = process.argv[2] ?? '../shared/images';
const out = 'data/demo/coco';
mkdirSync(join(out, 'images'), { recursive: true });

const circle = (cx, cy, rx, ry, n = 16) =>
  Array.from({ length: n }, (_, i) => [cx + rx * Math.cos((2 * Math.PI * i) / n), cy + ry * Math.sin((2 * Math.PI * i) / n)])
    .flat()
    .map((v) => Math.round(v * 10) / 10);

const categories = [
  { id: 1, name: 'eye', supercategory: 'face-part' },
  { id: 2, name: 'nose', supercategory: 'face-part' },
  { id: 3, name: 'cup', supercategory: 'tableware' },
  { id: 4, name: 'spoon', supercategory: 'tableware' },
  { id: 5, name: 'saucer', supercategory: 'tableware' },
  { id: 6, name: 'person', supercategory: 'person', keypoints: ['left_eye', 'right_eye', 'nose'], skeleton: [[1, 3], [2, 3]], flip_pairs: [[0, 1]] },
  { id: 7, name: 'helmet', supercategory: 'equipment' },
  { id: 8, name: 'patch', supercategory: 'equipment' },
  { id: 9, name: 'rocket', supercategory: 'vehicle' },
  { id: 10, name: 'tower', supercategory: 'structure' },
];

// [file in shared/images, output name, annotations]
const images = [
  ['chelsea.png', 'chelsea.jpg', [
    { cat: 1, poly: circle(76, 50.5, 17, 13.5) },
    { cat: 1, poly: circle(141.5, 60.5, 10.5, 11.5) },
    { cat: 2, poly: [102, 100, 130, 100, 124, 110, 116, 118, 111, 117, 105, 108] },
  ]],
  ['coffee.png', 'coffee.jpg', [
    { cat: 3, poly: [58, 30, 63, 16, 75, 8, 95, 6, 118, 8, 132, 16, 137, 27, 133, 55, 126, 74, 112, 85, 100, 92, 80, 92, 68, 84, 62, 60] },
    { cat: 4, box: [108, 22, 142, 108] },
    { cat: 5, poly: circle(92.5, 78, 66.5, 51, 24) },
  ]],
  ['astronaut.png', 'astronaut.jpg', [
    { cat: 6, box: [60, 5, 118, 66], kp: [[79, 39, 2], [97, 39, 2], [87, 48, 2]] },
    { cat: 7, poly: [108, 200, 110, 160, 120, 145, 140, 136, 165, 134, 185, 140, 196, 155, 200, 170, 200, 200] },
    { cat: 8, poly: circle(67, 149, 14, 14) },
  ]],
  ['rocket.jpg', 'rocket.jpg', [
    { cat: 9, poly: [101, 40, 104, 43, 106, 50, 107, 128, 95, 128, 96, 50, 98, 43] },
    { cat: 10, box: [0, 0, 27, 128] },
    { cat: 10, box: [175, 0, 197, 132] },
    { cat: 10, box: [58, 38, 65, 127] },
    { cat: 10, box: [136, 38, 143, 127] },
  ]],
];

const shoelace = (p) => {
  let a = 0;
  for (let i = 0; i < p.length; i += 2) {
    const j = (i + 2) % p.length;
    a += p[i] * p[j + 1] - p[j] * p[i + 1];
  }
  return Math.abs(a) / 2;
};
const r2 = (v) => Math.round(v * 100) / 100;

const doc = { info: { description: 'augury demo dataset: four real photos with hand-drawn labels', version: '1.0', year: 2026 }, licenses: [{ id: 1, name: 'public domain / CC0 (skimage sample data)' }], images: [], annotations: [], categories };
let annId = 1;
for (const [i, [file, name, anns]] of images.entries()) {
  const meta = await sharp(join(src, file)).resize({ width: 200, kernel: 'lanczos3' }).jpeg({ quality: 90 }).toFile(join(out, 'images', name));
  doc.images.push({ id: i + 1, file_name: name, width: meta.width, height: meta.height, license: 1 });
  for (const a of anns) {
    const rec = { id: annId++, image_id: i + 1, category_id: a.cat, iscrowd: 0 };
    if (a.poly) {
      const xs = a.poly.filter((_, k) => k % 2 === 0);
      const ys = a.poly.filter((_, k) => k % 2 === 1);
      const x1 = Math.min(...xs), y1 = Math.min(...ys);
      rec.bbox = [r2(x1), r2(y1), r2(Math.max(...xs) - x1), r2(Math.max(...ys) - y1)];
      rec.segmentation = [a.poly];
      rec.area = r2(shoelace(a.poly));
    } else {
      rec.bbox = [a.box[0], a.box[1], a.box[2] - a.box[0], a.box[3] - a.box[1]];
      rec.area = rec.bbox[2] * rec.bbox[3];
    }
    if (a.kp) {
      // COCO keypoints are integer pixel indices: pixel (x, y) covers [x, x+1) x [y, y+1).
      rec.keypoints = a.kp.flat();
      rec.num_keypoints = a.kp.filter((k) => k[2] > 0).length;
    }
    doc.annotations.push(rec);
  }
}
writeFileSync(join(out, 'annotations.json'), JSON.stringify(doc, null, 1) + '\n');
console.log(`${doc.images.length} images, ${doc.annotations.length} annotations`);
