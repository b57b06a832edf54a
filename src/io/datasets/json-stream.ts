/**
 * Reads a big JSON document piece by piece: the members of its top-level object and the elements
 * of an array, as byte spans of the file, each element decoded and handed out on its own. A COCO
 * file of 100k records is ~180 MB of text, ~1.5 GB once parsed whole; walked this way only the
 * element at hand is ever parsed, and the file is read in 1 MB chunks.
 *
 * The walker checks the structure only around the values it hands out (braces, commas, colons,
 * strings); every value is then parsed by JSON.parse, which checks the rest, so a file that walks
 * and parses is exactly a file that JSON.parse accepts. On a syntax error, `syntaxError` locates it
 * with JSON.parse's own message (line and column) when the file fits in a string.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { AuguryError } from '../../core/errors.js';

/** Bytes [start, end) of the file. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The elements of an array found in one chunk of the file. Texts are decoded on demand, one at a
 * time, and are valid until the walk goes on: holding a chunk's worth of decoded strings across
 * the caller's awaits would let them outlive V8's young generation and inflate the heap.
 */
export interface ElementBatch {
  readonly count: number;
  /** Byte span of element k (0 <= k < count). */
  span(k: number): Span;
  text(k: number): string;
}

/** Bytes read at a time. Small enough that a chunk's elements are handled before V8 promotes them. */
const CHUNK = 1 << 18;

/** Walker states (numbers: this loop runs over every byte of the file). */
const BEFORE = 0;
const FIRST = 1;
const VALUE = 2;
const AFTER_VALUE = 3;
const NEXT = 4;
const KEY = 5;
const AFTER_KEY = 6;
const BEFORE_VALUE = 7;
const DONE = 8;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Where the walk found the document malformed (a byte offset of the file). */
export class JsonSyntaxError extends Error {
  constructor(readonly position: number) {
    super(`malformed JSON at byte ${position}`);
  }
}

interface Found {
  keyStart: number;
  keyEnd: number;
  start: number;
  end: number;
}

/**
 * The walk over one container (the top-level object, or one array), fed chunk by chunk. It
 * reports each member's value span (and key span); values are skipped by counting brackets outside
 * strings, which is all the walk needs, since the caller parses every value it uses.
 */
class Walker {
  private state = BEFORE;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** 0: a container value, 1: a string value, 2: a scalar (number, true, false, null). */
  private kind = 0;
  private keyStart = -1;
  private keyEnd = -1;
  private valueStart = -1;
  /** Whether the opening byte was something other than the expected bracket (top level only). */
  notContainer = false;

  constructor(private readonly mode: 'object' | 'array') {}

  get finished(): boolean {
    return this.state === DONE;
  }

