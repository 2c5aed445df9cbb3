/**
 * The Prometheus (a /metrics server) and in-memory backends.
 */
import { getRegistry } from '../metrics/define-stats';
import type { ExpositionFormat, FamilySnapshot, HistogramSnapshot, MetricsRegistry, RegistrySnapshot, SeriesSnapshot } from '../metrics/registry-types';
import type { MetricsBackend } from './backend';
import { startMetricsServer } from './metrics-server';
import type { MetricsServer, MetricsServerOptions } from './metrics-server';

/** The Prometheus backend: serves the registry on `/metrics`. */
export interface PrometheusBackend extends MetricsBackend {
  /** The server once started (check `listening`). */
  readonly server: MetricsServer | undefined;
}

/** A backend serving `/metrics` and `/healthz` (see `startMetricsServer` for the options). */
export function prometheusBackend(options: Omit<MetricsServerOptions, 'registry'> = {}): PrometheusBackend {
  let server: MetricsServer | undefined;
  return {
    name: 'prometheus',
    get server(): MetricsServer | undefined {
      return server;
    },
    async start(registry: MetricsRegistry): Promise<void> {
      await server?.close();
      server = await startMetricsServer({ ...options, registry });
    },
    async shutdown(): Promise<void> {
      await server?.close();
      server = undefined;
    },
  };
}

/** The in-memory backend: read values in tests without a server. */
export interface MemoryBackend extends MetricsBackend {
  /** Every metric now. */
  snapshot(): RegistrySnapshot;
  /** A counter's or gauge's value (histogram: its count) for exactly these labels, if the series exists. */
  value(name: string, labels?: Readonly<Record<string, string>>): number | undefined;
  /** A histogram series, if it exists. */
  histogram(name: string, labels?: Readonly<Record<string, string>>): HistogramSnapshot | undefined;
  /** The exposition text. */
  text(format?: ExpositionFormat): string;
}

function findSeries(family: FamilySnapshot | undefined, labels: Readonly<Record<string, string>>): SeriesSnapshot | undefined {
  if (family === undefined) return undefined;
  const keys = Object.keys(labels);
  if (keys.length !== family.labelNames.length) return undefined;
  return family.series.find((s) => family.labelNames.every((n, i) => labels[n] === s.labels[i]));
}

/** A backend that keeps nothing itself and reads the registry on demand. */
export function memoryBackend(): MemoryBackend {
  let registry: MetricsRegistry | undefined;
  const current = (): MetricsRegistry => registry ?? getRegistry();
  const family = (name: string): FamilySnapshot | undefined => current().snapshot().families.find((f) => f.name === name);
  return {
    name: 'memory',
    start(r: MetricsRegistry): void {
      registry = r;
    },
    snapshot: () => current().snapshot(),
    value: (name, labels = {}) => findSeries(family(name), labels)?.value,
    histogram: (name, labels = {}) => findSeries(family(name), labels)?.histogram,
    text: (format = 'prometheus') => current().serialize(format),
  };
}
