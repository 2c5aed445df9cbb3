/**
 * The OpenTelemetry backend's core: a MetricProducer that the OTel SDK's MetricReaders collect
 * (`new PeriodicExportingMetricReader({ exporter, metricProducers: [createOtelMetricProducer()] })`), so
 * OTLP and every other OTel exporter work. It is written against structural copies of the SDK's types, so
 * importing statscope never needs `@opentelemetry/sdk-metrics`; a test checks it is assignable to the SDK's
 * `MetricProducer`. Data is cumulative; one scope per component; histograms carry min and max.
 */
import { OTEL_UNITS } from '../conventions';
import { describeError, diag } from '../internal/diag';
import { optionsOf } from '../internal/is';
import { windowBaseName } from './text-format';
import { getRegistry } from '../metrics/define-stats';
import type { FamilySnapshot, MetricsRegistry, SeriesExemplar, SeriesSnapshot } from '../metrics/registry-types';

/** `[seconds, nanoseconds]` since the epoch, as OTel's HrTime. */
export type OtelHrTime = [number, number];
/** Attributes of a data point (label names to values). */
export type OtelAttributes = Record<string, string>;

/** Structural copy of the SDK's MetricDescriptor. */
export interface OtelMetricDescriptor {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** `ValueType.DOUBLE` (1). */
  readonly valueType: 1;
}

/** Structural copy of the SDK's DataPoint, plus the exemplars the SDK's own points do not carry. */
export interface OtelDataPoint<T> {
  readonly startTime: OtelHrTime;
  readonly endTime: OtelHrTime;
  readonly attributes: OtelAttributes;
  readonly value: T;
  /**
   * Statscope's exemplars of this point (histograms: `bucket` is the bucket index). The official OTLP
   * serializers ignore the field; Statscope's exporter adds them to the request (otlp-exemplars.ts).
   */
  readonly exemplars?: readonly SeriesExemplar[];
}

/** Structural copy of the SDK's explicit-bucket Histogram value. */
export interface OtelHistogramPointValue {
  buckets: { boundaries: number[]; counts: number[] };
  sum?: number;
  count: number;
  min?: number;
  max?: number;
}

/** `AggregationTemporality.CUMULATIVE` (1). */
type Cumulative = 1;

/** A monotonic sum (`DataPointType.SUM`, 3). */
export interface OtelSumMetricData {
  readonly descriptor: OtelMetricDescriptor;
  readonly aggregationTemporality: Cumulative;
  readonly dataPointType: 3;
  readonly dataPoints: OtelDataPoint<number>[];
  readonly isMonotonic: boolean;
}

/** A gauge (`DataPointType.GAUGE`, 2). */
export interface OtelGaugeMetricData {
  readonly descriptor: OtelMetricDescriptor;
  readonly aggregationTemporality: Cumulative;
  readonly dataPointType: 2;
  readonly dataPoints: OtelDataPoint<number>[];
}

/** An explicit-bucket histogram (`DataPointType.HISTOGRAM`, 0). */
export interface OtelHistogramMetricData {
  readonly descriptor: OtelMetricDescriptor;
  readonly aggregationTemporality: Cumulative;
  readonly dataPointType: 0;
  readonly dataPoints: OtelDataPoint<OtelHistogramPointValue>[];
}

/** Any metric the producer emits. */
export type OtelMetricData = OtelSumMetricData | OtelGaugeMetricData | OtelHistogramMetricData;

/** Structural copy of the SDK's ScopeMetrics. */
export interface OtelScopeMetrics {
  scope: { readonly name: string; readonly version?: string };
  metrics: OtelMetricData[];
}

/** Structural copy of `@opentelemetry/resources`' Resource (readers replace it with the SDK's own). */
export interface OtelResource {
  readonly attributes: OtelAttributes;
  merge(other: OtelResource | null): OtelResource;
  getRawAttributes(): [string, string | undefined][];
}

/** Structural copy of the SDK's CollectionResult. */
export interface OtelCollectionResult {
  resourceMetrics: { resource: OtelResource; scopeMetrics: OtelScopeMetrics[] };
  errors: unknown[];
}

/** Structural copy of the SDK's MetricProducer. */
export interface OtelMetricProducer {
  collect(options?: { timeoutMillis?: number }): Promise<OtelCollectionResult>;
}

/** Options of {@link createOtelMetricProducer}. */
export interface OtelProducerOptions {
  /** Registry to read (default: the global registry). */
  readonly registry?: MetricsRegistry;
  /**
   * Metric names: `prometheus` (default) uses the exposed names (`inference_latency_seconds`), the same the
   * editor, dashboards and `/metrics` use; `otel` uses dotted names (`inference.latency`).
   */
  readonly naming?: 'prometheus' | 'otel';
  /** Resource attributes for callers that export the result themselves (readers use the SDK's resource). */
  readonly resourceAttributes?: Readonly<Record<string, string>>;
}

/** A resource made of plain attributes. */
export function plainResource(attributes: OtelAttributes): OtelResource {
  return {
    attributes,
    merge(other: OtelResource | null): OtelResource {
      return other === null ? this : plainResource({ ...attributes, ...other.attributes });
    },
    getRawAttributes(): [string, string | undefined][] {
      return Object.entries(attributes);
    },
  };
}

