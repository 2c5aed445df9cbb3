/**
 * Stored spans
 *
 * A received span is a row of 32-bit words in a shared chunk ({@link SpanChunk}, many rows): the
 * exact nanosecond times, the span and parent ids as 64-bit values, the flags, the kind, and the
 * indexes of the objects the span refers to (trace id, name, status, attribute block,
 * {@link SpanSource}, events) in the chunk's `refs`, where consecutive spans referring to the same
 * object share one entry. Receiving a span allocates nothing of its own on the JavaScript heap: no
 * span object, no bigints, no boxed doubles, no id strings (the garbage collector's work per span is
 * what limited ingest). The `SpanRecord` object of a row ({@link StoredSpan}: two fields, every
 * `SpanRecord` field an accessor computing the value from the row) is made when first asked for and
 * then kept by the chunk, so a row always gives the same object. Id strings are made on first use
 * and kept too.
 */
import type { Attribute, CodeLocation, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus } from './model';
import { SPAN_KINDS } from './record-defaults';
import { CHUNK_WORDS, COPY_SHIFT, copyIdWord, halvesToBig, halvesToHex, ROW_BLOCK, ROW_END_HI, ROW_END_LO, ROW_EVENTS, ROW_FLAGS, ROW_ID_HI, ROW_ID_LO, KIND_MASK, ROW_KIND, ROW_NAME, ROW_PARENT_HI, ROW_PARENT_LO, ROW_SOURCE, ROW_START_HI, ROW_START_LO, ROW_STATUS, ROW_TRACE_ID, ROW_WORDS, ROWS_PER_CHUNK, TWO_32 } from './span-row';
import type { AttributeBlock, SpanSource } from './span-source';

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

  /** The row's copy number: 0, or n when it is the n-th later span sharing its span id (see `copyIdWord`). */
  copyOf(row: number): number {
    return (this.words[row + ROW_KIND] as number) >>> COPY_SHIFT;
  }

  /** Makes the row copy `copy` of its span id (0: the id as received): rewrites its id words and copy number. */
  setCopy(row: number, copy: number): void {
    const w = this.words;
    const old = this.copyOf(row);
    w[row + ROW_ID_HI] = copyIdWord(copyIdWord(w[row + ROW_ID_HI] as number, old, 0), copy, 0);
    w[row + ROW_ID_LO] = copyIdWord(copyIdWord(w[row + ROW_ID_LO] as number, old, 1), copy, 1);
    w[row + ROW_KIND] = ((w[row + ROW_KIND] as number) & KIND_MASK) | (copy << COPY_SHIFT);
    if (this.texts !== undefined) this.texts[(row / ROW_WORDS) * 2] = undefined;
  }

  /**
   * Whether two rows are one span sent twice (an exporter's retry): the same times, parent, kind, name
   * and status. Ids are not compared (the caller found both under one id).
   */
  isSameSpan(row: number, other: SpanChunk, otherRow: number): boolean {
    const a = this.words;
    const b = other.words;
    for (const word of SAME_SPAN_WORDS) if (a[row + word] !== b[otherRow + word]) return false;
    if (((a[row + ROW_KIND] as number) & KIND_MASK) !== ((b[otherRow + ROW_KIND] as number) & KIND_MASK)) return false;
    const status = this.ref(row, ROW_STATUS) as SpanStatus;
    const otherStatus = other.ref(otherRow, ROW_STATUS) as SpanStatus;
    return this.ref(row, ROW_NAME) === other.ref(otherRow, ROW_NAME) && status.code === otherStatus.code && status.message === otherStatus.message;
  }

  /** Whether the row's attributes mark the span unended (`statscope.unended`). */
  isMarkedUnended(row: number): boolean {
    return (this.ref(row, ROW_BLOCK) as AttributeBlock).facts.isMarkedUnended;
  }
}

/** The words {@link SpanChunk.isSameSpan} compares: times, parent id, flags. */
const SAME_SPAN_WORDS = [ROW_START_LO, ROW_START_HI, ROW_END_LO, ROW_END_HI, ROW_PARENT_HI, ROW_PARENT_LO, ROW_FLAGS];

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

/**
 * The span object of a row (see the file comment). Implements {@link SpanRecord} with
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
    return SPAN_KINDS[(this.#chunk.words[this.#row + ROW_KIND] as number) & KIND_MASK] ?? 'unspecified';
  }

  get sharedSpanId(): string | undefined {
    const copy = this.#chunk.copyOf(this.#row);
    if (copy === 0) return undefined;
    const w = this.#chunk.words;
    return halvesToHex(copyIdWord(w[this.#row + ROW_ID_HI] as number, copy, 0), copyIdWord(w[this.#row + ROW_ID_LO] as number, copy, 1));
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
