/**
 * Pascal VOC XML in and out. Text is kept as text (no number guessing) so that every value the
 * model does not interpret goes back out exactly as it came in; attributes are kept with an `@_`
 * prefix for the same reason.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AuguryError } from '../../../core/errors.js';

/** A parsed element: text, or children by name (repeated children as arrays). */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

const SHARED = { ignoreAttributes: false, attributeNamePrefix: '@_' } as const;

const parser = new XMLParser({
  ...SHARED,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // `object` is repeated per instance; one-object files must still give a list.
  isArray: (_name, jpath) => String(jpath) === 'annotation.object',
});

const builder = new XMLBuilder({ ...SHARED, format: true, indentBy: '\t', suppressEmptyNode: false });

/** Parses one VOC annotation file; throws a parse error with the line for malformed XML. */
export function parseVocXml(text: string, file: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AuguryError({
      code: 'parse',
      message: `malformed XML: ${valid.err.msg}`,
      file,
      record: `line ${valid.err.line}`,
      hint: 'fix or regenerate this annotation file (every <tag> needs its </tag>), or delete it to drop the image',
    });
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc['annotation'];
  if (root === undefined || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new AuguryError({
      code: 'parse',
      message: 'not a VOC annotation: the root element is not <annotation>',
      file,
      received: Object.keys(doc).filter((k) => !k.startsWith('?')).join(', ') || 'no element',
      hint: 'VOC files look like <annotation><filename>...</filename><size>...</size><object>...</object></annotation>',
    });
  }
  return root as XmlElement;
}

/** Serializes an `<annotation>` element, tab-indented like the VOC files themselves. */
export function buildVocXml(annotation: XmlElement): string {
  return builder.build({ annotation }) as string;
}

/** The text of a child element, trimmed; undefined when missing or not text. */
export function textOf(el: XmlElement, name: string): string | undefined {
  const v = el[name];
  return typeof v === 'string' ? v : undefined;
}

/** Whether a value is an element (not text, not a list). */
export function isElement(v: XmlValue | undefined): v is XmlElement {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
