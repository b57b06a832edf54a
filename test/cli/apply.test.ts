import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBackend, setBackend } from '../../src/backend/select.js';
import { runCli, tempDir } from '../helpers/cli.js';

const IMAGE = 'data/demo/coco/images/coffee.jpg'; // 200x133

function setup(): { dir: string; targets: string; pipeline: string } {
  const dir = tempDir();
  const targets = join(dir, 't.json');
  // The demo's cup and spoon boxes (data/demo/make-demo.mjs), COCO format.
  writeFileSync(targets, JSON.stringify({ width: 200, height: 133, boxFormat: 'coco', boxes: [[58, 6, 79, 86], [108, 22, 34, 86]], boxLabels: [2, 3], keypoints: [[70.5, 40.5]], keypointVisible: [2] }));
  const pipeline = join(dir, 'p.yaml');
  writeFileSync(pipeline, 'transforms:\n  - {name: HorizontalFlip, p: 1}\n  - {name: Rotate, limit: 20, p: 1}\n');
  return { dir, targets, pipeline };
}

describe('augury apply', () => {
  test('augments an image and its targets, and --replay reproduces the output byte for byte', async () => {
    const { dir, targets, pipeline } = setup();
    const out = join(dir, 'o.png');
    const r = await runCli('apply', '--pipeline', pipeline, '--image', IMAGE, '--targets', targets, '--out', out, '--out-targets', join(dir, 'o.json'), '--seed', '5', '--trace', join(dir, 'trace.json'));
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8')) as { boxes: number[][]; boxFormat: string; boxIndices: number[]; keypointIndices: number[] };
    assert.equal(o.boxFormat, 'coco');
    assert.deepEqual(o.boxIndices, [0, 1]);
    assert.deepEqual(o.keypointIndices, [0]);
    const rep = join(dir, 'rep.png');
    const r2 = await runCli('apply', '--replay', join(dir, 'trace.json'), '--image', IMAGE, '--targets', targets, '--out', rep, '--out-targets', join(dir, 'rep.json'));
    assert.equal(r2.code, 0, r2.stderr);
    assert.deepEqual(readFileSync(rep), readFileSync(out));
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'rep.json'), 'utf8')), o);
  });

  test('--replay runs on the backend the trace records: a trace marked "ts" gives the reference kernels\' bytes', async () => {
    const { dir, targets, pipeline } = setup();
    const r = await runCli('apply', '--pipeline', pipeline, '--image', IMAGE, '--targets', targets, '--out', join(dir, 'w.png'), '--seed', '5', '--trace', join(dir, 'w.json'));
    assert.equal(r.code, 0, r.stderr);
    const trace = JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8')) as { backend: string };
    assert.equal(trace.backend, 'wasm-simd');
    writeFileSync(join(dir, 'ts.json'), JSON.stringify({ ...trace, backend: 'ts' }));
    const r2 = await runCli('apply', '--replay', join(dir, 'ts.json'), '--image', IMAGE, '--targets', targets, '--out', join(dir, 'ts.png'));
    assert.equal(r2.code, 0, r2.stderr);
    // The same run on the reference kernels, in-process.
    const prev = getBackend();
    setBackend('ts');
    try {
      const r3 = await runCli('apply', '--pipeline', pipeline, '--image', IMAGE, '--targets', targets, '--out', join(dir, 'ref.png'), '--seed', '5');
      assert.equal(r3.code, 0, r3.stderr);
    } finally {
      setBackend(prev);
    }
    assert.deepEqual(readFileSync(join(dir, 'ts.png')), readFileSync(join(dir, 'ref.png')));
    // The rotation is bilinear: the wasm bytes differ from the reference's somewhere (within 1 level).
    assert.notDeepEqual(readFileSync(join(dir, 'ts.png')), readFileSync(join(dir, 'w.png')));
    assert.equal(getBackend(), prev, 'the replay restored the backend choice');
  });

  test('an edited trace replays the edit: the flip alone maps boxes to W - x exactly', async () => {
    const { dir, targets } = setup();
    const trace = { version: 1, input: { width: 200, height: 133 }, steps: [{ name: 'HorizontalFlip', params: {} }], backend: 'ts' };
    writeFileSync(join(dir, 'trace.json'), JSON.stringify(trace));
    const r = await runCli('apply', '--replay', join(dir, 'trace.json'), '--image', IMAGE, '--targets', targets, '--out', join(dir, 'f.png'), '--out-targets', join(dir, 'f.json'), '--box-format', 'pascal_voc');
    assert.equal(r.code, 0, r.stderr);
    const f = JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')) as { boxes: number[][]; keypoints: number[][] };
    // cup [58, 6, 137, 92] -> [200 - 137, 6, 200 - 58, 92]; spoon [108, 22, 142, 108] -> [58, 22, 92, 108]
    assert.deepEqual(f.boxes, [[63, 6, 142, 92], [58, 22, 92, 108]]);
    assert.deepEqual(f.keypoints, [[129.5, 40.5]]);
  });

  test('usage errors: both or neither of --pipeline/--replay, a float image to PNG', async () => {
    const { dir, pipeline } = setup();
    const both = await runCli('apply', '--pipeline', pipeline, '--replay', 'x.json', '--image', IMAGE, '--out', join(dir, 'x.png'));
    assert.equal(both.code, 2);
    assert.match(both.stderr, /exactly one of --pipeline and --replay/);
    writeFileSync(join(dir, 'n.yaml'), 'transforms:\n  - {name: Normalize, p: 1}\n');
    const flt = await runCli('apply', '--pipeline', join(dir, 'n.yaml'), '--image', IMAGE, '--out', join(dir, 'n.png'));
    assert.equal(flt.code, 2);
    assert.match(flt.stderr, /TIFF/);
  });

  test('a targets file made for another image size is refused', async () => {
    const { dir, pipeline } = setup();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ width: 133, height: 200, boxes: [[1, 1, 5, 5]] }));
    const r = await runCli('apply', '--pipeline', pipeline, '--image', IMAGE, '--targets', join(dir, 'bad.json'), '--out', join(dir, 'x.png'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.json: the targets were made on an image of another size/);
  });
});
