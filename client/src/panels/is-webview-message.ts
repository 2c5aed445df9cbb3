/** Type guards for messages coming from the webviews (their content is untrusted `unknown`). */
import { LOG_LEVEL_NAMES } from '../../../protocol/webview';
import type { CompareWebviewMessage, DomReport, LogFilter, LogsWebviewMessage, MetricsWebviewMessage, SpanDetailsWebviewMessage, TimelineWebviewMessage } from '../../../protocol/webview';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isDomReport(value: unknown): value is DomReport {
  return (
    isRecord(value) &&
    typeof value['textContent'] === 'string' &&
    typeof value['imgCount'] === 'number' &&
    typeof value['canvasCount'] === 'number' &&
    typeof value['inlineHandlerCount'] === 'number' &&
    typeof value['scriptCount'] === 'number' &&
    Array.isArray(value['scriptsWithoutNonce']) &&
    (value['scriptsWithoutNonce'] as unknown[]).every((s) => typeof s === 'string') &&
    (value['contentSecurityPolicy'] === undefined || typeof value['contentSecurityPolicy'] === 'string') &&
    Array.isArray(value['cspViolations']) &&
    (value['cspViolations'] as unknown[]).every((s) => typeof s === 'string')
  );
}

function isCommon(value: Record<string, unknown>): boolean {
  if (value['type'] === 'ready') return true;
  return value['type'] === 'domReport' && typeof value['requestId'] === 'number' && isDomReport(value['report']);
}

/** Bounds the filter text a webview may send (it is matched against every line). */
const MAX_FILTER_TEXT = 1_000;
const HEX_ID = /^[0-9a-f]{16,32}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

export function isMetricsWebviewMessage(value: unknown): value is MetricsWebviewMessage {
  if (!isRecord(value)) return false;
  if (isCommon(value)) return true;
  switch (value['type']) {
    case 'toggleFullWidth':
      return true;
    case 'selectRun':
      return typeof value['runId'] === 'string';
    case 'openExemplar':
      return typeof value['traceId'] === 'string' && TRACE_ID.test(value['traceId']) && typeof value['spanId'] === 'string' && SPAN_ID.test(value['spanId']);
    default:
      return false;
  }
}

export function isLogFilter(value: unknown): value is LogFilter {
  if (!isRecord(value) || typeof value['text'] !== 'string' || value['text'].length > MAX_FILTER_TEXT) return false;
  const level = value['minLevel'];
  return level === 'all' || (LOG_LEVEL_NAMES as readonly unknown[]).includes(level);
}

export function isLogsWebviewMessage(value: unknown): value is LogsWebviewMessage {
  if (!isRecord(value)) return false;
  if (isCommon(value)) return true;
  switch (value['type']) {
    case 'selectRun':
      return typeof value['runId'] === 'string';
    case 'filterLogs':
      return isLogFilter(value['filter']);
    case 'revealLogSpan':
      return typeof value['traceId'] === 'string' && HEX_ID.test(value['traceId']) && typeof value['spanId'] === 'string' && HEX_ID.test(value['spanId']);
    default:
      return false;
  }
}

export function isSpanDetailsWebviewMessage(value: unknown): value is SpanDetailsWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || value['type'] === 'openSource' || value['type'] === 'copyTraceId';
}

export function isCompareWebviewMessage(value: unknown): value is CompareWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || (value['type'] === 'revealSpanName' && typeof value['spanName'] === 'string');
}

export function isTimelineWebviewMessage(value: unknown): value is TimelineWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || (value['type'] === 'openRow' && Number.isInteger(value['version']) && Number.isInteger(value['row']) && (value['row'] as number) >= 0);
}

/** Reads a panel's saved webview state field (`runId`, …) when it is a string. */
export function stateString(state: unknown, key: string): string | undefined {
  return isRecord(state) && typeof state[key] === 'string' ? state[key] : undefined;
}
