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

/**
 * A lookup table keyed by words from user input: no prototype, so `constructor`, `toString` or `__proto__`
 * are never found in it (a plain object literal would answer them from Object.prototype).
 */
function lookupTable<V, T extends Record<string, V>>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries));
}

/** The base units a declaration may name (the keys of {@link BASE_UNITS}). */
export type BaseUnit =
  | 'seconds' | 'bytes' | 'ratio' | 'percent' | 'meters' | 'volts' | 'amperes' | 'joules' | 'grams'
  | 'celsius' | 'hertz' | 'requests' | 'errors' | 'tokens' | 'items';

/** Base units accepted for a declaration, with the suffix the exposed name carries. */
export const BASE_UNITS: Readonly<Record<string, string>> & Readonly<Record<BaseUnit, string>> = lookupTable({
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
});

/** A non-base unit and what to use instead, with the factor that converts a value to the base unit. */
export interface UnitConversion {
  readonly base: string;
  readonly factor: number;
}

/** Non-base units and unit abbreviations, mapped to their base unit. Keys are name segments or unit strings. */
export const NON_BASE_UNITS: Readonly<Record<string, UnitConversion>> = lookupTable({
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
});

/** Default cap on distinct label sets per metric; past it samples go to one overflow series. */
export const DEFAULT_MAX_SERIES_PER_METRIC = 2000;
/** The label value given to the overflow series. */
export const OVERFLOW_LABEL_VALUE = '__overflow__';

/** Splits camelCase, PascalCase, kebab-case, dotted and spaced words into lower-case snake_case. */
export function toSnakeCase(name: string): string {
  if (typeof name !== 'string') return '';
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
  return typeof name === 'string' && METRIC_NAME_PATTERN.test(name) && name === name.toLowerCase() && !name.includes('__');
}

/**
 * The name Prometheus exposes for a declared metric: `<component>_<name>[_<unit>][_total]`.
 * The unit and `_total` are appended only when the name does not carry them already.
 */
export function exposedName(component: string, name: string, kind: MetricKind, unit?: string): string {
  // Non-strings (untyped callers) count as empty; this is used at run time too, where nothing may throw.
  let full = typeof component === 'string' && component ? `${toSnakeCase(component)}_${toSnakeCase(name)}` : toSnakeCase(name);
  if (kind === 'counter' && full.endsWith('_total')) full = full.slice(0, -'_total'.length);
  if (typeof unit === 'string' && unit && BASE_UNITS[unit] !== undefined && !full.endsWith(`_${unit}`)) full = `${full}_${unit}`;
  return kind === 'counter' ? `${full}_total` : full;
}

/** The non-base unit a name segment names, if any (`latency_ms` → ms). */
export function findNonBaseUnitSegment(name: string): string | undefined {
  for (const segment of toSnakeCase(name).split('_')) {
    if (segment in NON_BASE_UNITS && segment !== 's') return segment;
  }
  return undefined;
}

/** Default histogram bucket upper bounds (seconds-scale latencies), the same as the Prometheus clients. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Most buckets a histogram may declare; more is almost always a mistake and costs memory per series. */
export const MAX_BUCKETS = 64;

/** Label names starting with this prefix are reserved for Prometheus internals. */
export const RESERVED_LABEL_PREFIX = '__';

/** The UCUM unit OpenTelemetry expects for each base unit (OTLP `unit` field). */
export const OTEL_UNITS: Readonly<Record<string, string>> = lookupTable({
  seconds: 's',
  bytes: 'By',
  ratio: '1',
  percent: '%',
  meters: 'm',
  volts: 'V',
  amperes: 'A',
  joules: 'J',
  grams: 'g',
  celsius: 'Cel',
  hertz: 'Hz',
  requests: '{request}',
  errors: '{error}',
  tokens: '{token}',
  items: '{item}',
});

/** How bad a declaration problem is: errors make the runtime return a no-op metric, warnings are only reported. */
export type ProblemSeverity = 'error' | 'warning';

