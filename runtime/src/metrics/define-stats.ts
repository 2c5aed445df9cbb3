/**
 * `defineStats` and the global registry. The global registry lives in the versioned global slot, so a
 * preloaded copy of the runtime and an imported copy declare into, and export from, the same registry.
 */
import { currentConfig } from '../config/current';
import { sharedValue } from '../internal/global';
import { isObject, optionsOf } from '../internal/is';
import { Registry, REGISTRY_LAYOUT } from './registry';
import type { MetricsRegistry, RegistryInit, RegistryOptions } from './registry-types';
import type { Stats, StatsDeclarations } from './types';

/** Options of {@link defineStats}. */
export interface DefineStatsOptions {
  /** Declare into this registry instead of the global one (tests, isolated exporters). */
  readonly registry?: MetricsRegistry;
}

function isRegistry(value: unknown): value is MetricsRegistry {
  try {
    return isRegistryShaped(value);
  } catch {
    return false; // a Proxy whose traps throw
  }
}

function isRegistryShaped(value: unknown): value is MetricsRegistry {
  return (
    isObject(value) &&
    value['layout'] === REGISTRY_LAYOUT &&
    typeof value['defineStats'] === 'function' &&
    typeof value['serialize'] === 'function' &&
    typeof value['serializeToBuffer'] === 'function' &&
    typeof value['writeExposition'] === 'function' &&
    typeof value['snapshot'] === 'function'
  );
}

/** The process-wide registry shared by every copy of the runtime. */
export function getRegistry(): MetricsRegistry {
  return sharedValue('registry', isRegistry, () => new Registry(configuredInit()));
}

/** The global registry's settings from the configuration (`STATSCOPE_MAX_SERIES_PER_METRIC`), preload or not. */
function configuredInit(): RegistryInit {
  try {
    return { maxSeriesPerMetric: currentConfig().maxSeriesPerMetric };
  } catch {
    return {};
  }
}

/** A new, isolated registry (nothing else sees it unless you pass it to a backend or server). */
export function createRegistry(options: RegistryInit = {}): MetricsRegistry {
  return new Registry(optionsOf(options));
}

/** Changes settings of the global registry (series cap, default window, error hook). */
export function configureRegistry(options: RegistryOptions): void {
  getRegistry().configure(options);
}

/**
 * Declares a component's statistics once: a typed struct of counters, gauges and histograms.
 * Exposed names are derived from the component and the keys (`inference` + `queueDepth` →
 * `inference_queue_depth`). Bad declarations are reported through diag and become no-op metrics; this
 * never throws. Declaring the same component again (hot reload, a second copy of the runtime) returns the
 * existing metrics.
 */
export function defineStats<const D extends StatsDeclarations>(component: string, declarations: D, options?: DefineStatsOptions): Stats<D> {
  const given = optionsOf(options).registry;
  const registry = isRegistry(given) ? given : getRegistry();
  return registry.defineStats(component, declarations);
}
