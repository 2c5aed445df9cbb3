/**
 * The Logs panel (browser side): a run selector, a level and a text filter (applied by the host), and
 * the matching lines as a table of time, level, message, attributes and span. A line's span button asks
 * the host to reveal that span and its source. Every value is set as text.
 */
import { LOG_LEVEL_NAMES } from '../../protocol/webview';
import type { LogFilter, LogLineView, LogsPanelMessage, LogsPanelState, LogsRunView, LogsWebviewMessage } from '../../protocol/webview';
import { clear, domReport, el } from './dom';
import { RunSelect } from './run-select';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<LogsPanelState, LogsWebviewMessage>();
const FILTER_DELAY_MS = 200;

const root = document.getElementById('app') as HTMLElement;
const runs = new RunSelect((runId) => {
  saveState(runId);
  vscode.postMessage({ type: 'selectRun', runId });
});
const runSelect = runs.element;
const state = el('span', { className: 'state' });
const levelSelect = el('select', { className: 'level-select', title: 'Lowest level shown' });
const textInput = el('input', { className: 'text-filter', title: 'Show lines whose message, attributes, logger or span contain this text' });
const summary = el('p', { className: 'summary' });
const notice = el('p', { className: 'description older-notice' });
const body = el('tbody');
const table = el(
  'table',
  { className: 'logs' },
  el('thead', {}, el('tr', {}, ...['time', 'level', 'message', 'attributes', 'span'].map((h) => el('th', { text: h, className: `col-${h}` })))),
  body,
);
const empty = el('p', { className: 'empty' });
textInput.type = 'search';
textInput.placeholder = 'Filter text';
for (const [value, text] of [['all', 'all levels'], ...LOG_LEVEL_NAMES.map((l) => [l, `${l} and above`])] as const) {
  const option = el('option', { text });
  option.value = value;
  levelSelect.appendChild(option);
}
root.append(
  el('header', {}, el('h1', { text: 'Logs' }), el('label', { className: 'run-label', text: 'Run ' }, runSelect), state),
  el('div', { className: 'log-filters' }, el('label', { text: 'Level ' }, levelSelect), textInput),
  summary,
  notice,
  el('div', { className: 'table-scroll' }, table),
  empty,
);
let filterTimer: ReturnType<typeof setTimeout> | undefined;

levelSelect.addEventListener('change', () => sendFilter());
textInput.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(sendFilter, FILTER_DELAY_MS);
});

function currentFilter(): LogFilter {
  const level = levelSelect.value;
  return { minLevel: level === 'all' ? 'all' : (LOG_LEVEL_NAMES.find((l) => l === level) ?? 'all'), text: textInput.value };
}

function sendFilter(): void {
  clearTimeout(filterTimer);
  saveState(runSelect.value);
  vscode.postMessage({ type: 'filterLogs', filter: currentFilter() });
}

function saveState(runId: string): void {
  vscode.setState({ runId: runId === '' ? undefined : runId, filter: currentFilter() });
}

window.addEventListener('message', (event: MessageEvent<LogsPanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'logs':
      runs.update(message.runs, message.run?.runId);
      showFilter(message.filter);
      render(message.run);
      saveState(message.run?.runId ?? '');
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: message.requestId, report: domReport() });
      break;
  }
});

/** Shows the host's filter, unless the user is typing a newer one. */
function showFilter(filter: LogFilter): void {
  levelSelect.value = filter.minLevel;
  if (filterTimer === undefined && document.activeElement !== textInput) textInput.value = filter.text;
}

function render(run: LogsRunView | undefined): void {
  const scroller = document.scrollingElement ?? document.documentElement;
  const wasAtBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 4;
  clear(body);
  notice.textContent = '';
  if (run === undefined) {
    state.textContent = '';
    summary.textContent = '';
    table.hidden = true;
    empty.textContent = 'No runs yet. Run a program with "Statscope: Run with Tracing", or open a run file.';
    return;
  }
  state.textContent = run.isLive ? `${run.state} · live` : run.state;
  state.classList.toggle('live', run.isLive);
  summary.textContent = run.summary;
  if (run.olderMatching > 0) notice.textContent = `${run.olderMatching.toLocaleString('en-US')} more matching lines are older than these; narrow the filter to see them.`;
  table.hidden = run.lines.length === 0;
  empty.textContent = run.lines.length > 0 ? '' : run.isLive ? 'Waiting for log records…' : 'No log records match.';
  for (const line of run.lines) body.appendChild(lineRow(line));
  if (wasAtBottom && run.isLive) scroller.scrollTop = scroller.scrollHeight;
}

function lineRow(line: LogLineView): HTMLElement {
  const span = el('td', { className: 'col-span' });
  if (line.span !== undefined) {
    const target = line.span;
    const button = el('button', { className: 'span-link', text: target.name, title: `Reveal span ${target.spanId} of trace ${target.traceId} and its source` });
    button.type = 'button';
    button.addEventListener('click', () => vscode.postMessage({ type: 'revealLogSpan', traceId: target.traceId, spanId: target.spanId }));
    span.appendChild(button);
  }
  const message = el('td', { className: 'col-message', text: line.message });
  if (line.logger !== '' && line.logger !== 'statscope') message.prepend(el('span', { className: 'logger', text: `[${line.logger}] ` }));
  return el(
    'tr',
    { className: `log-line level-${line.level}` },
    el('td', { className: 'col-time num', text: line.time, title: line.timestamp }),
    el('td', { className: 'col-level', text: line.level }),
    message,
    el('td', { className: 'col-attributes', text: line.attributes }),
    span,
  );
}

vscode.postMessage({ type: 'ready' });
