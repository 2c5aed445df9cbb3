/**
 * Test and benchmark support: real spans made by the OpenTelemetry SDK (so encodings come from the
 * real OTLP serializers, not from our own encoder). Not used by product code.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface SdkSpanOptions {
  readonly traces: number;
  /** Spans per trace: one root, then children, grandchildren (a three-level fan-out). */
  readonly spansPerTrace: number;
  readonly serviceName?: string;
}

/** The attribute set every generated span carries (typical of an HTTP server span). */
export const SAMPLE_ATTRIBUTES = {
  'http.request.method': 'GET',
  'url.path': '/api/predict',
  'http.response.status_code': 200,
  'code.filepath': '/work/app/src/server.ts',
  'code.lineno': 42,
  'code.function': 'handle',
  ratio: 0.25,
  cached: false,
} as const;

/** Creates spans with the real SDK and returns them as an exporter would receive them. */
export async function makeSdkSpans(options: SdkSpanOptions): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'sdk-test', 'service.instance.id': 'i-1' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('statscope-test', '1.0.0');
  for (let t = 0; t < options.traces; t++) {
    const root = tracer.startSpan('GET /api/predict', { kind: SpanKind.SERVER, attributes: SAMPLE_ATTRIBUTES });
    const parents: Span[] = [root];
    for (let i = 1; i < options.spansPerTrace; i++) {
      const parent = parents[Math.floor((i - 1) / 4)] ?? root;
      const span = tracer.startSpan(`step ${i}`, { attributes: SAMPLE_ATTRIBUTES }, trace.setSpan(context.active(), parent));
      if (i % 10 === 0) span.addEvent('cache miss', { key: `k${i}` });
      if (i % 50 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      parents.push(span);
    }
    for (let i = parents.length - 1; i >= 0; i--) parents[i]?.end();
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}
