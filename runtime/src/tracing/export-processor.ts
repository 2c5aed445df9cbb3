/**
 * The span processor of Statscope's SDK: a batching export queue (like the OTel BatchSpanProcessor)
 * that also keeps track of started-but-unended spans, counts every drop, and can hand its remaining
 * spans to a synchronous sender from the `exit` event, so that no span of an exiting program is lost.
 *
 * Bursts: a batch is exported as soon as it is full, up to MAX_CONCURRENT_EXPORTS at once. A program in
 * a tight loop gives those exports no chance to progress, so once every export slot is taken, each full
 * batch is encoded at once (a sink that can encode: OTLP) and waits as bytes, a few hundred per span
 * instead of a span object, within MAX_WAITING_BYTES. Spans are dropped, and counted, only past that.
 */
import { UNENDED_ATTRIBUTE } from '../conventions/contracts';
import { SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BatchConfig } from '../config/types';
import { internalLog, logOnce } from '../log/internal';
import type { SendOutcome } from './otlp-sender';
import { applySite } from './span-site';
import type { TracingCounters } from './state';

/** A batch of ended spans: the span objects, or (once encoded while waiting) the request body. */
export interface SpanBatch {
  readonly count: number;
  readonly spans: ReadableSpan[] | undefined;
  readonly body: Uint8Array | undefined;
}

/** Where batches of ended spans go. */
export interface SpanSink {
  /** Shown in messages (the endpoint URL). */
  readonly description: string;
  send(batch: SpanBatch, deadlineMs: number): Promise<SendOutcome>;
  /** Blocking send for the `exit` event; returns, per batch, whether it was accepted. */
  sendSync(batches: readonly SpanBatch[], timeoutMs: number): boolean[];
  /** Encodes spans into the body `send` would post; undefined when this sink cannot (or failed to). */
  encode?(spans: ReadableSpan[]): Uint8Array | undefined;
  shutdown(): Promise<void>;
}

/** A drop reported to the program's metrics (`statscope_spans_dropped_total{reason}`). */
export type DropListener = (reason: 'queue_full' | 'export_failed' | 'after_shutdown', spans: number) => void;

/** The attribute that marks a span the program never ended. */
export { UNENDED_ATTRIBUTE };
const MAX_CONCURRENT_EXPORTS = 4;
/** Encoded batches waiting for an export slot may take this many bytes; later batches are dropped and counted. */
export const MAX_WAITING_BYTES = 256 * 1024 * 1024;
/** Open spans tracked for the unended-span report; past this a program leaking spans is not made to leak more. */
const MAX_TRACKED_OPEN = 65_536;

/** Where a tracked open span sits in `open` (a symbol property: no hashing per span, unlike a Set). */
const OPEN_INDEX = Symbol('statscope.openIndex');

interface Tracked {
  [OPEN_INDEX]?: number | undefined;
}

/** Batches ended spans to a sink; tracks open spans so they can be closed and exported at shutdown. */
export class ExportingSpanProcessor implements SpanProcessor {
  /** Started, not yet ended spans; removal swaps the last one into the hole. */
  private readonly open: (Span & Tracked)[] = [];
  private queue: ReadableSpan[] = [];
  /** Encoded batches waiting for an export slot, and their bytes. */
  private waiting: SpanBatch[] = [];
  private waitingBytes = 0;
  private readonly inFlight = new Map<SpanBatch, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private isShutDown = false;

  constructor(
    private readonly sink: SpanSink,
    private readonly batch: BatchConfig,
    private readonly counters: TracingCounters,
    private readonly onDrop: DropListener = () => undefined,
  ) {}

  onStart(span: Span & Tracked, _parentContext: Context): void {
    if (this.open.length < MAX_TRACKED_OPEN) {
      span[OPEN_INDEX] = this.open.length;
      this.open.push(span);
    } else logOnce('too-many-open-spans', 'warn', `more than ${MAX_TRACKED_OPEN} spans are open at once; spans started from now on are not checked for being ended`);
  }

