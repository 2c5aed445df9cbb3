/**
 * Live checks (pure): what a run emitted against what the code declares. Declarations come from the
 * language server (`statscope/listMetrics`), emitted series and spans from the run store; the result is a
 * list of findings placed on the declaring line (metrics) or the span's source line (`code.filepath`).
 * The extension shows them as diagnostics with source `statscope-run`.
 */
import type { DeclaredMetric } from '../../protocol/messages';
import { DEFAULT_MAX_SERIES_PER_METRIC, OVERFLOW_LABEL_VALUE } from '../../runtime/src/conventions/index';
import { formatAttributeValue } from '../store/attributes';
import type { Attribute, SpanRecord } from '../store/model';
import type { Run } from '../store/run';
import { plural } from '../tree/format';

/** Stable codes of the findings (the diagnostic `code`). */
export type LiveFindingCode = 'declared-not-emitted' | 'emitted-raw' | 'label-values' | 'series-overflow' | 'span-unended' | 'span-error';

/** Where a finding goes: a declaration (by document URI) or a span's source file (by path); 0-based line. */
export type LiveFindingLocation = { readonly uri: string; readonly line: number; readonly character: number } | { readonly filePath: string; readonly line: number; readonly character: number };

export interface LiveFinding {
  readonly code: LiveFindingCode;
  readonly severity: 'warning' | 'information';
  readonly message: string;
  readonly location: LiveFindingLocation;
}

/** What the checks read of an emitted series (a run store `MetricSeries` fits). */
export interface EmittedSeries {
  readonly name: string;
  readonly labels: readonly Attribute[];
}

export interface LiveCheckInput {
  readonly runLabel: string;
  /** False while the program runs: "not emitted" then means "not yet". */
  readonly isRunOver: boolean;
  readonly declared: readonly DeclaredMetric[];
  readonly series: readonly EmittedSeries[];
  /** The run's spans, or just its failed and unended ones ({@link problemSpans}): the others are skipped. */
  readonly spans: Iterable<SpanRecord>;
  /** The program's per-metric cap on label sets (the runtime's default unless configured). */
  readonly maxSeriesPerMetric?: number;
}

export interface LiveCheckResult {
  readonly findings: readonly LiveFinding[];
  /** Emitted metric names that no declaration in the workspace explains (no line to put them on). */
  readonly unlocatedNames: readonly string[];
}

/** The runtime's own metrics (`statscope_*`) are not the program's declarations. */
const SELF_METRIC_PREFIX = 'statscope_';
const SHOWN_VALUES = 5;

export function checkRun(input: LiveCheckInput): LiveCheckResult {
  const byName = groupByName(input.series);
  const findings: LiveFinding[] = [];
  const explained = new Set<string>();
  for (const metric of input.declared) {
    const names = emittedNamesOf(metric);
    const name = names.find((n) => byName.has(n));
    for (const n of names) explained.add(n);
    const location = { uri: metric.uri, line: metric.line, character: metric.character };
    if (name === undefined) {
      // prom-client metrics are scraped, never pushed over OTLP: a run cannot see them.
      if (metric.api !== 'prom-client') findings.push(notEmitted(metric, input, location));
      continue;
    }
    const series = byName.get(name) ?? [];
    if (metric.api !== 'statscope') {
      findings.push({ code: 'emitted-raw', severity: 'information', location, message: `Run '${input.runLabel}' emitted ${name} from a raw ${metric.api === 'otel' ? 'OpenTelemetry' : 'prom-client'} instrument (${plural(series.length, 'series', 'series')}); no stats struct declares it.` });
    }
    findings.push(...labelFindings(name, series, input, location));
  }
  const unlocatedNames = [...byName.keys()].filter((n) => !explained.has(n) && !n.startsWith(SELF_METRIC_PREFIX)).sort();
  findings.push(...spanFindings(input));
  return { findings, unlocatedNames };
}

function notEmitted(metric: DeclaredMetric, input: LiveCheckInput, location: LiveFindingLocation): LiveFinding {
  const when = input.isRunOver ? 'never emitted' : 'not emitted yet';
  return { code: 'declared-not-emitted', severity: input.isRunOver ? 'warning' : 'information', location, message: `${metric.exposedName} is declared but was ${when} in run '${input.runLabel}'.` };
}

