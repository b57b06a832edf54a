import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import '../../src/transforms/index.js';
import { catalogMarkdown } from '../../src/core/catalog-docs.js';
import { targetsJsonSchema } from '../../src/io/targets-json.js';
import { listTransforms } from '../../src/core/registry.js';

test('docs/transforms.md is up to date with the schemas (run `npm run docs` if this fails)', () => {
  const committed = readFileSync('docs/transforms.md', 'utf8');
  assert.equal(committed, catalogMarkdown());
  for (const d of listTransforms().filter((x) => x.family !== 'custom')) assert.match(committed, new RegExp(`### ${d.name}\\n`));
});

test('docs/schemas/targets.schema.json is up to date (run `npm run docs` if this fails)', () => {
  assert.equal(readFileSync('docs/schemas/targets.schema.json', 'utf8'), targetsJsonSchema());
});
