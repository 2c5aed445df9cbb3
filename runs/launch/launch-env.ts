/**
 * The environment a traced program runs with: the runtime preload injected through `NODE_OPTIONS`
 * (so npm scripts and every child `node` process get it too), the Python runtime's `sitecustomize`
 * through `PYTHONPATH` (every Python process of the run, see python-preload.ts) and `OTEL_*` pointing at the run's
 * receiver with its bearer token. Pure (no I/O): the CLI and the extension build exactly the same
 * environment from the same inputs.
 */

import { LAUNCH_VARIABLES } from '../../runtime/src/conventions/contracts';
import { withPythonPreload } from './python-preload';
import type { Granularity, TracingMode } from '../../runtime/src/conventions/contracts';

export { GRANULARITIES, isGranularity } from '../../runtime/src/conventions/contracts';
export type { Granularity } from '../../runtime/src/conventions/contracts';

export { isTracingMode, TRACING_MODES } from '../../runtime/src/conventions/contracts';
export type { TracingMode } from '../../runtime/src/conventions/contracts';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** What the traced program needs to know. */
export interface LaunchTelemetry {
  /** The receiver's base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  readonly endpoint: string;
  /** The receiver's bearer token. */
  readonly token: string;
  /** Absolute path of the runtime preload (`register.cjs`); undefined runs without it (the program brings its own SDK). */
  readonly preloadPath: string | undefined;
  /** Absolute path of the Python runtime's `_preload` folder, put first on `PYTHONPATH`; undefined leaves Python programs alone. */
  readonly pythonPreloadDir?: string | undefined;
  /** The `PYTHONPATH` separator. Default: the platform's. */
  readonly pathDelimiter?: string;
  readonly granularity?: Granularity;
  readonly mode?: TracingMode;
  /** `OTEL_SERVICE_NAME`, unless the environment already sets one. */
  readonly serviceName?: string;
  /** Default `http/protobuf`. */
  readonly protocol?: OtlpProtocol;
  /** `OTEL_BSP_SCHEDULE_DELAY` unless set: how soon ended spans are sent (live views). Default 500 ms. */
  readonly spanScheduleDelayMs?: number;
  /** `OTEL_METRIC_EXPORT_INTERVAL` unless set: how often metrics are pushed. Default 1000 ms. */
  readonly metricExportIntervalMs?: number;
}

/** An environment as `process.env` holds it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Variables removed from the inherited environment because they would send the program's
 * telemetry somewhere else or replace the run's token (forwarding to another backend is the
 * receiver's job).
 */
export const OVERRIDDEN_VARIABLES: readonly string[] = [
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
  'OTEL_EXPORTER_OTLP_LOGS_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
  'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL',
  LAUNCH_VARIABLES.headers,
];

/** Quotes a path for `NODE_OPTIONS` (which splits on spaces and understands double quotes with backslash escapes). */
export function quoteNodeOption(value: string): string {
  return /[\s"\\]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
}

/** Appends `--require <path>` to existing `NODE_OPTIONS` (keeping them; not twice). */
export function withPreload(nodeOptions: string | undefined, preloadPath: string): string {
  const option = `--require ${quoteNodeOption(preloadPath)}`;
  const current = (nodeOptions ?? '').trim();
  if (current.includes(option)) return current;
  return current === '' ? option : `${current} ${option}`;
}

/** The full environment for the traced program: `base` (usually `process.env`) plus the telemetry settings. */
export function buildLaunchEnv(base: Environment, t: LaunchTelemetry): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !OVERRIDDEN_VARIABLES.includes(key)) env[key] = value;
  }
  env['OTEL_EXPORTER_OTLP_ENDPOINT'] = t.endpoint;
  // A literal space is read correctly by both percent-decoding parsers (the OTel SDKs) and plain ones.
  env['OTEL_EXPORTER_OTLP_HEADERS'] = `authorization=Bearer ${t.token}`;
  env['OTEL_EXPORTER_OTLP_PROTOCOL'] = t.protocol ?? 'http/protobuf';
  if (t.granularity !== undefined) env[LAUNCH_VARIABLES.granularity] = t.granularity;
  if (t.mode !== undefined) env[LAUNCH_VARIABLES.mode] = t.mode;
  if (t.serviceName !== undefined && (env['OTEL_SERVICE_NAME'] ?? '') === '') env['OTEL_SERVICE_NAME'] = t.serviceName;
  env['OTEL_BSP_SCHEDULE_DELAY'] ??= String(t.spanScheduleDelayMs ?? 500);
  env['OTEL_METRIC_EXPORT_INTERVAL'] ??= String(t.metricExportIntervalMs ?? 1000);
  if (t.preloadPath !== undefined) env['NODE_OPTIONS'] = withPreload(env['NODE_OPTIONS'], t.preloadPath);
  if (t.pythonPreloadDir !== undefined) env['PYTHONPATH'] = withPythonPreload(env['PYTHONPATH'], t.pythonPreloadDir, t.pathDelimiter);
  return env;
}

/** A service name for a command line: the script's base name (`node src/app.js` → `app`), else the command. */
export function serviceNameFor(command: string, args: readonly string[]): string {
  const script = args.find((a) => !a.startsWith('-') && /\.[cm]?[jt]sx?$|\.py$/.test(a));
  const source = script ?? command;
  const name = source.split(/[\\/]/).pop() ?? source;
  return name.replace(/\.[^.]+$/, '') || 'app';
}
