/**
 * Starting tracing from code (the library path; the preload starts it from `register.ts`), plus
 * flush, shutdown and counters that work whichever copy of the runtime started the SDK.
 */
import { optionsOf } from '../internal/is';
import { currentConfig } from '../config/current';
import type { Granularity, TracingMode } from '../config/types';
import { internalLog } from '../log/internal';
import { installExitHooks } from './exit-hooks';
import { ensureGranularity, setGranularity } from './granularity';
import { startSdk } from './sdk';
import { loadSdkModules } from './sdk-modules-dynamic';
import { state } from './state';

/** Options of `startTracing`; unset ones come from the configuration. */
export interface StartTracingOptions {
  /** Default `STATSCOPE_MODE` (api). */
  readonly mode?: TracingMode;
  /** Default `STATSCOPE_GRANULARITY` (operation). */
  readonly granularity?: Granularity;
}

/** What `startTracing` did. */
export interface TracingHandle {
  /** The mode in effect: `sdk` only when Statscope's SDK is running. */
  readonly mode: TracingMode;
  /** Why sdk mode was not started, when it was requested and did not start. */
  readonly reason: string | undefined;
  /** Exports everything queued now. Never rejects. */
  flush(): Promise<void>;
  /** Ends unended spans, exports everything and stops the SDK. Never rejects. */
  shutdown(): Promise<void>;
}

/** Counters of the span and log export pipelines (sdk mode). */
export interface TracingStats {
  readonly spansExported: number;
  readonly spansDroppedQueueFull: number;
  readonly spansFailedExport: number;
  readonly spansUnended: number;
  readonly spansDroppedAfterShutdown: number;
  readonly lastExportError: string | undefined;
  /** Log records exported as OTLP (sdk mode). */
  readonly logsExported: number;
  readonly logsDroppedQueueFull: number;
  readonly logsFailedExport: number;
}

/**
 * Applies the granularity and, in sdk mode, starts Statscope's OpenTelemetry SDK (imported on demand:
 * the `@opentelemetry/sdk-*` packages must be installed; the preload bundles them instead). In api
 * mode, or when the application already registered a tracer provider, spans go to the application's
 * SDK. Never rejects.
 *
 * @example
 * await startTracing({ mode: 'sdk', granularity: 'all' });
 */
export async function startTracing(optionsArg?: StartTracingOptions): Promise<TracingHandle> {
  let reason: string | undefined;
  try {
    const options = optionsOf(optionsArg);
    const config = currentConfig();
    if (options.granularity !== undefined) setGranularity(options.granularity);
    else ensureGranularity();
    const mode = options.mode ?? config.mode;
    if (mode === 'sdk' && state.sdk === undefined) {
      const modules = await loadSdkModules().catch((error: unknown) => {
        reason = `the OpenTelemetry SDK packages are not installed (${error instanceof Error ? error.message : String(error)}); use the preload (node --require statscope/register) or install @opentelemetry/sdk-trace-base and friends`;
        return undefined;
      });
      const result = modules === undefined ? undefined : startSdk(config, modules);
      if (result !== undefined && 'started' in result) installExitHooks(result.started, config.flushTimeoutMs);
      else if (result !== undefined) reason = result.skipped;
      if (reason !== undefined) internalLog('info', `sdk mode not started: ${reason}`);
    }
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  return { mode: state.sdk === undefined ? 'api' : 'sdk', reason, flush: flushTracing, shutdown: shutdownTracing };
}

/** Exports every queued span now (sdk mode; a no-op otherwise). Never rejects. */
export async function flushTracing(): Promise<void> {
  try {
    await state.sdk?.forceFlush();
  } catch {
    // Counted by the exporter.
  }
}

/** Ends unended spans, exports everything and stops Statscope's SDK. Never rejects. */
export async function shutdownTracing(): Promise<void> {
  try {
    await state.sdk?.shutdown();
  } catch {
    // Counted by the exporter.
  }
}

/** A snapshot of the span export counters. */
export function getTracingStats(): TracingStats {
  return { ...state.counters };
}
