/**
 * Builds the stored records from decoded fields, with the derived fields (milliseconds, error and
 * unended flags, source location) defined in one place for every decoder (protobuf, JSON, Jaeger).
 * Spans are stored compactly ({@link StoredSpan}); log records are plain objects.
 */
import { getStringAttribute, NO_ATTRIBUTES, spanAttributeFacts } from './attributes';
import type { SpanAttributeFacts } from './attributes';
import type { Attribute, AttributeValue, CodeLocation, LogEntry, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus } from './model';

/** Nanoseconds since the epoch to fractional milliseconds. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}

export const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
export const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
export const UNSET_STATUS: SpanStatus = Object.freeze({ code: 'unset', message: '' });

/** OTLP span kind numbers, index = wire value. */
export const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** A resource record; `service.name` is looked up once here. */
export function makeResource(attributes: readonly Attribute[], droppedAttributesCount = 0, schemaUrl = ''): ResourceInfo {
  return { attributes, serviceName: getStringAttribute(attributes, 'service.name') ?? 'unknown_service', droppedAttributesCount, schemaUrl };
}

/** The resource used when a payload has none. */
export const EMPTY_RESOURCE: ResourceInfo = Object.freeze(makeResource(NO_ATTRIBUTES));

/** The scope used when a payload has none. */
export const EMPTY_SCOPE: ScopeInfo = Object.freeze({ name: '', version: '', attributes: NO_ATTRIBUTES, schemaUrl: '' });

