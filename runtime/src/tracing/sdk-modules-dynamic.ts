/**
 * Loads the SDK packages on demand, for sdk mode started from the library (`startTracing`). Dynamic
 * `import()` keeps them out of the library bundle's startup in both its CJS and ESM forms; they must
 * be installed in the program (the preload bundles its own copy instead).
 */
import type { SdkModules } from './sdk-modules';

/** Imports the SDK packages; rejects when one is not installed. */
export async function loadSdkModules(): Promise<SdkModules> {
  const [traceBase, contextAsyncHooks, core, resources, otlpTransformer, sdkMetrics, instrumentation, instrumentationHttp, instrumentationUndici] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/otlp-transformer'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
  ]);
  return { traceBase, contextAsyncHooks, core, resources, otlpTransformer, sdkMetrics, instrumentation, instrumentationHttp, instrumentationUndici };
}
