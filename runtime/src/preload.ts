/**
 * What the preload does in the program's threads (`register.ts` is the entry). Zero code changes:
 * reads the configuration (sdk mode unless `STATSCOPE_MODE=api`), starts the bundled OpenTelemetry SDK
 * with auto-instrumentation before the program loads, serves `/metrics` when
 * `STATSCOPE_METRICS_PORT` is set, pushes OTLP metrics when an OTLP endpoint is set, and flushes on
 * exit. ESM programs that import `statscope` or `@opentelemetry/api` without installing them get the
 * copies shipped beside the preload (a resolve hook; `NODE_PATH` covers `require`). Nothing here
 * throws into the program; a second load in the same process does nothing.
 */
import { loadAndInstallConfig } from './config/current';
import { installEsmResolveHook } from './esm-resolve-hook-install';
import { configureMetrics } from './export/backend';
import { prometheusBackend } from './export/builtin-backends';
import { configureMetricsFromConfig } from './export/from-config';
import { createOtelMetricProducer } from './export/otel-producer';
import { internalLog } from './log/internal';
import { installExitHooks } from './tracing/exit-hooks';
import { ensureGranularity } from './tracing/granularity';
import { startSdk } from './tracing/sdk';
import { STATIC_SDK_MODULES } from './tracing/sdk-modules-static';

const LOADED = Symbol.for('statscope.register.v1');

function register(dir: string): void {
  // Cast: the load marker is a symbol-keyed property of globalThis.
  const g = globalThis as { [LOADED]?: boolean };
  if (g[LOADED] === true) return;
  g[LOADED] = true;
  const config = loadAndInstallConfig('sdk');
  installEsmResolveHook(dir);
  ensureGranularity();
  const server = config.metricsPort === undefined ? undefined : prometheusBackend({ port: config.metricsPort, host: config.metricsHost });
  const result =
    config.mode === 'sdk'
      ? startSdk(config, STATIC_SDK_MODULES, {
          metricProducers: [createOtelMetricProducer()],
          // Scrapes of our own /metrics are not the program's work.
          ignoreIncomingRequest: (request) => server?.server !== undefined && request.socket.localPort === server.server.port,
        })
      : undefined;
  if (result !== undefined && 'started' in result) {
    installExitHooks(result.started, config.flushTimeoutMs);
    // The SDK's metric reader already pushes the metric store over OTLP (one MeterProvider per
    // process), so only the /metrics server is started here. configureMetrics never rejects.
    void configureMetrics({ maxSeriesPerMetric: config.maxSeriesPerMetric, backends: server === undefined ? [] : [server] });
  } else {
    if (result !== undefined) internalLog('debug', `preload: sdk mode not started: ${result.skipped}`);
    // The host application owns the SDK: the metric backends push through its installed packages.
    // configureMetricsFromConfig never rejects.
    void configureMetricsFromConfig(config);
  }
}

/** Starts everything; `dir` is the preload bundle's folder (the ESM resolve hook sits there). Never throws. */
export function startPreload(dir: string): void {
  try {
    register(dir);
  } catch (error) {
    try {
      internalLog('warn', 'statscope preload failed; the program runs without it', { error });
    } catch {
      // Nothing else to do.
    }
  }
}
