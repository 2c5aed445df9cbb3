/**
 * Validating readers for OTLP/JSON (the protobuf JSON mapping with hex ids and integer enums). Input
 * is untrusted: every field is type-checked, wrong shapes throw a {@link DecodeError} naming the
 * field, unknown fields are ignored. Both lowerCamelCase and the original snake_case names are
 * accepted; int64 values may be JSON numbers or decimal strings.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import { isRecord } from '../is';
import type { Attribute, AttributeValue, ResourceInfo, ScopeInfo } from '../store/model';
import { MAX_LIST_ITEMS, MAX_VALUE_DEPTH } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { DecodeError } from './protobuf-reader';
import { EMPTY_SCOPE, makeResource } from '../store/record-defaults';

type Json = Record<string, unknown>;

/** A field by its camelCase name, else its snake_case name. */
export function field(o: Json, camel: string, snake?: string): unknown {
  const v = o[camel];
  return v === undefined && snake !== undefined ? o[snake] : v;
}

export function optString(o: Json, camel: string, snake: string | undefined, where: string): string {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new DecodeError(`${where}.${camel} must be a string`);
  return v;
}

export function optArray(o: Json, camel: string, snake: string | undefined, where: string): readonly unknown[] {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new DecodeError(`${where}.${camel} must be an array`);
  return v;
}

export function optObject(o: Json, camel: string, snake: string | undefined, where: string): Json | undefined {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw new DecodeError(`${where}.${camel} must be an object`);
  return v;
}

/** Each element of an array that must hold objects. */
export function objects(items: readonly unknown[], where: string): Json[] {
  return items.map((item) => {
    if (!isRecord(item)) throw new DecodeError(`${where} must hold objects`);
    return item;
  });
}

const DIGITS = /^\d{1,20}$/;
const SIGNED_DIGITS = /^-?\d{1,20}$/;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** An unsigned 64-bit integer (number or decimal string) as a bigint; 0n when absent. */
export function optNanos(o: Json, camel: string, snake: string | undefined, where: string): bigint {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return 0n;
  let n: bigint | undefined;
  if (typeof v === 'string' && DIGITS.test(v)) n = BigInt(v);
  else if (typeof v === 'number' && Number.isInteger(v) && v >= 0) n = BigInt(v);
  if (n === undefined || n > UINT64_MAX) throw new DecodeError(`${where}.${camel} must be an unsigned 64-bit integer`);
  return n;
}

/** An unsigned integer count (fixed64/uint32, number or string) as a number; 0 when absent. */
export function optCount(o: Json, camel: string, snake: string | undefined, where: string): number {
  return Number(optNanos(o, camel, snake, where));
}

/** A signed int64 (number or string): a number when safe, a bigint otherwise. */
export function toInt64(v: unknown, where: string): number | bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  let n: bigint | undefined;
  if (typeof v === 'string' && SIGNED_DIGITS.test(v)) n = BigInt(v);
  else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  if (n === undefined || n < INT64_MIN || n > INT64_MAX) throw new DecodeError(`${where} must be a 64-bit integer`);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** A double: a JSON number or one of the proto3 JSON strings ("NaN", "Infinity", "-Infinity", a decimal). */
export function toDouble(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    if (v.length <= 64 && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return Number(v);
  }
  throw new DecodeError(`${where} must be a number`);
}

export function optDouble(o: Json, camel: string, snake: string | undefined, where: string): number | undefined {
  const v = field(o, camel, snake);
  return v === undefined || v === null ? undefined : toDouble(v, `${where}.${camel}`);
}

export function optBool(o: Json, camel: string, snake: string | undefined, where: string): boolean {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new DecodeError(`${where}.${camel} must be a boolean`);
  return v;
}

/**
 * An enum: an integer, or its proto name (e.g. `SPAN_KIND_SERVER`, matched against `names` after
 * stripping `prefix`). Unknown values map to 0.
 */
export function optEnum(o: Json, camel: string, snake: string | undefined, where: string, prefix: string, names: readonly string[]): number {
  const v = field(o, camel, snake);
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v >= 0 && v < names.length ? v : 0;
  if (typeof v === 'string') {
    const i = names.indexOf(v.startsWith(prefix) ? v.slice(prefix.length).toLowerCase() : v.toLowerCase());
    return i < 0 ? 0 : i;
  }
  throw new DecodeError(`${where}.${camel} must be an enum number or name`);
}

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * A trace/span id: hex (OTLP/JSON) or base64 (plain proto3 JSON), normalized to lowercase hex.
 * Returns '' when absent or not decodable to `bytes` bytes (the caller rejects the record).
 */
export function optId(o: Json, camel: string, snake: string | undefined, bytes: number, where: string): string {
  const v = field(o, camel, snake);
  if (v === undefined || v === null || v === '') return '';
  if (typeof v !== 'string') throw new DecodeError(`${where}.${camel} must be a string`);
  if (v.length === bytes * 2 && HEX.test(v)) return v.toLowerCase();
  if (v.length <= bytes * 2 && BASE64.test(v)) {
    const decoded = Buffer.from(v, 'base64');
    if (decoded.length === bytes) return decoded.toString('hex');
  }
  return '';
}

/** Reads a JSON `KeyValue[]` into an attribute list (dropping past {@link MAX_LIST_ITEMS}). */
export function readAttributesJson(items: readonly unknown[], where: string, depth = 0): AttributeList {
  const list: AttributeList = { items: undefined, dropped: 0 };
  for (const item of items) {
    if (!isRecord(item)) throw new DecodeError(`${where}.attributes must hold objects`);
    const key = optString(item, 'key', undefined, `${where}.attributes[]`);
    const raw = item['value'];
    const value = raw === undefined || raw === null ? null : readAnyValueJson(raw, `${where}.attributes[].value`, depth + 1);
    list.items ??= [];
    if (list.items.length >= MAX_LIST_ITEMS) list.dropped++;
    else list.items.push({ key, value });
  }
  return list;
}

