/**
 * Flush on exit without changing how the program exits:
 * - `beforeExit` (the event loop ran dry): end unended spans, export everything, then let Node exit
 *   with the program's own exit code;
 * - `exit` (`process.exit()`, uncaught exception): no async I/O is possible, so what is left is sent
 *   synchronously through a child process, and drops are summarised;
 * - `SIGINT`/`SIGTERM`: when the program has no handler of its own, flush (bounded by
 *   `STATSCOPE_FLUSH_TIMEOUT`) and re-raise the signal so the default behaviour (death by that signal)
 *   is kept; when it has one, flush in the background and leave the signal to the program.
 */
import { internalLog } from '../log/internal';
import { beginClosingSenders, endClosingSenders } from './otlp-sender';
import type { StartedSdk } from './sdk';
import { state } from './state';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
let installed = false;

/** Installs the exit hooks for `sdk` once per copy of the runtime. Never throws. */
export function installExitHooks(sdk: StartedSdk, flushTimeoutMs: number): void {
  if (installed) return;
  installed = true;
  try {
    process.on('beforeExit', () => onBeforeExit(sdk, flushTimeoutMs));
    process.on('exit', () => onExit(sdk, flushTimeoutMs));
    for (const signal of SIGNALS) process.on(signal, onSignal);
  } catch {
    // No exit hooks (exotic host): spans still go out on the periodic schedule.
  }

  let isSignalled = false;
  function onSignal(signal: NodeJS.Signals): void {
    if (process.listenerCount(signal) > 1) {
      // The program handles this signal itself; it decides when to exit.
      void flushFor(sdk, flushTimeoutMs).catch(() => undefined);
      return;
    }
    if (isSignalled) {
      reraise(signal);
      return;
    }
    isSignalled = true;
    flushFor(sdk, flushTimeoutMs, true).then(
      () => reraise(signal),
      () => reraise(signal),
    );
  }

  function reraise(signal: NodeJS.Signals): void {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    try {
      // No listener left: the default action applies and the process dies by this signal.
      process.kill(process.pid, signal);
    } catch {
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
  }
}

let isFlushing = false;
let hasFinalFlushRun = false;

function onBeforeExit(sdk: StartedSdk, flushTimeoutMs: number): void {
  if (isFlushing) return;
  // The first time also pushes metrics one last time; later, only when spans are pending.
  if (hasFinalFlushRun && sdk.processor?.hasPendingWork() !== true && sdk.logQueue?.hasPendingWork() !== true) return;
  hasFinalFlushRun = true;
  // Nothing can end an open span any more: the loop is empty. Flushing schedules I/O, so Node
  // emits beforeExit again afterwards; by then nothing is pending and the process exits.
  void flushFor(sdk, flushTimeoutMs, true).catch(() => undefined);
}

function onExit(sdk: StartedSdk, flushTimeoutMs: number): void {
  try {
    if (sdk.processor?.hasPendingWork() === true) sdk.processor.drainSync(flushTimeoutMs);
    if (sdk.logQueue?.hasPendingWork() === true) sdk.logQueue.drainSync(flushTimeoutMs);
    reportDrops();
    reportLogDrops();
  } catch {
    // Exiting anyway.
  }
}

/** Ends unended spans (when `isFinal`), exports everything, and gives up after `flushTimeoutMs`. */
async function flushFor(sdk: StartedSdk, flushTimeoutMs: number, isFinal = false): Promise<void> {
  const processor = sdk.processor;
  isFlushing = true;
  let timer: NodeJS.Timeout | undefined;
  try {
    if (isFinal) {
      processor?.endUnended();
      beginClosingSenders(Date.now() + flushTimeoutMs);
    }
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, flushTimeoutMs);
    });
    await Promise.race([sdk.forceFlush(), deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    endClosingSenders();
    isFlushing = false;
  }
}

function reportDrops(): void {
  const c = state.counters;
  const lost = c.spansDroppedQueueFull + c.spansFailedExport + c.spansDroppedAfterShutdown;
  if (lost === 0) return;
  const late = c.spansDroppedAfterShutdown === 0 ? '' : `, ${c.spansDroppedAfterShutdown} ended after the final flush`;
  internalLog(
    'warn',
    `${lost} spans were not exported (${c.spansDroppedQueueFull} dropped on a full queue, ${c.spansFailedExport} failed to send${late}${c.lastExportError === undefined ? '' : `, last error: ${c.lastExportError}`}); ${c.spansExported} exported`,
    { spans_dropped: c.spansDroppedQueueFull, spans_failed: c.spansFailedExport, spans_late: c.spansDroppedAfterShutdown, spans_exported: c.spansExported },
  );
}

function reportLogDrops(): void {
  const c = state.counters;
  const lost = c.logsDroppedQueueFull + c.logsFailedExport;
  if (lost === 0) return;
  internalLog('warn', `${lost} log records were not exported (${c.logsDroppedQueueFull} dropped on a full queue or after the final flush, ${c.logsFailedExport} failed to send); ${c.logsExported} exported`, {
    logs_dropped: c.logsDroppedQueueFull,
    logs_failed: c.logsFailedExport,
    logs_exported: c.logsExported,
  });
}
