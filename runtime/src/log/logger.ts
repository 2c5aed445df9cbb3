/**
 * The Statscope logger: severities trace..fatal, `pretty` lines by default at `info`, or `json` lines
 * carrying the active `trace_id`/`span_id`. At `all` granularity each line is also recorded as an
 * event on the active span, and in sdk mode exported as an OTLP log record. Logging never throws.
 */
import { trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { currentConfig } from '../config/current';
import type { LogFormat, LogLevel, LogThreshold } from '../config/types';
import { optionsOf } from '../internal/is';
import { GRANULARITY_RANK, state } from '../tracing/state';
import { formatRecord } from './format';
import type { LogAttributes, LogRecord } from './format';
import { SEVERITY, thresholdSeverity } from './levels';
import { otelAttributes } from './otel-attributes';

/** A logger. Each method drops the line when its level is below the threshold. */
export interface Logger {
  trace(message: string, attributes?: LogAttributes): void;
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
  fatal(message: string, attributes?: LogAttributes): void;
  /** True when a line at `level` would be written. */
  isLevelEnabled(level: LogLevel): boolean;
  /** A logger that adds `attributes` to every line. */
  child(attributes: LogAttributes): Logger;
}

/** Options for `createLogger`; unset options come from the configuration (`STATSCOPE_LOG_*`, `OTEL_SERVICE_NAME`). */
export interface LoggerOptions {
  /** Shown as `[name]` (pretty) or `logger` (json). */
  readonly name?: string;
  readonly level?: LogThreshold;
  readonly format?: LogFormat;
  readonly service?: string;
  /** Where lines go; by default pretty warn+ to stderr, everything else to stdout. */
  readonly write?: (line: string, level: LogLevel) => void;
  /** Attributes added to every line. */
  readonly attributes?: LogAttributes;
  /** False: no trace_id/span_id and no span events (for messages not about the program's work). Default true. */
  readonly isCorrelated?: boolean;
}

/** Creates a logger. Cheap: the configuration is read on the first line written, not here. */
export function createLogger(optionsArg?: LoggerOptions): Logger {
  const options = optionsOf(optionsArg);
  return new StatscopeLogger(options, options.attributes);
}

class StatscopeLogger implements Logger {
  private resolved: { minSeverity: number; format: LogFormat; service: string } | undefined;

  constructor(
    private readonly options: LoggerOptions,
    private readonly bound: LogAttributes | undefined,
  ) {}

  trace(message: string, attributes?: LogAttributes): void {
    this.write('trace', message, attributes);
  }
  debug(message: string, attributes?: LogAttributes): void {
    this.write('debug', message, attributes);
  }
  info(message: string, attributes?: LogAttributes): void {
    this.write('info', message, attributes);
  }
  warn(message: string, attributes?: LogAttributes): void {
    this.write('warn', message, attributes);
  }
  error(message: string, attributes?: LogAttributes): void {
    this.write('error', message, attributes);
  }
  fatal(message: string, attributes?: LogAttributes): void {
    this.write('fatal', message, attributes);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return SEVERITY[level] >= this.settings().minSeverity;
  }

  child(attributes: LogAttributes): Logger {
    return new StatscopeLogger(this.options, { ...this.bound, ...attributes });
  }

  private settings(): { minSeverity: number; format: LogFormat; service: string } {
    if (this.resolved === undefined) {
      const needsConfig = this.options.level === undefined || this.options.format === undefined || this.options.service === undefined;
      const config = needsConfig ? currentConfig() : undefined;
      this.resolved = {
        minSeverity: thresholdSeverity(this.options.level ?? config?.logLevel ?? 'info'),
        format: this.options.format ?? config?.logFormat ?? 'pretty',
        service: this.options.service ?? config?.serviceName ?? 'unknown_service:node',
      };
    }
    return this.resolved;
  }

  private write(level: LogLevel, message: string, attributes: LogAttributes | undefined): void {
    try {
      const settings = this.settings();
      if (SEVERITY[level] < settings.minSeverity) return;
      const merged = this.bound === undefined ? attributes : attributes === undefined ? this.bound : { ...this.bound, ...attributes };
      const span = this.options.isCorrelated === false ? undefined : trace.getActiveSpan();
      const spanContext = span?.spanContext();
      const isValid = spanContext !== undefined && trace.isSpanContextValid(spanContext);
      const record: LogRecord = {
        time: Date.now(),
        level,
        message: String(message),
        service: settings.service,
        name: this.options.name,
        traceId: isValid ? spanContext.traceId : undefined,
        spanId: isValid ? spanContext.spanId : undefined,
        attributes: merged,
      };
      emit(formatRecord(record, settings.format), level, settings.format, this.options.write);
      // In sdk mode the program's lines also go out as OTLP log records (the runtime's own do not).
      if (this.options.isCorrelated !== false) state.logSink?.(record);
      if (span !== undefined && state.threshold >= GRANULARITY_RANK.all && span.isRecording()) span.addEvent(record.message, eventAttributes(level, merged));
    } catch {
      // A logger must never break the program.
    }
  }
}

function emit(line: string, level: LogLevel, format: LogFormat, write: LoggerOptions['write']): void {
  if (write !== undefined) {
    write(line, level);
    return;
  }
  const toStderr = format === 'pretty' && SEVERITY[level] >= SEVERITY.warn;
  (toStderr ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Span event attributes: `log.severity` plus the line's attributes that are valid OTel attribute values. */
function eventAttributes(level: LogLevel, attributes: LogAttributes | undefined): Attributes {
  return otelAttributes(attributes, { 'log.severity': level });
}

/** The default logger, configured from the environment and `statscope.config.json` on its first line. */
export const log: Logger = createLogger();
