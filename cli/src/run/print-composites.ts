/**
 * Renders a run's metric series as a composites table (count, sum, avg, min, max, rate, last) for
 * the terminal; see `runs/store/composites.ts` for what each column means per metric kind.
 */
import { formatAttributeValue, formatNumber } from '../../../runs/index';
import type { MetricSeries, Run } from '../../../runs/index';
import { CONTROL_CHARACTERS, paint } from './paint';

const HEADERS = ['metric', 'labels', 'kind', 'count', 'sum', 'avg', 'min', 'max', 'rate/s', 'last'] as const;
const NUMERIC_FROM = 3;
const MAX_CELL = 48;

function cell(text: string): string {
  const flat = text.replace(CONTROL_CHARACTERS, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

function kindOf(s: MetricSeries): string {
  if (s.kind === 'sum') return s.isMonotonic ? 'counter' : 'updown';
  return s.kind === 'exponentialHistogram' ? 'exp-histogram' : s.kind;
}

function row(s: MetricSeries, showService: boolean): string[] {
  const c = s.composites();
  const labels = s.labels.map((a) => `${a.key}=${formatAttributeValue(a.value, 40)}`).join(', ');
  const name = s.unit === '' ? s.name : `${s.name} (${s.unit})`;
  return [
    cell(showService ? `${s.resource.serviceName}/${name}` : name),
    cell(labels),
    kindOf(s),
    formatNumber(c.count),
    formatNumber(c.sum),
    formatNumber(c.avg),
    formatNumber(c.min),
    formatNumber(c.max),
    formatNumber(c.rate),
    formatNumber(c.last),
  ];
}

/** The table as lines of text (empty when the run has no metrics). */
export function renderComposites(run: Run, options: { readonly color: boolean; readonly maxRows?: number }): string[] {
  const series = run.metrics
    .series()
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name));
  if (series.length === 0) return [];
  const p = paint(options.color);
  const maxRows = options.maxRows ?? 100;
  const showService = new Set(series.map((s) => s.resource.serviceName)).size > 1;
  const rows = series.slice(0, maxRows).map((s) => row(s, showService));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((text, i) => (i >= NUMERIC_FROM ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const lines = [p.bold(format(HEADERS)), ...rows.map(format)];
  if (series.length > maxRows) lines.push(p.dim(`… ${series.length - maxRows} more series (--out for all)`));
  return lines;
}
