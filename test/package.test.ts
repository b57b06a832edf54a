// Every entry point the package exports is built from a source module that exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

test('package.json exports point at built files of existing source modules', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, { import: string; types: string }>; bin: Record<string, string> };
  assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './audit', './doctor', './pipeline']);
  for (const [name, e] of Object.entries(pkg.exports)) {
    assert.match(e.import, /^\.\/dist\/.*\.js$/, name);
    const src = e.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(src), `${name} -> ${src}`);
    assert.equal(e.types, e.import.replace(/\.js$/, '.d.ts'), name);
  }
  assert.ok(existsSync(pkg.bin['augury']!));
});
