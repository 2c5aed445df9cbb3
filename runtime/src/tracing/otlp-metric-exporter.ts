/**
 * A PushMetricExporter over Statscope's OTLP sender, so metric pushes share the exit-aware transport
 * (one attempt while closing, unref'd backoff) with spans. Bodies come from the official
 * `@opentelemetry/otlp-transformer` metric serializers.
 */
import type { ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { logOnce } from '../log/internal';
import type { OtlpHttpSender } from './otlp-sender';

/** Encodes one OTLP ExportMetricsServiceRequest body. */
export interface MetricSerializer {
  serializeRequest(metrics: ResourceMetrics): Uint8Array | undefined;
}

/** Pushes collected metrics to an OTLP/HTTP endpoint; never throws. */
export class OtlpMetricExporter implements PushMetricExporter {
  constructor(
    private readonly sender: OtlpHttpSender,
    private readonly serializer: MetricSerializer,
    private readonly timeoutMs: number,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    let body: Uint8Array | undefined;
    try {
      body = this.serializer.serializeRequest(metrics);
    } catch {
      body = undefined;
    }
    if (body === undefined) {
      resultCallback({ code: 1, error: new Error('could not encode metrics') });
      return;
    }
    this.sender.send(body, Date.now() + this.timeoutMs).then(
      (outcome) => {
        if (!outcome.ok) logOnce(`metric-export-failed:${outcome.error}`, 'warn', `could not export metrics to ${this.sender.endpoint}: ${outcome.error}`);
        resultCallback(outcome.ok ? { code: 0 } : { code: 1, error: new Error(outcome.error) });
      },
      (error: unknown) => resultCallback({ code: 1, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
