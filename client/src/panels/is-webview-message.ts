/** Type guards for messages coming from the webviews (their content is untrusted `unknown`). */
import type { DomReport, MetricsWebviewMessage, SpanDetailsWebviewMessage, TimelineWebviewMessage } from '../../../protocol/webview';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isDomReport(value: unknown): value is DomReport {
  return (
    isRecord(value) &&
    typeof value['textContent'] === 'string' &&
    typeof value['imgCount'] === 'number' &&
    typeof value['inlineHandlerCount'] === 'number' &&
    typeof value['scriptCount'] === 'number' &&
    Array.isArray(value['scriptsWithoutNonce']) &&
    (value['scriptsWithoutNonce'] as unknown[]).every((s) => typeof s === 'string') &&
    (value['contentSecurityPolicy'] === undefined || typeof value['contentSecurityPolicy'] === 'string')
  );
}

function isCommon(value: Record<string, unknown>): boolean {
  if (value['type'] === 'ready') return true;
  return value['type'] === 'domReport' && typeof value['requestId'] === 'number' && isDomReport(value['report']);
}

export function isMetricsWebviewMessage(value: unknown): value is MetricsWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || (value['type'] === 'selectRun' && typeof value['runId'] === 'string');
}

export function isSpanDetailsWebviewMessage(value: unknown): value is SpanDetailsWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || value['type'] === 'openSource' || value['type'] === 'copyTraceId';
}

export function isTimelineWebviewMessage(value: unknown): value is TimelineWebviewMessage {
  if (!isRecord(value)) return false;
  return isCommon(value) || (value['type'] === 'openRow' && Number.isInteger(value['version']) && Number.isInteger(value['row']) && (value['row'] as number) >= 0);
}

/** Reads a panel's saved webview state field (`runId`, …) when it is a string. */
export function stateString(state: unknown, key: string): string | undefined {
  return isRecord(state) && typeof state[key] === 'string' ? state[key] : undefined;
}
