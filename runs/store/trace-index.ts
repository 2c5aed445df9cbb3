/**
 * All spans of one trace, indexed by span id and by parent id, so a tree of any size is built
 * lazily: `children(id)` is one lookup, never a scan. Roots are computed on demand and cached
 * until the next span arrives. Broken input cannot make the tree infinite: spans whose parent is
 * missing become roots (orphans), and parent cycles are broken by promoting one member to a root.
 *
 * The index keeps span rows (see `SpanChunk` in stored-span.ts), not span objects, and works on the
 * 64-bit ids as two 32-bit words in an {@link IdTable}: adding a span creates no object, no id string
 * and no map entry. Each id seen (as a span's id or as a parent id) gets an entry; an entry knows its
 * span (once arrived) and the spans naming it as their parent. Span objects are made when a query
 * returns them (once per span: the chunk keeps them).
 */
import type { SpanRecord } from './model';
import { fieldsOf, makeSpan } from './records';
import { CHUNK_WORDS, COPY_SHIFT, copyIdWord, ROW_ID_HI, ROW_ID_LO, ROW_KIND, ROW_PARENT_HI, ROW_PARENT_LO, writeHexId } from './span-row';
import { ENTRY_PAYLOAD, ENTRY_STRIDE, IdTable } from './id-table';
import { StoredSpan } from './stored-span';
import type { SpanChunk } from './stored-span';

const NONE: readonly SpanRecord[] = Object.freeze([]);

/** Scratch id words: span id high/low, parent id high/low (0, 0: none). */
const words = new Uint32Array(4);

/**
 * Fills {@link words} with a span's ids and its parent's in the tree: from its row when stored (a copy of a
 * shared span id hangs under the span with that id, see `copyIdWord`), parsed from the hex ids otherwise.
 */
function loadWords(span: SpanRecord): void {
  if (span instanceof StoredSpan) {
    const w = StoredSpan.chunkOf(span).words;
    const o = StoredSpan.rowOf(span);
    const copy = (w[o + ROW_KIND] as number) >>> COPY_SHIFT;
    words[0] = w[o + ROW_ID_HI] as number;
    words[1] = w[o + ROW_ID_LO] as number;
    words[2] = copy === 0 ? (w[o + ROW_PARENT_HI] as number) : copyIdWord(words[0] as number, copy, 0);
    words[3] = copy === 0 ? (w[o + ROW_PARENT_LO] as number) : copyIdWord(words[1] as number, copy, 1);
  } else {
    writeHexId(words, 0, span.spanId);
    writeHexId(words, 2, span.parentSpanId);
  }
}

interface Structure {
  readonly roots: readonly SpanRecord[];
  /** Spans promoted to roots although their parent is present (self-parents, cycle breakers). */
  readonly forced: ReadonlySet<SpanRecord>;
}

// Per span (arrival index i), the words at i * SPAN_STRIDE + …
/** The entry of the span's id. */
const S_ENTRY = 0;
/** Arrival index of the span's parent when present (itself for a self-parent), -1 otherwise. */
const S_PARENT = 1;
/** The next span with the same parent id (a linked list per entry, newest first), -1 at the end. */
const S_NEXT = 2;
/**
 * Union-find over span indices, linking each span with its parent as both arrive: linking two
 * spans already in one set means a parent cycle. Without one (the normal case) the roots are
 * simply the spans without a present parent, and no traversal is needed.
 */
const S_SET = 3;
/** The span's row: index in `chunks` × CHUNK_WORDS + offset in that chunk (a small integer). */
const S_ROW = 4;
const SPAN_STRIDE = 5;

// The payload words of an entry (an id seen as a span id or a parent id) in the id table, at
// e * ENTRY_STRIDE + …
/** Arrival index of the entry's span, -1 until it arrives. */
const E_SPAN = ENTRY_PAYLOAD;
/** The newest span (arrival index) naming the entry as its parent, -1 when none. */
const E_CHILD = ENTRY_PAYLOAD + 1;

/** {@link TraceIndex.addRow} results. */
export const NOT_ADDED = 0;
export const ADDED = 1;
export const ADDED_ERROR = 2;
export const ADDED_UNENDED = 4;

