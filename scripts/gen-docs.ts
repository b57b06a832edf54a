// `npm run docs`: regenerates docs/transforms.md and docs/schemas/targets.schema.json from the code.
import { writeFileSync } from 'node:fs';
import '../src/transforms/index.js';
import { catalogMarkdown } from '../src/core/catalog-docs.js';
import { targetsJsonSchema } from '../src/io/targets-json.js';

writeFileSync('docs/transforms.md', catalogMarkdown());
writeFileSync('docs/schemas/targets.schema.json', targetsJsonSchema());
console.log('wrote docs/transforms.md and docs/schemas/targets.schema.json');
