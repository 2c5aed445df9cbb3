/**
 * The exposition serializer: Prometheus text 0.0.4 and OpenMetrics 1.0 written as bytes straight from
 * family storage. Reused across scrapes: per family, its header lines and sample-name/`le` fragments,
 * pre-encoded per format; per label value, its escaped UTF-8 bytes (in one arena per label, encoded once,
 * shared by every series with that value). Within a series, the `name{labels` prefix is written once and
 * copied for the other lines. Output goes out in 64 KiB chunks (see byte-writer.ts), so no large buffer is
 * ever allocated or grown; `ExpositionSlices` writes it a slice at a time (the /metrics server keeps the
 * chunks of one exposition, shared by concurrent scrapes). Families appear in declaration order, series in
 * creation order.
 */
import type { ExemplarSlots } from '../metrics/exemplar-slots';
import type { FamilyBase } from '../metrics/family';
import { HISTOGRAM_BUCKETS_AT } from '../metrics/histogram';
import type { HistogramFamily } from '../metrics/histogram';
import type { Composite } from '../metrics/types';
import { ByteWriter, CHUNK_SIZE, utf8 } from './byte-writer';
import type { ChunkSink } from './byte-writer';
import { escapeHelpOpenMetrics, escapeHelpText, escapeLabelValue, formatBound, formatNumber, WINDOW_STATS, windowBaseName } from './text-format';

type Format = 'prometheus' | 'openmetrics';

/** Pre-encoded text of one family in one format. */
interface FamilyBytes {
  readonly header: Buffer;
  /** `name{` (histograms: `name_bucket{`) and `name ` for unlabelled counters and gauges. */
  readonly open: Buffer;
  readonly plain: Buffer;
  /** Histograms: `,le="0.5"} ` per bucket, and `le="0.5"} ` for the unlabelled series. */
  readonly le: readonly Buffer[];
  readonly leOnly: readonly Buffer[];
  readonly sumOpen: Buffer;
  readonly sumPlain: Buffer;
  readonly countOpen: Buffer;
  readonly countPlain: Buffer;
  readonly hasSum: boolean;
  /** Longest `le` fragment. */
  readonly maxLe: number;
}

/** Escaped UTF-8 bytes of one label's values, by value id, in one arena. */
class ValueBytes {
  arena = new Uint8Array(256);
  used = 0;
  start = new Int32Array(16).fill(-1);
  end = new Int32Array(16);

  /** Encodes value `id` once. */
  ensure(id: number, value: string): void {
    if (id < this.start.length && (this.start[id] as number) >= 0) return;
    if (id >= this.start.length) {
      let size = this.start.length * 2;
      while (size <= id) size *= 2;
      const start = new Int32Array(size).fill(-1);
      start.set(this.start);
      const end = new Int32Array(size);
      end.set(this.end);
      this.start = start;
      this.end = end;
    }
    const bytes = utf8(escapeLabelValue(value));
    if (this.used + bytes.length > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + bytes.length) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    this.arena.set(bytes, this.used);
    this.start[id] = this.used;
    this.used += bytes.length;
    this.end[id] = this.used;
  }
}

interface FamilyCache {
  formats: Partial<Record<Format, FamilyBytes>>;
  /** Per label: `model="` for the first, `,status="` for the others. */
  readonly labelPrefix: readonly Buffer[];
  readonly values: readonly ValueBytes[];
}

const caches = new WeakMap<FamilyBase, FamilyCache>();

const NEWLINE = 10;
const QUOTE = 34;
const CLOSE = utf8('} ');
const EOF = utf8('# EOF\n');
const EXEMPLAR_OPEN = utf8(' # {trace_id="');
const EXEMPLAR_SPAN = utf8('",span_id="');
const EXEMPLAR_CLOSE = utf8('"} ');

/**
 * Serializes `families` in `format` into chunks handed to `sink` (each chunk is the sink's to keep).
 * `now` is the monotonic time for exported windows.
 */
export function writeExposition(families: readonly FamilyBase[], format: Format, now: number, sink: ChunkSink): void {
  const out = new ByteWriter(CHUNK_SIZE, sink);
  for (const family of families) writeFamily(out, family, format, now);
  if (format === 'openmetrics') out.bytes(EOF);
  out.end();
}

function writeFamily(out: ByteWriter, family: FamilyBase, format: Format, now: number): void {
  out.bytes(bytesOf(family, format).header);
  writeRows(out, family, format, 1, family.rows);
  if (family.spec.exportWindow) writeWindows(out, family, cacheOf(family), format === 'openmetrics', now);
}

function bytesOf(family: FamilyBase, format: Format): FamilyBytes {
  const cache = cacheOf(family);
  let fb = cache.formats[format];
  if (fb === undefined) {
    fb = buildFamilyBytes(family, format);
    cache.formats[format] = fb;
  }
  return fb;
}

