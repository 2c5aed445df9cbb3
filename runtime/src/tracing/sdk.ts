/**
 * Starts Statscope's own OpenTelemetry SDK (sdk mode): tracer provider with the configured sampler
 * and resource, the exporting span processor, AsyncLocalStorage context, W3C propagation, the
 * http/undici auto-instrumentations, OTLP log records of the program's log lines (next to OTLP spans)
 * and, with an explicit endpoint, OTLP metric pushes. Refuses to
 * start when a tracer provider is already registered, so a process never runs two SDKs.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { join } from 'node:path';
import { context, diag, DiagLogLevel, metrics, propagation, trace } from '@opentelemetry/api';
import type { TextMapPropagator } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import type { DiagLevelName, OtlpSignalConfig, StatscopeConfig } from '../config/types';
import { withExemplars } from '../export/otlp-exemplars';
import { internalLog } from '../log/internal';
import { createExemplarSpanProcessor } from './exemplar-span-processor';
import { ExportingSpanProcessor } from './export-processor';
import { LogExportQueue, logsEndpoint } from './log-export';
import type { SpanSink } from './export-processor';
import { OtlpMetricExporter } from './otlp-metric-exporter';
import { OtlpHttpSender } from './otlp-sender';
import type { Suppressor } from './otlp-sender';
import { createSampler } from './sampler';
import type { SdkModules } from './sdk-modules';
import { countDroppedSpans } from './span-drop-metric';
import { ExporterSpanSink, OtlpSpanSink } from './span-sinks';
import { state } from './state';
import type { SdkController } from './state';

/** Options of `startSdk` beyond the configuration. */
export interface StartSdkOptions {
  /** Extra metric producers for the OTLP metric reader (the Statscope metric store registers here). */
  readonly metricProducers?: readonly MetricProducer[];
  /** Incoming HTTP requests not to trace (e.g. scrapes of Statscope's own /metrics server). */
  readonly ignoreIncomingRequest?: (request: IncomingMessage) => boolean;
}

/** The running SDK, as its starter sees it. */
export interface StartedSdk extends SdkController {
  readonly processor: ExportingSpanProcessor | undefined;
  /** Program log lines on their way out as OTLP log records (with the OTLP span exporter only). */
  readonly logQueue: LogExportQueue | undefined;
}

/** Why `startSdk` did not start an SDK. */
export type StartSdkResult = { readonly started: StartedSdk } | { readonly skipped: string };

const API_GLOBAL_KEY = Symbol.for('opentelemetry.js.api.1');

/** True when some tracer provider is already registered with the OTel API (any copy, any version 1.x). */
export function isTracerProviderRegistered(): boolean {
  // Cast: globalThis is indexed by a symbol only to read the API's registry slot.
  const api: unknown = (globalThis as Record<symbol, unknown>)[API_GLOBAL_KEY];
  return typeof api === 'object' && api !== null && (api as { trace?: unknown }).trace !== undefined;
}

