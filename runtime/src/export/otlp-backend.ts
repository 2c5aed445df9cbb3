/**
 * The OTLP backend: pushes the registry over OTLP/HTTP through the OpenTelemetry SDK. The SDK packages are
 * loaded lazily when the backend starts (never when statscope is imported); when they are missing the
 * backend reports it through diag and does nothing.
 *   needs: @opentelemetry/sdk-metrics, and @opentelemetry/exporter-metrics-otlp-proto (http/protobuf) or
 *   @opentelemetry/exporter-metrics-otlp-http (http/json); @opentelemetry/resources is used when present.
 * Requests are encoded with @opentelemetry/otlp-transformer (a dependency of both exporter packages) plus
 * the exemplars the official serializers drop (otlp-exemplars.ts), and sent by Statscope's OTLP sender, as
 * the preload's metric exporter does. Without the transformer the stock exporter sends them, exemplars left
 * out (reported through diag).
 */
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { currentConfig } from '../config/current';
import type { OtlpProtocol, OtlpSignalConfig } from '../config/types';
import { describeError, diag } from '../internal/diag';
import { isObject } from '../internal/is';
import type { MetricsRegistry } from '../metrics/registry-types';
import { OtlpMetricExporter } from '../tracing/otlp-metric-exporter';
import { OtlpHttpSender } from '../tracing/otlp-sender';
import type { MetricsBackend } from './backend';
import { createOtelMetricProducer } from './otel-producer';
import { withExemplars } from './otlp-exemplars';

type SdkMetrics = typeof import('@opentelemetry/sdk-metrics');
type HttpExporterModule = typeof import('@opentelemetry/exporter-metrics-otlp-http');
type Resources = typeof import('@opentelemetry/resources');
type Transformer = typeof import('@opentelemetry/otlp-transformer');
type MeterProvider = InstanceType<SdkMetrics['MeterProvider']>;
type MetricProducer = NonNullable<ConstructorParameters<SdkMetrics['PeriodicExportingMetricReader']>[0]['metricProducers']>[number];

/** Options of {@link otlpBackend}. */
export interface OtlpBackendOptions {
  /** Full metrics URL (default: the exporter's, from `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` or localhost:4318). */
  readonly url?: string;
  /** `http/protobuf` (default) or `http/json`. */
  readonly protocol?: 'http/protobuf' | 'http/json';
  readonly headers?: Readonly<Record<string, string>>;
  /** Export interval (default 60000 ms). */
  readonly intervalMs?: number;
  /** Per-export timeout (default 10000 ms, at most the interval). */
  readonly timeoutMs?: number;
  /** `service.name` of the resource (default: the SDK's). */
  readonly serviceName?: string;
  readonly resourceAttributes?: Readonly<Record<string, string>>;
  /** Metric names in OTLP (see `createOtelMetricProducer`). */
  readonly naming?: 'prometheus' | 'otel';
  /** Push once more when the process is about to exit (default true). */
  readonly flushOnExit?: boolean;
}

/** The OTLP backend. */
export interface OtlpBackend extends MetricsBackend {
  /** True once the SDK is loaded and the reader runs. */
  readonly isRunning: boolean;
}

/** Loads a module by name; a CommonJS module's exports may sit under `default`. */
async function load<T extends object>(name: string, probe: string): Promise<T> {
  const mod: unknown = await import(name);
  if (isObject(mod) && probe in mod && mod[probe] !== undefined) return mod as T; // probed export present
  const fallback = isObject(mod) ? mod['default'] : undefined;
  if (isObject(fallback) && probe in fallback) return fallback as T; // probed export present
  throw new Error(`${name} has no export ${probe}`);
}

async function loadResource(options: OtlpBackendOptions): Promise<ReturnType<Resources['defaultResource']> | undefined> {
  const attributes: Record<string, string> = { ...(options.resourceAttributes ?? {}) };
  if (options.serviceName !== undefined) attributes['service.name'] = options.serviceName;
  try {
    const resources = await load<Resources>('@opentelemetry/resources', 'resourceFromAttributes');
    return resources.defaultResource().merge(resources.resourceFromAttributes(attributes));
  } catch {
    return undefined;
  }
}