/** Writes the sample lines of rows [from, to). */
function writeRows(out: ByteWriter, family: FamilyBase, format: Format, from: number, to: number): void {
  const cache = cacheOf(family);
  const fb = bytesOf(family, format);
  if (family.spec.kind === 'histogram') writeHistogram(out, family as HistogramFamily, cache, fb, format === 'openmetrics', from, to);
  else writeScalar(out, family, cache, fb, format === 'openmetrics', from, to);
}

/** Rows written between two checks of a slice's byte budget. */
const ROWS_PER_CHECK = 256;

/**
 * An exposition written a slice at a time, so a large one never blocks the event loop for long: each
 * `step` writes series until about `budgetBytes` more have been written, and says whether the exposition
 * is complete. The families are those at the start (a declaration made meanwhile waits for the next
 * scrape); series created meanwhile are included when their family has not been written yet. `now` (for
 * exported windows) is fixed at the start.
 */
export class ExpositionSlices {
  private readonly families: readonly FamilyBase[];
  private readonly out: ByteWriter;
  /** The family being written, and its next row (0: its header is next). */
  private next = 0;
  private row = 0;
  private written = 0;

  constructor(families: readonly FamilyBase[], private readonly format: Format, private readonly now: number, sink: ChunkSink) {
    this.families = families.slice();
    this.out = new ByteWriter(CHUNK_SIZE, (chunk) => {
      this.written += chunk.length;
      sink(chunk);
    });
  }

  /** Writes the next slice; true once the whole exposition (and `# EOF`) has gone to the sink. */
  step(budgetBytes: number): boolean {
    const out = this.out;
    const stopAt = this.written + out.pos + budgetBytes;
    while (this.next < this.families.length && this.written + out.pos < stopAt) {
      const family = this.families[this.next] as FamilyBase;
      if (this.row === 0) {
        out.bytes(bytesOf(family, this.format).header);
        this.row = 1;
      }
      const to = Math.min(family.rows, this.row + ROWS_PER_CHECK);
      writeRows(out, family, this.format, this.row, to);
      this.row = to;
      if (to < family.rows) continue;
      if (family.spec.exportWindow) writeWindows(out, family, cacheOf(family), this.format === 'openmetrics', this.now);
      this.next++;
      this.row = 0;
    }
    if (this.next < this.families.length) return false;
    if (this.format === 'openmetrics') this.out.bytes(EOF);
    this.out.end();
    return true;
  }
}

