/**
 * One run: the telemetry of one traced program execution (or one imported file). Bounded: past
 * `maxSpans` new spans are dropped and counted; logs keep the newest `maxLogs`; metrics are limited
 * per series. Implements {@link TelemetrySink}, so a receiver writes into it directly.
 */
import { LogBuffer } from './log-buffer';
import { MetricStore } from './metric-store';
import type { SpanRowBatch, SpanRowSink } from '../decode/decoded-batch';
import type { LogEntry, MetricData, SpanRecord, TelemetrySink } from './model';
import { fieldsOf, makeSpan } from './records';
import { MAX_ID_COPIES, ROW_WORDS } from './span-row';
import { StoredSpan } from './stored-span';
import type { SpanChunk } from './stored-span';
import { ADDED_ERROR, ADDED_UNENDED, NOT_ADDED, TraceIndex } from './trace-index';

/** Limits of one run. */
export interface RunLimits {
  readonly maxSpans: number;
  readonly maxLogs: number;
  readonly maxSeries: number;
  readonly maxPointsPerSeries: number;
}

/** `running`: a program is sending; `finished`: it exited; `imported`: loaded from a file. */
export type RunState = 'running' | 'finished' | 'imported';

/** What a run is, for labels and tooltips. */
export interface RunDescription {
  readonly label: string;
  /** The command line, when the run came from a program. */
  readonly command?: string;
  /** The file, when the run was imported. */
  readonly filePath?: string;
}

/** Counters shown to the user ("12,345 spans · 3 dropped"). */
export interface RunStats {
  readonly spanCount: number;
  readonly traceCount: number;
  readonly errorSpanCount: number;
  readonly unendedSpanCount: number;
  /** Spans dropped because the run reached `maxSpans`. */
  readonly droppedSpanCount: number;
  /**
   * Spans received again (an exporter's retry: same trace and span id, times, parent, kind, name and
   * status; the first is kept), or past {@link MAX_ID_COPIES} spans sharing one id (rejected).
   */
  readonly duplicateSpanCount: number;
  /**
   * Spans that came with the span id of an earlier, different span of their trace (Zipkin-style shared
   * client/server ids): kept, under an id of their own, as children of that span (`span.sharedSpanId`).
   */
  readonly sharedIdSpanCount: number;
  readonly metricPointCount: number;
  readonly droppedMetricPointCount: number;
  readonly seriesCount: number;
  readonly logCount: number;
  readonly droppedLogCount: number;
}

/** What changed in a run, for store notifications. */
export type RunChangeKind = 'spans' | 'metrics' | 'logs' | 'state';

export class Run implements TelemetrySink, SpanRowSink {
  private readonly traceMap = new Map<string, TraceIndex>();
  /** Spans of one trace mostly arrive together: the trace of the previous span, looked up once per run of them. */
  private lastTrace: TraceIndex | undefined;
  private spanTotal = 0;
  private errorTotal = 0;
  private unendedTotal = 0;
  private droppedSpans = 0;
  private duplicateSpans = 0;
  private sharedIdSpans = 0;
  private currentState: RunState;
  private exit: number | undefined;
  private ended: number | undefined;
  readonly metrics: MetricStore;
  readonly logs: LogBuffer;
  /** Epoch ms when the run was created. */
  readonly createdAtMs = Date.now();

  /** @internal Use {@link RunStore.createRun}. */
  constructor(
    readonly id: string,
    readonly description: RunDescription,
    state: RunState,
    private readonly limits: RunLimits,
    private readonly changed: (run: Run, kind: RunChangeKind) => void,
  ) {
    this.currentState = state;
    this.metrics = new MetricStore({ maxSeries: limits.maxSeries, maxPointsPerSeries: limits.maxPointsPerSeries });
    this.logs = new LogBuffer(limits.maxLogs);
  }

  get label(): string {
    return this.description.label;
  }

  get state(): RunState {
    return this.currentState;
  }

  /** The program's exit code, once finished (undefined for imported runs or when unknown). */
  get exitCode(): number | undefined {
    return this.exit;
  }

  /** Epoch ms when the program exited. */
  get endedAtMs(): number | undefined {
    return this.ended;
  }

  /** Marks a running run finished. */
  finish(exitCode: number | undefined): void {
    if (this.currentState !== 'running') return;
    this.currentState = 'finished';
    this.exit = exitCode;
    this.ended = Date.now();
    this.changed(this, 'state');
  }

  stats(): RunStats {
    return {
      spanCount: this.spanTotal,
      traceCount: this.traceMap.size,
      errorSpanCount: this.errorTotal,
      unendedSpanCount: this.unendedTotal,
      droppedSpanCount: this.droppedSpans,
      duplicateSpanCount: this.duplicateSpans,
      sharedIdSpanCount: this.sharedIdSpans,
      metricPointCount: this.metrics.pointCount,
      droppedMetricPointCount: this.metrics.droppedPointCount,
      seriesCount: this.metrics.series().length,
      logCount: this.logs.size,
      droppedLogCount: this.logs.droppedCount,
    };
  }

