/**
 * The Metrics panel (browser side): a run selector, a time-series chart of one metric (all label sets or
 * one), then one card per metric with the statistics of its kind per label set and, for histograms,
 * bucket bars. A bucket's (or counter's) exemplar is a button that opens its trace in the Trace timeline.
 * Renders the host's `metrics` messages; every value is set as text.
 */
import type { ExemplarView, MetricsPanelMessage, MetricsPanelState, MetricsRunView, MetricsWebviewMessage, MetricView, SeriesView } from '../../protocol/webview';
import { clear, domReport, el } from './dom';
import { MetricChartView } from './metric-chart';
import { RunSelect } from './run-select';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<MetricsPanelState, MetricsWebviewMessage>();
const ALL_SERIES = '';

const root = document.getElementById('app') as HTMLElement;
const runs = new RunSelect((runId) => {
  vscode.setState({ runId });
  vscode.postMessage({ type: 'selectRun', runId });
});
const state = el('span', { className: 'state' });
const summary = el('p', { className: 'summary' });
const chartMetric = el('select', { className: 'chart-metric', title: 'Metric to chart' });
const chartSeries = el('select', { className: 'chart-series', title: 'Label set to chart' });
const fullWidth = el('button', { className: 'full-width', text: 'Full width', title: 'Maximise this panel’s editor group (again to restore)' });
const chartCaption = el('p', { className: 'description chart-caption' });
const chartBox = el('div', { className: 'chart' });
const chartSection = el(
  'section',
  { className: 'chart-section' },
  el('div', { className: 'chart-controls' }, el('label', { text: 'Chart ' }, chartMetric), el('label', { text: 'Series ' }, chartSeries), fullWidth),
  chartCaption,
  chartBox,
);
const content = el('div', { className: 'metrics' });
root.append(el('header', {}, el('h1', { text: 'Metrics' }), el('label', { className: 'run-label', text: 'Run ' }, runs.element), state), summary, chartSection, content);
fullWidth.type = 'button';
const chart = new MetricChartView(chartBox);
let current: MetricsRunView | undefined;

chartMetric.addEventListener('change', () => {
  chartSeries.value = ALL_SERIES;
  renderChart();
});
chartSeries.addEventListener('change', () => renderChart());
fullWidth.addEventListener('click', () => vscode.postMessage({ type: 'toggleFullWidth' }));

window.addEventListener('message', (event: MessageEvent<MetricsPanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'metrics':
      runs.update(message.runs, message.run?.runId);
      render(message.run);
      if (message.run !== undefined) vscode.setState({ runId: message.run.runId });
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: message.requestId, report: domReport() });
      break;
  }
});

/** Replaces a select's options (value, text), keeping the selected value when it is still offered. */
function replaceOptions(target: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const keep = target.value;
  clear(target);
  for (const [value, text] of options) {
    const option = el('option', { text });
    option.value = value;
    target.appendChild(option);
  }
  if (options.some(([value]) => value === keep)) target.value = keep;
}

function render(run: MetricsRunView | undefined): void {
  current = run;
  clear(content);
  if (run === undefined) {
    state.textContent = '';
    summary.textContent = 'No runs yet. Run a program with "Statscope: Run with Tracing", or open a run file.';
    renderChart();
    return;
  }
  state.textContent = run.isLive ? `${run.state} · live` : run.state;
  state.classList.toggle('live', run.isLive);
  summary.textContent = run.summary;
  replaceOptions(chartMetric, run.metrics.map((m) => [m.name, m.name]));
  renderChart();
  if (run.metrics.length === 0) {
    content.appendChild(el('p', { className: 'empty', text: run.isLive ? 'Waiting for the first metrics…' : 'This run has no metrics.' }));
    return;
  }
  for (const metric of run.metrics) content.appendChild(metricCard(metric));
}

