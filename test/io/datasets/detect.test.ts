import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDataset } from '../../../src/io/datasets/detect.js';
import { tempDir } from '../../helpers/cli.js';

describe('detectDataset', () => {
  test('recognises every accepted form', async () => {
    assert.deepEqual(await detectDataset('data/demo/coco/annotations.json'), { format: 'coco', path: 'data/demo/coco/annotations.json' });
    assert.deepEqual(await detectDataset('data/demo/coco'), { format: 'coco', path: join('data/demo/coco', 'annotations.json') });
    assert.equal((await detectDataset('test/fixtures/yolo/detect')).format, 'yolo');
    assert.equal((await detectDataset('test/fixtures/yolo/detect/data.yaml')).format, 'yolo');
    assert.equal((await detectDataset('test/fixtures/voc/good')).format, 'voc');
    assert.equal((await detectDataset('test/fixtures/folder/good')).format, 'folder');
  });

  test('finds a COCO json under annotations/', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'annotations'));
    writeFileSync(join(dir, 'annotations', 'instances_val.json'), '{}');
    assert.deepEqual(await detectDataset(dir), { format: 'coco', path: join(dir, 'annotations', 'instances_val.json') });
  });

  test('a YOLO folder without a yaml is recognised by images/ and labels/', async () => {
    const dir = tempDir();
    cpSync('test/fixtures/yolo/detect/images', join(dir, 'images'), { recursive: true });
    cpSync('test/fixtures/yolo/detect/labels', join(dir, 'labels'), { recursive: true });
    assert.equal((await detectDataset(dir)).format, 'yolo');
  });

  test('several json files, an unknown file type and an empty folder get errors that say what to do', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), '{}');
    writeFileSync(join(dir, 'b.json'), '{}');
    await assert.rejects(detectDataset(dir), /several COCO json files.*a\.json, b\.json.*Hint: pass the json file itself/s);
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, 'x');
    await assert.rejects(detectDataset(txt), (e: Error) => e.message.includes('notes.txt') && e.message.includes('--format'));
    const empty = tempDir();
    await assert.rejects(detectDataset(empty), /cannot tell the dataset format of this folder.*--format/s);
  });

  test('--format forces the reader', async () => {
    assert.equal((await detectDataset('test/fixtures/voc/good', 'voc')).format, 'voc');
    assert.equal((await detectDataset('test/fixtures/folder/good', 'folder')).format, 'folder');
  });
});