  /** Traces in order of first arrival. */
  traces(): readonly TraceIndex[] {
    return [...this.traceMap.values()];
  }

  trace(traceId: string): TraceIndex | undefined {
    return this.traceMap.get(traceId);
  }

  span(traceId: string, spanId: string): SpanRecord | undefined {
    return this.traceMap.get(traceId)?.span(spanId);
  }

  /** Every span of the run, trace by trace. */
  *spans(): IterableIterator<SpanRecord> {
    for (const trace of this.traceMap.values()) yield* trace.spans();
  }

  addSpans(spans: readonly SpanRecord[]): number {
    let rejected = 0;
    for (const span of spans) {
      // Spans made elsewhere than by this module's decoders or `makeSpan` are stored as copies.
      const stored = span instanceof StoredSpan ? span : (makeSpan(fieldsOf(span)) as StoredSpan);
      if (!this.addRow(StoredSpan.chunkOf(stored), StoredSpan.rowOf(stored), stored !== span)) rejected++;
    }
    if (spans.length > 0) this.changed(this, 'spans');
    return rejected;
  }

  /** {@link addSpans} for decoded span rows: stores the rows as they are (no span objects are made). */
  addSpanRows(batch: SpanRowBatch): number {
    let rejected = 0;
    for (const { chunk, start, end } of batch.ranges) {
      for (let row = start; row < end; row += ROW_WORDS) if (!this.addRow(chunk, row, true)) rejected++;
    }
    if (batch.size > 0) this.changed(this, 'spans');
    return rejected;
  }

  /**
   * Stores one span row; false when it is rejected (the run is full, or too many spans share its id).
   * Resent spans are counted, not rejected. `isOwnRow`: the row is this run's to change (fresh from a
   * decoder), else a span sharing an id is stored from a copy of the row.
   */
  private addRow(chunk: SpanChunk, row: number, isOwnRow: boolean): boolean {
    if (this.spanTotal >= this.limits.maxSpans) {
      this.droppedSpans++;
      return false;
    }
    const traceId = chunk.traceId(row);
    let trace = this.lastTrace;
    if (trace?.traceId !== traceId) {
      trace = this.traceMap.get(traceId);
      if (trace === undefined) {
        trace = new TraceIndex(traceId);
        this.traceMap.set(traceId, trace);
      }
      this.lastTrace = trace;
    }
    let added = trace.addRow(chunk, row);
    if (added === NOT_ADDED) {
      added = addSharingId(trace, chunk, row, isOwnRow);
      if (added === RESENT || added === NOT_ADDED) {
        this.duplicateSpans++;
        return added === RESENT;
      }
      this.sharedIdSpans++;
    }
    this.spanTotal++;
    if ((added & ADDED_ERROR) !== 0) this.errorTotal++;
    if ((added & ADDED_UNENDED) !== 0) this.unendedTotal++;
    return true;
  }

  addMetrics(metrics: readonly MetricData[]): number {
    let rejected = 0;
    for (const metric of metrics) rejected += this.metrics.add(metric);
    if (metrics.length > 0) this.changed(this, 'metrics');
    return rejected;
  }

  addLogs(logs: readonly LogEntry[]): number {
    for (const entry of logs) this.logs.add(entry);
    if (logs.length > 0) this.changed(this, 'logs');
    return 0;
  }
}

/** {@link addSharingId}: the span was already there. */
const RESENT = -1;

/**
 * Adds a span whose id its trace already has: {@link RESENT} when it is the same span sent again (an
 * exporter's retry), else the next free copy of the id (see `copyIdWord`), or NOT_ADDED past
 * {@link MAX_ID_COPIES}. A row that is not `isOwnRow` is copied before its id is changed.
 */
function addSharingId(trace: TraceIndex, chunk: SpanChunk, row: number, isOwnRow: boolean): number {
  if (trace.holdsSameSpan(chunk, row)) return RESENT;
  let c = chunk;
  let r = row;
  if (!isOwnRow) {
    const remade = makeSpan(fieldsOf(chunk.spanAt(row))) as StoredSpan;
    c = StoredSpan.chunkOf(remade);
    r = StoredSpan.rowOf(remade);
  }
  for (let copy = 1; copy <= MAX_ID_COPIES; copy++) {
    c.setCopy(r, copy);
    const added = trace.addRow(c, r);
    if (added !== NOT_ADDED) return added;
    if (trace.holdsSameSpan(c, r)) return RESENT;
  }
  return NOT_ADDED;
}
