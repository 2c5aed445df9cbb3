/**
 * The OpenTelemetry SDK packages Statscope's sdk mode uses, as one record. The preload passes them
 * bundled (`sdk-modules-static.ts`); the library imports them only when sdk mode starts
 * (`sdk-modules-dynamic.ts`), so importing `statscope` never loads the SDK.
 */
import type * as ContextAsyncHooks from '@opentelemetry/context-async-hooks';
import type * as Core from '@opentelemetry/core';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as InstrumentationHttp from '@opentelemetry/instrumentation-http';
import type * as InstrumentationUndici from '@opentelemetry/instrumentation-undici';
import type * as OtlpTransformer from '@opentelemetry/otlp-transformer';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkMetrics from '@opentelemetry/sdk-metrics';
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';

/** The SDK packages, by role. */
export interface SdkModules {
  readonly traceBase: typeof SdkTraceBase;
  readonly contextAsyncHooks: typeof ContextAsyncHooks;
  readonly core: typeof Core;
  readonly resources: typeof Resources;
  readonly otlpTransformer: typeof OtlpTransformer;
  readonly sdkMetrics: typeof SdkMetrics;
  readonly instrumentation: typeof Instrumentation;
  readonly instrumentationHttp: typeof InstrumentationHttp;
  readonly instrumentationUndici: typeof InstrumentationUndici;
}
