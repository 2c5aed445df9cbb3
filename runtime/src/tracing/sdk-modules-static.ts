/**
 * The SDK packages imported statically. Only the preload (`register.ts`) imports this file: esbuild
 * bundles the SDK into the self-contained `register.cjs`, and the SDK is ready before user code runs.
 */
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as core from '@opentelemetry/core';
import * as instrumentation from '@opentelemetry/instrumentation';
import * as instrumentationHttp from '@opentelemetry/instrumentation-http';
import * as instrumentationUndici from '@opentelemetry/instrumentation-undici';
import * as otlpTransformer from '@opentelemetry/otlp-transformer';
import * as resources from '@opentelemetry/resources';
import * as sdkMetrics from '@opentelemetry/sdk-metrics';
import * as traceBase from '@opentelemetry/sdk-trace-base';
import type { SdkModules } from './sdk-modules';

/** The bundled SDK packages. */
export const STATIC_SDK_MODULES: SdkModules = {
  traceBase,
  contextAsyncHooks,
  core,
  resources,
  otlpTransformer,
  sdkMetrics,
  instrumentation,
  instrumentationHttp,
  instrumentationUndici,
};
