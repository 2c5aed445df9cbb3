/**
 * Run by sdk-partial-failure.test.ts in a child process (it installs OTel globals): starts the SDK with a
 * metrics module and an instrumentation registry that throw, and prints whether tracing still started.
 */
import { trace } from '@opentelemetry/api';
import { parseConfig } from '../../../src/config/parse';
import { startSdk } from '../../../src/tracing/sdk';
import type { SdkModules } from '../../../src/tracing/sdk-modules';
import { STATIC_SDK_MODULES } from '../../../src/tracing/sdk-modules-static';
import { state } from '../../../src/tracing/state';

const { config } = parseConfig({
  env: {
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://127.0.0.1:9/v1/metrics',
    STATSCOPE_INSTRUMENTATIONS: 'http',
  },
});
const boom = (): never => {
  throw new Error('boom');
};
// Cast: only the members startSdk touches are replaced, with versions that throw.
const modules = {
  ...STATIC_SDK_MODULES,
  sdkMetrics: { ...STATIC_SDK_MODULES.sdkMetrics, PeriodicExportingMetricReader: boom },
  instrumentation: { ...STATIC_SDK_MODULES.instrumentation, registerInstrumentations: boom },
} as unknown as SdkModules;
let threw = false;
let result: unknown;
try {
  result = startSdk(config, modules);
} catch {
  threw = true;
}
const span = trace.getTracer('probe').startSpan('s');
const isRecording = span.isRecording();
span.end();
const started = typeof result === 'object' && result !== null && 'started' in result;
process.stdout.write(`${JSON.stringify({ threw, started, hasState: state.sdk !== undefined, isRecording })}\n`);
void state.sdk?.shutdown();
