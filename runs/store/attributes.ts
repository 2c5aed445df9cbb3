/** Helpers to read and display attribute values; shared by decoders, the CLI and the UI. */
import { UNENDED_ATTRIBUTE } from '../../runtime/src/conventions/contracts';
import type { Attribute, AttributeValue, CodeLocation, KeyValueList } from './model';

/** A frozen empty attribute list, shared to avoid allocating one per record. */
export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);

/** The value of the first attribute named `key`, or undefined when absent. */
export function getAttribute(attributes: readonly Attribute[], key: string): AttributeValue | undefined {
  for (const attribute of attributes) {
    if (attribute.key === key) return attribute.value;
  }
  return undefined;
}

/** Narrows an attribute value to a `{ kvlist }`. */
export function isKeyValueList(value: AttributeValue | undefined): value is KeyValueList {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Renders a value as plain text for display (the UI must still show it as text, never as HTML).
 * Strings are returned verbatim; nested values use a JSON-like form; long output is cut at `maxLength`.
 */
export function formatAttributeValue(value: AttributeValue, maxLength = 1000): string {
  const text = typeof value === 'string' ? value : formatNested(value, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function formatNested(value: AttributeValue, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (depth > 8) return '…';
  if (value instanceof Uint8Array) return `0x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return `[${value.map((v: AttributeValue) => formatNested(v, depth + 1)).join(', ')}]`;
  if (isKeyValueList(value)) return `{${value.kvlist.map((a) => `${a.key}: ${formatNested(a.value, depth + 1)}`).join(', ')}}`;
  return '';
}

/** A string attribute, or undefined when absent or of another type. */
export function getStringAttribute(attributes: readonly Attribute[], key: string): string | undefined {
  const value = getAttribute(attributes, key);
  return typeof value === 'string' ? value : undefined;
}

function asLine(value: AttributeValue): number | undefined {
  if (typeof value === 'bigint') return value >= 0n && value <= 999_999_999n ? Number(value) : undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

/** The attribute that marks a span exported before it ended. */
export { UNENDED_ATTRIBUTE };

/** What one pass over a span's attributes finds: its source location and the unended mark. */
export interface SpanAttributeFacts {
  readonly code: CodeLocation | undefined;
  readonly isMarkedUnended: boolean;
}

const NO_FACTS: SpanAttributeFacts = Object.freeze({ code: undefined, isMarkedUnended: false });

/**
 * Reads, in one pass, the `code.*` semantic-convention attributes (old and new names:
 * `code.filepath`/`code.file.path`, `code.lineno`/`code.line.number`, `code.column`/
 * `code.column.number`, `code.function`/`code.function.name`) and `statscope.unended = true`.
 */
export function spanAttributeFacts(attributes: readonly Attribute[]): SpanAttributeFacts {
  let filePath: string | undefined;
  let lineNumber: number | undefined;
  let columnNumber: number | undefined;
  let functionName: string | undefined;
  let isMarkedUnended = false;
  for (const { key, value } of attributes) {
    const first = key.charCodeAt(0);
    if (first === 99 /* c */ && key.startsWith('code.')) {
      switch (key) {
        case 'code.filepath':
        case 'code.file.path':
          if (typeof value === 'string' && filePath === undefined) filePath = value;
          break;
        case 'code.lineno':
        case 'code.line.number':
          lineNumber ??= asLine(value);
          break;
        case 'code.column':
        case 'code.column.number':
          columnNumber ??= asLine(value);
          break;
        case 'code.function':
        case 'code.function.name':
          if (typeof value === 'string' && functionName === undefined) functionName = value;
          break;
      }
    } else if (first === 115 /* s */ && key === UNENDED_ATTRIBUTE) isMarkedUnended = value === true || value === 'true';
  }
  if (filePath === undefined || filePath === '') return isMarkedUnended ? { code: undefined, isMarkedUnended } : NO_FACTS;
  return { code: { filePath, lineNumber, columnNumber, functionName }, isMarkedUnended };
}

/** The source location of a span (see {@link spanAttributeFacts}), or undefined when it has no file path. */
export function codeLocationOf(attributes: readonly Attribute[]): CodeLocation | undefined {
  return spanAttributeFacts(attributes).code;
}
