/**
 * Program log lines as OTLP log records (sdk mode): each line `log.*` writes is also queued here
 * (bounded by OTEL_BSP_MAX_QUEUE_SIZE, drops counted) and sent in batches to `<base>/v1/logs` with its
 * severity, attributes, logger name (as the instrumentation scope) and trace/span ids, by the same
 * exit-aware sender as spans, so the lines of an exiting program are flushed with its spans. The
 * record shape and severity mapping are those of the Python runtime's `otlp_logs.py`. Never throws.
 */
import type { Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import { TraceFlags } from '@opentelemetry/api';
import type { BatchConfig } from '../config/types';
import type { LogRecord } from '../log/format';
import { logOnce } from '../log/internal';
import { SEVERITY } from '../log/levels';
import { otelAttributes } from '../log/otel-attributes';
import type { OtlpHttpSender, SendOutcome } from './otlp-sender';
import type { SdkModules } from './sdk-modules';
import type { TracingCounters } from './state';

type Resource = ReturnType<SdkModules['resources']['resourceFromAttributes']>;

/** The fields of the SDK's `ReadableLogRecord` that the otlp-transformer serializers read. */
export interface OtlpLogRecord {
  readonly hrTime: HrTime;
  readonly hrTimeObserved: HrTime;
  readonly spanContext?: SpanContext;
  readonly severityText: string;
  readonly severityNumber: number;
  readonly body: string;
  readonly resource: Resource;
  readonly instrumentationScope: { readonly name: string };
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
}

/** Encodes one OTLP ExportLogsServiceRequest body (`ProtobufLogsSerializer` / `JsonLogsSerializer`). */
export interface LogSerializer {
  serializeRequest(records: OtlpLogRecord[]): Uint8Array | undefined;
}

/** Scope used for lines of loggers without a name (the Python runtime's choice too). */
const DEFAULT_SCOPE = 'statscope';
/** Distinct logger names given a scope object of their own; the serializer groups records by scope identity. */
const MAX_SCOPES = 1_000;
const MAX_CONCURRENT_EXPORTS = 2;

/** Batches log records to one OTLP/HTTP endpoint. */
export class LogExportQueue {
  private queue: OtlpLogRecord[] = [];
  private readonly inFlight = new Map<OtlpLogRecord[], Promise<void>>();
  private readonly scopes = new Map<string, { readonly name: string }>();
  private timer: NodeJS.Timeout | undefined;
  private isShutDown = false;

  constructor(
    private readonly sender: OtlpHttpSender,
    private readonly serializer: LogSerializer,
    private readonly resource: Resource,
    private readonly batch: BatchConfig,
    private readonly counters: TracingCounters,
  ) {}

  /** Queues one line (the logger's sink). */
  readonly add = (line: LogRecord): void => {
    try {
      if (this.isShutDown || this.queue.length >= this.batch.maxQueueSize) {
        this.counters.logsDroppedQueueFull++;
        logOnce('log-queue-full', 'warn', this.isShutDown ? 'log lines written after the final flush are not exported (counted)' : `log queue full (${this.batch.maxQueueSize} records, OTEL_BSP_MAX_QUEUE_SIZE); further lines are dropped from the export and counted`);
        return;
      }
      this.queue.push(this.toRecord(line));
      if (this.queue.length >= this.batch.maxExportBatchSize) this.pump(false);
      else this.timer ??= setTimeout(this.onTimer, this.batch.scheduleDelayMs).unref();
    } catch {
      // A log line must never break the program.
    }
  };

  /** True when records are queued or being sent. */
  hasPendingWork(): boolean {
    return this.queue.length > 0 || this.inFlight.size > 0;
  }

  /** Sends everything queued and waits for every send in flight. */
  async forceFlush(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      this.pump(true);
      await Promise.race(this.inFlight.values());
    }
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.stop();
  }

  /**
   * For the `exit` event: sends what is queued or in flight synchronously. A batch in flight may reach
   * the receiver twice (its response never came back); losing it silently would be worse.
   */
  drainSync(timeoutMs: number): void {
    const batches = [...this.inFlight.keys()];
    this.inFlight.clear();
    for (let i = 0; i < this.queue.length; i += this.batch.maxExportBatchSize) batches.push(this.queue.slice(i, i + this.batch.maxExportBatchSize));
    this.queue = [];
    this.stop();
    if (batches.length === 0) return;
    const accepted = this.sender.sendSync(batches.map((b) => this.encode(b) ?? new Uint8Array(0)), timeoutMs);
    batches.forEach((b, i) => this.count(b.length, accepted[i] === true ? { ok: true } : { ok: false, error: 'not delivered before exit' }));
  }

  private stop(): void {
    this.isShutDown = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.pump(true);
  };

  private pump(isForced: boolean): void {
    while (this.inFlight.size < MAX_CONCURRENT_EXPORTS && (this.queue.length >= this.batch.maxExportBatchSize || (isForced && this.queue.length > 0))) {
      this.start(this.queue.splice(0, this.batch.maxExportBatchSize));
    }
    // Slots busy: the rest goes with the next completed send or the timer.
    if (this.queue.length > 0 && !this.isShutDown) this.timer ??= setTimeout(this.onTimer, this.batch.scheduleDelayMs).unref();
  }

  private start(records: OtlpLogRecord[]): void {
    const body = this.encode(records);
    const sent: Promise<SendOutcome> = body === undefined ? Promise.resolve({ ok: false, error: 'could not encode log records' }) : this.sender.send(body, Date.now() + this.batch.exportTimeoutMs);
    const done = sent
      .catch((error: unknown): SendOutcome => ({ ok: false, error: String(error) }))
      .then((outcome) => {
        if (this.inFlight.delete(records)) this.count(records.length, outcome);
        if (this.queue.length >= this.batch.maxExportBatchSize) this.pump(false);
      });
    this.inFlight.set(records, done);
  }

  private encode(records: OtlpLogRecord[]): Uint8Array | undefined {
    try {
      return this.serializer.serializeRequest(records);
    } catch {
      return undefined;
    }
  }

  private count(records: number, outcome: SendOutcome): void {
    if (outcome.ok) {
      this.counters.logsExported += records;
      return;
    }
    this.counters.logsFailedExport += records;
    logOnce(`log-export-failed:${outcome.error}`, 'warn', `could not export ${records} log records to ${this.sender.endpoint}: ${outcome.error} (failures are counted; the program is not affected)`);
  }

  private toRecord(line: LogRecord): OtlpLogRecord {
    const time = hrTime(line.time);
    const isCorrelated = line.traceId !== undefined && line.spanId !== undefined;
    return {
      hrTime: time,
      hrTimeObserved: time,
      ...(isCorrelated ? { spanContext: { traceId: line.traceId, spanId: line.spanId, traceFlags: TraceFlags.SAMPLED } } : {}),
      severityText: line.level.toUpperCase(),
      severityNumber: SEVERITY[line.level],
      body: line.message,
      resource: this.resource,
      instrumentationScope: this.scope(line.name ?? DEFAULT_SCOPE),
      attributes: otelAttributes(line.attributes),
      droppedAttributesCount: 0,
    };
  }

  private scope(name: string): { readonly name: string } {
    let scope = this.scopes.get(name);
    if (scope === undefined) {
      scope = { name };
      if (this.scopes.size < MAX_SCOPES) this.scopes.set(name, scope);
    }
    return scope;
  }
}

/** Epoch milliseconds as OTel `[seconds, nanoseconds]`. */
function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

/** `<base>/v1/logs` next to the traces endpoint (as the Python runtime derives it). */
export function logsEndpoint(tracesEndpoint: string): string {
  return tracesEndpoint.endsWith('/v1/traces') ? `${tracesEndpoint.slice(0, -'/v1/traces'.length)}/v1/logs` : `${tracesEndpoint.replace(/\/+$/, '')}/v1/logs`;
}