/** Stable codes for declaration problems, shared by the runtime's diag output and the linter. */
export type DeclarationProblemCode =
  | 'invalid-component'
  | 'invalid-name'
  | 'reserved-suffix'
  | 'kind-word-in-name'
  | 'non-base-unit-in-name'
  | 'unknown-unit'
  | 'non-base-unit'
  | 'missing-description'
  | 'invalid-labels'
  | 'invalid-label-name'
  | 'reserved-label-name'
  | 'duplicate-label-name'
  | 'invalid-buckets'
  | 'invalid-max-series';

/** One finding about a metric declaration. */
export interface DeclarationProblem {
  readonly code: DeclarationProblemCode;
  readonly severity: ProblemSeverity;
  readonly message: string;
}

/** What a declaration says, as loosely typed as a JavaScript caller may pass it. */
export interface DeclarationInput {
  readonly component: string;
  readonly name: string;
  readonly kind: MetricKind;
  readonly description?: unknown;
  readonly unit?: unknown;
  readonly labels?: unknown;
  readonly buckets?: unknown;
  readonly maxSeries?: unknown;
}

function problem(code: DeclarationProblemCode, severity: ProblemSeverity, message: string): DeclarationProblem {
  return { code, severity, message };
}

/** Checks a component name (the namespace of a stats struct). */
export function validateComponent(component: unknown): DeclarationProblem | undefined {
  if (typeof component !== 'string' || toSnakeCase(component) === '' || !METRIC_NAME_PATTERN.test(toSnakeCase(component))) {
    return problem('invalid-component', 'error', `component name ${JSON.stringify(typeof component === 'string' ? component : typeof component)} must be a word such as "inference" or "httpServer"`);
  }
  return undefined;
}

/** Checks one label name: the Prometheus grammar, no `__` prefix, not `le` or `quantile`. */
export function validateLabelName(name: unknown): DeclarationProblem | undefined {
  if (typeof name !== 'string' || !LABEL_NAME_PATTERN.test(name)) {
    return problem('invalid-label-name', 'error', `label name ${JSON.stringify(String(name))} must match ${LABEL_NAME_PATTERN.source}`);
  }
  if (name.startsWith(RESERVED_LABEL_PREFIX) || RESERVED_LABELS.includes(name)) {
    return problem('reserved-label-name', 'error', `label name "${name}" is reserved by Prometheus`);
  }
  return undefined;
}

/** Checks a label list: an array of distinct, valid, unreserved names. */
export function validateLabelNames(labels: unknown): DeclarationProblem[] {
  if (labels === undefined) return [];
  if (!Array.isArray(labels)) return [problem('invalid-labels', 'error', 'labels must be an array of label names')];
  const problems: DeclarationProblem[] = [];
  const seen = new Set<unknown>();
  for (const name of labels as readonly unknown[]) {
    const p = validateLabelName(name);
    if (p) problems.push(p);
    if (seen.has(name)) problems.push(problem('duplicate-label-name', 'error', `label name "${String(name)}" is declared twice`));
    seen.add(name);
  }
  return problems;
}

/** Checks histogram bucket bounds: finite, strictly increasing, at least one, at most MAX_BUCKETS. */
export function validateBuckets(buckets: unknown): DeclarationProblem | undefined {
  if (buckets === undefined) return undefined;
  const bad = (why: string): DeclarationProblem => problem('invalid-buckets', 'error', `buckets ${why}`);
  if (!Array.isArray(buckets)) return bad('must be an array of numbers');
  const list = buckets as readonly unknown[];
  if (list.length === 0) return bad('must list at least one upper bound');
  if (list.length > MAX_BUCKETS) return bad(`must list at most ${MAX_BUCKETS} upper bounds`);
  let previous = -Infinity;
  for (const b of list) {
    if (typeof b !== 'number' || !Number.isFinite(b)) return bad('must be finite numbers (+Inf is implicit)');
    if (b <= previous) return bad('must be strictly increasing');
    previous = b;
  }
  return undefined;
}

