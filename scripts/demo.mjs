// `npm run demo`: the main job on the bundled dataset (data/demo/coco: four real photos with
// hand-drawn boxes, polygons and keypoints). Inspects it, augments it with data/demo/pipeline.yaml
// (labels move with the pixels), draws a preview grid, replays one output from its trace, runs the
// doctor on a sound and on an over-regularized recipe, and converts between COCO, YOLO and VOC. Outputs go to demo-out/ (recreated on each run).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const out = 'demo-out';
rmSync(out, { recursive: true, force: true });

function augury(...args) {
  console.log(`\n$ augury ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/augury.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo step failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

augury('info', 'data/demo/coco');
augury('augment', '--pipeline', 'data/demo/pipeline.yaml', '--data', 'data/demo/coco', '--out', `${out}/augmented`, '--copies', '3', '--seed', '7');
augury('info', `${out}/augmented`, '--json');

// The astronaut's labels as targets JSON, for a preview grid and an exact replay.
const coco = JSON.parse(readFileSync('data/demo/coco/annotations.json', 'utf8'));
const img = coco.images.find((i) => i.file_name === 'astronaut.jpg');
const anns = coco.annotations.filter((a) => a.image_id === img.id);
writeFileSync(
  `${out}/astronaut.targets.json`,
  JSON.stringify({
    width: img.width,
    height: img.height,
    boxFormat: 'coco',
    boxes: anns.map((a) => a.bbox),
    boxLabels: anns.map((a) => a.category_id - 1),
    polygons: anns.map((a) => a.segmentation ?? []),
  }),
);
augury('preview', '--pipeline', 'data/demo/pipeline.yaml', '--image', 'data/demo/coco/images/astronaut.jpg', '--targets', `${out}/astronaut.targets.json`, '--n', '8', '--out', `${out}/preview.png`);
augury('apply', '--pipeline', 'data/demo/pipeline.yaml', '--image', 'data/demo/coco/images/astronaut.jpg', '--targets', `${out}/astronaut.targets.json`, '--out', `${out}/one.png`, '--out-targets', `${out}/one.json`, '--seed', '3', '--trace', `${out}/one.trace.json`);
augury('apply', '--replay', `${out}/one.trace.json`, '--image', 'data/demo/coco/images/astronaut.jpg', '--targets', `${out}/astronaut.targets.json`, '--out', `${out}/one-replayed.png`);
const same = readFileSync(`${out}/one.png`).equals(readFileSync(`${out}/one-replayed.png`));
console.log(same ? 'replay reproduced the output byte for byte' : 'REPLAY DIFFERS');
if (!same) process.exit(1);

// The audit: how well boxes match their objects after CutMix, against a naive box-mixing MixUp
// (a small dataset whose objects are painted in unique colours, so the truth is in the pixels).
augury('audit', '--pipeline', 'test/fixtures/audit/pipelines/cutmix.yaml', '--data', 'test/fixtures/audit', '--compare', 'naive-mixup', '--report', `${out}/audit.html`);

// The doctor: the demo pipeline is fine; a stacked recipe is flagged with a weaker setting.
augury('doctor', '--pipeline', 'data/demo/pipeline.yaml');
augury('doctor', '--pipeline', 'data/demo/strong-pipeline.yaml', '--train', 'data/demo/train.yaml', '--report', `${out}/doctor.html`);

augury('convert', 'data/demo/coco', `${out}/yolo`, '--to', 'yolo');
augury('convert', 'data/demo/coco', `${out}/voc`, '--to', 'voc');
augury('convert', `${out}/yolo`, `${out}/coco-from-yolo`, '--to', 'coco');
console.log(`\ndemo done: augmented dataset, traces and manifest in ${out}/augmented, preview grid in ${out}/preview.png, audit report in ${out}/audit.html, doctor report in ${out}/doctor.html, conversions in ${out}/`);
