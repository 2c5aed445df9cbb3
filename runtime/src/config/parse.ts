/**
 * Turns environment variables and the text of `statscope.config.json` into a validated
 * `StatscopeConfig`. Pure: no I/O, no globals, never throws. Environment variables win over the file.
 */
import { GRANULARITIES, GRANULARITY_ALIASES, TRACING_MODES, LAUNCH_VARIABLES } from '../conventions/contracts';
import { DEFAULT_MAX_SERIES_PER_METRIC } from '../conventions';
import { optionsOf } from '../internal/is';
import { isRecord, jsonErrorPlace, SettingsReader } from './settings-reader';
import type {
  ConfigResult,
  DiagLevelName,
  Granularity,
  LogFormat,
  LogThreshold,
  MetricsExporterName,
  OtlpCompression,
  OtlpProtocol,
  OtlpSignalConfig,
  PropagatorName,
  SamplerName,
  StatscopeConfig,
  TracesExporterName,
  TracingMode,
} from './types';
import { CONFIG_FILE_NAME, VARIABLE_NAMES } from './variables';

/** The inputs of `parseConfig`. */
export interface ParseConfigInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The config file's text, or undefined when there is no file. */
  readonly fileText?: string | undefined;
  /** The file name shown in warnings. */
  readonly fileName?: string;
  /** The mode when `STATSCOPE_MODE` is unset: `api` for the library, `sdk` for the preload. */
  readonly defaultMode?: TracingMode;
}

export { GRANULARITIES, GRANULARITY_ALIASES };
const SAMPLERS: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];
const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
const LOG_LEVELS: readonly LogThreshold[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const DIAG_LEVELS: readonly DiagLevelName[] = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'];
const DEFAULT_BASE_ENDPOINT = 'http://localhost:4318';
const MAX_MS = 24 * 60 * 60 * 1000;

/** Parses the whole configuration; unknown or invalid settings become warnings and defaults. */
export function parseConfig(inputArg: ParseConfigInput): ConfigResult {
  const input = normalizeInput(inputArg);
  const fileName = input.fileName ?? CONFIG_FILE_NAME;
  const preWarnings: { variable: string; source: string; message: string }[] = [];
  const file = parseFile(input.fileText, fileName, preWarnings);
  const r = new SettingsReader(input.env, file, fileName);
  r.warnings.push(...preWarnings);

  const resourceAttributes = r.keyValues('OTEL_RESOURCE_ATTRIBUTES');
  const generalHeaders = r.keyValues('OTEL_EXPORTER_OTLP_HEADERS');
  const statscopeHeaders = r.jsonObject(LAUNCH_VARIABLES.headers);
  const generalProtocol = protocolOf(r, 'OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf');
  const timeoutMs = r.integer('OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1, MAX_MS);
  const compression = r.oneOf<OtlpCompression>('OTEL_EXPORTER_OTLP_COMPRESSION', ['none', 'gzip'], 'none');
  const base = r.url('OTEL_EXPORTER_OTLP_ENDPOINT');
  const signal = (name: 'TRACES' | 'METRICS', path: string): OtlpSignalConfig => {
    const specific = r.url(`OTEL_EXPORTER_OTLP_${name}_ENDPOINT`);
    return {
      endpoint: specific ?? appendPath(base ?? DEFAULT_BASE_ENDPOINT, path),
      isEndpointExplicit: specific !== undefined || base !== undefined,
      protocol: r.has(`OTEL_EXPORTER_OTLP_${name}_PROTOCOL`) ? protocolOf(r, `OTEL_EXPORTER_OTLP_${name}_PROTOCOL`, generalProtocol) : generalProtocol,
      headers: { ...generalHeaders, ...r.keyValues(`OTEL_EXPORTER_OTLP_${name}_HEADERS`), ...statscopeHeaders },
      timeoutMs,
      compression,
    };
  };

  const sampler = r.oneOf<SamplerName>('OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  const config: StatscopeConfig = {
    serviceName: r.string('OTEL_SERVICE_NAME', resourceAttributes['service.name'] ?? 'unknown_service:node'),
    resourceAttributes,
    isSdkDisabled: r.boolean('OTEL_SDK_DISABLED', false),
    mode: r.oneOf<TracingMode>(LAUNCH_VARIABLES.mode, TRACING_MODES, input.defaultMode ?? 'api'),
    granularity: r.oneOf<Granularity>(LAUNCH_VARIABLES.granularity, GRANULARITIES, 'operation', GRANULARITY_ALIASES),
    tracesExporter: r.oneOf<TracesExporterName>('OTEL_TRACES_EXPORTER', ['otlp', 'console', 'none'], 'otlp'),
    traces: signal('TRACES', 'v1/traces'),
    metricsExporter: r.oneOf<MetricsExporterName>('OTEL_METRICS_EXPORTER', ['otlp', 'none'], 'otlp'),
    metrics: signal('METRICS', 'v1/metrics'),
    sampler,
    samplerArg: sampler.endsWith('traceidratio') ? r.number('OTEL_TRACES_SAMPLER_ARG', 1, 0, 1) : 1,
    propagators: propagatorsOf(r),
    batch: {
      maxQueueSize: r.integer('OTEL_BSP_MAX_QUEUE_SIZE', 32_768, 1, 10_000_000),
      maxExportBatchSize: r.integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1, 100_000),
      scheduleDelayMs: r.integer('OTEL_BSP_SCHEDULE_DELAY', 5_000, 0, MAX_MS),
      exportTimeoutMs: r.integer('OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1, MAX_MS),
    },
    metricExportIntervalMs: r.integer('OTEL_METRIC_EXPORT_INTERVAL', 60_000, 1, MAX_MS),
    metricsPort: r.optionalInteger('STATSCOPE_METRICS_PORT', 0, 65_535),
    metricsHost: r.string('STATSCOPE_METRICS_HOST', '127.0.0.1'),
    maxSeriesPerMetric: r.integer('STATSCOPE_MAX_SERIES_PER_METRIC', DEFAULT_MAX_SERIES_PER_METRIC, 1, 10_000_000),
    logLevel: r.oneOf<LogThreshold>('STATSCOPE_LOG_LEVEL', LOG_LEVELS, 'info', { warning: 'warn', off: 'silent', none: 'silent' }),
    logFormat: r.oneOf<LogFormat>('STATSCOPE_LOG_FORMAT', ['pretty', 'json'], 'pretty'),
    diagLevel: r.oneOf<DiagLevelName>('OTEL_LOG_LEVEL', DIAG_LEVELS, 'none'),
    instrumentations: r.list('STATSCOPE_INSTRUMENTATIONS', ['http', 'undici']).filter((i) => i !== 'none'),
    flushTimeoutMs: r.integer('STATSCOPE_FLUSH_TIMEOUT', 5_000, 0, MAX_MS),
  };
  return { config, warnings: r.warnings };
}

function parseFile(text: string | undefined, fileName: string, warnings: { variable: string; source: string; message: string }[]): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: it may quote the text, and the file may hold header values.
    warnings.push({ variable: fileName, source: fileName, message: `${fileName} is not valid JSON (${jsonErrorPlace(text)}); ignoring the file` });
    return {};
  }
  if (!isRecord(parsed)) {
    warnings.push({ variable: fileName, source: fileName, message: `${fileName} must hold a JSON object of settings; ignoring the file` });
    return {};
  }
  for (const key of Object.keys(parsed)) {
    if (!VARIABLE_NAMES.has(key) && key !== '$schema') {
      warnings.push({ variable: key, source: fileName, message: `${fileName}: unknown key ${JSON.stringify(key)} ignored (keys are the variable names, e.g. STATSCOPE_GRANULARITY)` });
    }
  }
  return parsed;
}

