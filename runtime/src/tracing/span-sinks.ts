/**
 * The two span sinks: OTLP/HTTP (protobuf or JSON bodies built by the official
 * `@opentelemetry/otlp-transformer` serializers) and the console (the SDK's ConsoleSpanExporter).
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanBatch, SpanSink } from './export-processor';
import type { OtlpHttpSender, SendOutcome } from './otlp-sender';

/** Encodes spans as one OTLP ExportTraceServiceRequest body. */
export interface SpanSerializer {
  serializeRequest(spans: ReadableSpan[]): Uint8Array | undefined;
}

/** Sends spans to an OTLP/HTTP endpoint. */
export class OtlpSpanSink implements SpanSink {
  constructor(
    private readonly sender: OtlpHttpSender,
    private readonly serializer: SpanSerializer,
  ) {}

  get description(): string {
    return this.sender.endpoint;
  }

  async send(batch: SpanBatch, deadlineMs: number): Promise<SendOutcome> {
    const body = batch.body ?? this.encode(batch.spans ?? []);
    if (body === undefined) return { ok: false, error: 'could not encode spans' };
    return this.sender.send(body, deadlineMs);
  }

  sendSync(batches: readonly SpanBatch[], timeoutMs: number): boolean[] {
    const bodies = batches.map((b) => b.body ?? this.encode(b.spans ?? []) ?? new Uint8Array(0));
    return this.sender.sendSync(bodies, timeoutMs);
  }

  encode(spans: ReadableSpan[]): Uint8Array | undefined {
    try {
      return this.serializer.serializeRequest(spans);
    } catch {
      return undefined;
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Prints spans with an SDK exporter that completes synchronously (ConsoleSpanExporter). */
export class ExporterSpanSink implements SpanSink {
  constructor(
    private readonly exporter: SpanExporter,
    readonly description: string,
  ) {}

  send(batch: SpanBatch): Promise<SendOutcome> {
    return new Promise((resolve) => {
      try {
        this.exporter.export(batch.spans ?? [], (result) => resolve(result.code === 0 ? { ok: true } : { ok: false, error: String(result.error ?? 'export failed') }));
      } catch (error) {
        resolve({ ok: false, error: String(error) });
      }
    });
  }

  sendSync(batches: readonly SpanBatch[]): boolean[] {
    return batches.map((b) => {
      let isOk = false;
      try {
        this.exporter.export(b.spans ?? [], (result) => {
          isOk = result.code === 0;
        });
      } catch {
        isOk = false;
      }
      return isOk;
    });
  }

  shutdown(): Promise<void> {
    return this.exporter.shutdown().catch(() => undefined);
  }
}
