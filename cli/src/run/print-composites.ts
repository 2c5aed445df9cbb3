/**
 * Renders a run's metric series for the terminal: one table per kind of series, each with the statistics
 * of that kind (runs/store/series-summary.ts): counters as total, increase and rate; gauges and up-down
 * counters as last, min, max, avg; histograms as count, sum, avg and p50/p95/p99.
 */
import { formatAttributeValue } from '../../../runs/index';
import type { MetricSeries, Run } from '../../../runs/index';
import { formatSummary, seriesSummary, summaryColumns } from '../../../runs/store/series-summary';
import type { SeriesSummary, SummaryKind } from '../../../runs/store/series-summary';
import { CONTROL_CHARACTERS, paint } from './paint';

const LEADING = ['metric', 'labels', 'kind'] as const;
const KIND_ORDER: readonly SummaryKind[] = ['counter', 'gauge', 'histogram', 'distribution'];
const MAX_CELL = 48;

function cell(text: string): string {
  const flat = text.replace(CONTROL_CHARACTERS, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

function kindOf(s: MetricSeries): string {
  if (s.kind === 'sum') return s.isMonotonic ? 'counter' : 'updown';
  return s.kind === 'exponentialHistogram' ? 'exp-histogram' : s.kind;
}

function row(s: MetricSeries, summary: SeriesSummary, showService: boolean): string[] {
  const labels = s.labels.map((a) => `${a.key}=${formatAttributeValue(a.value, 40)}`).join(', ');
  const name = s.unit === '' ? s.name : `${s.name} (${s.unit})`;
  return [cell(showService ? `${s.resource.serviceName}/${name}` : name), cell(labels), kindOf(s), ...formatSummary(summary)];
}

/** Lines of one aligned table: the header in bold, numbers right-aligned. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], bold: (text: string) => string): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((text, i) => (i >= LEADING.length ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [bold(format(headers)), ...rows.map(format)];
}

/** The tables as lines of text, one per kind with a blank line between (empty when the run has no metrics). */
export function renderComposites(run: Run, options: { readonly color: boolean; readonly maxRows?: number }): string[] {
  const series = run.metrics
    .series()
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name));
  if (series.length === 0) return [];
  const p = paint(options.color);
  const maxRows = options.maxRows ?? 100;
  const showService = new Set(series.map((s) => s.resource.serviceName)).size > 1;
  const summarised = series.slice(0, maxRows).map((s) => ({ s, summary: seriesSummary(s) }));
  const lines: string[] = [];
  for (const kind of KIND_ORDER) {
    const rows = summarised.filter(({ summary }) => summary.kind === kind).map(({ s, summary }) => row(s, summary, showService));
    if (rows.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...table([...LEADING, ...summaryColumns(kind).map((c) => c.label)], rows, p.bold));
  }
  if (series.length > maxRows) lines.push(p.dim(`… ${series.length - maxRows} more series (--out for all)`));
  return lines;
}