function protocolOf(r: SettingsReader, key: string, fallback: OtlpProtocol): OtlpProtocol {
  return r.oneOf<OtlpProtocol>(key, PROTOCOLS, fallback);
}

function propagatorsOf(r: SettingsReader): readonly PropagatorName[] {
  const names = r.list('OTEL_PROPAGATORS', ['tracecontext', 'baggage']).map((n) => n.toLowerCase());
  if (names.includes('none')) return [];
  const out: PropagatorName[] = [];
  for (const name of names) {
    if (name === 'tracecontext' || name === 'baggage') {
      if (!out.includes(name)) out.push(name);
    } else {
      r.warn('OTEL_PROPAGATORS', r.sourceOf('OTEL_PROPAGATORS') ?? 'environment', `OTEL_PROPAGATORS: ${JSON.stringify(name)} is not supported: accepted values are tracecontext, baggage, none; ignoring it`);
    }
  }
  return out;
}

/** Appends a signal path to a base endpoint, with exactly one slash between them. */
export function appendPath(base: string, path: string): string {
  return base.endsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

/** The input with wrong-typed parts (untyped callers) replaced by their defaults, so parsing never throws. */
function normalizeInput(input: unknown): ParseConfigInput {
  if (typeof input !== 'object' || input === null) return { env: {} };
  // A Proxy is read into a plain copy (or none, when its traps throw); each field is checked before use.
  const raw: Record<string, unknown> = optionsOf(input as Record<string, unknown>);
  const env: ParseConfigInput['env'] = optionsOf(raw['env'] as ParseConfigInput['env'] | undefined);
  const out: { -readonly [K in keyof ParseConfigInput]: ParseConfigInput[K] } = { env };
  if (typeof raw['fileText'] === 'string') out.fileText = raw['fileText'];
  if (typeof raw['fileName'] === 'string') out.fileName = raw['fileName'];
  if (raw['defaultMode'] === 'api' || raw['defaultMode'] === 'sdk') out.defaultMode = raw['defaultMode'];
  return out;
}
