// `npm run docs`: regenerates docs/transforms.md from the registered transform schemas.
import { writeFileSync } from 'node:fs';
import '../src/transforms/index.js';
import { catalogMarkdown } from '../src/core/catalog-docs.js';

writeFileSync('docs/transforms.md', catalogMarkdown());
console.log('wrote docs/transforms.md');
