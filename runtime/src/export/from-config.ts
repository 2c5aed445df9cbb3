/**
 * Backends from Statscope's configuration (environment variables and statscope.config.json), so switching
 * backends is configuration only:
 * - `STATSCOPE_METRICS_PORT` (and `STATSCOPE_METRICS_HOST`) set → the Prometheus backend (/metrics);
 * - `OTEL_METRICS_EXPORTER=otlp` (default) with an explicit `OTEL_EXPORTER_OTLP[_METRICS]_ENDPOINT` → OTLP push
 *   every `OTEL_METRIC_EXPORT_INTERVAL` ms;
 * - `STATSCOPE_MAX_SERIES_PER_METRIC` → the series cap.
 */
import { currentConfig } from '../config/current';
import type { StatscopeConfig } from '../config/types';
import { diag } from '../internal/diag';
import { isObject, optionsOf } from '../internal/is';
import { configureMetrics } from './backend';
import type { MetricsBackend } from './backend';
import { prometheusBackend } from './builtin-backends';
import { otlpBackend } from './otlp-backend';

/** The backends a configuration asks for. */
export function metricsBackendsFromConfig(configArg: StatscopeConfig): MetricsBackend[] {
  const backends: MetricsBackend[] = [];
  const config = optionsOf(configArg);
  if (!isConfig(config)) {
    diag('warn', 'metricsBackendsFromConfig needs a configuration (currentConfig() or parseConfig().config); no backends');
    return backends;
  }
  if (config.metricsPort !== undefined) backends.push(prometheusBackend({ port: config.metricsPort, host: config.metricsHost }));
  if (config.metricsExporter === 'otlp' && config.metrics.isEndpointExplicit && !config.isSdkDisabled) {
    backends.push(
      otlpBackend({
        url: config.metrics.endpoint,
        protocol: config.metrics.protocol,
        headers: config.metrics.headers,
        intervalMs: config.metricExportIntervalMs,
        timeoutMs: config.metrics.timeoutMs,
        serviceName: config.serviceName,
        resourceAttributes: config.resourceAttributes,
      }),
    );
  }
  return backends;
}

/** Applies the configuration's metrics settings and starts its backends (the preload calls this). Never rejects. */
export function configureMetricsFromConfig(configArg?: StatscopeConfig): Promise<void> {
  const config: unknown = configArg === undefined ? currentConfig() : optionsOf(configArg);
  if (!isConfig(config)) {
    diag('warn', 'configureMetricsFromConfig needs a configuration (currentConfig() or parseConfig().config); nothing configured');
    return Promise.resolve();
  }
  return configureMetrics({ maxSeriesPerMetric: config.maxSeriesPerMetric, backends: metricsBackendsFromConfig(config) });
}

/** True for something shaped like a parsed configuration (untyped callers may pass anything). */
function isConfig(value: unknown): value is StatscopeConfig {
  return isObject(value) && isObject(value['metrics']);
}