export class TraceIndex {
  /** The chunks holding the spans' rows (see stored-span.ts), usually one or two. */
  private readonly chunks: SpanChunk[] = [];
  private lastChunk: SpanChunk | undefined;
  private lastChunkIndex = -1;
  private count = 0;
  /** The span objects in arrival order, made up to its length when asked for. */
  private readonly list: SpanRecord[] = [];
  // Plain arrays of small integers, not typed arrays: most traces are small, and growing or
  // allocating typed arrays costs far more than growing an array of small integers.
  /** Per span: see S_*. */
  private readonly spanWords: number[] = [];
  /** The ids seen (entries), with E_SPAN and E_CHILD per entry. */
  private readonly ids = new IdTable();
  /** The parent id of the last span added and its entry (-1: none yet). */
  private lastParentHigh = 0;
  private lastParentLow = 0;
  private lastParentEntry = -1;
  /**
   * The children of an entry as `children` returns them (arrival order), built on first request
   * from the entry's linked list and dropped when a child arrives.
   */
  private readonly childLists = new Map<number, readonly SpanRecord[]>();

  private cache: (Structure & { readonly version: number }) | undefined;
  private version = 0;
  private hasCycle = false;
  /** Arrival index of the entry span (see {@link rootSpan}), -1 until a span without parent arrives. */
  private entrySpan = -1;
  /** Earliest start among the spans, epoch ms. */
  startTimeMs = Infinity;
  /** Latest end among the spans, epoch ms. */
  endTimeMs = -Infinity;
  errorCount = 0;
  unendedCount = 0;

  constructor(readonly traceId: string) {}

  /** Number of spans. */
  get size(): number {
    return this.count;
  }

  /** Wall-clock extent of the trace in ms (0 when empty). */
  get durationMs(): number {
    return this.count === 0 ? 0 : this.endTimeMs - this.startTimeMs;
  }

  /** Increases each time a span is added; lets views cache derived data. */
  get changeCount(): number {
    return this.version;
  }

  /**
   * Adds a span; returns false (and keeps the first) when the span id is already present (a run
   * keeps a different span with that id as a copy, see `Run`). A span not made by this module's
   * decoders or `makeSpan` is stored as a copy.
   */
  add(span: SpanRecord): boolean {
    const stored = span instanceof StoredSpan ? span : (makeSpan(fieldsOf(span)) as StoredSpan);
    return this.addRow(StoredSpan.chunkOf(stored), StoredSpan.rowOf(stored)) !== NOT_ADDED;
  }

  /**
   * Adds the span stored at `row` of `chunk` (see stored-span.ts). Returns {@link NOT_ADDED} when its id
   * is already present, else {@link ADDED} plus {@link ADDED_ERROR} / {@link ADDED_UNENDED} as they apply.
   */
  addRow(chunk: SpanChunk, row: number): number {
    const w = chunk.words;
    // A copy of a shared span id (see copyIdWord) hangs under the span that has the id.
    const copy = (w[row + ROW_KIND] as number) >>> COPY_SHIFT;
    const parentHigh = copy === 0 ? (w[row + ROW_PARENT_HI] as number) : copyIdWord(w[row + ROW_ID_HI] as number, copy, 0);
    const parentLow = copy === 0 ? (w[row + ROW_PARENT_LO] as number) : copyIdWord(w[row + ROW_ID_LO] as number, copy, 1);
    const e = this.ids.intern(w[row + ROW_ID_HI] as number, w[row + ROW_ID_LO] as number);
    const ew = this.ids.words;
    if ((ew[e * ENTRY_STRIDE + E_SPAN] as number) >= 0) return NOT_ADDED;
    const i = this.count++;
    const sw = this.spanWords;
    const at = i * SPAN_STRIDE;
    ew[e * ENTRY_STRIDE + E_SPAN] = i;
    // S_ENTRY, S_PARENT, S_NEXT, S_SET, S_ROW
    sw.push(e, -1, -1, i, (chunk === this.lastChunk ? this.lastChunkIndex : this.chunkIndex(chunk)) * CHUNK_WORDS + row);
    // Children that arrived first (exporters send children before their parents).
    for (let c = ew[e * ENTRY_STRIDE + E_CHILD] as number; c >= 0; c = sw[c * SPAN_STRIDE + S_NEXT] as number) {
      sw[c * SPAN_STRIDE + S_PARENT] = i;
      this.union(c, i);
    }
    const start = chunk.startMs(row);
    const nanos = chunk.durationNanos(row);
    const duration = nanos < 0 ? 0 : nanos / 1e6;
    if (parentHigh !== 0 || parentLow !== 0) {
      // Siblings mostly arrive one after another: their parent's entry is the previous span's.
      let pe = this.lastParentEntry;
      if (parentHigh !== this.lastParentHigh || parentLow !== this.lastParentLow || pe < 0) {
        pe = this.ids.intern(parentHigh, parentLow);
        this.lastParentHigh = parentHigh;
        this.lastParentLow = parentLow;
        this.lastParentEntry = pe;
      }
      const pw = this.ids.words;
      if (pe === e) {
        sw[at + S_PARENT] = i;
        this.hasCycle = true;
      } else {
        const p = pw[pe * ENTRY_STRIDE + E_SPAN] as number;
        if (p >= 0) {
          sw[at + S_PARENT] = p;
          this.union(i, p);
        }
      }
      sw[at + S_NEXT] = pw[pe * ENTRY_STRIDE + E_CHILD] as number;
      pw[pe * ENTRY_STRIDE + E_CHILD] = i;
      if (this.childLists.size > 0) this.childLists.delete(pe);
    } else if (this.entrySpan < 0 || this.isEarlier(start, duration, this.entrySpan)) this.entrySpan = i;
    if (start < this.startTimeMs) this.startTimeMs = start;
    if (start + duration > this.endTimeMs) this.endTimeMs = start + duration;
    let added = ADDED;
    if (chunk.isError(row)) {
      this.errorCount++;
      added |= ADDED_ERROR;
    }
    if (nanos < 0 || chunk.isMarkedUnended(row)) {
      this.unendedCount++;
      added |= ADDED_UNENDED;
    }
    this.version++;
    return added;
  }