/** The names a declaration may arrive under: Prometheus naming, OpenTelemetry naming, the declared name. */
export function emittedNamesOf(metric: DeclaredMetric): string[] {
  const names = [metric.exposedName];
  if (metric.api === 'statscope' && metric.component !== undefined) names.push(`${metric.component.toLowerCase()}.${snake(metric.name)}`);
  else names.push(metric.name);
  return [...new Set(names)];
}

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function groupByName(series: readonly EmittedSeries[]): Map<string, EmittedSeries[]> {
  const out = new Map<string, EmittedSeries[]>();
  for (const s of series) {
    const list = out.get(s.name);
    if (list === undefined) out.set(s.name, [s]);
    else list.push(s);
  }
  return out;
}

/** Label values seen per label with the observed cardinality against the cap, and the overflow series. */
function labelFindings(name: string, series: readonly EmittedSeries[], input: LiveCheckInput, location: LiveFindingLocation): LiveFinding[] {
  const cap = input.maxSeriesPerMetric ?? DEFAULT_MAX_SERIES_PER_METRIC;
  const overflow = series.some(isOverflowSeries);
  const regular = series.filter((s) => !isOverflowSeries(s));
  const values = new Map<string, Set<string>>();
  for (const s of regular) {
    for (const label of s.labels) {
      let set = values.get(label.key);
      if (set === undefined) values.set(label.key, (set = new Set()));
      set.add(formatAttributeValue(label.value, 80));
    }
  }
  const out: LiveFinding[] = [];
  if (overflow) {
    out.push({ code: 'series-overflow', severity: 'warning', location, message: `${name} hit the cardinality cap in run '${input.runLabel}': past ${plural(cap, 'label set')}, samples went to the ${OVERFLOW_LABEL_VALUE} series. Bound its label values.` });
  }
  if (values.size > 0) {
    const perLabel = [...values].map(([key, set]) => `${key}: ${plural(set.size, 'value')} (${[...set].slice(0, SHOWN_VALUES).join(', ')}${set.size > SHOWN_VALUES ? ', …' : ''})`);
    const isNearCap = regular.length * 2 >= cap;
    out.push({ code: 'label-values', severity: isNearCap && !overflow ? 'warning' : 'information', location, message: `${name} in run '${input.runLabel}': ${plural(regular.length, 'label set')} of ${cap.toLocaleString('en-US')} allowed; ${perLabel.join('; ')}.` });
  }
  return out;
}

function isOverflowSeries(series: EmittedSeries): boolean {
  return series.labels.length > 0 && series.labels.every((l) => l.value === OVERFLOW_LABEL_VALUE);
}

interface SpanSite {
  readonly filePath: string;
  readonly line: number;
  readonly name: string;
  errors: number;
  unended: number;
  lastError: string;
}

/**
 * The spans the checks look at: those that failed or did not end. Only traces that count such a span are
 * read, so a check over a large healthy run costs one pass over its traces, not its spans.
 */
export function* problemSpans(run: Pick<Run, 'traces'>): IterableIterator<SpanRecord> {
  for (const trace of run.traces()) {
    if (trace.errorCount === 0 && trace.unendedCount === 0) continue;
    for (const span of trace.spans()) if (span.isError || span.isUnended) yield span;
  }
}

/** Unended and failed spans, grouped per source line and span name. */
function spanFindings(input: LiveCheckInput): LiveFinding[] {
  const sites = new Map<string, SpanSite>();
  for (const span of input.spans) {
    if (!span.isError && !span.isUnended) continue;
    const code = span.code;
    if (code === undefined || code.lineNumber === undefined) continue;
    const key = `${code.filePath}\n${code.lineNumber}\n${span.name}`;
    let site = sites.get(key);
    if (site === undefined) sites.set(key, (site = { filePath: code.filePath, line: Math.max(0, code.lineNumber - 1), name: span.name, errors: 0, unended: 0, lastError: '' }));
    if (span.isError) {
      site.errors++;
      if (span.status.message !== '') site.lastError = span.status.message;
    }
    if (span.isUnended) site.unended++;
  }
  const out: LiveFinding[] = [];
  for (const site of sites.values()) {
    const location = { filePath: site.filePath, line: site.line, character: 0 };
    if (site.unended > 0) {
      out.push({ code: 'span-unended', severity: 'warning', location, message: `${plural(site.unended, `'${site.name}' span`)} had not ended when run '${input.runLabel}' exported ${site.unended === 1 ? 'it' : 'them'}.` });
    }
    if (site.errors > 0) {
      const last = site.lastError === '' ? '' : ` (last: ${site.lastError})`;
      out.push({ code: 'span-error', severity: 'warning', location, message: `${plural(site.errors, `'${site.name}' span`)} ended with an error in run '${input.runLabel}'${last}.` });
    }
  }
  return out;
}
