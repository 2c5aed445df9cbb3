/**
 * Backends: the one interface every way of reading the metrics implements, and `configureMetrics`, which
 * switches them. Components never change when the backend does: they only hold their stats struct.
 * The active backends sit in the shared global slot, so every copy of the runtime sees the same ones.
 */
import { describeError, diag } from '../internal/diag';
import { sharedValue } from '../internal/global';
import { isObject } from '../internal/is';
import { getRegistry } from '../metrics/define-stats';
import type { MetricsRegistry, RegistryOptions } from '../metrics/registry-types';

/**
 * A metrics backend. Built in: `prometheusBackend` (the /metrics server), `otlpBackend` (push through the
 * OTel SDK), `memoryBackend` (tests). A custom backend implements this and reads `registry.snapshot()` or
 * `registry.serialize()` whenever it wants. Every method is called inside a guard.
 */
export interface MetricsBackend {
  /** Short name for diagnostics (`prometheus`, `otlp`, `memory`, ...). */
  readonly name: string;
  /** Starts reading `registry`. */
  start(registry: MetricsRegistry): void | Promise<void>;
  /** Pushes pending data now, if the backend pushes. */
  flush?(): Promise<void>;
  /** Stops, releasing servers and timers. */
  shutdown?(): Promise<void>;
}

/** What {@link configureMetrics} accepts: registry settings plus the backends to run. */
export interface MetricsConfig extends RegistryOptions {
  /** Replaces the running backends with these (omit to keep them; `[]` stops them all). */
  readonly backends?: readonly MetricsBackend[];
  /** The registry to configure (default: the global registry). */
  readonly registry?: MetricsRegistry;
}

interface BackendState {
  readonly kind: 'statscope.backends';
  active: MetricsBackend[];
  /** Serializes configuration changes. */
  pending: Promise<void>;
}

function isBackendState(value: unknown): value is BackendState {
  return isObject(value) && value['kind'] === 'statscope.backends' && Array.isArray(value['active']);
}

function state(): BackendState {
  return sharedValue('backends', isBackendState, () => ({ kind: 'statscope.backends', active: [], pending: Promise.resolve() }));
}

function isBackend(value: unknown): value is MetricsBackend {
  return isObject(value) && typeof value['name'] === 'string' && typeof value['start'] === 'function';
}

async function guarded(backend: MetricsBackend, what: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    diag('error', `metrics backend ${backend.name}: ${what} failed: ${describeError(error)}`);
  }
}

/**
 * Applies registry settings and, when `backends` is given, stops the running backends and starts these.
 * The returned promise resolves when the backends have started; it never rejects.
 */
export function configureMetrics(config: MetricsConfig): Promise<void> {
  const s = state();
  const run = async (): Promise<void> => {
    if (typeof config !== 'object' || config === null) return;
    const registry = config.registry ?? getRegistry();
    registry.configure(config);
    if (config.backends === undefined) return;
    const next = (Array.isArray(config.backends) ? config.backends : []).filter((b) => {
      if (!isBackend(b)) diag('error', 'configureMetrics: ignoring a backend without name and start()');
      return isBackend(b);
    });
    const previous = s.active;
    s.active = [];
    for (const b of previous) await guarded(b, 'shutdown', () => b.shutdown?.());
    for (const b of next) await guarded(b, 'start', () => b.start(registry));
    s.active = next;
  };
  s.pending = s.pending.then(run, run).then(undefined, (error: unknown) => diag('error', `configureMetrics failed: ${describeError(error)}`));
  return s.pending;
}

/** The running backends. */
export function activeMetricsBackends(): readonly MetricsBackend[] {
  return state().active.slice();
}

/** Asks every running backend to push now. Never rejects. */
export async function flushMetrics(): Promise<void> {
  for (const b of state().active) await guarded(b, 'flush', () => b.flush?.());
}

/** Stops every running backend. Never rejects. */
export function shutdownMetrics(): Promise<void> {
  return configureMetrics({ backends: [] });
}