  /** Walks `buf[0..n)`, which starts at file offset `base`; pushes each value completed in it. */
  feed(buf: Uint8Array, base: number, n: number, out: Found[]): void {
    const open = this.mode === 'object' ? 0x7b : 0x5b;
    const close = this.mode === 'object' ? 0x7d : 0x5d;
    let i = 0;
    while (i < n) {
      const b = buf[i]!;
      switch (this.state) {
        case VALUE: {
          if (this.kind === 2) {
            if (isSpace(b) || b === 0x2c || b === 0x5d || b === 0x7d) {
              this.emit(base + i, out);
              continue; // the delimiter is read again in AFTER_VALUE
            }
            i++;
            continue;
          }
          // Containers and strings: the hot loop, kept local.
          let depth = this.depth;
          let inString = this.inString;
          let escape = this.escape;
          for (; i < n; i++) {
            const c = buf[i]!;
            if (inString) {
              if (escape) escape = false;
              else if (c === 0x5c) escape = true;
              else if (c === 0x22) {
                inString = false;
                if (depth === 0) break;
              }
            } else if (c === 0x22) inString = true;
            else if (c === 0x7b || c === 0x5b) depth++;
            else if (c === 0x7d || c === 0x5d) {
              if (--depth === 0) break;
            }
          }
          this.depth = depth;
          this.inString = inString;
          this.escape = escape;
          if (i < n) {
            this.emit(base + i + 1, out);
            i++;
          }
          continue;
        }
        case BEFORE:
          if (isSpace(b) || (base + i < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) break;
          if (b !== open) {
            this.notContainer = true;
            this.state = DONE;
            return;
          }
          this.state = FIRST;
          break;
        case FIRST:
        case NEXT:
          if (isSpace(b)) break;
          if (b === close && this.state === FIRST) {
            this.state = DONE;
            break;
          }
          if (this.mode === 'object') {
            if (b !== 0x22) throw new JsonSyntaxError(base + i);
            this.keyStart = base + i;
            this.state = KEY;
            this.escape = false;
            break;
          }
          this.begin(b, base + i);
          break;
        case KEY:
          if (this.escape) this.escape = false;
          else if (b === 0x5c) this.escape = true;
          else if (b === 0x22) {
            this.keyEnd = base + i + 1;
            this.state = AFTER_KEY;
          }
          break;
        case AFTER_KEY:
          if (isSpace(b)) break;
          if (b !== 0x3a) throw new JsonSyntaxError(base + i);
          this.state = BEFORE_VALUE;
          break;
        case BEFORE_VALUE:
          if (isSpace(b)) break;
          this.begin(b, base + i);
          break;
        case AFTER_VALUE:
          if (isSpace(b)) break;
          if (b === 0x2c) this.state = NEXT;
          else if (b === close) this.state = DONE;
          else throw new JsonSyntaxError(base + i);
          break;
        case DONE:
          if (!isSpace(b)) throw new JsonSyntaxError(base + i);
          break;
      }
      i++;
    }
  }

  private begin(b: number, at: number): void {
    if (b === 0x2c || b === 0x5d || b === 0x7d || b === 0x3a) throw new JsonSyntaxError(at);
    this.valueStart = at;
    this.state = VALUE;
    this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
    this.inString = b === 0x22;
    this.escape = false;
    this.kind = this.depth === 1 ? 0 : this.inString ? 1 : 2;
  }

  /** A value ended at `end`: the opening byte was consumed in `begin`, so the scan resumes after it. */
  private emit(end: number, out: Found[]): void {
    out.push({ keyStart: this.keyStart, keyEnd: this.keyEnd, start: this.valueStart, end });
    this.state = AFTER_VALUE;
  }
}

/** A JSON file opened for walking and for reading spans back. */
export class JsonFile {
  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    readonly size: number,
    private readonly chunk: number,
  ) {}

  /** Opens `path`; `chunk` (bytes read at a time) is for tests that cross chunk borders. */
  static async open(path: string, chunk = CHUNK): Promise<JsonFile> {
    const fh = await open(path, 'r');
    try {
      return new JsonFile(path, fh, (await fh.stat()).size, chunk);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** The text of `span`. */
  async text(span: Span): Promise<string> {
    return (await this.bytes(span)).toString('utf8');
  }

  async bytes(span: Span): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(span.end - span.start);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await this.fh.read(buf, got, buf.length - got, span.start + got);
      if (bytesRead === 0) throw new AuguryError({ code: 'io', message: 'the file ended early (was it changed while being read?)', file: this.path });
      got += bytesRead;
    }
    return buf;
  }

  /**
   * The members of the top-level object, by key (a repeated key: the last one, as JSON.parse
   * does), in the order of their first appearance; null when the document is not an object.
   */
  async members(): Promise<Map<string, Span> | null> {
    const walker = new Walker('object');
    const members = new Map<string, Span>();
    const found: Found[] = [];
    const buf = Buffer.allocUnsafe(this.chunk);
    for (let base = 0; base < this.size && !walker.notContainer; base += this.chunk) {
      const n = await this.readAt(buf, base);
      walker.feed(buf, base, n, found);
      for (const f of found) {
        const key = f.keyStart >= base ? buf.toString('utf8', f.keyStart - base, f.keyEnd - base) : await this.text({ start: f.keyStart, end: f.keyEnd });
        members.set(JSON.parse(key) as string, { start: f.start, end: f.end });
      }
      found.length = 0;
    }
    if (walker.notContainer) return null;
    if (!walker.finished) throw new JsonSyntaxError(this.size);
    return members;
  }

