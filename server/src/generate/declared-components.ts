/**
 * What the generators read: the components declared in the workspace and their metrics, as plain data. Built from
 * the workspace index's language-neutral facts (statscope structs; any front end that fills `StructDecl` feeds
 * it), so TypeScript and Python declarations generate the same dashboards and rules.
 *
 * Only statscope structs are read: prom-client and OpenTelemetry instruments have no component and no
 * thresholds. Names that Prometheus could not accept (a non-constant key, a label outside the grammar) are
 * left out with a warning instead of producing a broken query.
 */
import { LABEL_NAME_PATTERN, METRIC_NAME_PATTERN, RESERVED_LABELS, RESERVED_LABEL_PREFIX } from '../../../runtime/src/conventions';
import { exposedNameOf } from '../engine/exposed';
import type { AlertFact, FileFacts, MetricDecl, SloFact, SloQuantile } from '../engine/facts';

/** An alert severity; anything else declared falls back to the kind's default. */
export type Severity = 'page' | 'ticket';

/** A quantile objective: `p95` at most `value` (in the metric's unit). */
export interface Objective {
  readonly quantile: SloQuantile;
  /** 0.95 for `p95`. */
  readonly phi: number;
  readonly value: number;
}

/** Alert timing and routing shared by objectives and thresholds. */
export interface AlertTiming {
  /** A Prometheus duration. */
  readonly for: string;
  readonly severity: Severity;
}

/** One metric to generate for. */
export interface DeclaredMetric {
  /** The struct key. */
  readonly key: string;
  /** The name Prometheus exposes (`inference_latency_seconds`). */
  readonly exposedName: string;
  readonly kind: 'counter' | 'gauge' | 'histogram';
  readonly description: string;
  readonly unit: string | undefined;
  /** Declared label names that Prometheus accepts. */
  readonly labels: readonly string[];
  readonly objectives: readonly Objective[];
  readonly objectiveTiming: AlertTiming;
  readonly threshold?: Threshold;
}

/** A counter's or gauge's alerting threshold. */
export interface Threshold extends AlertTiming {
  readonly above?: number;
  readonly below?: number;
}

/** One component (a `defineStats` struct; structs of the same component are merged). */
export interface DeclaredComponent {
  readonly name: string;
  readonly metrics: readonly DeclaredMetric[];
}

/** The components, sorted by name, and what was left out. */
export interface DeclaredModel {
  readonly components: readonly DeclaredComponent[];
  readonly warnings: readonly string[];
}

const DEFAULT_FOR = '5m';
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** True for a duration Prometheus accepts in a rule's `for` (`30s`, `5m`, `1h30m`). */
export function isPrometheusDuration(text: string): boolean {
  return DURATION.test(text);
}

/** True for a severity the generated rules know. */
export function isSeverity(text: string): text is Severity {
  return text === 'page' || text === 'ticket';
}
const PHI: ReadonlyMap<SloQuantile, number> = new Map([
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
]);

/** Reads every statscope struct of the indexed files. */
export function declaredComponents(files: Iterable<FileFacts>): DeclaredModel {
  const byName = new Map<string, Map<string, DeclaredMetric>>();
  const warnings: string[] = [];
  for (const facts of files) {
    for (const struct of facts.structs) {
      const component = struct.component.value;
      if (component === undefined) continue;
      const metrics = byName.get(component) ?? new Map<string, DeclaredMetric>();
      byName.set(component, metrics);
      for (const decl of struct.metrics) {
        const metric = declaredMetric(decl, (w) => warnings.push(`${facts.fileName}:${decl.nameRange.start.line + 1}: ${w}`));
        if (metric && !metrics.has(metric.exposedName)) metrics.set(metric.exposedName, metric);
      }
    }
  }
  const components = [...byName]
    .filter(([, metrics]) => metrics.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, metrics]) => ({ name, metrics: [...metrics.values()] }));
  return { components, warnings };
}

function declaredMetric(decl: MetricDecl, warn: (message: string) => void): DeclaredMetric | undefined {
  const kind = decl.kind;
  if (decl.name === undefined || (kind !== 'counter' && kind !== 'gauge' && kind !== 'histogram')) return undefined;
  const exposedName = exposedNameOf(decl);
  if (exposedName === undefined || !METRIC_NAME_PATTERN.test(exposedName)) {
    warn(`${JSON.stringify(decl.name)} is left out: its exposed name is not a Prometheus metric name`);
    return undefined;
  }
  const labels: string[] = [];
  for (const name of decl.labels?.names ?? []) {
    if (name !== undefined && isUsableLabel(name)) labels.push(name);
    else warn(`${exposedName}: label ${JSON.stringify(name ?? '(not a constant)')} is left out of the queries`);
  }
  return {
    key: decl.name,
    exposedName,
    kind,
    description: decl.description?.value ?? '',
    unit: decl.unit?.value,
    labels,
    objectives: decl.slo ? objectivesOf(decl.slo) : [],
    objectiveTiming: timingOf(decl.slo, 'page', exposedName, warn),
    ...(decl.alert ? { threshold: thresholdOf(decl.alert, exposedName, warn) } : {}),
  };
}

function isUsableLabel(name: string): boolean {
  return LABEL_NAME_PATTERN.test(name) && !name.startsWith(RESERVED_LABEL_PREFIX) && !RESERVED_LABELS.includes(name);
}

function objectivesOf(slo: SloFact): Objective[] {
  return slo.quantiles.filter((q) => Number.isFinite(q.value)).map((q) => ({ quantile: q.quantile, phi: PHI.get(q.quantile) ?? 0.5, value: q.value }));
}

function thresholdOf(alert: AlertFact, name: string, warn: (message: string) => void): Threshold {
  const finite = (n: number | undefined): number | undefined => (n !== undefined && Number.isFinite(n) ? n : undefined);
  const above = finite(alert.above);
  const below = finite(alert.below);
  return { ...(above === undefined ? {} : { above }), ...(below === undefined ? {} : { below }), ...timingOf(alert, 'ticket', name, warn) };
}

function timingOf(fact: { readonly for?: string; readonly severity?: string } | undefined, severity: Severity, name: string, warn: (message: string) => void): AlertTiming {
  let duration = fact?.for ?? DEFAULT_FOR;
  if (!isPrometheusDuration(duration)) {
    warn(`${name}: ${JSON.stringify(duration)} is not a Prometheus duration; ${DEFAULT_FOR} is used`);
    duration = DEFAULT_FOR;
  }
  const declared = fact?.severity;
  if (declared !== undefined && !isSeverity(declared)) warn(`${name}: severity ${JSON.stringify(declared)} is not page or ticket; ${severity} is used`);
  return { for: duration, severity: declared !== undefined && isSeverity(declared) ? declared : severity };
}
