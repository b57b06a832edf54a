// The README's library quickstart must run as written (with 'augury' pointing at src/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

test('the README library quickstart runs', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a ts code block');
  const code = block[1]!.replace("from 'augury'", `from ${JSON.stringify(pathToFileURL(resolve('src/index.ts')).href)}`);
  const file = join(mkdtempSync(join(tmpdir(), 'augury-readme-')), 'quickstart.mts');
  writeFileSync(file, code);
  const logged: unknown[][] = [];
  const orig = console.log;
  console.log = (...args: unknown[]) => void logged.push(args);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = orig;
  }
  assert.equal(logged.length, 2);
  assert.deepEqual(logged[1], [true], 'the replayed boxes equal the run');
  const [kept, xyxy, angle] = logged[0] as [number, Float64Array, number];
  assert.equal(kept, 3, 'the three chelsea boxes stay in frame under a 30 degree rotation');
  assert.equal(xyxy.length, 12);
  assert.ok(angle >= -30 && angle < 30);
});
