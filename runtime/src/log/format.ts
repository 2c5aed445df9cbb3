/**
 * Pure formatting of one log record into one line: `pretty` for people, `json` for log pipelines.
 * Never throws (circular or exotic attribute values are rendered as strings).
 */
import type { LogFormat, LogLevel } from '../config/types';

/** Attributes attached to a log line. Error values are expanded to type, message and stack. */
export type LogAttributes = Readonly<Record<string, unknown>>;

/** Everything one line shows. */
export interface LogRecord {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly level: LogLevel;
  readonly message: string;
  readonly service: string;
  /** The logger name, if any (`statscope` for the runtime's own messages). */
  readonly name?: string | undefined;
  readonly traceId?: string | undefined;
  readonly spanId?: string | undefined;
  readonly attributes?: LogAttributes | undefined;
}

const CORE_KEYS = new Set(['time', 'level', 'message', 'service', 'logger', 'trace_id', 'span_id']);
const PRETTY_LEVEL: Readonly<Record<LogLevel, string>> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR', fatal: 'FATAL' };

/** Formats a record in the given format, without the trailing newline. */
export function formatRecord(record: LogRecord, format: LogFormat): string {
  return format === 'json' ? formatJson(record) : formatPretty(record);
}

/**
 * One JSON object: `time` (ISO 8601), `level`, `message`, `service`, `logger`, `trace_id`, `span_id`,
 * then the attributes (an attribute named like a core key is prefixed with `attr.`).
 */
export function formatJson(record: LogRecord): string {
  const out: Record<string, unknown> = {
    time: new Date(record.time).toISOString(),
    level: record.level,
    message: record.message,
    service: record.service,
  };
  if (record.name !== undefined) out['logger'] = record.name;
  if (record.traceId !== undefined) out['trace_id'] = record.traceId;
  if (record.spanId !== undefined) out['span_id'] = record.spanId;
  if (record.attributes !== undefined) {
    for (const [key, value] of Object.entries(record.attributes)) out[CORE_KEYS.has(key) ? `attr.${key}` : key] = jsonValue(value);
  }
  return safeStringify(out);
}

/** `HH:MM:SS.mmm LEVEL [name] message key=value …`, then the stack of any Error attribute. */
export function formatPretty(record: LogRecord): string {
  const d = new Date(record.time);
  const time = `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
  let line = `${time} ${PRETTY_LEVEL[record.level]} ${record.name === undefined ? '' : `[${record.name}] `}${record.message}`;
  const stacks: string[] = [];
  if (record.attributes !== undefined) {
    for (const [key, value] of Object.entries(record.attributes)) {
      if (value instanceof Error) {
        line += ` ${key}=${quote(`${value.name}: ${value.message}`)}`;
        if (value.stack !== undefined) stacks.push(value.stack);
      } else {
        line += ` ${key}=${quote(typeof value === 'string' ? value : safeStringify(jsonValue(value)))}`;
      }
    }
  }
  if (record.traceId !== undefined) line += ` trace_id=${record.traceId}`;
  return stacks.length === 0 ? line : `${line}\n${stacks.join('\n')}`;
}

function jsonValue(value: unknown): unknown {
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    try {
      JSON.stringify(value);
    } catch {
      // Circular or throwing toJSON: show something rather than lose the line.
      return String(value);
    }
  }
  return value;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
  } catch {
    return JSON.stringify(String(value));
  }
}

function quote(text: string): string {
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
