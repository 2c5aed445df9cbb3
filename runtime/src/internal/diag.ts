/**
 * The runtime's internal diagnostic logger. Silent unless enabled (`setDiagLogger`, or the environment
 * variable `STATSCOPE_DIAG=error|warn|info|debug`, which logs to stderr). Problems are reported once per
 * key (a metric and a reason), so a hot path dropping bad values cannot flood the log.
 */
import { isObject } from './is';
import { sharedValue } from './global';

/** Severity levels, most severe first. */
export type DiagLevel = 'error' | 'warn' | 'info' | 'debug';

/** Where diagnostics go. Each method receives one complete message. */
export interface DiagLogger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const RANK: Readonly<Record<DiagLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };
/** Bound on remembered once-keys; past it, once-only messages are no longer logged at all. */
const MAX_ONCE_KEYS = 10_000;

interface DiagState {
  readonly kind: 'statscope.diag';
  logger: DiagLogger | undefined;
  rank: number;
  readonly seen: Set<string>;
}

function isDiagState(value: unknown): value is DiagState {
  return isObject(value) && value['kind'] === 'statscope.diag' && value['seen'] instanceof Set;
}

function isDiagLevel(value: unknown): value is DiagLevel {
  return value === 'error' || value === 'warn' || value === 'info' || value === 'debug';
}

/** A logger writing `statscope <level>: message` lines to stderr. */
export function stderrDiagLogger(): DiagLogger {
  const write = (level: string) => (message: string): void => {
    try {
      process.stderr.write(`statscope ${level}: ${message}\n`);
    } catch {
      // stderr closed: nothing left to tell.
    }
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

function state(): DiagState {
  return sharedValue('diag', isDiagState, () => {
    const fromEnv = typeof process !== 'undefined' ? process.env['STATSCOPE_DIAG'] : undefined;
    const level = fromEnv?.trim().toLowerCase();
    const enabled = isDiagLevel(level);
    return { kind: 'statscope.diag', logger: enabled ? stderrDiagLogger() : undefined, rank: enabled ? RANK[level] : -1, seen: new Set() };
  });
}

/**
 * Enables diagnostics at `level` and above (default `warn`), sent to `logger`, or to stderr when the logger
 * is `undefined`. {@link disableDiag} turns them off again. Shared by every copy of the runtime in the process.
 */
export function setDiagLogger(logger: DiagLogger | undefined, level: DiagLevel = 'warn'): void {
  const s = state();
  s.logger = logger ?? stderrDiagLogger();
  s.rank = RANK[isDiagLevel(level) ? level : 'warn'];
  s.seen.clear();
}

/** Turns diagnostics off (the default). */
export function disableDiag(): void {
  const s = state();
  s.logger = undefined;
  s.rank = -1;
  s.seen.clear();
}

/** Logs `message` at `level` if enabled. Never throws, even when the user's logger does. */
export function diag(level: DiagLevel, message: string): void {
  const s = state();
  if (s.logger === undefined || RANK[level] > s.rank) return;
  try {
    s.logger[level](message);
  } catch {
    // A failing user logger must not break the program; there is nowhere left to report it.
  }
}

/** Logs `message` once per `key` (for example `metric|reason`); later calls with the same key are silent. */
export function diagOnce(level: DiagLevel, key: string, message: string): void {
  const s = state();
  if (s.logger === undefined || RANK[level] > s.rank) return;
  if (s.seen.has(key) || s.seen.size >= MAX_ONCE_KEYS) return;
  s.seen.add(key);
  diag(level, message);
}

/** A short printable description of any thrown value. */
export function describeError(error: unknown): string {
  try {
    // `instanceof` itself throws for a revoked Proxy, and `stack` may be a getter that throws.
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return 'unprintable error';
  }
}