/** Starts the SDK once per process. Never throws. */
export function startSdk(config: StatscopeConfig, modules: SdkModules, options: StartSdkOptions = {}): StartSdkResult {
  if (state.sdk !== undefined) return { skipped: 'Statscope\'s SDK is already running in this process' };
  if (config.isSdkDisabled) return { skipped: 'OTEL_SDK_DISABLED is true' };
  if (isTracerProviderRegistered()) return { skipped: 'a tracer provider is already registered (the application runs its own OpenTelemetry SDK); Statscope uses it, as in api mode' };
  try {
    return { started: build(config, modules, options) };
  } catch (error) {
    internalLog('warn', 'could not start the OpenTelemetry SDK; tracing stays off', { error });
    return { skipped: `startup failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function build(config: StatscopeConfig, modules: SdkModules, options: StartSdkOptions): StartedSdk {
  const { traceBase, core, resources, contextAsyncHooks } = modules;
  if (config.diagLevel !== 'none') diag.setLogger(diagToInternalLog, { logLevel: DIAG_LEVELS[config.diagLevel] });
  const suppress: Suppressor = (fn) => context.with(core.suppressTracing(context.active()), fn);
  // Suppression keeps export requests out of spans only; the http instrumentation records its
  // duration metric regardless, so it is also told to skip them (see createInstrumentation).
  const senders: OtlpHttpSender[] = [];
  const newSender: SenderFactory = (target) => {
    const sender = new OtlpHttpSender(target, suppress);
    senders.push(sender);
    return sender;
  };
  const filters: HttpFilters = {
    ignoreIncoming: options.ignoreIncomingRequest,
    ignoreOutgoing: (request) => senders.some((sender) => sender.isOwnRequest(request)),
  };
  const resource = resources.defaultResource().merge(
    resources.resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName, 'process.pid': process.pid }),
  );

  const sink = createSpanSink(config, modules, newSender);
  const processor = sink === undefined ? undefined : new ExportingSpanProcessor(sink, config.batch, state.counters, countDroppedSpans);
  const provider = new traceBase.BasicTracerProvider({
    resource,
    sampler: createSampler(config.sampler, config.samplerArg, traceBase),
    // The exemplar processor goes first: a span counts as open before anything else sees it.
    spanProcessors: processor === undefined ? [createExemplarSpanProcessor()] : [createExemplarSpanProcessor(), processor],
  });

  context.setGlobalContextManager(new contextAsyncHooks.AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(createPropagator(config, core));
  trace.setGlobalTracerProvider(provider);
  // The tracer provider is installed: from here on a failure must not abort the build, or the process
  // would keep half-installed globals with no `state.sdk` to flush or shut them down. Metrics and
  // instrumentations are optional parts; each failure is logged and tracing goes on without it.
  // The meter provider goes first: instrumentations take their meter when they are created.
  const meterProvider = guarded('the OTLP metrics pipeline', () => {
    const created = createMeterProvider(config, modules, newSender, resource, options.metricProducers ?? []);
    if (created !== undefined) metrics.setGlobalMeterProvider(created);
    return created;
  });
  guarded('instrumentations (STATSCOPE_INSTRUMENTATIONS)', () => enableInstrumentations(config, modules, provider, filters));
  const logQueue = guarded('the OTLP log export', () => createLogQueue(config, modules, newSender, resource));

  let shutdownPromise: Promise<void> | undefined;
  const started: StartedSdk = {
    processor,
    logQueue,
    forceFlush: async () => {
      await Promise.allSettled([provider.forceFlush(), meterProvider?.forceFlush(), logQueue?.forceFlush()]);
    },
    shutdown: () =>
      (shutdownPromise ??= Promise.allSettled([provider.shutdown(), meterProvider?.shutdown(), logQueue?.shutdown()]).then(() => {
        state.logSink = undefined;
      })),
  };
  state.sdk = started;
  state.logSink = logQueue?.add;
  state.isSiteDeferred = processor !== undefined;
  return started;
}

/** Runs an optional startup step; a throw is logged and gives undefined. */
function guarded<T>(what: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    internalLog('warn', `could not start ${what}; tracing runs without it`, { error });
    return undefined;
  }
}

/** Creates the OTLP senders, so that their requests can be told apart from the program's. */
type SenderFactory = (target: OtlpSignalConfig) => OtlpHttpSender;

/** Requests the http instrumentation leaves alone: no span, no duration metric. */
interface HttpFilters {
  readonly ignoreIncoming: ((request: IncomingMessage) => boolean) | undefined;
  readonly ignoreOutgoing: (request: RequestOptions) => boolean;
}

function createSpanSink(config: StatscopeConfig, modules: SdkModules, newSender: SenderFactory): SpanSink | undefined {
  if (config.tracesExporter === 'none') return undefined;
  if (config.tracesExporter === 'console') return new ExporterSpanSink(new modules.traceBase.ConsoleSpanExporter(), 'console');
  const { ProtobufTraceSerializer, JsonTraceSerializer } = modules.otlpTransformer;
  return new OtlpSpanSink(newSender(config.traces), config.traces.protocol === 'http/json' ? JsonTraceSerializer : ProtobufTraceSerializer);
}

/** Log records go where OTLP spans go (`<base>/v1/logs`, the span headers and protocol), like the Python runtime's. */
function createLogQueue(config: StatscopeConfig, modules: SdkModules, newSender: SenderFactory, resource: Parameters<typeof createMeterProvider>[3]): LogExportQueue | undefined {
  if (config.tracesExporter !== 'otlp') return undefined;
  const { ProtobufLogsSerializer, JsonLogsSerializer } = modules.otlpTransformer;
  const sender = newSender({ ...config.traces, endpoint: logsEndpoint(config.traces.endpoint) });
  return new LogExportQueue(sender, config.traces.protocol === 'http/json' ? JsonLogsSerializer : ProtobufLogsSerializer, resource, config.batch, state.counters);
}

function createPropagator(config: StatscopeConfig, core: SdkModules['core']): TextMapPropagator {
  const propagators: TextMapPropagator[] = config.propagators.map((p) => (p === 'tracecontext' ? new core.W3CTraceContextPropagator() : new core.W3CBaggagePropagator()));
  return new core.CompositePropagator({ propagators });
}

function createMeterProvider(
  config: StatscopeConfig,
  modules: SdkModules,
  newSender: SenderFactory,
  resource: ReturnType<SdkModules['resources']['resourceFromAttributes']>,
  producers: readonly MetricProducer[],
): InstanceType<SdkModules['sdkMetrics']['MeterProvider']> | undefined {
  if (config.metricsExporter !== 'otlp' || !config.metrics.isEndpointExplicit) return undefined;
  const { ProtobufMetricsSerializer, JsonMetricsSerializer } = modules.otlpTransformer;
  const isJson = config.metrics.protocol === 'http/json';
  const exporter = new OtlpMetricExporter(
    newSender(config.metrics),
    withExemplars(isJson ? JsonMetricsSerializer : ProtobufMetricsSerializer, isJson ? 'json' : 'protobuf'),
    config.metrics.timeoutMs,
  );
  const reader = new modules.sdkMetrics.PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: config.metricExportIntervalMs,
    exportTimeoutMillis: Math.min(config.metrics.timeoutMs, config.metricExportIntervalMs),
    metricProducers: [...producers],
  });
  return new modules.sdkMetrics.MeterProvider({ resource, readers: [reader] });
}

function enableInstrumentations(
  config: StatscopeConfig,
  modules: SdkModules,
  provider: InstanceType<SdkModules['traceBase']['BasicTracerProvider']>,
  filters: HttpFilters,
): void {
  const instrumentations: Instrumentation[] = [];
  for (const name of config.instrumentations) {
    try {
      const created = createInstrumentation(name, modules, filters);
      if (created !== undefined) instrumentations.push(created);
    } catch (error) {
      internalLog('warn', `could not enable the instrumentation ${JSON.stringify(name)} (STATSCOPE_INSTRUMENTATIONS)`, { error });
    }
  }
  if (instrumentations.length === 0) return;
  modules.instrumentation.registerInstrumentations({ instrumentations, tracerProvider: provider });
  // Patch the built-in http modules now, before user code imports them, and refresh the ESM
  // facades so `import { request } from 'node:http'` sees the patched functions too.
  const load = createRequire(join(process.cwd(), 'noop.js'));
  load('node:http');
  load('node:https');
  syncBuiltinESMExports();
}

function createInstrumentation(name: string, modules: SdkModules, filters: HttpFilters): Instrumentation | undefined {
  if (name === 'http') {
    const { ignoreIncoming, ignoreOutgoing } = filters;
    return new modules.instrumentationHttp.HttpInstrumentation({
      ignoreOutgoingRequestHook: (request) => safely(() => ignoreOutgoing(request)),
      ...(ignoreIncoming === undefined ? {} : { ignoreIncomingRequestHook: (request: IncomingMessage) => safely(() => ignoreIncoming(request)) }),
    });
  }
  if (name === 'undici' || name === 'fetch') return new modules.instrumentationUndici.UndiciInstrumentation();
  // Any other name is an instrumentation package installed in the program, e.g.
  // @opentelemetry/instrumentation-express: its exported *Instrumentation class is instantiated.
  const exports: unknown = createRequire(join(process.cwd(), 'noop.js'))(name);
  const entry = typeof exports === 'object' && exports !== null ? Object.entries(exports).find(([key, value]) => key.endsWith('Instrumentation') && typeof value === 'function') : undefined;
  if (entry === undefined) {
    internalLog('warn', `${JSON.stringify(name)} exports no *Instrumentation class (STATSCOPE_INSTRUMENTATIONS)`);
    return undefined;
  }
  // Instrumentation packages export their class under a name ending in Instrumentation.
  const Ctor = entry[1] as new () => Instrumentation;
  return new Ctor();
}

function safely(predicate: () => boolean): boolean {
  try {
    return predicate();
  } catch {
    return false;
  }
}

const DIAG_LEVELS: Readonly<Record<Exclude<DiagLevelName, 'none'>, DiagLogLevel>> = {
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

const diagToInternalLog = {
  error: (message: string, ...args: unknown[]) => internalLog('error', `otel: ${message}`, args.length > 0 ? { args } : undefined),
  warn: (message: string, ...args: unknown[]) => internalLog('warn', `otel: ${message}`, args.length > 0 ? { args } : undefined),
  info: (message: string, ...args: unknown[]) => internalLog('info', `otel: ${message}`, args.length > 0 ? { args } : undefined),
  debug: (message: string, ...args: unknown[]) => internalLog('info', `otel: ${message}`, args.length > 0 ? { args } : undefined),
  verbose: (message: string, ...args: unknown[]) => internalLog('info', `otel: ${message}`, args.length > 0 ? { args } : undefined),
};