  /** Whether the span this trace has under the row's span id is the row's span sent again (see `SpanChunk.isSameSpan`). */
  holdsSameSpan(chunk: SpanChunk, row: number): boolean {
    const w = chunk.words;
    const i = this.spanOfEntry(this.ids.find(w[row + ROW_ID_HI] as number, w[row + ROW_ID_LO] as number));
    if (i < 0) return false;
    const packed = this.spanWords[i * SPAN_STRIDE + S_ROW] as number;
    return chunk.isSameSpan(row, this.chunks[Math.floor(packed / CHUNK_WORDS)] as SpanChunk, packed % CHUNK_WORDS);
  }

  span(spanId: string): SpanRecord | undefined {
    const i = this.indexOf(spanId);
    return i < 0 ? undefined : this.spanAt(i);
  }

  /** Every span, in arrival order. */
  spans(): readonly SpanRecord[] {
    const list = this.list;
    for (let i = list.length; i < this.count; i++) list.push(this.spanAt(i));
    return list;
  }

  /** Top-level spans: true roots, orphans (parent not received) and cycle breakers; arrival order. */
  roots(): readonly SpanRecord[] {
    return this.structure().roots;
  }

  /**
   * The trace's entry span: the earliest-starting span without a parent (kept up to date as spans
   * arrive, so this is O(1)); when that has not arrived, the earliest-starting top-level span.
   */
  rootSpan(): SpanRecord | undefined {
    if (this.entrySpan >= 0) return this.spanAt(this.entrySpan);
    let best: SpanRecord | undefined;
    for (const root of this.roots()) if (best === undefined || root.startTimeMs < best.startTimeMs || (root.startTimeMs === best.startTimeMs && root.durationMs > best.durationMs)) best = root;
    return best;
  }

  /** Direct children of a span, arrival order. O(1) once asked for, unless the trace contains parent cycles. */
  children(spanId: string): readonly SpanRecord[] {
    const i = this.indexOf(spanId);
    if (i < 0) return NONE;
    const children = this.childrenOfEntry(this.spanWords[i * SPAN_STRIDE + S_ENTRY] as number);
    if (children.length === 0) return NONE;
    const forced = this.structure().forced;
    return forced.size === 0 ? children : children.filter((c) => !forced.has(c));
  }

  hasChildren(spanId: string): boolean {
    return this.children(spanId).length > 0;
  }

  /** The parent of a span as shown in the tree (undefined for roots). */
  parentOf(span: SpanRecord): SpanRecord | undefined {
    loadWords(span);
    const parentHigh = words[2] as number;
    const parentLow = words[3] as number;
    if (parentHigh === 0 && parentLow === 0) return undefined;
    const forced = this.structure().forced;
    if (forced.size > 0) {
      const i = this.spanOfEntry(this.ids.find(words[0] as number, words[1] as number));
      if (i >= 0 && forced.has(this.spanAt(i))) return undefined;
    }
    const p = this.spanOfEntry(this.ids.find(parentHigh, parentLow));
    return p < 0 ? undefined : this.spanAt(p);
  }

  /** The span object of arrival index `i`. */
  private spanAt(i: number): SpanRecord {
    const sw = this.spanWords;
    const packed = sw[i * SPAN_STRIDE + S_ROW] as number;
    return (this.chunks[Math.floor(packed / CHUNK_WORDS)] as SpanChunk).spanAt(packed % CHUNK_WORDS);
  }

  private chunkIndex(chunk: SpanChunk): number {
    let k = this.chunks.lastIndexOf(chunk);
    if (k < 0) k = this.chunks.push(chunk) - 1;
    this.lastChunk = chunk;
    this.lastChunkIndex = k;
    return k;
  }