  onEnd(span: ReadableSpan & Tracked): void {
    this.untrack(span);
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.isShutDown) {
      this.counters.spansDroppedAfterShutdown++;
      this.reportDrop('after_shutdown', 1);
      return;
    }
    if (this.queue.length >= this.batch.maxQueueSize) {
      this.dropQueueFull(1, `span queue full (${this.batch.maxQueueSize} spans, OTEL_BSP_MAX_QUEUE_SIZE)`);
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.batch.maxExportBatchSize) this.pump(false);
    else if (this.timer === undefined) this.timer = setTimeout(this.onTimer, this.batch.scheduleDelayMs).unref();
  }

  /** Exports everything queued and waits for all exports in flight. */
  async forceFlush(): Promise<void> {
    while (this.queue.length > 0 || this.waiting.length > 0 || this.inFlight.size > 0) {
      this.pump(true);
      await Promise.race(this.inFlight.values());
    }
  }

  /** Ends (and so queues) every span that was started and never ended, marked `statscope.unended`. */
  endUnended(): number {
    const spans = [...this.open];
    for (const span of spans) {
      try {
        applySite(span);
        span.setAttribute(UNENDED_ATTRIBUTE, true);
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'span was never ended' });
        const where = span.attributes['code.filepath'] === undefined ? '' : ` (started at ${String(span.attributes['code.filepath'])}:${String(span.attributes['code.lineno'])})`;
        internalLog('warn', `span ${JSON.stringify(span.name)} was never ended${where}; exported with statscope.unended=true`, { trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
        span.end();
      } catch {
        this.untrack(span);
      }
    }
    this.counters.spansUnended += spans.length;
    return spans.length;
  }

  /** True when spans are open, queued or being exported. */
  hasPendingWork(): boolean {
    return this.open.length > 0 || this.queue.length > 0 || this.waiting.length > 0 || this.inFlight.size > 0;
  }

  async shutdown(): Promise<void> {
    if (this.isShutDown) return;
    this.endUnended();
    await this.forceFlush();
    this.isShutDown = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.sink.shutdown();
  }

  /**
   * For the `exit` event: ends unended spans and sends everything still queued or in flight,
   * synchronously. Spans in flight may reach the receiver twice (their response never came back).
   */
  drainSync(timeoutMs: number): void {
    this.endUnended();
    const batches = [...this.inFlight.keys(), ...this.waiting];
    this.inFlight.clear();
    this.waiting = [];
    this.waitingBytes = 0;
    for (let i = 0; i < this.queue.length; i += this.batch.maxExportBatchSize) batches.push(spanBatch(this.queue.slice(i, i + this.batch.maxExportBatchSize)));
    this.queue = [];
    this.isShutDown = true;
    if (batches.length === 0) return;
    for (const batch of batches) for (const span of batch.spans ?? []) applySite(span);
    const accepted = this.sink.sendSync(batches, timeoutMs);
    batches.forEach((b, i) => this.count(b.count, accepted[i] === true ? { ok: true } : { ok: false, error: 'not delivered before exit' }));
  }

  /** Spans waiting in the queue (for tests and stats). */
  get queuedCount(): number {
    return this.queue.length;
  }

  private untrack(span: Tracked): void {
    const index = span[OPEN_INDEX];
    if (index === undefined || this.open[index] !== span) return;
    span[OPEN_INDEX] = undefined;
    const last = this.open.pop();
    if (last !== undefined && last !== span) {
      this.open[index] = last;
      last[OPEN_INDEX] = index;
    }
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.pump(true);
  };

  /**
   * Starts exports: waiting encoded batches first, then full batches from the queue (any queued spans
   * when forced). With every slot taken, full batches are encoded to wait as bytes.
   */
  private pump(isForced: boolean): void {
    while (this.inFlight.size < MAX_CONCURRENT_EXPORTS && this.waiting.length > 0) {
      const batch = this.waiting.shift() as SpanBatch;
      this.waitingBytes -= batch.body?.length ?? 0;
      this.start(batch);
    }
    const size = this.batch.maxExportBatchSize;
    while (this.queue.length >= size || (isForced && this.queue.length > 0)) {
      if (this.inFlight.size < MAX_CONCURRENT_EXPORTS) {
        this.start(spanBatch(this.takeBatch()));
        continue;
      }
      if (this.sink.encode === undefined) return;
      this.wait(this.takeBatch());
    }
  }

  private takeBatch(): ReadableSpan[] {
    const spans = this.queue.splice(0, this.batch.maxExportBatchSize);
    for (const span of spans) applySite(span);
    return spans;
  }

  /** Encodes a batch to wait for an export slot, or drops it past MAX_WAITING_BYTES. */
  private wait(spans: ReadableSpan[]): void {
    const body = this.sink.encode?.(spans);
    if (body === undefined) {
      this.count(spans.length, { ok: false, error: 'could not encode spans' });
      return;
    }
    if (this.waitingBytes + body.length > MAX_WAITING_BYTES) {
      this.dropQueueFull(spans.length, `spans waiting for export exceed ${MAX_WAITING_BYTES} bytes`);
      return;
    }
    this.waiting.push({ count: spans.length, spans: undefined, body });
    this.waitingBytes += body.length;
  }

  private start(batch: SpanBatch): void {
    const done = this.sink
      .send(batch, Date.now() + this.batch.exportTimeoutMs)
      .catch((error: unknown): SendOutcome => ({ ok: false, error: String(error) }))
      .then((outcome) => {
        if (this.inFlight.delete(batch)) this.count(batch.count, outcome);
        if (this.waiting.length > 0 || this.queue.length >= this.batch.maxExportBatchSize) this.pump(false);
        else if (this.queue.length > 0 && this.timer === undefined && !this.isShutDown) this.timer = setTimeout(this.onTimer, this.batch.scheduleDelayMs).unref();
      });
    this.inFlight.set(batch, done);
  }

  private dropQueueFull(spans: number, why: string): void {
    this.counters.spansDroppedQueueFull += spans;
    this.reportDrop('queue_full', spans);
    logOnce('span-queue-full', 'warn', `${why}; further spans are dropped and counted`);
  }

  private reportDrop(reason: Parameters<DropListener>[0], spans: number): void {
    try {
      this.onDrop(reason, spans);
    } catch {
      // Reporting a drop must not affect the program; the drop is counted in the tracing stats anyway.
    }
  }

  private count(spans: number, outcome: SendOutcome): void {
    if (outcome.ok) {
      this.counters.spansExported += spans;
      return;
    }
    this.counters.spansFailedExport += spans;
    this.reportDrop('export_failed', spans);
    this.counters.lastExportError = outcome.error;
    logOnce(`export-failed:${outcome.error}`, 'warn', `could not export ${spans} spans to ${this.sink.description}: ${outcome.error} (failures are counted; the program is not affected)`);
  }
}

function spanBatch(spans: ReadableSpan[]): SpanBatch {
  return { count: spans.length, spans, body: undefined };
}