/** A backend pushing metrics over OTLP/HTTP with the OTel SDK's PeriodicExportingMetricReader. */
export function otlpBackend(options: OtlpBackendOptions = {}): OtlpBackend {
  let provider: MeterProvider | undefined;
  let onExit: (() => void) | undefined;
  const stop = async (): Promise<void> => {
    if (onExit) process.off('beforeExit', onExit);
    onExit = undefined;
    const p = provider;
    provider = undefined;
    await p?.shutdown();
  };
  return {
    name: 'otlp',
    get isRunning(): boolean {
      return provider !== undefined;
    },
    async start(registry: MetricsRegistry): Promise<void> {
      await stop();
      const protocol = options.protocol === 'http/json' ? 'http/json' : 'http/protobuf';
      const exporterPackage = protocol === 'http/json' ? '@opentelemetry/exporter-metrics-otlp-http' : '@opentelemetry/exporter-metrics-otlp-proto';
      let sdk: SdkMetrics;
      let exporterModule: HttpExporterModule;
      try {
        sdk = await load<SdkMetrics>('@opentelemetry/sdk-metrics', 'MeterProvider');
        exporterModule = await load<HttpExporterModule>(exporterPackage, 'OTLPMetricExporter');
      } catch (error) {
        diag('error', `OTLP metrics need @opentelemetry/sdk-metrics and ${exporterPackage} installed: ${describeError(error)}`);
        return;
      }
      const intervalMs = positive(options.intervalMs, 60_000);
      const exporter = await createExporter(options, protocol, Math.min(positive(options.timeoutMs, 10_000), intervalMs), exporterModule);
      // Our producer is structurally the SDK's MetricProducer (checked by a type test).
      const producer = createOtelMetricProducer({ registry, naming: options.naming ?? 'prometheus' }) as unknown as MetricProducer;
      const reader = new sdk.PeriodicExportingMetricReader({ exporter, exportIntervalMillis: intervalMs, exportTimeoutMillis: Math.min(positive(options.timeoutMs, 10_000), intervalMs), metricProducers: [producer] });
      const resource = await loadResource(options);
      provider = new sdk.MeterProvider({ readers: [reader], ...(resource !== undefined ? { resource } : {}) });
      if (options.flushOnExit !== false) {
        let flushed = false;
        onExit = () => {
          if (flushed) return;
          flushed = true;
          provider?.forceFlush().catch((error: unknown) => diag('warn', `OTLP metrics: flush at exit failed: ${describeError(error)}`));
        };
        process.on('beforeExit', onExit);
      }
    },
    async flush(): Promise<void> {
      await provider?.forceFlush();
    },
    shutdown: stop,
  };
}

/**
 * Statscope's exporter (exemplars included) when the transformer loads; else the stock exporter. The
 * stock exporter reads the same OTEL_EXPORTER_OTLP_* settings, so both go to the same place.
 */
async function createExporter(options: OtlpBackendOptions, protocol: OtlpProtocol, timeoutMs: number, exporterModule: HttpExporterModule): Promise<PushMetricExporter> {
  try {
    const transformer = await load<Transformer>('@opentelemetry/otlp-transformer', 'ProtobufMetricsSerializer');
    const isJson = protocol === 'http/json';
    const serializer = withExemplars(isJson ? transformer.JsonMetricsSerializer : transformer.ProtobufMetricsSerializer, isJson ? 'json' : 'protobuf');
    // The SDK's metric reader already exports with tracing suppressed, so the sender needs no suppressor.
    return new OtlpMetricExporter(new OtlpHttpSender(signal(options, protocol, timeoutMs), (fn) => fn()), serializer, timeoutMs);
  } catch (error) {
    diag('warn', `OTLP metrics are sent without exemplars: @opentelemetry/otlp-transformer could not be loaded: ${describeError(error)}`);
    return new exporterModule.OTLPMetricExporter({
      ...(options.url !== undefined ? { url: options.url } : {}),
      ...(options.headers !== undefined ? { headers: { ...options.headers } } : {}),
      timeoutMillis: timeoutMs,
    });
  }
}

/** Where and how to send: the options over the process's OTEL_EXPORTER_OTLP_[METRICS_]* settings. */
function signal(options: OtlpBackendOptions, protocol: OtlpProtocol, timeoutMs: number): OtlpSignalConfig {
  const configured = currentConfig().metrics;
  return {
    ...configured,
    endpoint: options.url ?? configured.endpoint,
    protocol,
    headers: { ...configured.headers, ...(options.headers ?? {}) },
    timeoutMs,
  };
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