  /** Whether a span starting at `start` lasting `duration` ms comes before span `j`: earlier start, or on equal starts the longer one (the enclosing one). */
  private isEarlier(start: number, duration: number, j: number): boolean {
    const sw = this.spanWords;
    const packed = sw[j * SPAN_STRIDE + S_ROW] as number;
    const chunk = this.chunks[Math.floor(packed / CHUNK_WORDS)] as SpanChunk;
    const row = packed % CHUNK_WORDS;
    const other = chunk.startMs(row);
    return start < other || (start === other && duration > chunk.durationMs(row));
  }

  /** The spans naming entry `e` as their parent, arrival order (cached until one more arrives). */
  private childrenOfEntry(e: number): readonly SpanRecord[] {
    const cached = this.childLists.get(e);
    if (cached !== undefined) return cached;
    const sw = this.spanWords;
    const children: SpanRecord[] = [];
    for (let c = this.ids.words[e * ENTRY_STRIDE + E_CHILD] as number; c >= 0; c = sw[c * SPAN_STRIDE + S_NEXT] as number) children.push(this.spanAt(c));
    children.reverse();
    this.childLists.set(e, children);
    return children;
  }

  private spanOfEntry(e: number): number {
    return e < 0 ? -1 : (this.ids.words[e * ENTRY_STRIDE + E_SPAN] as number);
  }

  /** Arrival index of the span with this id, -1 when absent. */
  private indexOf(spanId: string): number {
    if (writeHexId(words, 0, spanId)) return this.spanOfEntry(this.ids.find(words[0] as number, words[1] as number));
    // Not a hex id (hand-made test data): compare the texts.
    for (let i = 0; i < this.count; i++) if (this.spanAt(i).spanId === spanId) return i;
    return -1;
  }

  private findSet(i: number): number {
    const sw = this.spanWords;
    let x = i;
    for (;;) {
      const next = sw[x * SPAN_STRIDE + S_SET] as number;
      if (next === x) return x;
      sw[x * SPAN_STRIDE + S_SET] = sw[next * SPAN_STRIDE + S_SET] as number; // path halving
      x = next;
    }
  }

  private union(a: number, b: number): void {
    const ra = this.findSet(a);
    const rb = this.findSet(b);
    if (ra === rb) this.hasCycle = true;
    else this.spanWords[ra * SPAN_STRIDE + S_SET] = rb;
  }

  private structure(): Structure {
    if (this.cache?.version === this.version) return this.cache;
    const forced = new Set<SpanRecord>();
    const roots: SpanRecord[] = [];
    const sw = this.spanWords;
    const n = this.count;
    for (let i = 0; i < n; i++) {
      const p = sw[i * SPAN_STRIDE + S_PARENT] as number;
      if (p < 0) roots.push(this.spanAt(i));
      else if (p === i) {
        const span = this.spanAt(i);
        roots.push(span);
        forced.add(span);
      }
    }
    // Rare: parent cycles (broken input). A traversal finds the spans they cut off.
    if (this.hasCycle) {
      const seen = new Uint8Array(n);
      const top: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = sw[i * SPAN_STRIDE + S_PARENT] as number;
        if (p < 0 || p === i) top.push(i);
      }
      if (this.markReachable(top, seen) < n) {
        // Parent cycles: promote the first unreachable span of each cycle, in arrival order.
        for (let i = 0; i < n; i++) {
          if (seen[i] === 1) continue;
          const span = this.spanAt(i);
          roots.push(span);
          forced.add(span);
          this.markReachable([i], seen);
        }
      }
    }
    this.cache = { version: this.version, roots, forced };
    return this.cache;
  }

  /**
   * Breadth-first marking of the spans reachable from `from` (arrival indices) in `seen`; returns
   * how many were newly marked. Iterative: deep chains cannot overflow the stack. A marked span is
   * never entered again, so spans already promoted (marked when promoted) stay roots.
   */
  private markReachable(from: readonly number[], seen: Uint8Array): number {
    const sw = this.spanWords;
    const ew = this.ids.words;
    let marked = 0;
    const queue: number[] = [];
    for (const i of from) {
      if (seen[i] === 1) continue;
      seen[i] = 1;
      marked++;
      queue.push(i);
    }
    for (let head = 0; head < queue.length; head++) {
      const e = sw[(queue[head] as number) * SPAN_STRIDE + S_ENTRY] as number;
      for (let c = ew[e * ENTRY_STRIDE + E_CHILD] as number; c >= 0; c = sw[c * SPAN_STRIDE + S_NEXT] as number) {
        if (seen[c] === 1) continue;
        seen[c] = 1;
        marked++;
        queue.push(c);
      }
    }
    return marked;
  }
}