/** Serializes `families` into one buffer (tests, in-process readers; the server streams instead). */
export function serializeExposition(families: readonly FamilyBase[], format: Format, now: number): Buffer {
  const chunks: Buffer[] = [];
  writeExposition(families, format, now, (chunk) => chunks.push(chunk));
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function cacheOf(family: FamilyBase): FamilyCache {
  let cache = caches.get(family);
  if (cache === undefined) {
    const names = family.spec.labelNames;
    cache = { formats: {}, labelPrefix: names.map((n, j) => utf8(`${j === 0 ? '' : ','}${n}="`)), values: names.map(() => new ValueBytes()) };
    caches.set(family, cache);
  }
  return cache;
}

/** Most bytes a formatted sample value takes (`-1.2345678901234567e-300` is 24). */
const NUMBER_MAX = 32;
/** Most bytes an exemplar adds to a line: the fixed text, both ids, the value and the timestamp. */
const EXEMPLAR_MAX = 32 + 32 + 16 + 2 * NUMBER_MAX;

/** Copies a whole fragment (TypedArray#set: a memcpy, no allocation). */
function put(buf: Buffer, pos: number, src: Buffer): number {
  buf.set(src, pos);
  return pos + src.length;
}

/** Copies `buf[start, end)`, written earlier for the same series, to `pos` (a memmove, no allocation). */
function again(buf: Buffer, pos: number, start: number, end: number): number {
  buf.copyWithin(pos, start, end);
  return pos + end - start;
}

/** Writes a sample value: non-negative 31-bit integers digit by digit, anything else (-0 too) via formatNumber. */
function putNumber(buf: Buffer, pos: number, v: number): number {
  if (v >= 0 && v < 2147483648 && (v | 0) === v && (v !== 0 || 1 / v > 0)) {
    let digits = 1;
    for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
    let p = pos + digits - 1;
    let n = v;
    do {
      buf[p--] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
    return pos + digits;
  }
  return putAscii(buf, pos, formatNumber(v));
}

/** Encodes the label values of `row` (once per value) and returns the length of its label block. */
function labelBlockLength(family: FamilyBase, cache: FamilyCache, row: number): number {
  const index = family.index;
  if (index === undefined) return 0;
  let len = 0;
  for (let j = 0; j < cache.labelPrefix.length; j++) {
    const id = index.idOf(row, j);
    const vb = cache.values[j] as ValueBytes;
    vb.ensure(id, index.values[j]?.[id] as string);
    len += (cache.labelPrefix[j] as Buffer).length + (vb.end[id] as number) - (vb.start[id] as number) + 1;
  }
  return len;
}

/** Writes the label block of `row` (`model="bert",status="ok"`); values must be encoded already. */
function putLabels(buf: Buffer, pos: number, family: FamilyBase, cache: FamilyCache, row: number): number {
  const index = family.index as NonNullable<FamilyBase['index']>;
  for (let j = 0; j < cache.labelPrefix.length; j++) {
    const id = index.idOf(row, j);
    const vb = cache.values[j] as ValueBytes;
    pos = put(buf, pos, cache.labelPrefix[j] as Buffer);
    const arena = vb.arena;
    const end = vb.end[id] as number;
    for (let i = vb.start[id] as number; i < end; i++) buf[pos++] = arena[i] as number;
    buf[pos++] = QUOTE;
  }
  return pos;
}

/** The end of a sample line: `close` (`} ` or `,le="0.5"} `), the value, a newline. */
function putTail(buf: Buffer, pos: number, close: Buffer, value: number): number {
  pos = put(buf, pos, close);
  pos = putNumber(buf, pos, value);
  buf[pos++] = NEWLINE;
  return pos;
}

/**
 * OpenMetrics: appends the exemplar in `slot` to the line that ends at `pos` (its newline is replaced):
 * ` # {trace_id="…",span_id="…"} value timestamp`. Lines without a (well-formed) exemplar are unchanged.
 */
function putExemplar(buf: Buffer, pos: number, x: ExemplarSlots | null, slot: number): number {
  if (x === null || !x.has(slot)) return pos;
  pos = put(buf, pos - 1, EXEMPLAR_OPEN);
  pos = putAscii(buf, pos, x.traceIds[slot] as string);
  pos = put(buf, pos, EXEMPLAR_SPAN);
  pos = putAscii(buf, pos, x.spanIds[slot] as string);
  pos = put(buf, pos, EXEMPLAR_CLOSE);
  pos = putNumber(buf, pos, x.values[slot] as number);
  buf[pos++] = 32;
  pos = putAscii(buf, pos, formatNumber((x.times[slot] as number) / 1000));
  buf[pos++] = NEWLINE;
  return pos;
}

/** Writes an ASCII string (ids and formatted numbers: checked or produced as ASCII). */
function putAscii(buf: Buffer, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}

/** An unlabelled sample line: `name ` and the value. */
function putPlain(buf: Buffer, pos: number, plain: Buffer, value: number): number {
  pos = put(buf, pos, plain);
  pos = putNumber(buf, pos, value);
  buf[pos++] = NEWLINE;
  return pos;
}

/** Writes the sample lines of rows [from, to) of a counter or gauge (OpenMetrics counters: with exemplars). */
function writeScalar(out: ByteWriter, family: FamilyBase, cache: FamilyCache, fb: FamilyBytes, om: boolean, from: number, to: number): void {
  const d = family.d;
  const stride = family.stride;
  const labelled = family.index !== undefined;
  const x = om ? family.x : null;
  const extra = x === null ? 0 : EXEMPLAR_MAX;
  for (let row = from; row < to; row++) {
    const value = d[row * stride] as number;
    if (!labelled) {
      out.reserve(fb.plain.length + NUMBER_MAX + 1 + extra);
      out.pos = putExemplar(out.buf, putPlain(out.buf, out.pos, fb.plain, value), x, row);
      continue;
    }
    const labels = labelBlockLength(family, cache, row);
    out.reserve(fb.open.length + labels + CLOSE.length + NUMBER_MAX + 1 + extra);
    const buf = out.buf;
    let pos = put(buf, out.pos, fb.open);
    pos = putLabels(buf, pos, family, cache, row);
    out.pos = putExemplar(buf, putTail(buf, pos, CLOSE, value), x, row);
  }
}

/** Writes the bucket, count and sum lines of rows [from, to) of a histogram. */
function writeHistogram(out: ByteWriter, family: HistogramFamily, cache: FamilyCache, fb: FamilyBytes, om: boolean, from: number, to: number): void {
  const d = family.d;
  const stride = family.stride;
  const buckets = family.b.length + 1;
  const labelled = family.index !== undefined;
  const x = om ? family.x : null;
  const lineMax = Math.max(fb.open.length, fb.sumOpen.length, fb.countOpen.length) + fb.maxLe + NUMBER_MAX + 2 + (x === null ? 0 : EXEMPLAR_MAX);
  for (let row = from; row < to; row++) {
    const o = row * stride;
    const labels = labelled ? labelBlockLength(family, cache, row) : 0;
    out.reserve((buckets + 2) * (lineMax + labels));
    const buf = out.buf;
    let pos = out.pos;
    // The first bucket line writes `name_bucket{labels`; the others copy that prefix in one move.
    const prefixStart = pos;
    pos = put(buf, pos, fb.open);
    const labelStart = pos;
    if (labelled) pos = putLabels(buf, pos, family, cache, row);
    const labelEnd = pos;
    let cumulative = 0;
    for (let k = 0; k < buckets; k++) {
      if (k > 0) pos = again(buf, pos, prefixStart, labelEnd);
      cumulative += d[o + HISTOGRAM_BUCKETS_AT + k] as number;
      pos = putTail(buf, pos, (labelled ? fb.le[k] : fb.leOnly[k]) as Buffer, cumulative);
      if (x !== null) pos = putExemplar(buf, pos, x, row * buckets + k);
    }
    const count = d[o] as number;
    const sum = d[o + 1] as number;
    if (om) pos = putSummaryLine(buf, pos, labelled, fb.countOpen, fb.countPlain, labelStart, labelEnd, count);
    if (fb.hasSum) pos = putSummaryLine(buf, pos, labelled, fb.sumOpen, fb.sumPlain, labelStart, labelEnd, sum);
    if (!om) pos = putSummaryLine(buf, pos, labelled, fb.countOpen, fb.countPlain, labelStart, labelEnd, count);
    out.pos = pos;
  }
}

/** A histogram's `_sum` or `_count` line, reusing the series' label block written at `labelStart`. */
function putSummaryLine(buf: Buffer, pos: number, labelled: boolean, open: Buffer, plain: Buffer, labelStart: number, labelEnd: number, value: number): number {
  if (!labelled) return putPlain(buf, pos, plain, value);
  pos = put(buf, pos, open);
  pos = again(buf, pos, labelStart, labelEnd);
  return putTail(buf, pos, CLOSE, value);
}

/** Exported windows: one gauge family per statistic, the same series as the metric. */
function writeWindows(out: ByteWriter, family: FamilyBase, cache: FamilyCache, om: boolean, now: number): void {
  const composites: Composite[] = [];
  for (let row = 1; row < family.rows; row++) composites.push(family.window(row * family.stride, false).composite(now));
  const base = windowBaseName(family.spec.kind, family.spec.name);
  const labelled = family.index !== undefined;
  for (const stat of WINDOW_STATS) {
    const name = `${base}_window_${stat}`;
    const help = `${family.spec.description} (${stat} over a sliding ${family.spec.window.seconds}s window)`;
    out.bytes(utf8(`# HELP ${name} ${om ? escapeHelpOpenMetrics(help) : escapeHelpText(help)}\n# TYPE ${name} gauge\n`));
    const open = utf8(`${name}{`);
    const plain = utf8(`${name} `);
    for (let row = 1; row < family.rows; row++) {
      const value = (composites[row - 1] as Composite)[stat];
      const labels = labelled ? labelBlockLength(family, cache, row) : 0;
      out.reserve(open.length + labels + CLOSE.length + NUMBER_MAX + 1);
      if (!labelled) {
        out.pos = putPlain(out.buf, out.pos, plain, value);
        continue;
      }
      const pos = putLabels(out.buf, put(out.buf, out.pos, open), family, cache, row);
      out.pos = putTail(out.buf, pos, CLOSE, value);
    }
  }
}


function buildFamilyBytes(family: FamilyBase, format: Format): FamilyBytes {
  const om = format === 'openmetrics';
  const { name, kind, description, unit } = family.spec;
  const familyName = om && kind === 'counter' ? name.slice(0, -'_total'.length) : name;
  let header = `# HELP ${familyName} ${om ? escapeHelpOpenMetrics(description) : escapeHelpText(description)}\n# TYPE ${familyName} ${kind}\n`;
  if (om && unit !== undefined && familyName.endsWith(`_${unit}`)) header += `# UNIT ${familyName} ${unit}\n`;
  const bounds = kind === 'histogram' ? Array.from((family as HistogramFamily).b) : [];
  const le = [...bounds.map((b) => formatBound(b, om)), '+Inf'];
  const sample = kind === 'histogram' ? `${name}_bucket` : name;
  return {
    header: utf8(header),
    open: utf8(`${sample}{`),
    plain: utf8(`${sample} `),
    le: le.map((v) => utf8(`,le="${v}"} `)),
    leOnly: le.map((v) => utf8(`le="${v}"} `)),
    sumOpen: utf8(`${name}_sum{`),
    sumPlain: utf8(`${name}_sum `),
    countOpen: utf8(`${name}_count{`),
    countPlain: utf8(`${name}_count `),
    hasSum: !(om && bounds.some((b) => b < 0)),
    maxLe: Math.max(...le.map((v) => `,le="${v}"} `.length)),
  };
}