/** The decoded fields of a span, before derived fields are added. Ids are lowercase hex of the right length, or ''. */
export interface SpanFields {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly status: SpanStatus;
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  /** A fixed32 (wider values are truncated to 32 bits). */
  readonly flags: number;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A writable view of a readonly record type. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Fractional epoch milliseconds from the two 32-bit halves of a nanosecond timestamp (same value as {@link nanosToMs}). */
export function halvesToMs(high: number, low: number): number {
  return (high * 4294967296 + low) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Stored spans
//
// A received span is a row of 32-bit words in a shared chunk ({@link SpanChunk}, many rows): the
// exact nanosecond times, the span and parent ids as 64-bit values, the flags, the kind, and the
// indexes of the objects the span refers to (trace id, name, status, attribute block,
// {@link SpanSource}, events) in the chunk's `refs`, where consecutive spans referring to the same
// object share one entry. Receiving a span allocates nothing of its own on the JavaScript heap: no
// span object, no bigints, no boxed doubles, no id strings (the garbage collector's work per span is
// what limited ingest). The `SpanRecord` object of a row ({@link StoredSpan}: two fields, every
// `SpanRecord` field an accessor computing the value from the row) is made when first asked for and
// then kept by the chunk, so a row always gives the same object. Id strings are made on first use
// and kept too.
// ---------------------------------------------------------------------------------------------

/** Word offsets inside a span row. Ids are stored big-endian (hex order): HI = bytes 0–3. */
export const ROW_START_LO = 0;
export const ROW_START_HI = 1;
export const ROW_END_LO = 2;
export const ROW_END_HI = 3;
export const ROW_ID_HI = 4;
export const ROW_ID_LO = 5;
export const ROW_PARENT_HI = 6;
export const ROW_PARENT_LO = 7;
export const ROW_FLAGS = 8;
export const ROW_KIND = 9;
/** Reference words: indexes in the chunk's `refs` (see {@link SpanChunk.setRefs}). */
export const ROW_TRACE_ID = 10;
export const ROW_NAME = 11;
export const ROW_STATUS = 12;
export const ROW_BLOCK = 13;
export const ROW_SOURCE = 14;
export const ROW_EVENTS = 15;
/** Words per span row. */
export const ROW_WORDS = 16;

const ROWS_PER_CHUNK = 1024;
/** Words per chunk: every row offset is below it. */
export const CHUNK_WORDS = ROWS_PER_CHUNK * ROW_WORDS;
const TWO_32 = 4294967296;

/**
 * Rows of many spans (a row is addressed by its offset in `words`), the objects they refer to, and
 * the span objects and id strings made from them so far. A chunk lives as long as any span of it.
 */
export class SpanChunk {
  readonly words = new Uint32Array(CHUNK_WORDS);
  /** The objects the rows' reference words point at. */
  readonly refs: unknown[] = [];
  // Per reference word: the last object stored and its index in `refs`, so a run of rows referring
  // to one object stores it once.
  private lastTraceId: unknown = undefined;
  private lastName: unknown = undefined;
  private lastStatus: unknown = undefined;
  private lastBlock: unknown = undefined;
  private lastSource: unknown = undefined;
  private lastEvents: unknown = undefined;
  private traceIdRef = 0;
  private nameRef = 0;
  private statusRef = 0;
  private blockRef = 0;
  private sourceRef = 0;
  private eventsRef = 0;
  /** Per row (index row / ROW_WORDS): its span object, once made. */
  private objects: Array<StoredSpan | undefined> | undefined;
  /** Per row: span id, parent id (index row / ROW_WORDS * 2 + 0 | 1); made on first use. */
  private texts: Array<string | undefined> | undefined;
  /** Offset of the next free row. */
  next = 0;

  /** Writes the reference words of the row at `row`. */
  setRefs(row: number, traceId: string, name: string, status: SpanStatus, block: AttributeBlock, source: SpanSource, events: readonly SpanEvent[]): void {
    const w = this.words;
    const refs = this.refs;
    if (traceId !== this.lastTraceId) {
      this.lastTraceId = traceId;
      this.traceIdRef = refs.push(traceId) - 1;
    }
    if (name !== this.lastName) {
      this.lastName = name;
      this.nameRef = refs.push(name) - 1;
    }
    if (status !== this.lastStatus) {
      this.lastStatus = status;
      this.statusRef = refs.push(status) - 1;
    }
    if (block !== this.lastBlock) {
      this.lastBlock = block;
      this.blockRef = refs.push(block) - 1;
    }
    if (source !== this.lastSource) {
      this.lastSource = source;
      this.sourceRef = refs.push(source) - 1;
    }
    if (events !== this.lastEvents) {
      this.lastEvents = events;
      this.eventsRef = refs.push(events) - 1;
    }
    w[row + ROW_TRACE_ID] = this.traceIdRef;
    w[row + ROW_NAME] = this.nameRef;
    w[row + ROW_STATUS] = this.statusRef;
    w[row + ROW_BLOCK] = this.blockRef;
    w[row + ROW_SOURCE] = this.sourceRef;
    w[row + ROW_EVENTS] = this.eventsRef;
  }

  /** The object reference word `word` of the row at `row` points at. */
  ref(row: number, word: number): unknown {
    return this.refs[this.words[row + word] as number];
  }

  /** The span object of the row at `row` (made once). */
  spanAt(row: number): StoredSpan {
    const objects = (this.objects ??= new Array<StoredSpan | undefined>(ROWS_PER_CHUNK).fill(undefined));
    const index = row / ROW_WORDS;
    return (objects[index] ??= new StoredSpan(this, row));
  }

  /** The id strings of this chunk's rows. */
  idTexts(): Array<string | undefined> {
    return (this.texts ??= new Array<string | undefined>(ROWS_PER_CHUNK * 2).fill(undefined));
  }

  traceId(row: number): string {
    return this.refs[this.words[row + ROW_TRACE_ID] as number] as string;
  }

  /** Start of the row's span, epoch ms. */
  startMs(row: number): number {
    const w = this.words;
    return ((w[row + ROW_START_HI] as number) * TWO_32 + (w[row + ROW_START_LO] as number)) / 1e6;
  }

  /** Duration in ns, or -1 when the span has no valid end. */
  durationNanos(row: number): number {
    const w = this.words;
    const endHigh = w[row + ROW_END_HI] as number;
    const endLow = w[row + ROW_END_LO] as number;
    if (endHigh === 0 && endLow === 0) return -1;
    const nanos = (endHigh - (w[row + ROW_START_HI] as number)) * TWO_32 + (endLow - (w[row + ROW_START_LO] as number));
    return nanos < 0 ? -1 : nanos;
  }

  /** Duration in ms (0 without a valid end). */
  durationMs(row: number): number {
    const nanos = this.durationNanos(row);
    return nanos < 0 ? 0 : nanos / 1e6;
  }

  isError(row: number): boolean {
    return (this.ref(row, ROW_STATUS) as SpanStatus).code === 'error';
  }

  isUnended(row: number): boolean {
    return this.isMarkedUnended(row) || this.durationNanos(row) < 0;
  }

  /** Whether the row's attributes mark the span unended (`statscope.unended`). */
  isMarkedUnended(row: number): boolean {
    return (this.ref(row, ROW_BLOCK) as AttributeBlock).facts.isMarkedUnended;
  }
}

/**
 * Hands out span rows. Usage: `const o = SPAN_ROWS.claim()`, then write every word of the row at
 * `SPAN_ROWS.chunk.words[o …]`, the reference words with `setRefs` (a claimed row is not zeroed).
 */
class SpanRows {
  chunk = new SpanChunk();

  /** Claims a row of {@link chunk} (read `chunk` after calling this); returns its offset. */
  claim(): number {
    let chunk = this.chunk;
    if (chunk.next === chunk.words.length) chunk = this.chunk = new SpanChunk();
    const offset = chunk.next;
    chunk.next = offset + ROW_WORDS;
    return offset;
  }
}

export const SPAN_ROWS = new SpanRows();

/** Consecutive rows of one chunk, `start` (inclusive) to `end` (exclusive) offsets. */
export interface SpanRowRange {
  readonly chunk: SpanChunk;
  readonly start: number;
  end: number;
}

/** The decoded attributes of a span, with what they say about it; shared by every span with the same attributes. */
export interface AttributeBlock {
  readonly attributes: readonly Attribute[];
  readonly facts: SpanAttributeFacts;
  /** Attributes dropped by the decoder (past its list limit). */
  readonly dropped: number;
}

export const NO_BLOCK: AttributeBlock = Object.freeze({ attributes: NO_ATTRIBUTES, facts: spanAttributeFacts(NO_ATTRIBUTES), dropped: 0 });

/**
 * What spans have in common beyond their attributes: resource and scope (one source per OTLP
 * `ScopeSpans`), and the fields that are nearly always empty (a span setting one gets its own source).
 */
export interface SpanSource {
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly traceState: string;
  readonly links: readonly SpanLink[];
  /** `dropped_attributes_count` as sent (the decoder's own drops are in the attribute block). */
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A source with the rarely-set fields empty. */
export function baseSource(resource: ResourceInfo, scope: ScopeInfo): SpanSource {
  return { resource, scope, traceState: '', links: NO_LINKS, droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 };
}

/** Whether `source` has exactly these values. */
export function isSourceOf(source: SpanSource, resource: ResourceInfo, scope: ScopeInfo, traceState: string, links: readonly SpanLink[], droppedAttributesCount: number, droppedEventsCount: number, droppedLinksCount: number): boolean {
  return (
    source.resource === resource &&
    source.scope === scope &&
    source.traceState === traceState &&
    source.links === links &&
    source.droppedAttributesCount === droppedAttributesCount &&
    source.droppedEventsCount === droppedEventsCount &&
    source.droppedLinksCount === droppedLinksCount
  );
}

let lastSource: SpanSource = Object.freeze(baseSource(EMPTY_RESOURCE, EMPTY_SCOPE));

/** A source for these values: the previous one again when equal. */
function spanSource(resource: ResourceInfo, scope: ScopeInfo, traceState: string, links: readonly SpanLink[], droppedAttributesCount: number, droppedEventsCount: number, droppedLinksCount: number): SpanSource {
  const list = links.length === 0 ? NO_LINKS : links;
  if (!isSourceOf(lastSource, resource, scope, traceState, list, droppedAttributesCount, droppedEventsCount, droppedLinksCount)) {
    lastSource = { resource, scope, traceState, links: list, droppedAttributesCount, droppedEventsCount, droppedLinksCount };
  }
  return lastSource;
}

const scratch = Buffer.alloc(8);
const scratchView = new DataView(scratch.buffer, scratch.byteOffset, 8);

/** The unsigned 64-bit value of two 32-bit halves, as a bigint. */
function halvesToBig(high: number, low: number): bigint {
  scratchView.setUint32(0, low, true);
  scratchView.setUint32(4, high, true);
  return scratchView.getBigUint64(0, true);
}

/** The lowercase hex of a 64-bit id given as two big-endian 32-bit halves. */
function halvesToHex(high: number, low: number): string {
  scratchView.setUint32(0, high, false);
  scratchView.setUint32(4, low, false);
  return scratch.toString('hex', 0, 8);
}

/** Lowercase hex digit values by char code, -1 for anything else. */
const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_DIGITS['0123456789abcdef'.charCodeAt(i)] = i;

/** The value of 8 lowercase hex digits of `text` from `at`, or -1 when one is not. */
function hexWord(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (HEX_DIGITS[code] as number) : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Writes a 16-char lowercase hex id as two words at `at`; false (words 0) when it is not one. */
export function writeHexId(words: Uint32Array, at: number, id: string | undefined): boolean {
  const high = id !== undefined && id.length === 16 ? hexWord(id, 0) : -1;
  const low = high < 0 ? -1 : hexWord(id as string, 8);
  if (low < 0) {
    words[at] = 0;
    words[at + 1] = 0;
    return false;
  }
  words[at] = high;
  words[at + 1] = low;
  return true;
}

function writeNanos(words: Uint32Array, at: number, nanos: bigint): void {
  scratchView.setBigUint64(0, BigInt.asUintN(64, nanos), true);
  words[at] = scratchView.getUint32(0, true);
  words[at + 1] = scratchView.getUint32(4, true);
}

/**
 * The span object of a row (see the section comment above). Implements {@link SpanRecord} with
 * accessors on the prototype only: `{ ...span }` copies nothing (compare spans field by field).
 * Get one from {@link SpanChunk.spanAt} or {@link makeSpan}, never construct one elsewhere (a row has
 * one object).
 */
export class StoredSpan implements SpanRecord {
  readonly #chunk: SpanChunk;
  readonly #row: number;

  /** @internal Use {@link SpanChunk.spanAt}. */
  constructor(chunk: SpanChunk, row: number) {
    this.#chunk = chunk;
    this.#row = row;
  }

  /** The chunk holding a stored span's row. */
  static chunkOf(span: StoredSpan): SpanChunk {
    return span.#chunk;
  }

  /** The offset of a stored span's row in its chunk. */
  static rowOf(span: StoredSpan): number {
    return span.#row;
  }

  get traceId(): string {
    return this.#chunk.traceId(this.#row);
  }

  get spanId(): string {
    const w = this.#chunk.words;
    const o = this.#row;
    const texts = this.#chunk.idTexts();
    const at = (o / ROW_WORDS) * 2;
    return (texts[at] ??= halvesToHex(w[o + ROW_ID_HI] as number, w[o + ROW_ID_LO] as number));
  }

  get parentSpanId(): string | undefined {
    const w = this.#chunk.words;
    const o = this.#row;
    const high = w[o + ROW_PARENT_HI] as number;
    const low = w[o + ROW_PARENT_LO] as number;
    if (high === 0 && low === 0) return undefined;
    const texts = this.#chunk.idTexts();
    const at = (o / ROW_WORDS) * 2 + 1;
    return (texts[at] ??= halvesToHex(high, low));
  }

  get traceState(): string {
    return this.source.traceState;
  }

  get name(): string {
    return this.#chunk.ref(this.#row, ROW_NAME) as string;
  }

  get kind(): SpanKind {
    return SPAN_KINDS[this.#chunk.words[this.#row + ROW_KIND] as number] ?? 'unspecified';
  }

  get startTimeUnixNano(): bigint {
    const w = this.#chunk.words;
    return halvesToBig(w[this.#row + ROW_START_HI] as number, w[this.#row + ROW_START_LO] as number);
  }

  get endTimeUnixNano(): bigint {
    const w = this.#chunk.words;
    return halvesToBig(w[this.#row + ROW_END_HI] as number, w[this.#row + ROW_END_LO] as number);
  }

  get startTimeMs(): number {
    return this.#chunk.startMs(this.#row);
  }

  get endTimeMs(): number {
    return this.#chunk.startMs(this.#row) + this.#chunk.durationMs(this.#row);
  }

  get durationMs(): number {
    return this.#chunk.durationMs(this.#row);
  }

  get status(): SpanStatus {
    return this.#chunk.ref(this.#row, ROW_STATUS) as SpanStatus;
  }

  get isError(): boolean {
    return this.#chunk.isError(this.#row);
  }

  get isUnended(): boolean {
    return this.#chunk.isUnended(this.#row);
  }

  get attributes(): readonly Attribute[] {
    return this.block.attributes;
  }

  get events(): readonly SpanEvent[] {
    return this.#chunk.ref(this.#row, ROW_EVENTS) as readonly SpanEvent[];
  }

  get links(): readonly SpanLink[] {
    return this.source.links;
  }

  get resource(): ResourceInfo {
    return this.source.resource;
  }

  get scope(): ScopeInfo {
    return this.source.scope;
  }

  get code(): CodeLocation | undefined {
    return this.block.facts.code;
  }

  get flags(): number {
    return this.#chunk.words[this.#row + ROW_FLAGS] as number;
  }

  get droppedAttributesCount(): number {
    return this.block.dropped + this.source.droppedAttributesCount;
  }

  get droppedEventsCount(): number {
    return this.source.droppedEventsCount;
  }

  get droppedLinksCount(): number {
    return this.source.droppedLinksCount;
  }

  private get block(): AttributeBlock {
    return this.#chunk.ref(this.#row, ROW_BLOCK) as AttributeBlock;
  }

  private get source(): SpanSource {
    return this.#chunk.ref(this.#row, ROW_SOURCE) as SpanSource;
  }
}

const KIND_NUMBERS: Readonly<Record<SpanKind, number>> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

let lastBlock: AttributeBlock = NO_BLOCK;

function blockOf(attributes: readonly Attribute[]): AttributeBlock {
  if (attributes.length === 0) return NO_BLOCK;
  if (lastBlock.attributes !== attributes) lastBlock = { attributes, facts: spanAttributeFacts(attributes), dropped: 0 };
  return lastBlock;
}

/**
 * A stored span from decoded fields (the JSON and Jaeger decoders, tests). A `spanId` that is not
 * 16 lowercase hex digits (or is all zeros) is kept as given; such a `parentSpanId` becomes undefined.
 */
export function makeSpan(f: SpanFields): SpanRecord {
  const o = SPAN_ROWS.claim();
  const chunk = SPAN_ROWS.chunk;
  const w = chunk.words;
  writeNanos(w, o + ROW_START_LO, f.startTimeUnixNano);
  writeNanos(w, o + ROW_END_LO, f.endTimeUnixNano);
  const isHexId = writeHexId(w, o + ROW_ID_HI, f.spanId) && (w[o + ROW_ID_HI] !== 0 || w[o + ROW_ID_LO] !== 0);
  writeHexId(w, o + ROW_PARENT_HI, f.parentSpanId);
  w[o + ROW_FLAGS] = f.flags;
  w[o + ROW_KIND] = KIND_NUMBERS[f.kind] ?? 0;
  const source = spanSource(f.resource, f.scope, f.traceState, f.links, f.droppedAttributesCount, f.droppedEventsCount, f.droppedLinksCount);
  chunk.setRefs(o, f.traceId, f.name, f.status, blockOf(f.attributes), source, f.events);
  if (!isHexId) chunk.idTexts()[(o / ROW_WORDS) * 2] = f.spanId;
  return chunk.spanAt(o);
}

/** The fields of any span record (to store a span made elsewhere with {@link makeSpan}). */
export function fieldsOf(span: SpanRecord): SpanFields {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    status: span.status,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    resource: span.resource,
    scope: span.scope,
    flags: span.flags,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** A valid (non-zero, lowercase hex) trace id. */
export function isValidTraceId(id: string): boolean {
  return id.length === 32 && id !== ZERO_TRACE_ID && HEX_TRACE_ID.test(id);
}

/** A valid (non-zero, lowercase hex) span id. */
export function isValidSpanId(id: string): boolean {
  return id.length === 16 && id !== ZERO_SPAN_ID && HEX_SPAN_ID.test(id);
}

/**
 * Validity of an id that is known to be lowercase hex already (decoded from protobuf bytes):
 * only its length and non-zero-ness need checking.
 */
export function isValidHexId(id: string, bytes: 8 | 16): boolean {
  return id.length === bytes * 2 && id !== (bytes === 16 ? ZERO_TRACE_ID : ZERO_SPAN_ID);
}

/** The decoded fields of a log record; ids are lowercase hex of the right length, or ''. */
export interface LogFields {
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: readonly Attribute[];
  readonly traceId: string;
  readonly spanId: string;
  readonly flags: number;
  readonly eventName: string;
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly droppedAttributesCount: number;
}

/** A log record with derived fields; invalid trace/span ids become undefined. */
export function makeLog(f: LogFields): LogEntry {
  return {
    timeUnixNano: f.timeUnixNano,
    observedTimeUnixNano: f.observedTimeUnixNano,
    timeMs: nanosToMs(f.timeUnixNano > 0n ? f.timeUnixNano : f.observedTimeUnixNano),
    severityNumber: f.severityNumber,
    severityText: f.severityText,
    body: f.body,
    attributes: f.attributes,
    traceId: isValidHexId(f.traceId, 16) ? f.traceId : undefined,
    spanId: isValidHexId(f.spanId, 8) ? f.spanId : undefined,
    flags: f.flags,
    eventName: f.eventName,
    resource: f.resource,
    scope: f.scope,
    droppedAttributesCount: f.droppedAttributesCount,
  };
}