  /** Whether the value at `span` is an array (its first byte is `[`). */
  async isArray(span: Span): Promise<boolean> {
    return (await this.bytes({ start: span.start, end: span.start + 1 }))[0] === 0x5b;
  }

  /**
   * The elements of the array at `span`, in order, a chunk's worth at a time (one call per
   * element would cost more than the walk itself). Elements are not parsed.
   */
  async *elements(span: Span): AsyncGenerator<ElementBatch> {
    const walker = new Walker('array');
    const found: Found[] = [];
    const buf = Buffer.allocUnsafe(Math.min(this.chunk, span.end - span.start));
    for (let base = span.start; base < span.end; base += buf.length) {
      const n = await this.readAt(buf, base, span.end);
      walker.feed(buf, base, n, found);
      if (walker.notContainer) throw new JsonSyntaxError(span.start);
      if (found.length === 0) continue;
      // An element begun in an earlier chunk is read again whole (one per chunk at most).
      const early = found[0]!.start < base ? await this.text(found[0]!) : undefined;
      const chunkBase = base;
      yield {
        count: found.length,
        span: (k) => found[k]!,
        text: (k) => (k === 0 && early !== undefined ? early : buf.toString('utf8', found[k]!.start - chunkBase, found[k]!.end - chunkBase)),
      };
      found.length = 0;
    }
    if (!walker.finished) throw new JsonSyntaxError(span.end);
  }

  private async readAt(buf: Buffer, at: number, limit = this.size): Promise<number> {
    const want = Math.min(buf.length, limit - at);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.fh.read(buf, got, want - got, at + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got;
  }
}

/** JSON.parse of one value; a failure becomes a JsonSyntaxError at the value's start. */
export function parseAt(text: string, at: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JsonSyntaxError(at);
  }
}

/**
 * The error for a malformed file, located by line and column. JSON.parse of the whole text gives
 * the exact message users know; a file too big for one string gets the walker's position instead.
 */
export async function syntaxError(file: string, position: number): Promise<AuguryError> {
  let text: string | undefined;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    try {
      JSON.parse(text);
    } catch (e) {
      return parseError(text, e, file);
    }
  }
  const where = await lineColumn(file, position);
  return new AuguryError({
    code: 'parse',
    message: 'the file is not valid JSON',
    file,
    record: `line ${where.line}, column ${where.column}`,
    hint: PARSE_HINT,
  });
}

const PARSE_HINT = 'fix the JSON at that spot: a missing or extra comma, an unclosed bracket or a truncated file are the usual causes';

/** JSON.parse's error located by line and column (from V8's "line L column C" or "at position N"). */
function parseError(text: string, e: unknown, file: string): AuguryError {
  const msg = (e as Error).message;
  const m = /line (\d+) column (\d+)/.exec(msg);
  let where: string | undefined;
  if (m) {
    where = `line ${m[1]}, column ${m[2]}`;
  } else {
    const p = /position (\d+)/.exec(msg);
    const pos = p ? Number(p[1]) : /end of JSON input/.test(msg) ? text.length : undefined;
    if (pos !== undefined) {
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      where = `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
    }
  }
  return new AuguryError({
    code: 'parse',
    message: `the file is not valid JSON (${msg})`,
    file,
    ...(where ? { record: where } : {}),
    hint: PARSE_HINT,
    cause: e,
  });
}

/** Line and column (1-based, the column in bytes) of a byte offset, by counting newlines. */
async function lineColumn(file: string, position: number): Promise<{ line: number; column: number }> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let line = 1;
    let lineStart = 0;
    for (let base = 0; base < position; base += CHUNK) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, position - base), base);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        if (buf[i] === 0x0a) {
          line++;
          lineStart = base + i + 1;
        }
      }
    }
    return { line, column: position - lineStart + 1 };
  } finally {
    await fh.close();
  }
}
