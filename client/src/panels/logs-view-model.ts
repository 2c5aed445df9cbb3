/**
 * Maps a run's log records to the Logs panel's message (pure): level from the OTLP severity, time,
 * message, attributes and logger, the span each line was written in, filtered by level and text. Only
 * the newest {@link MAX_LOG_LINES} matching lines are sent; the panel says how many older ones match.
 */
import { LOG_LEVEL_NAMES } from '../../../protocol/webview';
import type { LogFilter, LogLevelName, LogLineView, LogsRunView } from '../../../protocol/webview';
import { formatAttributeValue } from '../../../runs/store/attributes';
import type { LogEntry, Run } from '../../../runs/index';
import { runState } from './metrics-view-model';
import { clockTime } from './clock-time';

/** Lines sent to the webview at most (a run keeps up to 10,000 by default). */
export const MAX_LOG_LINES = 1_000;
/** Message and attribute values longer than this are cut. */
const MAX_VALUE_CHARS = 2_000;

export const DEFAULT_LOG_FILTER: LogFilter = { minLevel: 'all', text: '' };

/** The level of a record: its severity number's range, else a recognised severity text. */
export function levelOf(entry: Pick<LogEntry, 'severityNumber' | 'severityText'>): LogLevelName | 'unspecified' {
  if (entry.severityNumber >= 1 && entry.severityNumber <= 24) return LOG_LEVEL_NAMES[Math.floor((entry.severityNumber - 1) / 4)] as LogLevelName;
  const text = entry.severityText.toLowerCase();
  if (text === 'warning') return 'warn';
  if (text === 'critical') return 'fatal';
  return (LOG_LEVEL_NAMES as readonly string[]).includes(text) ? (text as LogLevelName) : 'unspecified';
}

export function logsRunView(run: Run, filter: LogFilter): LogsRunView {
  const minRank = filter.minLevel === 'all' ? -1 : LOG_LEVEL_NAMES.indexOf(filter.minLevel);
  const needle = filter.text.trim().toLowerCase();
  const spanNames = new Map<string, string>();
  const matching: LogLineView[] = [];
  // Stable sort by time: records of one batch arrive in order, batches may not.
  const entries = [...run.logs.entries()].sort((a, b) => a.timeMs - b.timeMs);
  for (const entry of entries) {
    const level = levelOf(entry);
    if (minRank >= 0 && (level === 'unspecified' || LOG_LEVEL_NAMES.indexOf(level) < minRank)) continue;
    const line = lineView(entry, level, run, spanNames);
    if (needle !== '' && !`${line.message}\n${line.attributes}\n${line.logger}\n${line.span?.name ?? ''}`.toLowerCase().includes(needle)) continue;
    matching.push(line);
  }
  const stats = run.stats();
  const dropped = stats.droppedLogCount > 0 ? ` · ${stats.droppedLogCount.toLocaleString('en-US')} older records dropped (run limit)` : '';
  return {
    runId: run.id,
    title: run.label,
    state: runState(run),
    isLive: run.state === 'running',
    summary: `${stats.logCount.toLocaleString('en-US')} log record${stats.logCount === 1 ? '' : 's'}${dropped}${matching.length !== stats.logCount ? ` · ${matching.length.toLocaleString('en-US')} match${matching.length === 1 ? 'es' : ''} the filter` : ''}`,
    lines: matching.slice(-MAX_LOG_LINES),
    olderMatching: Math.max(0, matching.length - MAX_LOG_LINES),
  };
}

function lineView(entry: LogEntry, level: LogLevelName | 'unspecified', run: Run, spanNames: Map<string, string>): LogLineView {
  const date = new Date(entry.timeMs);
  const line: LogLineView = {
    time: clockTime(entry.timeMs),
    timestamp: Number.isFinite(entry.timeMs) ? date.toISOString() : '',
    level,
    message: formatAttributeValue(entry.body, MAX_VALUE_CHARS),
    attributes: entry.attributes.map((a) => `${a.key}=${formatAttributeValue(a.value, MAX_VALUE_CHARS)}`).join(' '),
    logger: entry.scope.name,
  };
  if (entry.traceId === undefined || entry.spanId === undefined) return line;
  const key = `${entry.traceId}/${entry.spanId}`;
  let name = spanNames.get(key);
  if (name === undefined) {
    // The span may not have arrived (yet): the line still links by id.
    name = run.span(entry.traceId, entry.spanId)?.name ?? `span ${entry.spanId}`;
    spanNames.set(key, name);
  }
  return { ...line, span: { traceId: entry.traceId, spanId: entry.spanId, name } };
}
