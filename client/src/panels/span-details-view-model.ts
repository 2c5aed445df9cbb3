/** Maps one span (and its logs) to the Span details panel's message (pure; every value formatted as text). */
import type { DetailEvent, DetailRow, DetailSection, SpanDetailsView } from '../../../protocol/webview';
import { formatAttributeValue } from '../../../runs/store/attributes';
import { formatDuration } from '../../../runs/tree/format';
import type { Attribute, LogEntry, SpanRecord } from '../../../runs/index';

/** Values longer than this are cut (the panel is for reading, not for dumping megabytes). */
const MAX_VALUE_CHARS = 4000;

export interface SpanDetailsInput {
  readonly runId: string;
  readonly span: SpanRecord;
  readonly isOnCriticalPath: boolean;
  readonly logs: readonly LogEntry[];
}

export function spanDetailsView({ runId, span, isOnCriticalPath, logs }: SpanDetailsInput): SpanDetailsView {
  const source = span.code === undefined ? undefined : `${span.code.filePath}${span.code.lineNumber === undefined ? '' : `:${span.code.lineNumber}`}`;
  const summary: DetailRow[] = [
    { key: 'Duration', value: `${formatDuration(span.durationMs)}${span.isUnended ? ' (not ended when exported)' : ''}` },
    { key: 'Start', value: new Date(span.startTimeMs).toISOString() },
    { key: 'Kind', value: span.kind },
    { key: 'Service', value: span.resource.serviceName },
    { key: 'Trace id', value: span.traceId },
    { key: 'Span id', value: span.sharedSpanId === undefined ? span.spanId : `${span.sharedSpanId} (shared with its parent span; kept here as ${span.spanId})` },
    { key: 'Parent span id', value: span.parentSpanId ?? '(root span)' },
  ];
  if (span.code?.functionName !== undefined) summary.push({ key: 'Function', value: span.code.functionName });
  if (isOnCriticalPath) summary.push({ key: 'Critical path', value: 'yes: this span bounds its trace’s duration' });
  const dropped = span.droppedAttributesCount + span.droppedEventsCount + span.droppedLinksCount;
  if (dropped > 0) summary.push({ key: 'Dropped', value: `${span.droppedAttributesCount} attributes, ${span.droppedEventsCount} events, ${span.droppedLinksCount} links` });
  const sections: DetailSection[] = [
    { title: 'Attributes', rows: rows(span.attributes) },
    { title: 'Resource', rows: rows(span.resource.attributes) },
    { title: 'Instrumentation scope', rows: [{ key: 'name', value: span.scope.name }, ...(span.scope.version === '' ? [] : [{ key: 'version', value: span.scope.version }]), ...rows(span.scope.attributes)] },
  ];
  return {
    runId,
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    status: span.status.code === 'error' ? `error${span.status.message === '' ? '' : `: ${span.status.message}`}` : span.status.code,
    isError: span.isError,
    isUnended: span.isUnended,
    isOnCriticalPath,
    summary,
    source,
    sections,
    events: span.events.map((e) => ({ at: offset(e.timeMs - span.startTimeMs), name: e.name, rows: rows(e.attributes) })),
    logs: logs.map((l) => logEvent(l, span.startTimeMs)),
    links: span.links.map((l) => ({ key: `trace ${l.traceId}`, value: `span ${l.spanId}${l.attributes.length > 0 ? ` · ${l.attributes.map((a) => `${a.key}=${text(a)}`).join(', ')}` : ''}` })),
  };
}

function rows(attributes: readonly Attribute[]): DetailRow[] {
  return attributes.map((a) => ({ key: a.key, value: text(a) }));
}

function text(attribute: Attribute): string {
  return formatAttributeValue(attribute.value, MAX_VALUE_CHARS);
}

function offset(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${formatDuration(Math.abs(ms))}`;
}

function logEvent(entry: LogEntry, spanStartMs: number): DetailEvent {
  const severity = entry.severityText !== '' ? entry.severityText : `severity ${entry.severityNumber}`;
  return { at: offset(entry.timeMs - spanStartMs), name: `${severity}: ${formatAttributeValue(entry.body, MAX_VALUE_CHARS)}`, rows: rows(entry.attributes) };
}
