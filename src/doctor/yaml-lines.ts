/** Line numbers of keys in a YAML (or JSON) document, so findings can point at `train.yaml:7`. */
import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';

/**
 * Parses YAML text and returns the data plus the 1-based line of every mapping key, by dotted
 * path (`mixup.alpha`, `transforms.2.name`). Throws the yaml library's error on bad syntax.
 */
export function parseWithLines(text: string): { data: unknown; lines: Map<string, number> } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) throw doc.errors[0]!;
  const lines = new Map<string, number>();
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const item of (node as YAMLMap).items) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const p = path ? `${path}.${key}` : key;
        const range = isScalar(item.key) ? item.key.range : undefined;
        if (range) lines.set(p, counter.linePos(range[0]).line);
        walk(item.value, p);
      }
    } else if (node !== null && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown }).items)) {
      (node as { items: unknown[] }).items.forEach((v, i) => walk(v, path ? `${path}.${i}` : String(i)));
    }
  };
  walk(doc.contents, '');
  return { data: doc.toJS(), lines };
}

/** `file:line` when the line is known, else `file`. */
export function at(file: string | undefined, line: number | undefined): string {
  if (file === undefined) return line === undefined ? '' : `line ${line}`;
  return line === undefined ? file : `${file}:${line}`;
}
