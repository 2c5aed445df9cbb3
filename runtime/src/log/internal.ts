/**
 * The runtime's own messages (config problems, unended spans, export failures): always to stderr,
 * named `statscope`, in the configured format and subject to `STATSCOPE_LOG_LEVEL`. Never throws.
 */
import type { LogLevel } from '../config/types';
import type { LogAttributes } from './format';
import { createLogger } from './logger';
import type { Logger } from './logger';

let internal: Logger | undefined;
const said = new Set<string>();
const MAX_ONCE_KEYS = 10_000;

function logger(): Logger {
  return (internal ??= createLogger({
    name: 'statscope',
    isCorrelated: false,
    write: (line) => {
      try {
        process.stderr.write(`${line}\n`);
      } catch {
        // stderr closed: nowhere to report.
      }
    },
  }));
}

/** Writes one internal message. */
export function internalLog(level: LogLevel, message: string, attributes?: LogAttributes): void {
  logger()[level](message, attributes);
}

/** Writes an internal message the first time `key` is seen in this copy of the runtime. */
export function logOnce(key: string, level: LogLevel, message: string, attributes?: LogAttributes): void {
  if (said.has(key) || said.size >= MAX_ONCE_KEYS) return;
  said.add(key);
  internalLog(level, message, attributes);
}