function hrTime(ms: number): OtelHrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

function attributesOf(names: readonly string[], values: readonly string[]): OtelAttributes {
  const out: OtelAttributes = {};
  for (let i = 0; i < names.length; i++) out[names[i] as string] = values[i] as string;
  return out;
}

function otelName(family: FamilySnapshot, naming: 'prometheus' | 'otel'): string {
  if (naming === 'prometheus') return family.name;
  const key = family.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${family.component.toLowerCase()}.${key}`;
}

function descriptor(name: string, description: string, unit: string | undefined): OtelMetricDescriptor {
  return { name, description, unit: unit === undefined ? '' : (OTEL_UNITS[unit] ?? unit), valueType: 1 };
}

function convert(family: FamilySnapshot, naming: 'prometheus' | 'otel', start: OtelHrTime, end: OtelHrTime): OtelMetricData[] {
  const name = otelName(family, naming);
  const desc = descriptor(name, family.description, family.unit);
  const point = <T>(s: SeriesSnapshot, value: T): OtelDataPoint<T> => {
    const p = { startTime: start, endTime: end, attributes: attributesOf(family.labelNames, s.labels), value };
    return s.exemplars === undefined ? p : { ...p, exemplars: s.exemplars };
  };
  const out: OtelMetricData[] = [];
  if (family.kind === 'counter') {
    out.push({ descriptor: desc, aggregationTemporality: 1, dataPointType: 3, isMonotonic: true, dataPoints: family.series.map((s) => point(s, s.value)) });
  } else if (family.kind === 'gauge') {
    out.push({ descriptor: desc, aggregationTemporality: 1, dataPointType: 2, dataPoints: family.series.map((s) => point(s, s.value)) });
  } else {
    const dataPoints = family.series.map((s) => {
      const h = s.histogram ?? { count: 0, sum: 0, min: NaN, max: NaN, counts: [] };
      const value: OtelHistogramPointValue = { buckets: { boundaries: family.bounds.slice(), counts: h.counts.slice() }, sum: h.sum, count: h.count };
      if (h.count > 0 && Number.isFinite(h.min) && Number.isFinite(h.max)) {
        value.min = h.min;
        value.max = h.max;
      }
      return point(s, value);
    });
    out.push({ descriptor: desc, aggregationTemporality: 1, dataPointType: 0, dataPoints });
  }
  if (family.series.some((s) => s.window !== undefined)) out.push(...windowGauges(family, name, start, end));
  return out;
}

function windowGauges(family: FamilySnapshot, name: string, start: OtelHrTime, end: OtelHrTime): OtelGaugeMetricData[] {
  const base = windowBaseName(family.kind, name);
  const sep = name.includes('.') ? '.' : '_';
  return (['avg', 'min', 'max', 'rate'] as const).map((stat) => ({
    descriptor: descriptor(`${base}${sep}window${sep}${stat}`, `${family.description} (${stat} over a sliding window)`, stat === 'rate' ? undefined : family.unit),
    aggregationTemporality: 1,
    dataPointType: 2,
    dataPoints: family.series
      .filter((s) => s.window !== undefined && Number.isFinite(s.window[stat]))
      .map((s) => ({ startTime: start, endTime: end, attributes: attributesOf(family.labelNames, s.labels), value: (s.window as NonNullable<SeriesSnapshot['window']>)[stat] })),
  }));
}

/** Converts the registry's current state to OTel metric data, one scope per component. */
export function collectOtel(registry: MetricsRegistry, naming: 'prometheus' | 'otel'): OtelScopeMetrics[] {
  const snapshot = registry.snapshot();
  const end = hrTime(snapshot.timeMs);
  const scopes = new Map<string, OtelScopeMetrics>();
  for (const family of snapshot.families) {
    let scope = scopes.get(family.component);
    if (scope === undefined) {
      scope = { scope: { name: family.component }, metrics: [] };
      scopes.set(family.component, scope);
    }
    scope.metrics.push(...convert(family, naming, hrTime(family.startTimeMs), end));
  }
  return [...scopes.values()];
}

/**
 * A MetricProducer over a statscope registry. Pass it to any OTel MetricReader's `metricProducers`.
 * `collect` never rejects: failures come back in `errors`.
 */
export function createOtelMetricProducer(optionsArg?: OtelProducerOptions): OtelMetricProducer {
  const options = optionsOf(optionsArg);
  const naming = options.naming === 'otel' ? 'otel' : 'prometheus';
  const resource = plainResource({ ...(options.resourceAttributes ?? {}) });
  return {
    collect(): Promise<OtelCollectionResult> {
      try {
        const registry = options.registry ?? getRegistry();
        return Promise.resolve({ resourceMetrics: { resource, scopeMetrics: collectOtel(registry, naming) }, errors: [] });
      } catch (error) {
        diag('error', `OTel metric producer: collect failed: ${describeError(error)}`);
        return Promise.resolve({ resourceMetrics: { resource, scopeMetrics: [] }, errors: [error] });
      }
    },
  };
}