/** The attributes of `o` (field `attributes`) with the count of items dropped. */
export function attributesOf(o: Json, where: string): { attributes: readonly Attribute[]; dropped: number } {
  const list = readAttributesJson(optArray(o, 'attributes', undefined, where), where);
  const dropped = optCount(o, 'droppedAttributesCount', 'dropped_attributes_count', where) + list.dropped;
  return { attributes: list.items ?? NO_ATTRIBUTES, dropped };
}

/** Reads a JSON AnyValue. */
export function readAnyValueJson(v: unknown, where: string, depth: number): AttributeValue {
  if (depth > MAX_VALUE_DEPTH) throw new DecodeError(`values nested deeper than ${MAX_VALUE_DEPTH}`);
  if (!isRecord(v)) throw new DecodeError(`${where} must be an AnyValue object`);
  const s = field(v, 'stringValue', 'string_value');
  if (s !== undefined) {
    if (typeof s !== 'string') throw new DecodeError(`${where}.stringValue must be a string`);
    return s;
  }
  const b = field(v, 'boolValue', 'bool_value');
  if (b !== undefined) {
    if (typeof b !== 'boolean') throw new DecodeError(`${where}.boolValue must be a boolean`);
    return b;
  }
  const i = field(v, 'intValue', 'int_value');
  if (i !== undefined) return BigInt(toInt64(i, `${where}.intValue`));
  const d = field(v, 'doubleValue', 'double_value');
  if (d !== undefined) return toDouble(d, `${where}.doubleValue`);
  const a = optObject(v, 'arrayValue', 'array_value', where);
  if (a !== undefined) {
    const values = optArray(a, 'values', undefined, `${where}.arrayValue`);
    const out: AttributeValue[] = [];
    for (const item of values.slice(0, MAX_LIST_ITEMS)) out.push(readAnyValueJson(item, `${where}.arrayValue.values[]`, depth + 1));
    return out;
  }
  const kv = optObject(v, 'kvlistValue', 'kvlist_value', where);
  if (kv !== undefined) {
    const list = readAttributesJson(optArray(kv, 'values', undefined, `${where}.kvlistValue`), `${where}.kvlistValue`, depth + 1);
    return { kvlist: list.items ?? NO_ATTRIBUTES };
  }
  const bytes = field(v, 'bytesValue', 'bytes_value');
  if (bytes !== undefined) {
    if (typeof bytes !== 'string' || !BASE64.test(bytes)) throw new DecodeError(`${where}.bytesValue must be base64`);
    return new Uint8Array(Buffer.from(bytes, 'base64'));
  }
  return null;
}

/** Reads a JSON Resource (absent → an empty resource). */
export function readResourceJson(o: Json | undefined, schemaUrl: string): ResourceInfo {
  if (o === undefined) return makeResource(NO_ATTRIBUTES, 0, schemaUrl);
  const { attributes, dropped } = attributesOf(o, 'resource');
  return makeResource(attributes, dropped, schemaUrl);
}

/** Reads a JSON InstrumentationScope (absent → an empty scope). */
export function readScopeJson(o: Json | undefined, schemaUrl: string): ScopeInfo {
  if (o === undefined) return schemaUrl === '' ? EMPTY_SCOPE : { ...EMPTY_SCOPE, schemaUrl };
  return {
    name: optString(o, 'name', undefined, 'scope'),
    version: optString(o, 'version', undefined, 'scope'),
    attributes: attributesOf(o, 'scope').attributes,
    schemaUrl,
  };
}

/** The scope-level blocks of a resource block: `scopeX`, or the deprecated `instrumentationLibraryX`. */
export function scopeBlocks(resourceBlock: Json, signal: 'Spans' | 'Metrics' | 'Logs', where: string): Array<{ block: Json; scope: ScopeInfo }> {
  const current = optArray(resourceBlock, `scope${signal}`, `scope_${signal.toLowerCase()}`, where);
  const legacy = optArray(resourceBlock, `instrumentationLibrary${signal}`, `instrumentation_library_${signal.toLowerCase()}`, where);
  const result: Array<{ block: Json; scope: ScopeInfo }> = [];
  for (const block of objects(current, `${where}.scope${signal}`)) {
    const schemaUrl = optString(block, 'schemaUrl', 'schema_url', where);
    result.push({ block, scope: readScopeJson(optObject(block, 'scope', undefined, where), schemaUrl) });
  }
  for (const block of objects(legacy, `${where}.instrumentationLibrary${signal}`)) {
    const schemaUrl = optString(block, 'schemaUrl', 'schema_url', where);
    result.push({ block, scope: readScopeJson(optObject(block, 'instrumentationLibrary', 'instrumentation_library', where), schemaUrl) });
  }
  return result;
}

/** The resource blocks of a request (`resourceSpans` etc.) with their resource decoded. */
export function resourceBlocks(request: Json, key: 'resourceSpans' | 'resourceMetrics' | 'resourceLogs'): Array<{ block: Json; resource: ResourceInfo }> {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return objects(optArray(request, key, snake, 'request'), key).map((block) => ({
    block,
    resource: readResourceJson(optObject(block, 'resource', undefined, key), optString(block, 'schemaUrl', 'schema_url', key)),
  }));
}
