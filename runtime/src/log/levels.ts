/** Log severities and their ordering. Numbers follow the OpenTelemetry log data model's SeverityNumber. */
import type { LogLevel, LogThreshold } from '../config/types';

/** Severity number per level (OTel SeverityNumber: TRACE=1, DEBUG=5, INFO=9, WARN=13, ERROR=17, FATAL=21). */
export const SEVERITY: Readonly<Record<LogLevel, number>> = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };

/** The levels from lowest to highest. */
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The smallest severity number a threshold lets through; `silent` lets nothing through. */
export function thresholdSeverity(threshold: LogThreshold): number {
  return threshold === 'silent' ? Number.POSITIVE_INFINITY : SEVERITY[threshold];
}
