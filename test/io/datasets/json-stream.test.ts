import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { JsonFile, JsonSyntaxError, parseAt, syntaxError } from '../../../src/io/datasets/json-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'augury-json-stream-'));
let n = 0;
function file(text: string | Buffer): string {
  const p = join(dir, `doc-${n++}.json`);
  writeFileSync(p, text);
  return p;
}

/**
 * The document rebuilt the way the COCO reader reads it: top-level members by span, arrays element
 * by element, everything else parsed whole; a document that is not an object is parsed whole, as
 * the reader does. Objects come back as entry lists, so that "__proto__" keys compare too.
 */
async function rebuild(path: string, chunk: number): Promise<unknown> {
  const f = await JsonFile.open(path, chunk);
  try {
    const members = await f.members();
    if (!members) return entries(JSON.parse((await f.text({ start: 0, end: f.size })).replace(/^\uFEFF/, '')));
    const out: [string, unknown][] = [];
    for (const [key, span] of members) {
      if (await f.isArray(span)) {
        const items: unknown[] = [];
        for await (const batch of f.elements(span)) {
          for (let k = 0; k < batch.count; k++) {
            const s = batch.span(k);
            const text = batch.text(k);
            assert.equal(Buffer.byteLength(text), s.end - s.start, 'the text is exactly the span');
            items.push(entries(parseAt(text, s.start)));
          }
        }
        out.push([key, items]);
      } else {
        out.push([key, entries(parseAt(await f.text(span), span.start))]);
      }
    }
    return out;
  } finally {
    await f.close();
  }
}

function entries(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(entries);
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => [k, entries(x)]);
  return v;
}

/** JSON.parse's reading, in the same shape as rebuild's (top-level arrays of objects included). */
function reference(text: string): unknown {
  const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return entries(doc);
  return Object.entries(doc).map(([k, v]) => [k, Array.isArray(v) ? v.map(entries) : entries(v)]);
}

async function outcome<T>(f: () => Promise<T> | T): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError) && !(e instanceof SyntaxError)) throw e;
    return { ok: false };
  }
}

const doc = fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue()), { maxKeys: 6 });

describe('JsonFile: walking a document piece by piece', () => {
  test('members and array elements read back exactly what JSON.parse reads, for any chunk size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (d, indent, chunk, bom) => {
        const text = (bom ? '\uFEFF' : '') + JSON.stringify(d, null, indent);
        assert.deepEqual(await rebuild(file(text), chunk), reference(text));
      }),
      { numRuns: 150 },
    );
  });

  test('a document with one character changed walks and parses exactly when JSON.parse accepts it (property)', async () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert', 'replace'), char: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', ' ', '0', 'a', '\\', '\n', '-', 'e') });
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom(0, 1), fc.integer({ min: 1, max: 32 }), mutation, async (d, indent, chunk, m) => {
        const good = JSON.stringify(d, null, indent);
        const at = m.at % (good.length + 1);
        const text = m.kind === 'delete' ? good.slice(0, at) + good.slice(at + 1) : good.slice(0, at) + m.char + good.slice(m.kind === 'insert' ? at : at + 1);
        // Compared with the file as written (a lone surrogate left by a cut becomes U+FFFD in UTF-8).
        const path = file(text);
        const expected = await outcome(() => reference(readFileSync(path, 'utf8')));
        const got = await outcome(() => rebuild(path, chunk));
        assert.equal(got.ok, expected.ok, `${JSON.stringify(text)}: walk ${got.ok ? 'accepted' : 'refused'}, JSON.parse ${expected.ok ? 'accepted' : 'refused'}`);
        if (got.ok && expected.ok) assert.deepEqual(got.value, expected.value);
      }),
      { numRuns: 400 },
    );
  });

  test('hand cases: escapes, nested brackets in strings, scalars, duplicate keys, multi-byte text across chunks', async () => {
    const text = '{"a\\"b": ["x\\\\", "]", "\\"}", {"k": "[{"}, 12, -0.5e3, true, null, [[]], {}], "b": 1, "a\\"b": [], "é": "日本語"}';
    for (const chunk of [1, 2, 3, 5, 1024]) assert.deepEqual(await rebuild(file(text), chunk), reference(text), `chunk ${chunk}`);
    assert.deepEqual(await rebuild(file('{"images": []}'), 4), [['images', []]]);
    assert.deepEqual(await rebuild(file(' \n{ } \n'), 1), []);
  });

  test('malformed structure is refused: missing commas, trailing commas, junk after the document, truncation', async () => {
    for (const text of ['{"a": [1 2]}', '{"a": [1,]}', '{"a": 1,}', '{"a": 1} x', '{"a": [1, 2', '{"a" 1}', '{a: 1}', '{"a": [,1]}', '{"a": {"b": 1}']) {
      const got = await outcome(() => rebuild(file(text), 3));
      assert.equal(got.ok, false, text);
    }
  });

  test('syntaxError locates the error by line and column, as JSON.parse reports it', async () => {
    const path = file('{\n  "images": [\n    {"id": 1}\n    {"id": 2}\n  ]\n}\n');
    const e = await syntaxError(path, 0);
    assert.equal(e.code, 'parse');
    assert.equal(e.record, 'line 4, column 5');
    assert.match(e.hint ?? '', /missing or extra comma/);
  });
});
