/**
 * The Metrics panel (browser side): a run selector, then one card per metric with its composites
 * per label set, a sparkline of recent values and, for histograms, bucket bars. Renders the host's
 * `metrics` messages; every value is set as text.
 */
import type { MetricsPanelMessage, MetricsPanelState, MetricsRunView, MetricsWebviewMessage, MetricView, RunOption, SeriesView } from '../../protocol/webview';
import { clear, domReport, el } from './dom';
import { sparkline } from './sparkline';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<MetricsPanelState, MetricsWebviewMessage>();
const COLUMNS = ['labels', 'count', 'avg', 'min', 'max', 'rate', 'last', 'recent'] as const;

const root = document.getElementById('app') as HTMLElement;
const select = el('select', { className: 'run-select', title: 'Run' });
const state = el('span', { className: 'state' });
const summary = el('p', { className: 'summary' });
const content = el('div', { className: 'metrics' });
root.append(el('header', {}, el('h1', { text: 'Metrics' }), el('label', { className: 'run-label', text: 'Run ' }, select), state), summary, content);
let shownOptions = '';

select.addEventListener('change', () => {
  vscode.setState({ runId: select.value });
  vscode.postMessage({ type: 'selectRun', runId: select.value });
});

window.addEventListener('message', (event: MessageEvent<MetricsPanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'metrics':
      renderRuns(message.runs, message.run?.runId);
      render(message.run);
      if (message.run !== undefined) vscode.setState({ runId: message.run.runId });
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: message.requestId, report: domReport() });
      break;
  }
});

function renderRuns(runs: readonly RunOption[], selected: string | undefined): void {
  const key = JSON.stringify(runs);
  if (key !== shownOptions) {
    shownOptions = key;
    clear(select);
    for (const run of runs) {
      const option = el('option', { text: run.label });
      option.value = run.id;
      select.appendChild(option);
    }
  }
  select.disabled = runs.length === 0;
  if (selected !== undefined) select.value = selected;
}

function render(run: MetricsRunView | undefined): void {
  clear(content);
  if (run === undefined) {
    state.textContent = '';
    summary.textContent = 'No runs yet. Run a program with "Statscope: Run with Tracing", or open a run file.';
    return;
  }
  state.textContent = run.isLive ? `${run.state} · live` : run.state;
  state.classList.toggle('live', run.isLive);
  summary.textContent = run.summary;
  if (run.metrics.length === 0) {
    content.appendChild(el('p', { className: 'empty', text: run.isLive ? 'Waiting for the first metrics…' : 'This run has no metrics.' }));
    return;
  }
  for (const metric of run.metrics) content.appendChild(metricCard(metric));
}

function metricCard(metric: MetricView): HTMLElement {
  const heading = el('h2', {}, el('span', { className: 'metric-name', text: metric.name }), el('span', { className: 'kind', text: metric.kind }));
  if (metric.unit !== '') heading.appendChild(el('span', { className: 'unit', text: metric.unit }));
  const head = el('tr');
  for (const column of COLUMNS) head.appendChild(el('th', { text: column, className: column === 'labels' ? 'labels' : 'num' }));
  const body = el('tbody');
  for (const series of metric.series) {
    body.appendChild(seriesRow(series, metric.name));
    if (series.buckets !== undefined) body.appendChild(bucketRow(series));
  }
  const card = el('section', { className: 'metric' }, heading);
  if (metric.description !== '') card.appendChild(el('p', { className: 'description', text: metric.description }));
  card.appendChild(el('div', { className: 'table-scroll' }, el('table', { className: 'composites' }, el('thead', {}, head), body)));
  return card;
}

function seriesRow(series: SeriesView, name: string): HTMLElement {
  const c = series.composites;
  const row = el('tr', {}, el('td', { className: 'labels', text: series.labels }));
  for (const value of [c.count, c.avg, c.min, c.max, c.rate, c.last]) row.appendChild(el('td', { className: 'num', text: value }));
  row.appendChild(el('td', { className: 'trend' }, sparkline(series.sparkline, `${name} {${series.labels}}: recent values`)));
  return row;
}

function bucketRow(series: SeriesView): HTMLElement {
  const bars = el('div', { className: 'buckets' });
  for (const bucket of series.buckets ?? []) {
    const fill = el('span', { className: 'fill' });
    fill.style.width = `${(bucket.share * 100).toFixed(1)}%`;
    bars.appendChild(el('div', { className: 'bucket' }, el('span', { className: 'bucket-label', text: bucket.label }), el('span', { className: 'bar' }, fill), el('span', { className: 'bucket-count num', text: String(bucket.count) })));
  }
  const cell = el('td', {}, bars);
  cell.colSpan = COLUMNS.length;
  return el('tr', { className: 'histogram' }, cell);
}

// The saved state (the run shown) goes to the host's serializer after a reload; the host decides what to show.
vscode.postMessage({ type: 'ready' });