function renderChart(): void {
  const metric = current?.metrics.find((m) => m.name === chartMetric.value);
  chartSection.hidden = metric === undefined;
  if (metric === undefined) {
    chart.destroy();
    return;
  }
  replaceOptions(chartSeries, [[ALL_SERIES, `all label sets (${metric.chart.lines.length})`], ...metric.chart.lines.map((l): [string, string] => [l.key, l.label])]);
  const omitted = metric.chart.omittedLines > 0 ? ` · ${metric.chart.omittedLines} more label sets are in the table only` : '';
  chartCaption.textContent = `${metric.name}: ${metric.chart.meaning}${metric.chart.unit === '' ? '' : ` (${metric.chart.unit})`} over time${omitted}`;
  chart.update(metric.chart, chartSeries.value === ALL_SERIES ? undefined : chartSeries.value);
}

function metricCard(metric: MetricView): HTMLElement {
  const show = el('button', { className: 'show-chart', text: 'Chart', title: `Show ${metric.name} in the chart` });
  show.type = 'button';
  show.addEventListener('click', () => {
    chartMetric.value = metric.name;
    chartSeries.value = ALL_SERIES;
    renderChart();
    chartSection.scrollIntoView({ block: 'start' });
  });
  const heading = el('h2', {}, el('span', { className: 'metric-name', text: metric.name }), el('span', { className: 'kind', text: metric.kind }));
  if (metric.unit !== '') heading.appendChild(el('span', { className: 'unit', text: metric.unit }));
  heading.appendChild(show);
  const head = el('tr', {}, el('th', { text: 'labels', className: 'labels' }));
  for (const column of metric.columns) head.appendChild(el('th', { text: column.label, title: column.title, className: 'num' }));
  const body = el('tbody');
  for (const series of metric.series) {
    body.appendChild(seriesRow(series));
    if (series.buckets !== undefined) body.appendChild(bucketRow(series, metric.columns.length + 1));
  }
  const card = el('section', { className: 'metric' }, heading);
  if (metric.description !== '') card.appendChild(el('p', { className: 'description', text: metric.description }));
  card.appendChild(el('div', { className: 'table-scroll' }, el('table', { className: 'composites' }, el('thead', {}, head), body)));
  return card;
}

function seriesRow(series: SeriesView): HTMLElement {
  const row = el('tr', {}, el('td', { className: 'labels', text: series.labels }));
  series.cells.forEach((value, i) => {
    const cell = el('td', { className: 'num', text: value });
    // A counter's exemplar sits next to its total (the first statistic).
    if (i === 0 && series.exemplar !== undefined) cell.append(' ', exemplarLink(series.exemplar));
    row.appendChild(cell);
  });
  return row;
}

/** A button with the exemplar's value, time and short trace id; a click opens the trace at its span. */
function exemplarLink(exemplar: ExemplarView): HTMLElement {
  const text = `${exemplar.value} @ ${exemplar.time} · trace ${exemplar.shortTraceId}${exemplar.isTraceInRun ? '' : ' (not in run)'}`;
  const title = exemplar.isTraceInRun ? `Open trace ${exemplar.traceId} at span ${exemplar.spanId} in the Trace timeline` : `Trace ${exemplar.traceId} did not arrive in this run`;
  const button = el('button', { className: exemplar.isTraceInRun ? 'link exemplar' : 'link exemplar missing', text, title });
  button.type = 'button';
  button.dataset['traceId'] = exemplar.traceId;
  button.addEventListener('click', () => vscode.postMessage({ type: 'openExemplar', traceId: exemplar.traceId, spanId: exemplar.spanId }));
  return button;
}

function bucketRow(series: SeriesView, columns: number): HTMLElement {
  const bars = el('div', { className: 'buckets' });
  for (const bucket of series.buckets ?? []) {
    const fill = el('span', { className: 'fill' });
    fill.style.width = `${(bucket.share * 100).toFixed(1)}%`;
    const exemplar = bucket.exemplar === undefined ? el('span') : exemplarLink(bucket.exemplar);
    bars.appendChild(el('div', { className: 'bucket' }, el('span', { className: 'bucket-label', text: bucket.label }), el('span', { className: 'bar' }, fill), el('span', { className: 'bucket-count num', text: String(bucket.count) }), exemplar));
  }
  const cell = el('td', {}, bars);
  cell.colSpan = columns;
  return el('tr', { className: 'histogram' }, cell);
}

// The saved state (the run shown) goes to the host's serializer after a reload; the host decides what to show.
vscode.postMessage({ type: 'ready' });
