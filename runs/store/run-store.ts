/**
 * The set of runs kept in memory: bounded (oldest runs evicted past `maxRuns`), with throttled
 * change notifications for UI consumers (no `vscode` types; `Disposable` is structural).
 */
import { ChangeThrottle } from './change-throttle';
import type { Disposable } from './change-throttle';
import type { Clock } from './clock';
import { Run } from './run';
import type { RunChangeKind, RunDescription, RunLimits, RunState } from './run';

export interface RunStoreOptions {
  /** Runs kept; creating one more evicts the oldest finished run (or the oldest run). Default 10. */
  readonly maxRuns?: number;
  /** Spans kept per run; more are dropped and counted. Default 200,000. */
  readonly maxSpansPerRun?: number;
  /** Log records kept per run (newest). Default 10,000. */
  readonly maxLogsPerRun?: number;
  /** Metric series per run. Default 5,000. */
  readonly maxSeriesPerRun?: number;
  /** Recent points kept per series. Default 600. */
  readonly maxPointsPerSeries?: number;
  /** Minimum interval between change notifications. Default 250 ms. */
  readonly notifyIntervalMs?: number;
  /** Called when a change listener throws (default: ignored). */
  readonly onListenerError?: (error: unknown) => void;
  /** Time and timers of the change notifications (default the system clock; tests inject a manual one). */
  readonly clock?: Clock;
}

/** One coalesced notification. */
export interface StoreChangeEvent {
  /** Runs were added, removed or changed state (finished). */
  readonly runsChanged: boolean;
  /** Runs that received data or changed, by id, with what changed. */
  readonly runs: ReadonlyMap<string, ReadonlySet<RunChangeKind>>;
}

export const DEFAULT_STORE_OPTIONS: Required<Omit<RunStoreOptions, 'onListenerError' | 'clock'>> = {
  maxRuns: 10,
  maxSpansPerRun: 200_000,
  maxLogsPerRun: 10_000,
  maxSeriesPerRun: 5_000,
  maxPointsPerSeries: 600,
  notifyIntervalMs: 250,
};

interface MutableChange {
  runsChanged: boolean;
  runs: Map<string, Set<RunChangeKind>>;
}

export class RunStore {
  private readonly list: Run[] = [];
  private readonly throttle: ChangeThrottle<MutableChange>;
  private readonly limits: RunLimits;
  private readonly maxRuns: number;
  private nextId = 1;
  private evicted = 0;

  constructor(options: RunStoreOptions = {}) {
    const o = { ...DEFAULT_STORE_OPTIONS, ...options };
    this.maxRuns = Math.max(1, o.maxRuns);
    this.limits = { maxSpans: o.maxSpansPerRun, maxLogs: o.maxLogsPerRun, maxSeries: o.maxSeriesPerRun, maxPointsPerSeries: o.maxPointsPerSeries };
    this.throttle = new ChangeThrottle<MutableChange>(o.notifyIntervalMs, mergeChange, options.onListenerError, options.clock);
  }

  /** Runs, oldest first. */
  runs(): readonly Run[] {
    return this.list.slice();
  }

  getRun(id: string): Run | undefined {
    return this.list.find((r) => r.id === id);
  }

  /** Runs evicted so far to stay within `maxRuns`. */
  get evictedRunCount(): number {
    return this.evicted;
  }

  /** Creates a run (`running` for a program, `imported` for a file), evicting the oldest past the limit. */
  createRun(description: RunDescription, state: RunState = 'running'): Run {
    while (this.list.length >= this.maxRuns) {
      const victim = this.list.find((r) => r.state !== 'running') ?? this.list[0];
      if (victim === undefined) break;
      this.list.splice(this.list.indexOf(victim), 1);
      this.evicted++;
    }
    const run = new Run(`run-${this.nextId++}`, description, state, this.limits, (r, kind) => this.mark(r.id, kind));
    this.list.push(run);
    this.throttle.mark({ runsChanged: true, runs: new Map() });
    return run;
  }

  /** Removes a run; returns whether it existed. */
  removeRun(id: string): boolean {
    const index = this.list.findIndex((r) => r.id === id);
    if (index < 0) return false;
    this.list.splice(index, 1);
    this.throttle.mark({ runsChanged: true, runs: new Map() });
    return true;
  }

  clear(): void {
    if (this.list.length === 0) return;
    this.list.length = 0;
    this.throttle.mark({ runsChanged: true, runs: new Map() });
  }

  /** Listens for coalesced changes (at most one call per `notifyIntervalMs`). */
  onDidChange(listener: (event: StoreChangeEvent) => void): Disposable {
    return this.throttle.listen(listener);
  }

  /** Delivers pending notifications immediately. */
  flushNotifications(): void {
    this.throttle.flush();
  }

  dispose(): void {
    this.throttle.dispose();
  }

  private mark(runId: string, kind: RunChangeKind): void {
    if (!this.list.some((r) => r.id === runId)) return;
    this.throttle.mark({ runsChanged: kind === 'state', runs: new Map([[runId, new Set([kind])]]) });
  }
}

function mergeChange(pending: MutableChange | undefined, next: MutableChange): MutableChange {
  if (pending === undefined) return next;
  pending.runsChanged ||= next.runsChanged;
  for (const [id, kinds] of next.runs) {
    const existing = pending.runs.get(id);
    if (existing === undefined) pending.runs.set(id, kinds);
    else for (const k of kinds) existing.add(k);
  }
  return pending;
}
