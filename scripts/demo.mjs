// `npm run demo`: the main job on the bundled dataset (data/demo/coco, four real photos with
// hand-drawn boxes, polygons and keypoints). Inspects it, converts it to YOLO, VOC and back to
// COCO, and inspects the results. Outputs go to demo-out/ (recreated on each run).
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const out = 'demo-out';
rmSync(out, { recursive: true, force: true });

const steps = [
  ['info', 'data/demo/coco'],
  ['convert', 'data/demo/coco', `${out}/yolo`, '--to', 'yolo'],
  ['info', `${out}/yolo`],
  ['convert', 'data/demo/coco', `${out}/voc`, '--to', 'voc'],
  ['info', `${out}/voc`],
  ['convert', `${out}/yolo`, `${out}/coco-from-yolo`, '--to', 'coco'],
  ['info', `${out}/coco-from-yolo`, '--json'],
];

for (const args of steps) {
  console.log(`\n$ augury ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/augury.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo step failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\ndemo done: outputs in ${out}/`);