/** Checks a declared unit: absent, or one of BASE_UNITS (non-base units get the base unit to use instead). */
export function validateUnit(unit: unknown): DeclarationProblem | undefined {
  if (unit === undefined) return undefined;
  if (typeof unit === 'string' && BASE_UNITS[unit] !== undefined) return undefined;
  const key = typeof unit === 'string' ? unit.toLowerCase() : '';
  const conversion = NON_BASE_UNITS[key];
  if (conversion) {
    return problem('non-base-unit', 'error', `unit "${String(unit)}" is not a base unit: use "${conversion.base}" and multiply values by ${conversion.factor}`);
  }
  return problem('unknown-unit', 'error', `unit ${JSON.stringify(String(unit))} is not one of: ${Object.keys(BASE_UNITS).join(', ')}`);
}

/** Checks the metric's declared key and the exposed name derived from it. */
export function validateMetricName(component: string, name: unknown, kind: MetricKind, unit?: string): DeclarationProblem[] {
  if (typeof name !== 'string' || toSnakeCase(name) === '') {
    return [problem('invalid-name', 'error', `metric name ${JSON.stringify(String(name))} must be a word such as "requests" or "queueDepth"`)];
  }
  const problems: DeclarationProblem[] = [];
  const full = exposedName(component, name, kind, unit);
  if (!METRIC_NAME_PATTERN.test(full)) problems.push(problem('invalid-name', 'error', `exposed name "${full}" does not match ${METRIC_NAME_PATTERN.source}`));
  const snake = toSnakeCase(name);
  for (const suffix of RESERVED_SUFFIXES) {
    if (snake.endsWith(suffix) || snake === suffix.slice(1)) problems.push(problem('reserved-suffix', 'error', `metric name "${name}" must not end with "${suffix}", which Prometheus reserves`));
  }
  for (const word of KIND_WORDS) {
    if (snake.split('_').includes(word)) problems.push(problem('kind-word-in-name', 'warning', `metric name "${name}" restates its kind ("${word}")`));
  }
  const segment = findNonBaseUnitSegment(name);
  if (segment) {
    const conv = NON_BASE_UNITS[segment];
    problems.push(problem('non-base-unit-in-name', 'warning', `metric name "${name}" names the non-base unit "${segment}"; record ${conv?.base ?? 'base units'} and declare unit "${conv?.base ?? ''}"`));
  }
  return problems;
}

/**
 * Every problem with one metric declaration, errors first. Pure: the runtime calls it once per
 * declaration, the linter calls it on the declaration it reads from source.
 */
export function validateDeclaration(input: DeclarationInput): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const component = validateComponent(input.component);
  if (component) problems.push(component);
  const unitProblem = validateUnit(input.unit);
  if (unitProblem) problems.push(unitProblem);
  const unit = typeof input.unit === 'string' && !unitProblem ? input.unit : undefined;
  if (!component) problems.push(...validateMetricName(input.component, input.name, input.kind, unit));
  if (typeof input.description !== 'string' || input.description.trim() === '') {
    problems.push(problem('missing-description', 'warning', 'description is empty: Prometheus HELP text and hovers will show the name instead'));
  }
  problems.push(...validateLabelNames(input.labels));
  if (input.kind === 'histogram') {
    const b = validateBuckets(input.buckets);
    if (b) problems.push(b);
  } else if (input.buckets !== undefined) {
    problems.push(problem('invalid-buckets', 'warning', `buckets are ignored on a ${input.kind}`));
  }
  if (input.maxSeries !== undefined && !(typeof input.maxSeries === 'number' && Number.isInteger(input.maxSeries) && input.maxSeries >= 1)) {
    problems.push(problem('invalid-max-series', 'warning', 'maxSeries must be a positive integer; the default applies'));
  }
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
