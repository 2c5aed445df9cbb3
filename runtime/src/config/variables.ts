/**
 * Every configuration variable Statscope reads, with its default and meaning. The same names are the
 * keys of `statscope.config.json`. The documentation table is checked against this list by a test.
 */
import { LAUNCH_VARIABLES } from '../conventions/contracts';

/** One documented setting. */
export interface VariableInfo {
  readonly name: string;
  readonly defaultText: string;
  readonly description: string;
}

/** Standard OpenTelemetry variables, then Statscope's own. */
export const VARIABLES: readonly VariableInfo[] = [
  { name: 'OTEL_SERVICE_NAME', defaultText: 'unknown_service:node', description: 'service.name of every span, metric and log line' },
  { name: 'OTEL_RESOURCE_ATTRIBUTES', defaultText: '', description: 'extra resource attributes, key1=value1,key2=value2' },
  { name: 'OTEL_SDK_DISABLED', defaultText: 'false', description: 'true: never start an SDK (API calls stay no-ops)' },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', defaultText: 'http://localhost:4318', description: 'base URL; /v1/traces and /v1/metrics are appended' },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', defaultText: '<base>/v1/traces', description: 'full URL for spans (used as is)' },
  { name: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', defaultText: '<base>/v1/metrics', description: 'full URL for metrics; metrics are pushed only when this or the base endpoint is set' },
  { name: 'OTEL_EXPORTER_OTLP_HEADERS', defaultText: '', description: 'headers for every OTLP request, key1=value1,key2=value2 (percent-encoded)' },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS', defaultText: '', description: 'headers for span requests only' },
  { name: 'OTEL_EXPORTER_OTLP_METRICS_HEADERS', defaultText: '', description: 'headers for metric requests only' },
  { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', defaultText: 'http/protobuf', description: 'http/protobuf or http/json (grpc is not supported)' },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', defaultText: '<OTEL_EXPORTER_OTLP_PROTOCOL>', description: 'protocol for spans only' },
  { name: 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', defaultText: '<OTEL_EXPORTER_OTLP_PROTOCOL>', description: 'protocol for metrics only' },
  { name: 'OTEL_EXPORTER_OTLP_TIMEOUT', defaultText: '10000', description: 'per-request timeout in milliseconds' },
  { name: 'OTEL_EXPORTER_OTLP_COMPRESSION', defaultText: 'none', description: 'none or gzip' },
  { name: 'OTEL_TRACES_EXPORTER', defaultText: 'otlp', description: 'otlp, console or none (sdk mode)' },
  { name: 'OTEL_METRICS_EXPORTER', defaultText: 'otlp', description: 'otlp or none; otlp pushes only to an explicit endpoint' },
  { name: 'OTEL_TRACES_SAMPLER', defaultText: 'parentbased_always_on', description: 'always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio' },
  { name: 'OTEL_TRACES_SAMPLER_ARG', defaultText: '1.0', description: 'sampling ratio in [0, 1] for the traceidratio samplers' },
  { name: 'OTEL_PROPAGATORS', defaultText: 'tracecontext,baggage', description: 'tracecontext, baggage or none' },
  { name: 'OTEL_BSP_MAX_QUEUE_SIZE', defaultText: '32768', description: 'ended spans buffered before drops are counted (spec default 2048 is raised so bursts are not lost)' },
  { name: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', defaultText: '512', description: 'spans per OTLP request' },
  { name: 'OTEL_BSP_SCHEDULE_DELAY', defaultText: '5000', description: 'milliseconds between periodic exports' },
  { name: 'OTEL_BSP_EXPORT_TIMEOUT', defaultText: '30000', description: 'milliseconds allowed for one export, retries included' },
  { name: 'OTEL_METRIC_EXPORT_INTERVAL', defaultText: '60000', description: 'milliseconds between OTLP metric pushes' },
  { name: 'OTEL_LOG_LEVEL', defaultText: 'none', description: 'OTel SDK diagnostics: none, error, warn, info, debug, verbose, all' },
  { name: LAUNCH_VARIABLES.mode, defaultText: 'api (library), sdk (preload)', description: 'api: use the host application\'s SDK; sdk: Statscope starts and owns the SDK' },
  { name: LAUNCH_VARIABLES.granularity, defaultText: 'operation', description: 'none, operation, operation_and_segment, all (aliases: partial = operation, full = all)' },
  { name: LAUNCH_VARIABLES.headers, defaultText: '', description: 'extra OTLP headers as a JSON object, e.g. {"x-honeycomb-team":"abc"}; wins over OTEL headers' },
  { name: 'STATSCOPE_METRICS_PORT', defaultText: '(no server)', description: 'serve /metrics and /healthz on this port; 0 picks a free port' },
  { name: 'STATSCOPE_METRICS_HOST', defaultText: '127.0.0.1', description: 'interface the metrics server binds to' },
  { name: 'STATSCOPE_MAX_SERIES_PER_METRIC', defaultText: '2000', description: 'label sets per metric before samples go to the overflow series' },
  { name: 'STATSCOPE_LOG_LEVEL', defaultText: 'info', description: 'trace, debug, info, warn, error, fatal or silent' },
  { name: 'STATSCOPE_LOG_FORMAT', defaultText: 'pretty', description: 'pretty (human-readable lines) or json (one object per line with trace_id/span_id)' },
  { name: 'STATSCOPE_INSTRUMENTATIONS', defaultText: 'http,undici', description: 'auto-instrumentations in sdk mode: http, undici, none, or instrumentation package names installed in the program' },
  { name: 'STATSCOPE_FLUSH_TIMEOUT', defaultText: '5000', description: 'milliseconds the exit flush may take before the rest is dropped' },
];

/** The names above, for recognising keys in the config file. */
export const VARIABLE_NAMES: ReadonlySet<string> = new Set(VARIABLES.map((v) => v.name));

/** The config file Statscope reads from the working directory, when present. */
export { CONFIG_FILE_NAME } from '../conventions/contracts';
