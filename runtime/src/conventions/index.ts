/**
 * The conventions that define "standard metric usage". Pure data and functions, no I/O:
 * the runtime checks them when a struct is declared, the language server lints them at edit
 * time, so both read the same source and cannot drift apart.
 */

/** Prometheus metric name grammar without the colon, which is reserved for recording rules. */
export const METRIC_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Prometheus label name grammar. */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** OpenTelemetry instrument names: dotted lower-case segments. */
export const OTEL_METRIC_NAME_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** Suffixes that Prometheus derives from histograms and summaries; a declared name must not end with them. */
export const RESERVED_SUFFIXES: readonly string[] = ['_bucket', '_count', '_sum', '_created', '_info'];
/** Label names Prometheus reserves for histograms and summaries. */
export const RESERVED_LABELS: readonly string[] = ['le', 'quantile'];
/** Words that restate the metric kind inside its name. */
export const KIND_WORDS: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'metric'];

/** Base units accepted for a declaration, with the suffix the exposed name carries. */
export const BASE_UNITS: Readonly<Record<string, string>> = {
  seconds: 'seconds',
  bytes: 'bytes',
  ratio: 'ratio',
  percent: 'percent',
  meters: 'meters',
  volts: 'volts',
  amperes: 'amperes',
  joules: 'joules',
  grams: 'grams',
  celsius: 'celsius',
  hertz: 'hertz',
  requests: 'requests',
  errors: 'errors',
  tokens: 'tokens',
  items: 'items',
};

/** A non-base unit and what to use instead, with the factor that converts a value to the base unit. */
export interface UnitConversion {
  readonly base: string;
  readonly factor: number;
}

/** Non-base units and unit abbreviations, mapped to their base unit. Keys are name segments or unit strings. */
export const NON_BASE_UNITS: Readonly<Record<string, UnitConversion>> = {
  ms: { base: 'seconds', factor: 1e-3 },
  millis: { base: 'seconds', factor: 1e-3 },
  milliseconds: { base: 'seconds', factor: 1e-3 },
  us: { base: 'seconds', factor: 1e-6 },
  micros: { base: 'seconds', factor: 1e-6 },
  microseconds: { base: 'seconds', factor: 1e-6 },
  ns: { base: 'seconds', factor: 1e-9 },
  nanos: { base: 'seconds', factor: 1e-9 },
  nanoseconds: { base: 'seconds', factor: 1e-9 },
  sec: { base: 'seconds', factor: 1 },
  secs: { base: 'seconds', factor: 1 },
  s: { base: 'seconds', factor: 1 },
  minutes: { base: 'seconds', factor: 60 },
  mins: { base: 'seconds', factor: 60 },
  hours: { base: 'seconds', factor: 3600 },
  bits: { base: 'bytes', factor: 1 / 8 },
  kb: { base: 'bytes', factor: 1e3 },
  kilobytes: { base: 'bytes', factor: 1e3 },
  kib: { base: 'bytes', factor: 1024 },
  mb: { base: 'bytes', factor: 1e6 },
  megabytes: { base: 'bytes', factor: 1e6 },
  mib: { base: 'bytes', factor: 1024 * 1024 },
  gb: { base: 'bytes', factor: 1e9 },
  gigabytes: { base: 'bytes', factor: 1e9 },
  gib: { base: 'bytes', factor: 1024 * 1024 * 1024 },
};

/** Default cap on distinct label sets per metric; past it samples go to one overflow series. */
export const DEFAULT_MAX_SERIES_PER_METRIC = 2000;
/** The label value given to the overflow series. */
export const OVERFLOW_LABEL_VALUE = '__overflow__';

/** Splits camelCase, PascalCase, kebab-case, dotted and spaced words into lower-case snake_case. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^a-zA-Z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** True when a name is lower snake_case and fits the Prometheus grammar. */
export function isSnakeCase(name: string): boolean {
  return METRIC_NAME_PATTERN.test(name) && name === name.toLowerCase() && !name.includes('__');
}

/**
 * The name Prometheus exposes for a declared metric: `<component>_<name>[_<unit>][_total]`.
 * The unit and `_total` are appended only when the name does not carry them already.
 */
export function exposedName(component: string, name: string, kind: MetricKind, unit?: string): string {
  let full = component ? `${toSnakeCase(component)}_${toSnakeCase(name)}` : toSnakeCase(name);
  if (kind === 'counter' && full.endsWith('_total')) full = full.slice(0, -'_total'.length);
  if (unit && BASE_UNITS[unit] !== undefined && !full.endsWith(`_${unit}`)) full = `${full}_${unit}`;
  return kind === 'counter' ? `${full}_total` : full;
}

/** The non-base unit a name segment names, if any (`latency_ms` → ms). */
export function findNonBaseUnitSegment(name: string): string | undefined {
  for (const segment of toSnakeCase(name).split('_')) {
    if (segment in NON_BASE_UNITS && segment !== 's') return segment;
  }
  return undefined;
}
