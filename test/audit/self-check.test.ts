/**
 * The audit checks itself: on the painted fixture (every object in its own colour), the truth is
 * read back from the output pixels and compared with what the mask path says; a deliberately
 * broken mask must be caught. Also pins the figures docs/audit.md records.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import '../../src/transforms/index.js';
import { auditSample, iou, prefixPipeline, runAudit, SampleCache, scoreSample, drawScales } from '../../src/audit/index.js';
import { readPipeline } from '../../src/io/pipeline-file.js';
import { openDataset } from '../../src/io/datasets/open.js';
import { RunReport } from '../../src/io/datasets/report.js';
import type { Image } from '../../src/targets/image.js';
import type { Sample } from '../../src/targets/sample.js';
import { objectColour } from '../fixtures/audit/colours.js';

const DATA = 'test/fixtures/audit';
const PIPELINES = ['cutmix', 'mosaic', 'copy-paste'] as const;

function colourBox(img: Image, c: readonly number[]): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    const i = (y * img.width + x) * img.channels;
    if (img.data[i] === c[0] && img.data[i + 1] === c[1] && img.data[i + 2] === c[2]) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
    }
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

async function data() {
  return openDataset(DATA, { report: new RunReport('fail') });
}

describe('the mask path agrees with the painted pixels', () => {
  for (const name of PIPELINES) {
    test(`${name}: every output box's visible box is its colour's box, and IoU matches`, async () => {
      const index = await data();
      const cache = new SampleCache(index);
      const p = prefixPipeline(await readPipeline(`${DATA}/pipelines/${name}.yaml`), 2, 'mask');
      let checked = 0;
      for (let i = 0; i < index.records.length; i++) {
        const a = await auditSample(p, cache, i, 7);
        // A record drawn twice (a Mosaic partner repeated) paints its colour twice: the colour
        // then cannot tell the copies apart, so those objects are left out of this check.
        const drawsOf = new Map<number, number>();
        for (const o of a.table.objects) drawsOf.set(o.annotationId, (drawsOf.get(o.annotationId) ?? 0) + 1);
        for (const b of a.score.boxes) {
          const o = a.table.byId(b.object)!;
          if (drawsOf.get(o.annotationId)! > 1) continue;
          const truth = colourBox(a.output.image, objectColour(o.annotationId));
          assert.deepEqual(b.visibleBox, truth, `sample ${i} row ${b.row} (annotation ${o.annotationId})`);
          assert.ok(truth && Math.abs(iou(b.box, truth) - b.iou) < 1e-12);
          checked++;
        }
      }
      assert.ok(checked >= 15, `only ${checked} boxes checked`);
    });
  }

  test('a broken mask warp cannot hide: shifted masks disagree with the pixels', async () => {
    const index = await data();
    const cache = new SampleCache(index);
    const p = prefixPipeline(await readPipeline(`${DATA}/pipelines/mosaic.yaml`), 2, 'mask');
    const a = await auditSample(p, cache, 0, 7);
    const { width, height } = a.output.image;
    // A warp off by 3 px to the right, as a wrong translation would give.
    const shifted = a.output.instanceMasks!.masks.map((m) => {
      const out = new Uint8Array(m.length);
      for (let y = 0; y < height; y++) for (let x = 3; x < width; x++) out[y * width + x] = m[y * width + x - 3]!;
      return out;
    });
    const broken: Sample = { ...a.output, instanceMasks: { ...a.output.instanceMasks!, masks: shifted } };
    const score = scoreSample(broken, a.table, drawScales(a.run.trace.steps, a.table.draws), 0.1);
    const disagree = score.boxes.filter((b) => {
      const truth = colourBox(broken.image, objectColour(a.table.byId(b.object)!.annotationId));
      return JSON.stringify(truth) !== JSON.stringify(b.visibleBox);
    });
    assert.ok(disagree.length > 0);
  });
});

/** The figure docs/audit.md records for a pipeline and method (4 decimals), read from its table. */
function recorded(pipeline: string, method: string): number {
  const doc = readFileSync('docs/audit.md', 'utf8');
  const m = doc.match(new RegExp(`\\| ${pipeline} \\| ${method} \\| ([0-9.]+) \\|`));
  assert.ok(m, `docs/audit.md has no row for ${pipeline} ${method}`);
  return Number(m[1]);
}

describe('the figures docs/audit.md records', () => {
  for (const name of PIPELINES) {
    test(`${name}: mean IoU >= 0.98 with 'mask', the 'corners' figure, and the doc agrees`, async () => {
      const index = await data();
      const p = await readPipeline(`${DATA}/pipelines/${name}.yaml`);
      const mask = (await runAudit(p, index, { boxMethod: 'mask' })).result;
      const corners = (await runAudit(p, index, { boxMethod: 'corners' })).result;
      assert.ok(mask.overall.meanIoU >= 0.98, `${name} mask mean IoU ${mask.overall.meanIoU}`);
      assert.equal(mask.overall.lost, 0);
      assert.equal(mask.perStep.length, 2);
      assert.ok(corners.overall.meanIoU < mask.overall.meanIoU);
      assert.equal(recorded(name, 'mask'), Number(mask.overall.meanIoU.toFixed(4)));
      assert.equal(recorded(name, 'corners'), Number(corners.overall.meanIoU.toFixed(4)));
    });
  }

  test('naive mixup loses label fidelity on the same data', async () => {
    const index = await data();
    const r = (await runAudit(await readPipeline(`${DATA}/pipelines/cutmix.yaml`), index, { compare: 'naive-mixup' })).result;
    const naive = r.compare!;
    assert.equal(naive.method, 'naive-mixup');
    assert.ok(naive.overall.meanIoU < r.overall.meanIoU - 0.1, `naive ${naive.overall.meanIoU} vs ${r.overall.meanIoU}`);
    assert.ok(naive.overall.lost >= 1);
    assert.equal(recorded('naive-mixup', 'interpolated'), Number(naive.overall.meanIoU.toFixed(4)));
  });
});
